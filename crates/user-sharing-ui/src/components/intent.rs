//! What the owner asks for from the dialog, as one value.
//!
//! The owner's view hands its panels a single `Callback<Intent>` and runs
//! the matching action; a button's click is [`on_click`] with its intent.
//! One closure type for every button, instead of one per button and per
//! event type (each its own code, vtable and drop glue in the wasm).

use hub_sharing::{Ends, GranteeKind, Level, Share};
use yew::prelude::*;

use crate::state::Confirm;

/// One thing the owner asked for.
#[derive(Clone)]
pub enum Intent {
    /// Picked the lifetime of the next link (seconds).
    Pick(u64),
    /// Generate a link valid for this many seconds; whether it opens the
    /// current document.
    Generate(u64, bool),
    /// Picked what invitees of the next link can do.
    Level(Level),
    /// Picked when their access ends.
    Ends(Ends),
    /// Copy a link: the link, and the id of its field.
    Copy(String, String),
    /// Revoke the link with this id.
    RevokeLink(String),
    /// Open this confirmation.
    Ask(Confirm),
    /// Revoke every link (confirmed).
    RevokeLinks,
    /// Close the confirmation: revoke nothing.
    Cancel,
    /// Reload the lists (Refresh, Try again).
    Refresh,
    /// Revoke everyone (confirmed).
    RevokeAll,
    /// Revoke one user's or group's access.
    Revoke(Share),
    /// Share with a user or group: the kind and the name as typed.
    Share(GranteeKind, String),
}

/// A click that asks for `intent`.
#[inline(never)]
pub fn on_click(on: &Callback<Intent>, intent: Intent) -> Callback<MouseEvent> {
    let on = on.clone();
    Callback::from(move |_| on.emit(intent.clone()))
}

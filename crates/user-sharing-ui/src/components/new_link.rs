//! An invite link created in this page: the link, Copy link, its expiry.

use yew::prelude::*;

use crate::components::intent::{on_click, Intent};
use crate::components::parts::{label_for, p, Button};
use crate::host::Config;
use crate::messages::link_expiry;
use crate::state::NewLink;

/// The link in a read-only field, with its Copy link button, which asks
/// for [`Intent::Copy`] of the link and the id of its field (selected and copied from there
/// when the clipboard API is refused). (A view function, not a component: one fewer component
/// type in the wasm.)
pub fn new_link(config: &Config, link: &NewLink, on: &Callback<Intent>, now: i64) -> Html {
    let s = &config.strings;
    let input_id = format!("jp-UserSharing-link-{}", link.id);
    let copy = on_click(on, Intent::Copy(link.url.clone(), input_id.clone()));
    let expiry = link
        .expires_at
        .as_deref()
        .map(|e| link_expiry(config, e, now));
    html! {
        <div class="jp-UserSharing-link" key={format!("{}:{}", link.id, link.created_at)}>
            { label_for(input_id.clone().into(), s.link_label.clone()) }
            <div class="jp-UserSharing-linkRow">
                <input id={input_id} class="jp-mod-styled jp-UserSharing-linkInput" type="text" readonly=true value={link.url.clone()} />
                { Button::new("jp-mod-styled jp-UserSharing-copy", &s.copy_link, copy).html() }
            </div>
            if let Some(expiry) = expiry {
                { p("jp-UserSharing-expiry", expiry) }
            }
        </div>
    }
}

//! "Invite links": generate, copy, and revoke all share links.

use std::cell::RefCell;

use yew::prelude::*;

use crate::components::confirm_bar::confirm_bar;
use crate::components::generate_row::generate_row;
use crate::components::intent::{on_click, Intent};
use crate::components::link_summary::{link_summary, ActiveLinks};
use crate::components::link_table::link_table;
use crate::components::new_link::new_link;
use crate::components::parts::{alert, section, Button};
use crate::focus::{self, KeepFocus};
use crate::host::Config;
use crate::state::{Confirm, NewLink, State};
use crate::strings::fill;

/// The invite-link section of the owner's view: `lifetime` is that of the
/// next link (picked, else the setting's; `None` when the setting is out of
/// the hub's range), `now` the time on the hub's clock (ms since the epoch).
/// (A view function, not a component: one fewer component type in the
/// wasm; its hooks, [`focus::use_keep_focus`] and the effect that calls
/// [`copy_takes_focus`], are the owner's view's.)
pub fn links_panel(
    config: &Config,
    state: &State,
    on: &Callback<Intent>,
    keep: &KeepFocus,
    lifetime: Option<u64>,
    now: i64,
) -> Html {
    let s = &config.strings;
    let busy = state.busy.is_some();
    let active = state.codes.as_ref().map(|c| ActiveLinks::of(c, now));
    let nothing_to_revoke = active.is_none_or(|a| a.count == 0) && state.new_links.is_empty();
    section(
        "jp-UserSharing-links",
        s.links_heading.clone(),
        Html::default(),
        keep,
        html! {
            <>
                { generate_row(config, lifetime, busy, state.levels.then_some(state.link_access), on) }
                if lifetime.is_none() {
                    { alert(fill(&s.lifetime_invalid, &[&config.link_lifetime_text()])) }
                }
                { for state.new_links.iter().map(|link| new_link(config, link, on, now)) }
                { link_summary(config, active) }
                if let Some(codes) = &state.codes {
                    { link_table(config, codes, now, busy, on) }
                }
                if state.confirm == Some(Confirm::RevokeLinks) {
                    { confirm_bar(config, s.confirm_revoke_links.clone(), None,
                        on_click(on, Intent::RevokeLinks), on_click(on, Intent::Cancel)) }
                } else {
                    { Button::new("jp-mod-styled jp-mod-warn jp-UserSharing-revokeLinks", &s.revoke_links,
                        on_click(on, Intent::Ask(Confirm::RevokeLinks))).disabled(nothing_to_revoke).busy(busy).html() }
                }
            </>
        },
    )
}

/// A new link: its Copy link button takes the focus from Generate (the next
/// thing to do), unless the owner has moved on meanwhile. `before` is the
/// newest link (id, creation time) when last called; `None` the first time.
pub fn copy_takes_focus(
    section: &NodeRef,
    before: &RefCell<Option<Option<(String, String)>>>,
    newest: Option<&NewLink>,
) {
    let newest = newest.map(|l| (l.id.clone(), l.created_at.clone()));
    let previous = before.borrow_mut().replace(newest.clone());
    if let (Some(previous), Some(_), Some(el)) =
        (previous, &newest, section.cast::<web_sys::Element>())
    {
        let generate = el.query_selector(".jp-UserSharing-generate").ok().flatten();
        if previous != newest && (focus::lost() || generate.is_some_and(|g| focus::has_focus(&g))) {
            focus::focus_first(&el, &[".jp-UserSharing-copy"]);
        }
    }
}

//! Every invite link the hub lists for this server, one per row: when it
//! was made, when it expires (kept up to date while the dialog is open),
//! how often and when it was last used, and **Revoke link**.
//!
//! The rows are the hub's list as it came: the hub decides which links are
//! live, so nothing is hidden by the browser's clock. The hub never gives a
//! link's address again, so the rows cannot be copied; one line says so.

use hub_sharing::ShareCode;
use yew::prelude::*;

use crate::components::intent::{on_click, Intent};
use crate::components::parts::{action_column, caption, cell, column, p, row_header, Button};
use crate::host::Config;
use crate::messages::{expires_cell, granted_at};
use crate::strings::fill;

/// A `<table>` of the links, or nothing when the hub lists none; a row's
/// Revoke link asks for [`Intent::RevokeLink`] of its id. (A view function, not a component: one fewer component
/// type in the wasm.)
pub fn link_table(
    config: &Config,
    codes: &[ShareCode],
    now: i64,
    busy: bool,
    on: &Callback<Intent>,
) -> Html {
    if codes.is_empty() {
        return html! {};
    }
    let s = &config.strings;
    html! {
        <>
            <table class="jp-UserSharing-table jp-UserSharing-linkTable">
                { caption(s.links_caption.clone()) }
                <thead>
                    <tr>
                        { column(s.column_created.clone()) }
                        { column(s.column_expires.clone()) }
                        { column(s.column_uses.clone()) }
                        { column(s.column_last_used.clone()) }
                        { action_column(s.column_action.clone()) }
                    </tr>
                </thead>
                <tbody>
                    { for codes.iter().map(|code| link_row(config, code, now, busy, on)) }
                </tbody>
            </table>
            { p("jp-UserSharing-note", s.links_full_url_note.clone()) }
        </>
    }
}

fn link_row(
    config: &Config,
    code: &ShareCode,
    now: i64,
    busy: bool,
    on: &Callback<Intent>,
) -> Html {
    let s = &config.strings;
    let created = granted_at(config, &code.created_at, now);
    let expires = code
        .expires_at
        .as_deref()
        .map(|e| expires_cell(config, e, now))
        .unwrap_or_default();
    let last_used = code
        .last_exchanged_at
        .as_deref()
        .map_or_else(|| s.never_used.clone(), |t| granted_at(config, t, now));
    let revoke = on_click(on, Intent::RevokeLink(code.id.clone()));
    html! {
        <tr key={format!("{}:{}", code.id, code.created_at)} data-id={code.id.clone()}>
            { row_header("jp-UserSharing-linkTime", created.clone()) }
            { cell("jp-UserSharing-linkTime", expires) }
            { cell("jp-UserSharing-uses", code.exchange_count.to_string()) }
            { cell("jp-UserSharing-linkTime", last_used) }
            <td>
                { Button::new("jp-mod-styled jp-mod-warn jp-UserSharing-revokeLink", &s.revoke_link, revoke)
                    .aria_label(fill(&s.revoke_link_label, &[&created])).busy(busy).html() }
            </td>
        </tr>
    }
}

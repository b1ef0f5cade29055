//! "People with access": the accepted users and groups, Refresh, Revoke All users.

use yew::prelude::*;

use crate::components::confirm_bar::confirm_bar;
use crate::components::error_notice::error_notice;
use crate::components::intent::{on_click, Intent};
use crate::components::parts::{p, section, Button};
use crate::components::share_form::share_form;
use crate::components::share_table::ShareTable;
use crate::focus::KeepFocus;
use crate::host::Host;
use crate::state::{Confirm, State};

/// The list section of the owner's view; `now` is the time on the hub's
/// clock (ms since the epoch). **Share with a user or group** is shown only
/// when the token may look up names (without, the hub refuses every share
/// by name). (A view function, not a component: one fewer component type in
/// the wasm; its hook, [`crate::focus::use_keep_focus`], is the owner's
/// view's.)
pub fn shares_panel(
    config: &Host,
    state: &State,
    on: &Callback<Intent>,
    keep: &KeepFocus,
    now: i64,
) -> Html {
    let s = &config.strings;
    let (busy, loading) = (state.busy.is_some(), state.loading());
    let has_shares = state.shares.as_ref().is_some_and(|s| !s.is_empty());
    let refresh = on_click(on, Intent::Refresh);
    let header = Button::new(
        "jp-mod-styled jp-UserSharing-refresh",
        &s.refresh,
        refresh.clone(),
    )
    .busy(loading)
    .html();
    section(
        "jp-UserSharing-people",
        s.people_heading.clone(),
        header,
        keep,
        html! {
            <>
                <div aria-live="polite" class="jp-UserSharing-status">
                    if let Some(error) = &state.error {
                        { error_notice(config, error, refresh, loading) }
                    }
                    if state.is_stale() {
                        { p("jp-UserSharing-stale", s.stale.clone()) }
                    } else if state.remembered {
                        { p("jp-UserSharing-stale", s.updating.clone()) }
                    }
                </div>
                if !state.no_name_lookup {
                    { share_form(config, busy, on) }
                }
                { list(config, state, on, now) }
                if state.confirm == Some(Confirm::RevokeAllShares) {
                    { confirm_bar(config, s.confirm_revoke_all.clone(), None,
                        on_click(on, Intent::RevokeAll), on_click(on, Intent::Cancel)) }
                } else if has_shares {
                    { Button::new("jp-mod-styled jp-mod-warn jp-UserSharing-revokeAll", &s.revoke_all,
                        on_click(on, Intent::Ask(Confirm::RevokeAllShares))).busy(busy).html() }
                }
            </>
        },
    )
}

/// The table, or what stands in its place: loading, nobody yet.
fn list(config: &Host, state: &State, on: &Callback<Intent>, now: i64) -> Html {
    let s = &config.strings;
    match &state.shares {
        None if state.error.is_none() => p("jp-UserSharing-loading", s.loading.clone()),
        None => html! {},
        Some(shares) if shares.is_empty() && !someone_online(state) => {
            p("jp-UserSharing-empty", s.no_shares.clone())
        }
        Some(shares) => html! {
            <ShareTable config={config.clone()} shares={shares.clone()} {now} busy={state.busy.is_some()} levels={state.levels}
                progress={state.progress} rows={state.rows_state()} online={state.online.clone()}
                on_revoke={on.reform(Intent::Revoke)} screenful={!state.painted} />
        },
    }
}

/// Whether anyone but the owner is connected now.
fn someone_online(state: &State) -> bool {
    state.online.as_ref().is_some_and(|names| !names.is_empty())
}

//! "People with access": the accepted users and groups, Refresh, Revoke All users.

use std::rc::Rc;

use yew::prelude::*;

use crate::actions::Actions;
use crate::components::confirm_bar::ConfirmBar;
use crate::components::error_notice::ErrorNotice;
use crate::components::share_table::ShareTable;
use crate::focus::{busy_attr, use_keep_focus};
use crate::host::Config;
use crate::state::{Confirm, State};

/// Properties of [`SharesPanel`].
#[derive(Properties, PartialEq)]
pub struct SharesPanelProps {
    /// The reducer state.
    pub state: State,
    /// Where actions run.
    pub actions: Actions,
}

/// The list section of the owner's view.
#[function_component(SharesPanel)]
pub fn shares_panel(props: &SharesPanelProps) -> Html {
    let config = use_context::<Rc<Config>>().expect("the host config is provided by App");
    let s = &config.strings;
    let state = &props.state;
    let busy = state.busy.is_some();
    let loading = state.loading();
    let keep = use_keep_focus(".jp-UserSharing-revokeAll", &[".jp-UserSharing-refresh"]);
    // Clicks while the lists load are ignored (the button keeps the focus,
    // marked aria-disabled).
    let refresh = {
        let actions = props.actions.clone();
        Callback::from(move |()| actions.refresh())
    };
    let on_refresh = {
        let refresh = refresh.clone();
        Callback::from(move |_| refresh.emit(()))
    };
    let ask_revoke_all = {
        let actions = props.actions.clone();
        Callback::from(move |_| actions.ask(Confirm::RevokeAllShares))
    };
    let revoke_all = {
        let actions = props.actions.clone();
        Callback::from(move |()| actions.revoke_all())
    };
    let cancel = {
        let actions = props.actions.clone();
        Callback::from(move |()| actions.cancel())
    };
    let has_shares = state.shares.as_ref().is_some_and(|s| !s.is_empty());
    let list = match &state.shares {
        None if state.error.is_none() => html! {
            <p class="jp-UserSharing-loading">{ s.loading.clone() }</p>
        },
        None => html! {},
        Some(shares) if shares.is_empty() => html! {
            <p class="jp-UserSharing-empty">{ s.no_shares.clone() }</p>
        },
        Some(shares) => {
            html! { <ShareTable shares={shares.clone()} actions={props.actions.clone()} {busy} /> }
        }
    };
    html! {
        <section class="jp-UserSharing-section" aria-labelledby="jp-UserSharing-people"
            ref={keep.section} onfocusin={keep.onfocusin} onfocusout={keep.onfocusout}>
            <div class="jp-UserSharing-sectionHeader">
                <h3 id="jp-UserSharing-people">{ s.people_heading.clone() }</h3>
                <button type="button" class="jp-mod-styled jp-UserSharing-refresh" onclick={on_refresh} aria-disabled={busy_attr(loading)}>
                    { s.refresh.clone() }
                </button>
            </div>
            <div aria-live="polite" class="jp-UserSharing-status">
                if let Some(error) = &state.error {
                    <ErrorNotice error={error.clone()} on_retry={refresh} busy={loading} />
                }
                if state.is_stale() {
                    <p class="jp-UserSharing-stale">{ s.stale.clone() }</p>
                } else if state.remembered {
                    <p class="jp-UserSharing-stale">{ s.updating.clone() }</p>
                }
            </div>
            { list }
            if state.confirm == Some(Confirm::RevokeAllShares) {
                <ConfirmBar question={s.confirm_revoke_all.clone()} on_yes={revoke_all} on_no={cancel} />
            } else if has_shares {
                <button type="button" class="jp-mod-styled jp-mod-warn jp-UserSharing-revokeAll"
                    onclick={ask_revoke_all} aria-disabled={busy_attr(busy)}>
                    { s.revoke_all.clone() }
                </button>
            }
        </section>
    }
}

//! "People with access": the accepted users and groups, Refresh, Revoke All users.

use std::rc::Rc;

use hub_sharing::{ApiError, GranteeKind, Share};
use yew::prelude::*;

use crate::components::confirm_bar::confirm_bar;
use crate::components::error_notice::error_notice;
use crate::components::parts::{click, Button};
use crate::components::share_form::share_form;
use crate::components::share_table::ShareTable;
use crate::focus::use_keep_focus;
use crate::host::Host;
use crate::state::Progress;

/// Properties of [`SharesPanel`].
#[derive(Properties, PartialEq)]
pub struct SharesPanelProps {
    /// People with access, newest first; `None` before the first load.
    pub shares: Option<Rc<Vec<Share>>>,
    /// The time now on the hub's clock (ms since the epoch).
    pub now: i64,
    /// Why the latest load failed, if it did.
    #[prop_or_default]
    pub error: Option<ApiError>,
    /// The lists shown are from before a failed load.
    #[prop_or_default]
    pub stale: bool,
    /// The lists shown are from an earlier open, being updated.
    #[prop_or_default]
    pub updating: bool,
    /// A load runs (Refresh and Try again keep the focus, aria-disabled).
    #[prop_or_default]
    pub loading: bool,
    /// A change runs.
    #[prop_or_default]
    pub busy: bool,
    /// "Revoke All users?" is asked.
    #[prop_or_default]
    pub confirming: bool,
    /// Reload the lists.
    pub on_refresh: Callback<()>,
    /// Ask before revoking everyone.
    pub on_ask_revoke_all: Callback<()>,
    /// Revoke everyone (confirmed).
    pub on_revoke_all: Callback<()>,
    /// Do not revoke everyone.
    pub on_cancel: Callback<()>,
    /// Revoke one user's or group's access.
    pub on_revoke: Callback<Share>,
    /// Share with a user or group: the kind and the name as typed.
    pub on_share: Callback<(GranteeKind, String)>,
    /// The server enforces access levels: the table shows each person's.
    #[prop_or_default]
    pub levels: bool,
    /// The token may look up names: the form **Share with a user or group**
    /// is shown (without, the hub refuses every share by name).
    #[prop_or(true)]
    pub by_name: bool,
    /// The people shown are the first pages of a longer list, more arriving.
    #[prop_or_default]
    pub progress: Option<Progress>,
    /// What the rows are (the table's `data-rows`).
    #[prop_or("complete")]
    pub rows: &'static str,
    /// The hub names of the people connected now; `None` when JupyterLab
    /// cannot tell (no jupyter-collaboration): no such column then.
    #[prop_or_default]
    pub online: Option<Rc<Vec<String>>>,
}

/// The list section of the owner's view.
#[function_component(SharesPanel)]
pub fn shares_panel(props: &SharesPanelProps) -> Html {
    let config = use_context::<Host>().expect("the host config is provided by App");
    let s = &config.strings;
    let keep = use_keep_focus(".jp-UserSharing-revokeAll", &[".jp-UserSharing-refresh"]);
    let has_shares = props.shares.as_ref().is_some_and(|s| !s.is_empty());
    html! {
        <section class="jp-UserSharing-section" aria-labelledby="jp-UserSharing-people"
            ref={keep.section} onfocusin={keep.onfocusin} onfocusout={keep.onfocusout}>
            <div class="jp-UserSharing-sectionHeader">
                <h3 id="jp-UserSharing-people">{ s.people_heading.clone() }</h3>
                { Button::new("jp-mod-styled jp-UserSharing-refresh", &s.refresh, click(&props.on_refresh))
                    .busy(props.loading).html() }
            </div>
            <div aria-live="polite" class="jp-UserSharing-status">
                if let Some(error) = &props.error {
                    { error_notice(&config, error, &props.on_refresh, props.loading) }
                }
                if props.stale {
                    <p class="jp-UserSharing-stale">{ s.stale.clone() }</p>
                } else if props.updating {
                    <p class="jp-UserSharing-stale">{ s.updating.clone() }</p>
                }
            </div>
            if props.by_name {
                { share_form(&config, props.busy, &props.on_share) }
            }
            { list(props, s) }
            if props.confirming {
                { confirm_bar(&config, s.confirm_revoke_all.clone(), None, &props.on_revoke_all, &props.on_cancel) }
            } else if has_shares {
                { Button::new("jp-mod-styled jp-mod-warn jp-UserSharing-revokeAll", &s.revoke_all,
                    click(&props.on_ask_revoke_all)).busy(props.busy).html() }
            }
        </section>
    }
}

/// The table, or what stands in its place: loading, nobody yet.
fn list(props: &SharesPanelProps, s: &crate::strings::Strings) -> Html {
    match &props.shares {
        None if props.error.is_none() => html! {
            <p class="jp-UserSharing-loading">{ s.loading.clone() }</p>
        },
        None => html! {},
        Some(shares) if shares.is_empty() && !someone_online(props) => html! {
            <p class="jp-UserSharing-empty">{ s.no_shares.clone() }</p>
        },
        Some(shares) => html! {
            <ShareTable shares={shares.clone()} now={props.now} busy={props.busy} levels={props.levels}
                progress={props.progress} rows={props.rows} online={props.online.clone()}
                on_revoke={props.on_revoke.clone()} />
        },
    }
}

/// Whether anyone but the owner is connected now.
fn someone_online(props: &SharesPanelProps) -> bool {
    props.online.as_ref().is_some_and(|names| !names.is_empty())
}

//! The owner's management view: the only component that runs actions. It
//! owns the reducer, starts the loads, and hands the panels their data and
//! their actions.

use std::rc::Rc;

use hub_sharing::{GranteeKind, Share};
use yew::prelude::*;

use crate::actions::Actions;
use crate::components::link_table::use_ticks;
use crate::components::links_panel::LinksPanel;
use crate::components::shares_panel::SharesPanel;
use crate::components::status_line::status_line;
use crate::components::warnings::warnings;
use crate::host::Host;
use crate::session::Hub;
use crate::state::{Capability, Confirm, State};
use crate::strings::fill;

/// Properties of [`OwnerView`].
#[derive(Properties)]
pub struct OwnerViewProps {
    /// The owner's link to the hub.
    pub hub: Rc<Hub>,
}

impl PartialEq for OwnerViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.hub, &other.hub)
    }
}

/// The owner's management view.
#[function_component(OwnerView)]
pub fn owner_view(props: &OwnerViewProps) -> Html {
    let config = use_context::<Host>().expect("the host config is provided by App");
    let state = {
        let (links, lists) = props.hub.remembered();
        use_reducer(move || State::remembered(links, lists))
    };
    let actions = {
        let (hub, config, dispatch) = (props.hub.clone(), config.0.clone(), state.dispatcher());
        (*use_memo((), move |_| Actions::new(hub, config, dispatch))).clone()
    };

    // On open: both lists, then the capability check (once per page). The
    // lists go first: the hub answers requests about in the order they
    // arrive, and the lists are what the owner waits for. Then, while the
    // dialog is open, who else is connected now (jupyter-collaboration's
    // awareness through the shim; never without it: no column then).
    {
        let (actions, config) = (actions.clone(), config.clone());
        use_effect_with((), move |_| {
            actions.reload();
            actions.check_capability();
            actions.check_server_access();
            let online = actions.clone();
            let presence =
                config.watch_online(&config.hub_server_user, move |names| online.online(names));
            move || drop(presence)
        });
    }
    // Auto-refresh while the dialog is open (setting; off by default). A
    // tick is skipped while a load or a change runs.
    {
        let actions = actions.clone();
        use_effect_with(config.auto_refresh_seconds, move |&seconds| {
            let interval = (seconds > 0).then(|| {
                gloo_timers::callback::Interval::new(seconds * 1000, move || actions.tick())
            });
            move || drop(interval)
        });
    }
    // Keep links created here for the next open of the dialog.
    {
        let hub = props.hub.clone();
        use_effect_with(state.new_links.clone(), move |links| {
            hub.remember_links(links)
        });
    }
    // Keep the hub's latest lists to show at once on the next open.
    {
        let hub = props.hub.clone();
        use_effect_with(state.lists(), move |lists| {
            if let Some(lists) = lists {
                hub.remember_lists(lists.clone());
            }
        });
    }

    let s = &config.strings;
    // whether a link is live, and how long ago access was granted, on the
    // hub's clock: the owner's may be off by days
    // relative times ("in 42 minutes") stay true while the dialog is open
    use_ticks(config.tick_ms);
    let now = props.hub.client.hub_now_ms();
    let body = match &state.capability {
        Capability::OldHub(version) => html! {
            <p class="jp-UserSharing-error" role="alert">{ fill(&s.hub_too_old, &[version]) }</p>
        },
        Capability::NoScope => html! {
            <div class="jp-UserSharing-error" role="alert">
                <p>{ s.missing_scope.clone() }</p>
                <pre class="jp-UserSharing-config">{ MISSING_SCOPE_CONFIG }</pre>
            </div>
        },
        Capability::Unknown | Capability::Ok | Capability::Unpatched(_) => html! {
            <>
                if let Capability::Unpatched(version) = &state.capability {
                    <p class="jp-UserSharing-error jp-UserSharing-unpatched" role="alert">
                        { fill(&s.hub_unpatched, &[version]) }
                    </p>
                }
                { warnings(&config, state.levels) }
                { status_line(&config, state.op_error.as_ref(), state.outcome.as_ref()) }
                { links_panel(&state, &actions, state.lifetime.or_else(|| config.link_lifetime()), now) }
                { shares_panel(&state, &actions, now) }
            </>
        },
    };
    html! {
        <div class="jp-UserSharing" data-state={state.status().as_str()} aria-busy={state.loading().to_string()}>
            { body }
        </div>
    }
}

/// A callback running `act` on the actions. (A function pointer, not a
/// generic closure: one copy of this per event type in the wasm.)
fn run<T: 'static>(actions: &Actions, act: fn(&Actions, T)) -> Callback<T> {
    let actions = actions.clone();
    Callback::from(move |value| act(&actions, value))
}

/// Share with a name, told the list shown now.
fn share_with(actions: &Actions, held: Option<Rc<Vec<Share>>>) -> Callback<(GranteeKind, String)> {
    let actions = actions.clone();
    Callback::from(move |(kind, name): (GranteeKind, String)| {
        actions.share_with(kind, &name, held.clone())
    })
}

/// The invite-link section, with the lifetime of the next link.
fn links_panel(state: &State, actions: &Actions, lifetime: Option<u64>, now: i64) -> Html {
    html! {
        <LinksPanel new_links={state.new_links.clone()} codes={state.codes.clone()} {lifetime} {now}
            busy={state.busy.is_some()} confirming={state.confirm == Some(Confirm::RevokeLinks)}
            on_pick={run(actions, |a, seconds| a.choose_lifetime(seconds))}
            on_generate={run(actions, |a, (seconds, open_file)| a.generate(seconds, open_file))}
            access={state.levels.then_some(state.link_access)}
            on_level={run(actions, |a, level| a.choose_level(level))}
            on_ends={run(actions, |a, ends| a.choose_ends(ends))}
            on_copy={run(actions, |a, (text, field): (String, String)| a.copy(&text, &field))}
            on_revoke_link={run(actions, |a, id: String| a.revoke_link(&id))}
            on_ask_revoke={run(actions, |a, ()| a.ask(Confirm::RevokeLinks))}
            on_revoke={run(actions, |a, ()| a.revoke_links())}
            on_cancel={run(actions, |a, ()| a.cancel())} />
    }
}

/// The people-with-access section.
fn shares_panel(state: &State, actions: &Actions, now: i64) -> Html {
    html! {
        <SharesPanel shares={state.shares.clone()} error={state.error.clone()} {now} online={state.online.clone()}
            stale={state.is_stale()} updating={state.remembered} loading={state.loading()}
            busy={state.busy.is_some()} confirming={state.confirm == Some(Confirm::RevokeAllShares)}
            levels={state.levels} by_name={!state.no_name_lookup} progress={state.progress} rows={state.rows_state()}
            on_refresh={run(actions, |a, ()| a.refresh())}
            on_ask_revoke_all={run(actions, |a, ()| a.ask(Confirm::RevokeAllShares))}
            on_revoke_all={run(actions, |a, ()| a.revoke_all())}
            on_cancel={run(actions, |a, ()| a.cancel())}
            on_revoke={run(actions, |a, share| a.revoke_share(&share))}
            on_share={share_with(actions, state.shares.clone())} />
    }
}

/// The hub configuration the admin must add (docs/hub-api.md).
pub const MISSING_SCOPE_CONFIG: &str = r#"c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "shares!user"]}]
c.Spawner.oauth_client_allowed_scopes = ["access:servers!server", "shares!server"]"#;

//! The owner's management view: the only component that runs actions. It
//! owns the reducer, starts the loads, and hands the panels their data and
//! their actions.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use hub_sharing::Share;
use yew::prelude::*;

use crate::actions::Actions;
use crate::components::intent::Intent;
use crate::components::links_panel::{copy_takes_focus, links_panel};
use crate::components::parts::alert;
use crate::components::shares_panel::shares_panel;
use crate::components::status_line::status_line;
use crate::components::warnings::warnings;
use crate::focus::use_keep_focus;
use crate::host::{next_paint, Host};
use crate::session::Hub;
use crate::state::{Action, Capability, State};
use crate::strings::fill;

/// Properties of [`OwnerView`].
#[derive(Properties)]
pub struct OwnerViewProps {
    /// The owner's link to the hub.
    pub hub: Rc<Hub>,
    /// The host's configuration.
    pub config: Host,
}

impl PartialEq for OwnerViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.hub, &other.hub) && self.config == other.config
    }
}

/// The owner's management view.
#[function_component(OwnerView)]
pub fn owner_view(props: &OwnerViewProps) -> Html {
    let config = props.config.clone();
    let state = {
        let (links, lists) = props.hub.remembered();
        use_reducer(move || State::remembered(links, lists))
    };
    let actions = {
        let (hub, config, dispatch) = (props.hub.clone(), config.0.clone(), state.dispatcher());
        (*use_memo((), move |_| Actions::new(hub, config, dispatch))).clone()
    };

    // relative times ("in 42 minutes") stay true while the dialog is open:
    // a render every `tick_ms`
    let tick = use_force_update();
    // On open: both lists, then the capability check (once per page). The
    // lists go first: the hub answers requests about in the order they
    // arrive, and the lists are what the owner waits for. Then, while the
    // dialog is open, who else is connected now (jupyter-collaboration's
    // awareness through the shim; never without it: no column then), the
    // auto-refresh (setting; off by default; a tick is skipped while a load
    // or a change runs) and the ticks of the relative times. (One effect:
    // the host's configuration is that of the dialog's whole life.)
    {
        let (actions, config, dispatch) = (actions.clone(), config.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            actions.reload();
            actions.check_capability();
            actions.check_server_access();
            let online = actions.clone();
            let presence =
                config.watch_online(&config.hub_server_user, move |names| online.online(names));
            let seconds = config.auto_refresh_seconds;
            let refresh =
                (seconds > 0).then(|| Interval::new(seconds * 1000, move || actions.tick()));
            let ticks = Interval::new(config.tick_ms, move || tick.force_update());
            // the first frame (the remembered list's first screenful) is
            // painted: the rest of the table's page
            wasm_bindgen_futures::spawn_local(async move {
                next_paint().await;
                dispatch.dispatch(Action::Painted);
            });
            move || drop((presence, refresh, ticks))
        });
    }

    // The sections' focus (the sections are view functions: their hooks
    // are here).
    let links_focus = use_keep_focus(
        ".jp-UserSharing-revokeLinks",
        &[".jp-UserSharing-generate", "#jp-UserSharing-lifetime"],
    );
    let shares_focus = use_keep_focus(".jp-UserSharing-revokeAll", &[".jp-UserSharing-refresh"]);
    // Keep the links created here, and the hub's latest lists, for the next
    // open of the dialog (the lists to show at once); a new link's Copy link
    // takes the focus.
    {
        let (hub, section) = (props.hub.clone(), links_focus.section.clone());
        let newest = use_mut_ref(|| None);
        use_effect_with(
            (state.new_links.clone(), state.lists()),
            move |(links, lists)| {
                hub.remember_links(links);
                if let Some(lists) = lists {
                    hub.remember_lists(lists.clone());
                }
                copy_takes_focus(&section, &newest, links.first());
            },
        );
    }

    let s = &config.strings;
    // whether a link is live, and how long ago access was granted, on the
    // hub's clock: the owner's may be off by days
    let now = props.hub.client.hub_now_ms();
    let on = {
        let (actions, held) = (actions.clone(), state.shares.clone());
        Callback::from(move |intent| run(&actions, intent, &held))
    };
    let body = match &state.capability {
        Capability::OldHub(version) => html! {
            { alert(fill(&s.hub_too_old, &[version])) }
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
                { links_panel(&config, &state, &on, &links_focus,
                    state.lifetime.or_else(|| config.link_lifetime()), now) }
                { shares_panel(&config, &state, &on, &shares_focus, now) }
            </>
        },
    };
    html! {
        <div class="jp-UserSharing" data-state={state.status().as_str()} aria-busy={state.loading().to_string()}>
            { body }
        </div>
    }
}

/// Run what the owner asked for; `held` is the list shown when they asked.
fn run(actions: &Actions, intent: Intent, held: &Option<Rc<Vec<Share>>>) {
    match intent {
        Intent::Pick(seconds) => actions.choose_lifetime(seconds),
        Intent::Generate(seconds, open_file) => actions.generate(seconds, open_file),
        Intent::Level(level) => actions.choose_level(level),
        Intent::Ends(ends) => actions.choose_ends(ends),
        Intent::Copy(text, field) => actions.copy(&text, &field),
        Intent::RevokeLink(id) => actions.revoke_link(&id),
        Intent::Ask(question) => actions.ask(question),
        Intent::RevokeLinks => actions.revoke_links(),
        Intent::Cancel => actions.cancel(),
        Intent::Refresh => actions.refresh(),
        Intent::RevokeAll => actions.revoke_all(),
        Intent::Revoke(share) => actions.revoke_share(&share),
        Intent::Share(kind, name) => actions.share_with(kind, &name, held.clone()),
    }
}

/// The hub configuration the admin must add (docs/hub-api.md).
pub const MISSING_SCOPE_CONFIG: &str = r#"c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "shares!user"]}]
c.Spawner.oauth_client_allowed_scopes = ["access:servers!server", "shares!server"]"#;

//! The root component: decides which view the visitor gets and owns the
//! reducer of the owner's view.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use hub_sharing::HubApi;
use yew::prelude::*;

use crate::actions::{self, Env};
use crate::components::links_panel::LinksPanel;
use crate::components::shares_panel::SharesPanel;
use crate::components::status_line::StatusLine;
use crate::components::warnings::Warnings;
use crate::config::Config;
use crate::state::{Capability, State};
use crate::strings::fill;
use crate::transport::Client;

/// Shared, read-only context of one mounted dialog.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// Page facts, settings and strings.
    pub config: Rc<Config>,
    /// The hub API, `None` outside JupyterHub.
    pub api: Option<HubApi>,
    /// The authenticated HTTP client.
    pub client: Client,
    /// The first load, started by `mount` (see [`actions::prefetch`]).
    pub prefetch: Rc<RefCell<Option<actions::Pending>>>,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config)
    }
}

impl Ctx {
    /// Build the context for a configuration.
    pub fn new(config: Config) -> Ctx {
        let api = HubApi::new(&config.hub_host, &config.hub_prefix, &config.origin);
        let client = Client::new(&config.token, config.request_timeout_ms);
        Ctx {
            config: Rc::new(config),
            api,
            client,
            prefetch: Rc::default(),
        }
    }
}

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The configuration, or why it could not be read.
    pub ctx: Result<Ctx, String>,
}

/// Which view the visitor gets.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// Not running under JupyterHub.
    NoHub,
    /// Someone else's server shared with the visitor.
    Invitee,
    /// The owner: management UI.
    Owner(HubApi),
}

/// Decide the view from the page facts alone (no request needed).
pub fn mode(ctx: &Ctx) -> Mode {
    match &ctx.api {
        None => Mode::NoHub,
        Some(_) if !ctx.config.is_owner() => Mode::Invitee,
        Some(api) => Mode::Owner(api.clone()),
    }
}

/// The dialog body.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    match &props.ctx {
        Err(detail) => {
            let strings = crate::strings::Strings::default();
            html! {
                <div class="jp-UserSharing" data-state="error">
                    <p class="jp-UserSharing-error" role="alert">{ fill(&strings.error_config, &[detail]) }</p>
                </div>
            }
        }
        Ok(ctx) => match mode(ctx) {
            Mode::NoHub => html! {
                <div class="jp-UserSharing" data-state="no-hub">
                    <p class="jp-UserSharing-notice" role="status">{ ctx.config.strings.needs_hub.clone() }</p>
                </div>
            },
            Mode::Invitee => html! {
                <div class="jp-UserSharing" data-state="invitee">
                    <p class="jp-UserSharing-notice" role="status">
                        { fill(&ctx.config.strings.invitee, &[&ctx.config.hub_server_user]) }
                    </p>
                </div>
            },
            Mode::Owner(api) => html! {
                <ContextProvider<Ctx> context={ctx.clone()}>
                    <OwnerView {api} />
                </ContextProvider<Ctx>>
            },
        },
    }
}

/// Properties of [`OwnerView`].
#[derive(Properties, PartialEq)]
pub struct OwnerViewProps {
    /// The hub API.
    pub api: HubApi,
}

/// The owner's management view.
#[function_component(OwnerView)]
pub fn owner_view(props: &OwnerViewProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx is provided by App");
    let state = {
        let (links, lists) = actions::remembered(
            &props.api,
            &ctx.config.hub_server_user,
            &ctx.config.hub_server_name,
        );
        use_reducer(move || State::remembered(links, lists))
    };
    let cells = use_memo((), |_| {
        (Rc::new(Cell::new(0u64)), Rc::new(Cell::new(false)))
    });
    let env = Env {
        ctx: ctx.clone(),
        api: props.api.clone(),
        dispatch: state.dispatcher(),
        loads: cells.0.clone(),
        busy: cells.1.clone(),
    };

    // On open: both lists, then the capability check (once per page). The
    // lists go first: the hub answers requests about in the order they
    // arrive, and the lists are what the owner waits for.
    {
        let env = env.clone();
        use_effect_with((), move |_| {
            actions::reload(&env);
            actions::check_capability(&env);
        });
    }
    // Auto-refresh while the dialog is open (setting; off by default). A
    // tick is skipped while a load or a change runs.
    {
        let env = env.clone();
        let seconds = ctx.config.auto_refresh_seconds;
        let loading = state.loading();
        let loading_now = use_mut_ref(|| false);
        *loading_now.borrow_mut() = loading;
        use_effect_with(seconds, move |&seconds| {
            let interval = (seconds > 0).then(|| {
                gloo_timers::callback::Interval::new(seconds * 1000, move || {
                    if !*loading_now.borrow() && !env.busy.get() {
                        actions::reload(&env);
                    }
                })
            });
            move || drop(interval)
        });
    }
    // Keep links created here for the next open of the dialog.
    {
        let env = env.clone();
        use_effect_with(state.new_links.clone(), move |links| {
            actions::remember_links(&env, links);
        });
    }
    // Keep the hub's latest lists to show at once on the next open.
    {
        let env = env.clone();
        use_effect_with(state.lists(), move |lists| {
            if let Some(lists) = lists {
                actions::remember_lists(&env, lists.clone());
            }
        });
    }

    let s = &ctx.config.strings;
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
                <Warnings />
                <StatusLine state={(*state).clone()} />
                <LinksPanel state={(*state).clone()} env={env.clone()} />
                <SharesPanel state={(*state).clone()} env={env.clone()} />
            </>
        },
    };
    html! {
        <div class="jp-UserSharing" data-state={state.status().as_str()} aria-busy={state.loading().to_string()}>
            { body }
        </div>
    }
}

/// The hub configuration the admin must add (FACTS.md section 2).
pub const MISSING_SCOPE_CONFIG: &str = r#"c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "shares!user"]}]
c.Spawner.oauth_client_allowed_scopes = ["access:servers!server", "shares!server"]"#;

//! The root component: decides which view the visitor gets.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::invitee_view::InviteeView;
use crate::components::owner_view::OwnerView;
use crate::components::parts::{alert, status};
use crate::host::Host;
use crate::session::{Session, View};
use crate::state::Status;
use crate::strings::{fill, CONFIG_FAILED};

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The session, or why the configuration could not be read.
    pub session: Result<Rc<Session>, String>,
}

/// The dialog body. The host's configuration is a prop of every component
/// below (a `Host`, compared by identity; not a context: yew's context
/// provider is a component type and a hook more in the wasm).
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let session = match &props.session {
        Ok(session) => session,
        Err(detail) => {
            return html! {
                <div class="jp-UserSharing" data-state={Status::BadConfig.as_str()}>
                    { alert(fill(CONFIG_FAILED, &[detail])) }
                </div>
            };
        }
    };
    let config = &session.config;
    match &session.view {
        View::NoHub => html! {
            <div class="jp-UserSharing" data-state={Status::NoHub.as_str()}>
                { status("jp-UserSharing-notice", config.strings.needs_hub.clone()) }
            </div>
        },
        View::Invitee(hub) => html! {
            <InviteeView hub={hub.clone()} config={Host(config.clone())} />
        },
        View::Owner(hub) => html! {
            <OwnerView hub={hub.clone()} config={Host(config.clone())} />
        },
    }
}

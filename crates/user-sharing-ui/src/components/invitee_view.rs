//! The invitee's view: whose server this is, and **Leave this server**.
//!
//! Leaving asks first, then removes the invitee's own access at the hub and
//! takes them to the hub's home page: this JupyterLab is no longer theirs to
//! use (the server refuses them once its auth cache expires).

use std::cell::RefCell;
use std::rc::Rc;

use hub_sharing::LeaveError;
use yew::prelude::*;

use crate::actions;
use crate::components::confirm_bar::confirm_bar;
use crate::components::parts::{alert, p, status, Button};
use crate::focus::{self, busy_attr};
use crate::host::Host;
use crate::messages::leave_failure_text;
use crate::session::Hub;
use crate::state::Status;
use crate::strings::fill;

/// Where leaving stands.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Idle,
    Confirming,
    Leaving,
    Left,
    Failed(LeaveError),
}

/// Where leaving stands, kept across renders: a cell and a forced render
/// (not a `use_state` of its own type, a copy of yew's reducer in the wasm).
#[derive(Clone)]
struct PhaseCell {
    phase: Rc<RefCell<Phase>>,
    render: UseForceUpdateHandle,
}

impl PhaseCell {
    /// Where leaving stands now.
    fn get(&self) -> Phase {
        self.phase.borrow().clone()
    }

    /// Move on to `phase`, and render.
    fn set(&self, phase: Phase) {
        *self.phase.borrow_mut() = phase;
        self.render.force_update();
    }
}

/// Properties of [`InviteeView`].
#[derive(Properties)]
pub struct InviteeViewProps {
    /// The invitee's link to the hub.
    pub hub: Rc<Hub>,
    /// The host's configuration.
    pub config: Host,
}

impl PartialEq for InviteeViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.hub, &other.hub) && self.config == other.config
    }
}

/// The invitee's view.
#[function_component(InviteeView)]
pub fn invitee_view(props: &InviteeViewProps) -> Html {
    let config = props.config.clone();
    let s = &config.strings;
    let owner = config.hub_server_user.clone();
    let phase = PhaseCell {
        phase: use_mut_ref(|| Phase::Idle),
        render: use_force_update(),
    };
    let now = phase.get();
    // Asked: the focus goes to Cancel. Back from the confirmation (or a
    // failure): the focus, which was on its buttons, returns to Leave this
    // server.
    let view = use_node_ref();
    {
        let view = view.clone();
        use_effect_with(now.clone(), move |phase| {
            if let Some(el) = view.cast::<web_sys::Element>() {
                if *phase == Phase::Confirming {
                    focus::focus_cancel(&el);
                } else if focus::lost() {
                    focus::focus_first(&el, &[".jp-UserSharing-leave"]);
                }
            }
        });
    }

    let ask = {
        let phase = phase.clone();
        Callback::from(move |_| {
            if matches!(phase.get(), Phase::Idle | Phase::Failed(_)) {
                phase.set(Phase::Confirming);
            }
        })
    };
    let cancel = {
        let phase = phase.clone();
        Callback::from(move |_| phase.set(Phase::Idle))
    };
    let leave = {
        let (phase, hub, config) = (phase.clone(), props.hub.clone(), config.clone());
        Callback::from(move |_| {
            if phase.get() != Phase::Confirming {
                return;
            }
            phase.set(Phase::Leaving);
            let (phase, hub, config) = (phase.clone(), hub.clone(), config.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match actions::leave(&hub, &config.hub_user).await {
                    Ok(()) => {
                        phase.set(Phase::Left);
                        config.navigate(&hub.api.home_url());
                    }
                    Err(e) => phase.set(Phase::Failed(e)),
                }
            });
        })
    };

    let busy = matches!(now, Phase::Leaving | Phase::Left);
    html! {
        <div class="jp-UserSharing" data-state={Status::Invitee.as_str()} aria-busy={busy_attr(busy)} ref={view}>
            { status("jp-UserSharing-notice", fill(&s.invitee, &[&owner])) }
            if now == Phase::Confirming {
                { confirm_bar(&config, fill(&s.confirm_leave, &[&owner]), Some(&s.confirm_leave_yes), leave, cancel) }
            } else {
                { Button::new("jp-mod-styled jp-mod-warn jp-UserSharing-leave",
                    if now == Phase::Leaving { &s.leaving } else { &s.leave_server }, ask).busy(busy).html() }
            }
            <div class="jp-UserSharing-statusLine" aria-live="polite">
                if let Phase::Failed(e) = &now {
                    { alert(leave_failure_text(&config, e, &owner)) }
                }
                if now == Phase::Left {
                    { p("jp-UserSharing-outcome", fill(&s.left_server, &[&owner])) }
                }
            </div>
        </div>
    }
}

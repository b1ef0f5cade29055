//! The outcome of the last action, announced politely to screen readers.

use yew::prelude::*;

use crate::components::app::Ctx;
use crate::messages::{failure_text, outcome_text};
use crate::state::State;

/// Properties of [`StatusLine`].
#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    /// The reducer state.
    pub state: State,
}

/// `aria-live` region with the last outcome or the failed action.
#[function_component(StatusLine)]
pub fn status_line(props: &StatusLineProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx is provided by App");
    let mut failure = props
        .state
        .op_error
        .as_ref()
        .map(|(op, error)| failure_text(&ctx.config, op, error));
    let mut outcome = None;
    if let Some(o) = &props.state.outcome {
        // an outcome that did not do what the owner asked is an alert
        let slot = if o.is_failure() {
            &mut failure
        } else {
            &mut outcome
        };
        *slot = Some(outcome_text(&ctx.config, o));
    }
    html! {
        <div class="jp-UserSharing-statusLine" aria-live="polite">
            if let Some(text) = failure {
                <p class="jp-UserSharing-error" role="alert">{ text }</p>
            }
            if let Some(text) = outcome {
                <p class="jp-UserSharing-outcome">{ text }</p>
            }
        </div>
    }
}

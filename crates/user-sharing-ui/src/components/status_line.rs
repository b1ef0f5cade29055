//! The outcome of the last action, announced politely to screen readers.

use hub_sharing::ApiError;
use yew::prelude::*;

use crate::components::parts::{alert, p};
use crate::host::Config;
use crate::messages::{failure_text, outcome_text};
use crate::state::{Op, Outcome};

/// `aria-live` region with the last outcome, or the failed action (an
/// outcome that did not do what the owner asked is an alert too). A view
/// function, not a component: one fewer component type in the wasm.
pub fn status_line(
    config: &Config,
    failure: Option<&(Op, ApiError)>,
    outcome: Option<&Outcome>,
) -> Html {
    let mut failure = failure.map(|(op, error)| failure_text(config, op, error));
    let mut done = None;
    if let Some(o) = outcome {
        let slot = if o.is_failure() {
            &mut failure
        } else {
            &mut done
        };
        *slot = Some(outcome_text(config, o));
    }
    html! {
        <div class="jp-UserSharing-statusLine" aria-live="polite">
            if let Some(text) = failure {
                { alert(text) }
            }
            if let Some(text) = done {
                { p("jp-UserSharing-outcome", text) }
            }
        </div>
    }
}

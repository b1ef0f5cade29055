//! The outcome of the last action, announced politely to screen readers.

use std::rc::Rc;

use hub_sharing::ApiError;
use yew::prelude::*;

use crate::host::Config;
use crate::messages::{failure_text, outcome_text};
use crate::state::{Op, Outcome};

/// Properties of [`StatusLine`].
#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    /// The last change that failed, and why.
    #[prop_or_default]
    pub failure: Option<(Op, ApiError)>,
    /// The last outcome to announce.
    #[prop_or_default]
    pub outcome: Option<Outcome>,
}

/// `aria-live` region with the last outcome or the failed action.
#[function_component(StatusLine)]
pub fn status_line(props: &StatusLineProps) -> Html {
    let config = use_context::<Rc<Config>>().expect("the host config is provided by App");
    let mut failure = props
        .failure
        .as_ref()
        .map(|(op, error)| failure_text(&config, op, error));
    let mut outcome = None;
    if let Some(o) = &props.outcome {
        // an outcome that did not do what the owner asked is an alert
        let slot = if o.is_failure() {
            &mut failure
        } else {
            &mut outcome
        };
        *slot = Some(outcome_text(&config, o));
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

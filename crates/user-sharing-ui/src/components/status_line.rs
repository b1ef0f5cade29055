//! The outcome of the last action, announced politely to screen readers.

use yew::prelude::*;

use crate::components::app::Ctx;
use crate::messages::error_message;
use crate::state::{Op, Outcome, State};
use crate::strings::fill;

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
    let s = &ctx.config.strings;
    let failure = props.state.op_error.as_ref().map(|(op, error)| {
        let why = error_message(&ctx.config, error);
        match op {
            Op::Generate => fill(&s.generate_failed, &[&why]),
            Op::RevokeLinks => fill(&s.revoke_links_failed, &[&why]),
            Op::RevokeShare(name) => fill(&s.revoke_failed, &[name, &why]),
            Op::RevokeAllShares => fill(&s.revoke_all_failed, &[&why]),
        }
    });
    let outcome = props.state.outcome.as_ref().map(|o| match o {
        Outcome::Copied => s.link_copied.clone(),
        Outcome::CopyFailed => s.copy_failed.clone(),
        Outcome::LinksRevoked => s.links_revoked.clone(),
        Outcome::ShareRevoked(name) => fill(&s.share_revoked, &[name]),
        Outcome::AllRevoked => s.all_revoked.clone(),
    });
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

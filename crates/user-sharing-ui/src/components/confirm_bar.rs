//! An inline confirmation for actions that revoke everything.

use yew::prelude::*;

use crate::components::parts::Button;
use crate::host::Config;

/// Question with "Yes, revoke" (or `yes`) and "Cancel". The focus moves to
/// Cancel when it appears, the safe choice, so Enter never revokes by
/// accident: the view that shows it does that ([`crate::focus::focus_cancel`]).
/// (A view function, not a component: one fewer component type in the wasm.)
#[inline(never)]
pub fn confirm_bar(
    config: &Config,
    question: String,
    yes: Option<&str>,
    on_yes: Callback<MouseEvent>,
    on_no: Callback<MouseEvent>,
) -> Html {
    let s = &config.strings;
    html! {
        <div class="jp-UserSharing-confirm" role="group" aria-label={question.clone()}>
            <p>{ question }</p>
            { Button::new("jp-mod-styled jp-mod-warn jp-UserSharing-confirmYes",
                yes.unwrap_or(&s.confirm_yes), on_yes).html() }
            { Button::new("jp-mod-styled jp-mod-reject jp-UserSharing-confirmNo",
                &s.confirm_no, on_no).html() }
        </div>
    }
}

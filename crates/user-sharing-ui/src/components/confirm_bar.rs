//! An inline confirmation for actions that revoke everything.

use yew::prelude::*;

use crate::host::Host;

/// Properties of [`ConfirmBar`].
#[derive(Properties, PartialEq)]
pub struct ConfirmBarProps {
    /// The question.
    pub question: AttrValue,
    /// The owner confirmed.
    pub on_yes: Callback<()>,
    /// The owner cancelled.
    pub on_no: Callback<()>,
}

/// Question with "Yes, revoke" and "Cancel"; focus moves to Cancel, the
/// safe choice, so Enter never revokes by accident.
#[function_component(ConfirmBar)]
pub fn confirm_bar(props: &ConfirmBarProps) -> Html {
    let config = use_context::<Host>().expect("the host config is provided by App");
    let s = &config.strings;
    let cancel = use_node_ref();
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| {
            if let Some(el) = cancel.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let yes = {
        let cb = props.on_yes.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let no = {
        let cb = props.on_no.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <div class="jp-UserSharing-confirm" role="group" aria-label={props.question.clone()}>
            <p>{ props.question.clone() }</p>
            <button type="button" class="jp-mod-styled jp-mod-warn jp-UserSharing-confirmYes" onclick={yes}>
                { s.confirm_yes.clone() }
            </button>
            <button type="button" class="jp-mod-styled jp-mod-reject jp-UserSharing-confirmNo" onclick={no} ref={cancel}>
                { s.confirm_no.clone() }
            </button>
        </div>
    }
}

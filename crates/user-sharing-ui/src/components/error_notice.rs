//! An error in the user's words, with a way to retry.

use hub_sharing::ApiError;

use yew::prelude::*;

use crate::host::Host;
use crate::messages::error_message;

/// Properties of [`ErrorNotice`].
#[derive(Properties, PartialEq)]
pub struct ErrorNoticeProps {
    /// What went wrong.
    pub error: ApiError,
    /// Retry the failed action.
    pub on_retry: Callback<()>,
    /// Whether a retry is already running.
    #[prop_or_default]
    pub busy: bool,
}

/// `role="alert"` so screen readers announce it.
#[function_component(ErrorNotice)]
pub fn error_notice(props: &ErrorNoticeProps) -> Html {
    let config = use_context::<Host>().expect("the host config is provided by App");
    let message = error_message(&config, &props.error);
    let onclick = {
        let on_retry = props.on_retry.clone();
        let busy = props.busy;
        Callback::from(move |_| {
            if !busy {
                on_retry.emit(());
            }
        })
    };
    // An expired session is fixed by logging in again: offer the reload.
    let needs_login = matches!(
        props.error,
        ApiError::NotJson { .. } | ApiError::InvalidCredentials
    );
    let reload = Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    html! {
        <div class="jp-UserSharing-error" role="alert" data-error-kind={props.error.kind()}>
            <p>{ message }</p>
            if needs_login {
                <button type="button" class="jp-mod-styled jp-mod-accept jp-UserSharing-reload" onclick={reload}>
                    { config.strings.reload_page.clone() }
                </button>
            }
            <button type="button" class="jp-mod-styled jp-mod-reject jp-UserSharing-retry" {onclick} aria-disabled={crate::focus::busy_attr(props.busy)}>
                { config.strings.retry.clone() }
            </button>
        </div>
    }
}

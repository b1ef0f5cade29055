//! An error in the user's words, with a way to retry.

use hub_sharing::ApiError;

use yew::prelude::*;

use crate::components::parts::Button;
use crate::host::Config;
use crate::messages::error_message;

/// `role="alert"` so screen readers announce it. Try again clicks
/// `on_retry`, unless a retry is already running (`busy`). (A view function, not a
/// component: one fewer component type in the wasm.)
pub fn error_notice(
    config: &Config,
    error: &ApiError,
    on_retry: Callback<MouseEvent>,
    busy: bool,
) -> Html {
    let message = error_message(config, error);
    let onclick = if busy { Callback::noop() } else { on_retry };
    // An expired session is fixed by logging in again: offer the reload.
    let needs_login = matches!(
        error,
        ApiError::NotJson { .. } | ApiError::InvalidCredentials
    );
    let reload = Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    let s = &config.strings;
    html! {
        <div class="jp-UserSharing-error" role="alert" data-error-kind={error.kind()}>
            <p>{ message }</p>
            if needs_login {
                { Button::new("jp-mod-styled jp-mod-accept jp-UserSharing-reload", &s.reload_page, reload).html() }
            }
            { Button::new("jp-mod-styled jp-mod-reject jp-UserSharing-retry", &s.retry, onclick).busy(busy).html() }
        </div>
    }
}

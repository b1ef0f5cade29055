//! What the owner must know before sharing.

use yew::prelude::*;

use crate::host::Config;

/// The three warnings, in the user's words (nothing when the setting turns
/// them off). A view function, not a component. Where the server enforces
/// access levels (`levels`), revoking ends access at once, and the third
/// warning says so.
pub fn warnings(config: &Config, levels: bool) -> Html {
    if !config.show_warnings {
        return html! {};
    }
    let s = &config.strings;
    html! {
        <ul class="jp-UserSharing-warnings">
            <li>{ s.warning_files.clone() }</li>
            <li>{ s.warning_links.clone() }</li>
            if levels {
                <li>{ s.warning_revocation_at_once.clone() }</li>
            } else {
                <li>{ s.warning_revocation.clone() }</li>
            }
        </ul>
    }
}

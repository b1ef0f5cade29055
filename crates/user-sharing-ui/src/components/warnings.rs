//! What the owner must know before sharing.

use yew::prelude::*;

use crate::host::Config;

/// The three warnings, in the user's words (nothing when the setting turns
/// them off). A view function, not a component.
pub fn warnings(config: &Config) -> Html {
    if !config.show_warnings {
        return html! {};
    }
    let s = &config.strings;
    html! {
        <ul class="jp-UserSharing-warnings">
            <li>{ s.warning_files.clone() }</li>
            <li>{ s.warning_links.clone() }</li>
            <li>{ s.warning_revocation.clone() }</li>
        </ul>
    }
}

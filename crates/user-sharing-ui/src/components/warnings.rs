//! What the owner must know before sharing.

use yew::prelude::*;

use crate::host::Config;

/// The three warnings, in the user's words (nothing when the setting turns
/// them off). A view function, not a component. Where the server enforces
/// access levels (`levels`), what invitees can do depends on their link,
/// and revoking ends access at once: the first and third warnings say so.
pub fn warnings(config: &Config, levels: bool) -> Html {
    if !config.show_warnings {
        return html! {};
    }
    let s = &config.strings;
    let (files, revocation) = if levels {
        (&s.warning_files_levels, &s.warning_revocation_at_once)
    } else {
        (&s.warning_files, &s.warning_revocation)
    };
    html! {
        <ul class="jp-UserSharing-warnings">
            <li>{ files.clone() }</li>
            <li>{ s.warning_links.clone() }</li>
            <li>{ revocation.clone() }</li>
        </ul>
    }
}

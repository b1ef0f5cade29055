//! What the owner must know before sharing.

use yew::prelude::*;

use crate::components::parts::li;
use crate::host::Config;

/// The three warnings, in the user's words (nothing when the setting turns
/// them off), behind a one-line disclosure (a `<details>`: its summary is
/// reached and opened from the keyboard), so that the lists stay in view
/// on a small window. A view function, not a component. Where the server enforces
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
        <details class="jp-UserSharing-warningBox">
            <summary>{ s.warnings_summary.clone() }</summary>
            <ul class="jp-UserSharing-warnings">
                { li(files.clone()) }
                { li(s.warning_links.clone()) }
                { li(revocation.clone()) }
            </ul>
        </details>
    }
}

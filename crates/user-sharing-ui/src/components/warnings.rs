//! What the owner must know before sharing.

use std::rc::Rc;

use yew::prelude::*;

use crate::host::Config;

/// The three warnings, in the user's words (hidden when the setting says so).
#[function_component(Warnings)]
pub fn warnings() -> Html {
    let config = use_context::<Rc<Config>>().expect("the host config is provided by App");
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

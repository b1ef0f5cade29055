//! What the owner must know before sharing.

use yew::prelude::*;

use crate::components::app::Ctx;

/// The three warnings, in the user's words (hidden when the setting says so).
#[function_component(Warnings)]
pub fn warnings() -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx is provided by App");
    if !ctx.config.show_warnings {
        return html! {};
    }
    let s = &ctx.config.strings;
    html! {
        <ul class="jp-UserSharing-warnings">
            <li>{ s.warning_files.clone() }</li>
            <li>{ s.warning_links.clone() }</li>
            <li>{ s.warning_revocation.clone() }</li>
        </ul>
    }
}

//! Previous / Next under a long table, with the range of rows shown.

use yew::prelude::*;

use crate::components::parts::Button;
use crate::host::Config;
use crate::messages::local_number;
use crate::strings::fill;

/// What [`pager`] shows.
pub struct PagerProps {
    /// The page shown (from 0).
    pub page: usize,
    /// The last page that exists.
    pub last_page: usize,
    /// First and last row shown (from 1), and the number of rows.
    pub range: (usize, usize, usize),
    /// Go to a page.
    pub on_go: Callback<usize>,
}

/// Previous / Next at either end are only aria-disabled (a click there
/// stays on the page): a disabled button would drop the keyboard focus.
/// (A view function, not a component: one fewer component type in the wasm.)
pub fn pager(config: &Config, props: PagerProps) -> Html {
    let s = &config.strings;
    let (first, last, total) = props.range;
    let range = fill(
        &s.page_range,
        &[
            &local_number(&config.locale, first),
            &local_number(&config.locale, last),
            &local_number(&config.locale, total),
        ],
    );
    let go = |to: usize| props.on_go.reform(move |_: MouseEvent| to);
    let (page, last_page) = (props.page, props.last_page);
    html! {
        <nav class="jp-UserSharing-pager" aria-label={s.pages_label.clone()}>
            { Button::new("jp-mod-styled", &s.previous_page, go(page.saturating_sub(1))).busy(page == 0).html() }
            <span class="jp-UserSharing-range" aria-live="polite">{ range }</span>
            { Button::new("jp-mod-styled", &s.next_page, go((page + 1).min(last_page)))
                .busy(page >= last_page).html() }
        </nav>
    }
}

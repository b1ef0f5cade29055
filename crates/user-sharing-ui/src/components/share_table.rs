//! The table of users and groups who accepted an invitation.
//!
//! A long list is shown a page at a time ([`PAGE_SIZE`] rows), with a search
//! field and Previous / Next buttons: the cost of a render does not grow with
//! the number of people, so even 10,000 of them keep the dialog responsive.
//! The table's `aria-rowcount` and each row's `aria-rowindex` tell assistive
//! technology where the rows shown sit in the whole list.
//!
//! With jupyter-collaboration, a column marks who is **Online now**, and
//! people connected without a share of their own (an admin, a member of a
//! shared group) get a row of their own after the shares.

use std::rc::Rc;

use hub_sharing::{Level, Share};
use yew::prelude::*;

use crate::components::pager::{pager, PagerProps};
use crate::components::parts::{
    action_column, caption, cell, column, p as para, row_header, status, Button,
};
use crate::host::{Config, Host};
use crate::messages::{granted_at, local_datetime, local_number};
use crate::state::{has_own_share, Progress};
use crate::strings::{fill, Plural};

/// Rows shown at a time.
pub const PAGE_SIZE: usize = 100;

/// Rows shown until the dialog's first frame is painted: a screenful, so
/// that the list remembered from the last open is on screen within a frame
/// of the click; the rest of the page follows.
pub const FIRST_ROWS: usize = 20;

/// Properties of [`ShareTable`].
#[derive(Properties, PartialEq)]
pub struct ShareTableProps {
    /// The host's configuration.
    pub config: Host,
    /// Shares, already sorted newest first.
    pub shares: Rc<Vec<Share>>,
    /// The time now on the hub's clock (ms since the epoch).
    pub now: i64,
    /// Whether a change is running (Revoke buttons aria-disabled: they keep
    /// the focus, and the actions ignore their clicks).
    pub busy: bool,
    /// Revoke one row's access.
    pub on_revoke: Callback<Share>,
    /// The server enforces access levels: show what each person can do,
    /// and when their access ends.
    #[prop_or_default]
    pub levels: bool,
    /// The rows are the first pages of a longer list, more arriving: how
    /// many are in, of how many.
    #[prop_or_default]
    pub progress: Option<Progress>,
    /// The table's `data-rows`: `partial`, `complete` or `remembered`
    /// ([`crate::state::State::rows_state`]).
    #[prop_or("complete")]
    pub rows: &'static str,
    /// The hub names of the other people connected now; `None` when
    /// JupyterLab cannot tell (no jupyter-collaboration): no column then.
    #[prop_or_default]
    pub online: Option<Rc<Vec<String>>>,
    /// Only the first [`FIRST_ROWS`] rows of the page (until the dialog's
    /// first frame is painted).
    #[prop_or_default]
    pub screenful: bool,
}

/// One row of the table: a share, or someone connected without one.
#[derive(Clone, Copy)]
pub enum Row<'a> {
    Share(&'a Share),
    Visitor(&'a str),
}

impl Row<'_> {
    fn name(&self) -> &str {
        match self {
            Row::Share(share) => share.display_name(),
            Row::Visitor(name) => name,
        }
    }
}

/// The rows: every share, then everyone in `online` whom no user share
/// names.
pub fn all_rows<'a>(shares: &'a [Share], online: &'a [String]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row> = shares.iter().map(Row::Share).collect();
    for name in online {
        if !has_own_share(shares, name) {
            rows.push(Row::Visitor(name));
        }
    }
    rows
}

/// The rows matching `query` (case-insensitive, anywhere in the name).
/// An empty query matches every row.
pub fn matching<'a>(rows: &[Row<'a>], query: &str) -> Vec<Row<'a>> {
    let query = lower(query.trim());
    if query.is_empty() {
        return rows.to_vec();
    }
    rows.iter()
        .filter(|row| lower(row.name()).contains(&query))
        .copied()
        .collect()
}

/// Lower case through the browser (`String.prototype.toLowerCase`): the
/// same result as Rust's `to_lowercase`, without its Unicode tables in the
/// wasm.
fn lower(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

/// The page actually shown: `wanted`, kept within the pages that exist
/// (the list may have shrunk since, after a revoke or a reload).
pub fn clamp_page(wanted: usize, rows: usize) -> usize {
    let pages = rows.div_ceil(PAGE_SIZE).max(1);
    wanted.min(pages - 1)
}

/// A real `<table>` with a caption and column headers. Names are rendered as
/// text nodes only, never as markup.
#[function_component(ShareTable)]
pub fn share_table(props: &ShareTableProps) -> Html {
    let config = props.config.clone();
    // the page asked for, and the search text (one state: a search goes
    // back to the first page)
    let view = use_state(|| (0usize, String::new()));
    let (page, query) = &*view;
    let s = &config.strings;

    let online = props
        .online
        .as_deref()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let every = all_rows(&props.shares, online);
    let total = every.len();
    let rows = matching(&every, query);
    let current = clamp_page(*page, rows.len());
    let start = current * PAGE_SIZE;
    let shown = &rows[start.min(rows.len())..(start + PAGE_SIZE).min(rows.len())];
    // more than a page: loaded, or announced while the list arrives (its
    // first answer may be exactly a page)
    let paged = total > PAGE_SIZE || props.progress.is_some_and(|p| p.total() > PAGE_SIZE);

    let on_search = {
        let view = view.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                view.set((0, input.value()));
            }
        })
    };
    let search = paged.then(|| {
        html! {
            <label class="jp-UserSharing-filter">
                <span>{ s.filter_label.clone() }</span>
                <input type="search" class="jp-mod-styled" value={query.clone()} oninput={on_search} />
            </label>
        }
    });
    let pager = (rows.len() > PAGE_SIZE).then(|| {
        let (view, query) = (view.clone(), query.clone());
        let props = PagerProps {
            page: current,
            last_page: clamp_page(usize::MAX, rows.len()),
            range: (start + 1, start + shown.len(), rows.len()),
            on_go: Callback::from(move |to| view.set((to, query.clone()))),
        };
        pager(&config, props)
    });
    // while a long list arrives: how far it is, and that search and pages
    // cover only what is in
    let (progress, partial) = match props.progress {
        Some(p) => {
            let number = |n: usize| local_number(&config.locale, n);
            let (loaded, total) = (number(p.loaded), number(p.total()));
            let line =
                config.plural_with(Plural::LoadingPeople, p.total() as u64, &[&loaded, &total]);
            let note = paged.then(|| {
                html! {
                    { para("jp-UserSharing-partial", config.plural_with(Plural::PartialSearch, p.loaded as u64, &[&loaded])) }
                }
            });
            (
                status("jp-UserSharing-progress", line),
                note.unwrap_or_default(),
            )
        }
        None => (Html::default(), Html::default()),
    };
    let body = if rows.is_empty() {
        para("jp-UserSharing-empty", fill(&s.no_match, &[query.trim()]))
    } else {
        table(
            &config,
            &shown[..shown.len().min(if props.screenful {
                FIRST_ROWS
            } else {
                PAGE_SIZE
            })],
            start,
            rows.len(),
            props,
        )
    };
    // Always the same children, so that the search field is never
    // re-created (and loses focus) when the pager, the progress or the
    // note comes or goes.
    html! {
        <>
            { progress }
            { search.unwrap_or_default() }
            { partial }
            { body }
            { pager.unwrap_or_default() }
        </>
    }
}

/// The table of the rows `shown`, the first being row `start` (from 0) of
/// the `count` rows that match.
fn table(
    config: &Config,
    shown: &[Row],
    start: usize,
    count: usize,
    props: &ShareTableProps,
) -> Html {
    let s = &config.strings;
    let now = props.now;
    html! {
        <table class="jp-UserSharing-table" aria-rowcount={(count + 1).to_string()}
            data-rows={props.rows} aria-busy={props.progress.is_some().to_string()}>
            { caption(s.table_caption.clone()) }
            <thead>
                <tr aria-rowindex="1">
                    { column(s.column_name.clone()) }
                    { column(s.column_granted.clone()) }
                    if props.online.is_some() {
                        { column(s.column_online.clone()) }
                    }
                    if props.levels {
                        { column(s.column_access.clone()) }
                        { column(s.access_ends.clone()) }
                    }
                    { action_column(s.column_action.clone()) }
                </tr>
            </thead>
            <tbody>
                { for shown.iter().enumerate().map(|(i, row)| match row {
                    Row::Share(share) => share_row(config, share, start + i + 2, now, props),
                    Row::Visitor(name) => visitor_row(config, name, start + i + 2, props),
                }) }
            </tbody>
        </table>
    }
}

/// One row: the name (a text node only, never markup), when access was
/// granted, and its Revoke button. `index` is its `aria-rowindex`.
fn share_row(
    config: &Config,
    share: &Share,
    index: usize,
    now: i64,
    props: &ShareTableProps,
) -> Html {
    let (busy, on_revoke) = (props.busy, &props.on_revoke);
    let s = &config.strings;
    let name = if share.is_group() {
        fill(&s.group_entry, &[share.display_name()])
    } else {
        share.display_name().to_owned()
    };
    let revoke = {
        let share = share.clone();
        on_revoke.reform(move |_: MouseEvent| share.clone())
    };
    html! {
        <tr aria-rowindex={index.to_string()}>
            { row_header("jp-UserSharing-name", name.clone()) }
            { cell("jp-UserSharing-time", granted_at(config, &share.created_at, now)) }
            { online_cell(config, props, !share.is_group() && is_online(props, share.display_name())) }
            if props.levels {
                { cell("jp-UserSharing-level", level_text(config, share)) }
                { cell("jp-UserSharing-ends", ends_text(config, share)) }
            }
            <td>
                { Button::new("jp-mod-styled jp-mod-warn jp-UserSharing-revoke", &s.revoke, revoke)
                    .aria_label(fill(&s.revoke_label, &[&name])).busy(busy).html() }
            </td>
        </tr>
    }
}

/// Someone connected now whom no share of their own lets in: no level and
/// nothing to revoke here.
fn visitor_row(config: &Config, name: &str, index: usize, props: &ShareTableProps) -> Html {
    let s = &config.strings;
    html! {
        <tr aria-rowindex={index.to_string()} class="jp-UserSharing-visitor">
            { row_header("jp-UserSharing-name", name.to_owned()) }
            { cell("jp-UserSharing-time", s.no_own_share.clone()) }
            { online_cell(config, props, true) }
            if props.levels {
                <td></td>
                <td></td>
            }
            <td></td>
        </tr>
    }
}

/// The "Connected" cell, only in a table that has the column.
fn online_cell(config: &Config, props: &ShareTableProps, online: bool) -> Html {
    if props.online.is_none() {
        return Html::default();
    }
    html! {
        <td class="jp-UserSharing-online">
            if online {
                <span class="jp-UserSharing-onlineNow">{ config.strings.online_now.clone() }</span>
            }
        </td>
    }
}

/// Whether the user `name` is connected now.
fn is_online(props: &ShareTableProps, name: &str) -> bool {
    props
        .online
        .as_ref()
        .is_some_and(|names| names.iter().any(|n| n == name))
}

/// "Can edit and run" or "Can view".
fn level_text(config: &Config, share: &Share) -> String {
    let s = &config.strings;
    match share.level() {
        Level::Edit => s.can_edit.clone(),
        Level::View => s.can_view.clone(),
    }
}

/// When the server stops, or the local time access ends.
fn ends_text(config: &Config, share: &Share) -> String {
    match share.ends_ms() {
        Some(ms) => local_datetime(&config.locale, ms),
        None => config.strings.ends_when_server_stops.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_shown_stays_within_the_pages_that_exist() {
        assert_eq!(clamp_page(0, 0), 0);
        assert_eq!(clamp_page(3, 0), 0);
        assert_eq!(clamp_page(0, 100), 0);
        assert_eq!(clamp_page(1, 100), 0);
        assert_eq!(clamp_page(1, 101), 1);
        // the list shrank under the owner's page: the last page instead
        assert_eq!(clamp_page(9, 450), 4);
        assert_eq!(clamp_page(usize::MAX, 10_000), 99);
    }
}

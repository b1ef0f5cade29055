//! Mounting the dialog and reading it as a user would: its state, texts,
//! rows, buttons and the keyboard focus, with bounded waits.

use std::time::Duration;

use gloo_timers::future::sleep;
use user_sharing_ui::{mount, MountHandle};
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::fake_hub::{js, make_config};

pub fn new_root() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

pub fn dialog(root: &Element) -> Option<Element> {
    root.query_selector(".jp-UserSharing").unwrap()
}

pub fn state(root: &Element) -> String {
    dialog(root)
        .and_then(|d| d.get_attribute("data-state"))
        .unwrap_or_default()
}

/// Wait (bounded) until the dialog reaches `wanted`.
pub async fn wait_state(root: &Element, wanted: &str) {
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if state(root) == wanted {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "dialog never reached state {wanted:?}; it is {:?}: {}",
        state(root),
        root.inner_html()
    );
}

pub fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

pub fn rows(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all("tbody tr .jp-UserSharing-name")
        .unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

/// Wait (bounded) until the people table shows `n` rows: its first render
/// holds a screenful, the rest of the page follows once that is painted.
pub async fn wait_rows(root: &Element, n: usize) {
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if rows(root).len() == n {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("never {n} rows: {}", root.inner_html());
}

pub fn click(root: &Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.click();
}

/// Mount a dialog on a page that has not shown any list yet.
pub async fn start(overrides: &str) -> (Element, MountHandle) {
    user_sharing_ui::session::forget_lists();
    let root = new_root();
    let handle = mount(root.clone(), make_config(js(overrides)));
    yew::scheduler::flush().await;
    (root, handle)
}

pub async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("{selector} never appeared: {}", root.inner_html());
}

pub async fn wait_text(root: &Element, needle: &str) {
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if text(root).contains(needle) {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("text {needle:?} never appeared: {}", root.inner_html());
}

/// The button at `selector` is marked busy and still has the focus (the
/// focused element's description contains `focus`).
pub fn assert_busy_with_focus(root: &Element, selector: &str, focus: &str) {
    assert!(button_busy(root, selector));
    assert!(focused().contains(focus), "focus: {}", focused());
}

/// Marked busy: `aria-disabled="true"`, but not `disabled`, so it keeps the
/// keyboard focus.
pub fn button_busy(root: &Element, selector: &str) -> bool {
    let el = root.query_selector(selector).unwrap().unwrap();
    el.get_attribute("aria-disabled").as_deref() == Some("true") && !el.has_attribute("disabled")
}

/// Give `selector` the keyboard focus, as Tab would.
pub fn focus_on(root: &Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.focus().unwrap();
}

/// The element with the keyboard focus, described for assertions.
pub fn focused() -> String {
    let doc = web_sys::window().unwrap().document().unwrap();
    match doc.active_element() {
        None => "nothing".to_owned(),
        Some(el) => {
            let name = el
                .get_attribute("aria-label")
                .or_else(|| el.text_content())
                .unwrap_or_default();
            format!(
                "{} {:?} {}",
                el.tag_name().to_lowercase(),
                el.class_name(),
                name.trim()
            )
        }
    }
}

/// Wait (bounded) until the focused element's description contains `wanted`.
pub async fn wait_focus(root: &Element, wanted: &str) {
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if focused().contains(wanted) {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "the focus never reached {wanted:?}; it is on {}: {}",
        focused(),
        root.inner_html()
    );
}

pub fn button_disabled(root: &Element, selector: &str) -> bool {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .has_attribute("disabled")
}

/// Type `query` in the search field over a long list (an `input` event, as
/// typing sends); returns the field.
pub fn search(root: &Element, query: &str) -> web_sys::HtmlInputElement {
    let input: web_sys::HtmlInputElement = root
        .query_selector("label.jp-UserSharing-filter input")
        .unwrap()
        .expect("a search field over a long list")
        .dyn_into()
        .unwrap();
    input.set_value(query);
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    input
}

//! Who is online now: with jupyter-collaboration the shim passes
//! `watchOnline`, and the people table marks who is connected (Online now)
//! and lists people connected without a share of their own; without it
//! there is no such column.

use user_sharing_ui::{mount, MountHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::support::*;

#[wasm_bindgen(inline_js = r#"
// The shim's watcher over a fake awareness: `set_online` changes it.
export function fake_watcher(names) {
  globalThis.__online = { names, listeners: new Set(), stopped: 0 };
  return (listener) => {
    const online = globalThis.__online;
    online.listeners.add(listener);
    listener(online.names);
    return () => { online.listeners.delete(listener); online.stopped += 1; };
  };
}
export function set_online(names) {
  const online = globalThis.__online;
  online.names = names;
  online.listeners.forEach(listener => listener(names));
}
export function watchers() { return globalThis.__online.listeners.size; }
export function stopped() { return globalThis.__online.stopped; }
"#)]
extern "C" {
    fn fake_watcher(names: JsValue) -> JsValue;
    fn set_online(names: JsValue);
    fn watchers() -> u32;
    fn stopped() -> u32;
}

/// The dialog of alice, with everyone in `names` connected now.
async fn start_online(names: &str) -> (Element, MountHandle) {
    user_sharing_ui::session::forget_lists();
    let root = new_root();
    let config = make_config(js("{}"));
    js_sys::Reflect::set(&config, &"watchOnline".into(), &fake_watcher(js(names))).unwrap();
    let handle = mount(root.clone(), config);
    yew::scheduler::flush().await;
    (root, handle)
}

/// The text of the row of `name` in the people table.
fn row_of(root: &Element, name: &str) -> Option<String> {
    let rows = root.query_selector_all("tbody tr").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .map(|row| row.text_content().unwrap_or_default())
        .find(|text| text.starts_with(name))
}

fn headers(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all(".jp-UserSharing-table thead th")
        .unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn without_collaboration_there_is_no_online_column() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "bob"]);
    assert!(!headers(&root).contains(&"Connected".to_owned()));
    assert!(!text(&root).contains("Online now"));
    assert_eq!(
        root.query_selector_all(".jp-UserSharing-online")
            .unwrap()
            .length(),
        0
    );
}

#[wasm_bindgen_test]
async fn people_connected_now_are_marked_online_now_and_an_admin_without_a_share_is_listed() {
    stub_fetch(routes(vec![bob_and_carol()]));
    // alice is the owner looking at her own dialog; root is an admin
    let (root, _h) = start_online(r#"["alice", "bob", "root"]"#).await;
    wait_state(&root, "ready").await;
    assert!(headers(&root).contains(&"Connected".to_owned()));
    // the shares first, then who is here without one; never the owner
    assert_eq!(rows(&root), ["carol", "bob", "root"]);
    assert!(row_of(&root, "bob").unwrap().contains("Online now"));
    assert!(!row_of(&root, "carol").unwrap().contains("Online now"));
    let admin = row_of(&root, "root").unwrap();
    assert!(
        admin.contains("No share: an admin, a member of a shared group, or just revoked"),
        "{admin}"
    );
    assert!(admin.contains("Online now"), "{admin}");
    // nothing to revoke for someone without a share
    let buttons = root
        .query_selector_all(".jp-UserSharing-visitor button")
        .unwrap();
    assert_eq!(buttons.length(), 0);
    assert_eq!(
        root.query_selector_all("tbody .jp-UserSharing-revoke")
            .unwrap()
            .length(),
        2
    );
}

#[wasm_bindgen_test]
async fn the_marks_follow_the_awareness_and_the_watcher_stops_on_unmount() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, mut handle) = start_online(r#"["bob"]"#).await;
    wait_state(&root, "ready").await;
    assert!(row_of(&root, "bob").unwrap().contains("Online now"));
    set_online(js(r#"["carol", "alice"]"#));
    wait_for(&root, "tbody tr:first-child .jp-UserSharing-onlineNow").await;
    assert!(row_of(&root, "carol").unwrap().contains("Online now"));
    assert!(!row_of(&root, "bob").unwrap().contains("Online now"));
    assert_eq!(rows(&root), ["carol", "bob"]);
    assert_eq!(watchers(), 1);
    handle.unmount();
    yew::scheduler::flush().await;
    assert_eq!((watchers(), stopped()), (0, 1));
}

#[wasm_bindgen_test]
async fn someone_connected_on_a_server_shared_with_nobody_gets_a_row() {
    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start_online(r#"["root"]"#).await;
    wait_state(&root, "ready").await;
    assert!(!text(&root).contains("No one else has access to this server yet."));
    assert_eq!(rows(&root), ["root"]);
    assert!(row_of(&root, "root").unwrap().contains("Online now"));
    // when they leave, the empty state comes back
    set_online(js("[]"));
    wait_text(&root, "No one else has access to this server yet.").await;
}

#[wasm_bindgen_test]
async fn someone_new_online_makes_the_list_reload_once_for_they_have_just_accepted() {
    stub_fetch(routes(vec![bob_and_carol()]));
    // root (an admin) is here from the start: no reload for them
    let (root, _h) = start_online(r#"["root"]"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "bob", "root"]);
    let loads = request_urls().len();
    // dave accepts a link and opens the server
    let three: js_sys::Array = [
        share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED),
        share("carol", "2026-11-27T11:00:00Z", JsValue::UNDEFINED),
        share("dave", "2026-11-27T12:00:00Z", JsValue::UNDEFINED),
    ]
    .into_iter()
    .collect();
    set_routes(routes(vec![route(
        "GET",
        "/api/shares/alice/",
        200,
        page(three.into(), JsValue::NULL),
    )]));
    set_online(js(r#"["root", "dave"]"#));
    wait_for(&root, "tbody tr:first-child .jp-UserSharing-onlineNow").await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["dave", "carol", "bob", "root"]);
    assert!(row_of(&root, "dave").unwrap().contains("Revoke"));
    assert_eq!(request_urls().len(), loads + 1);
    // the same people again, or fewer: no more reloads
    set_online(js(r#"["dave", "root"]"#));
    set_online(js(r#"["root"]"#));
    for _ in 0..10 {
        yew::scheduler::flush().await;
    }
    assert_eq!(request_urls().len(), loads + 1);
}

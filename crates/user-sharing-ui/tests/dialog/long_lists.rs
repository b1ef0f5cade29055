//! A long list of people shows its first page while the rest arrives:
//! progress, search and pages over what is in (and saying so), and Revoke
//! All users while pages are still on their way.

use std::time::Duration;

use gloo_timers::future::sleep;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// 600 people: the first 100 at once, the other three pages after `ms`.
fn slow_long_list(ms: u32) -> Vec<JsValue> {
    let later = |offset: usize| {
        let url = format!("shares/alice/?offset={offset}&");
        delayed(route("GET", &url, 200, users_page(offset, 200, 600)), ms)
    };
    vec![
        later(500),
        later(300),
        later(100),
        route(
            "GET",
            "shares/alice/?offset=0&",
            200,
            users_page(0, 100, 600),
        ),
    ]
}

fn table_rows_state(root: &web_sys::Element) -> Option<String> {
    root.query_selector("table.jp-UserSharing-table")
        .unwrap()
        .and_then(|t| t.get_attribute("data-rows"))
}

#[wasm_bindgen_test]
async fn the_first_page_shows_while_the_rest_loads_with_progress() {
    stub_fetch(routes(slow_long_list(600)));
    let (root, _h) = start(r#"{"token": "t-partial"}"#).await;
    wait_for(&root, r#"table[data-rows="partial"]"#).await;
    // the first page is on screen, live, before the other pages answered
    // (its first render a screenful, the rest once that is painted)
    assert_eq!(state(&root), "loading");
    wait_rows(&root, 100).await;
    assert_eq!(state(&root), "loading");
    let table = root.query_selector("table").unwrap().unwrap();
    assert_eq!(table.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("101"));
    let progress = root
        .query_selector(".jp-UserSharing-progress")
        .unwrap()
        .expect("a progress line");
    assert_eq!(progress.text_content().unwrap(), "Loading 100 of 600…");
    assert!(
        text(&root).contains(
            "Search and pages cover the 100 users and groups loaded so far, not yet everyone."
        ),
        "{}",
        text(&root)
    );
    // search covers what is in, and says so
    search(&root, "user-450");
    yew::scheduler::flush().await;
    assert!(text(&root).contains("No user or group matches “user-450”."));
    assert!(text(&root).contains("loaded so far, not yet everyone."));

    // once every page is in: the whole list, searched in full, no progress
    wait_state(&root, "ready").await;
    assert_eq!(table_rows_state(&root).as_deref(), Some("complete"));
    assert!(root
        .query_selector(".jp-UserSharing-progress")
        .unwrap()
        .is_none());
    assert!(!text(&root).contains("not yet everyone"));
    assert_eq!(rows(&root), ["user-450"]);
    search(&root, "");
    yew::scheduler::flush().await;
    let table = root.query_selector("table").unwrap().unwrap();
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("601"));
    assert_eq!(table.get_attribute("aria-busy").as_deref(), Some("false"));
    assert!(text(&root).contains("1–100 of 600"), "{}", text(&root));
}

#[wasm_bindgen_test]
async fn the_pages_after_the_first_are_asked_for_from_the_end() {
    stub_fetch(routes(slow_long_list(20)));
    let (root, _h) = start(r#"{"token": "t-order"}"#).await;
    wait_state(&root, "ready").await;
    // a screenful first (it comes back sooner), then the pages it
    // announces, 200 rows each: the hub lists oldest first and the dialog
    // shows the newest first
    assert_eq!(
        request_urls(),
        [
            "http://hub.test/hub/api/shares/alice/?offset=0&limit=100",
            "http://hub.test/hub/api/shares/alice/?offset=500&limit=200",
            "http://hub.test/hub/api/shares/alice/?offset=300&limit=200",
            "http://hub.test/hub/api/shares/alice/?offset=100&limit=200",
        ]
    );
    assert_eq!(rows(&root).len(), 100);
}

#[wasm_bindgen_test]
async fn revoke_all_while_pages_load_revokes_everyone_at_the_hub() {
    stub_fetch(routes(slow_long_list(700)));
    let (root, _h) = start(r#"{"token": "t-revoke-partial"}"#).await;
    wait_for(&root, r#"table[data-rows="partial"]"#).await;
    click(&root, "button.jp-UserSharing-revokeAll");
    yew::scheduler::flush().await;
    // after the revocation the hub lists nobody (the slow pages of the old
    // load still answer with the old people, late)
    let mut after = slow_long_list(700);
    after.insert(
        0,
        route(
            "GET",
            "shares/alice/?offset=0&",
            200,
            page(js("[]"), JsValue::NULL),
        ),
    );
    after.insert(0, route("DELETE", "/api/shares/alice/", 204, JsValue::NULL));
    set_routes(routes(after));
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "No one else has access to this server yet.").await;
    // one request for the whole server, not one per person loaded so far
    let deletes = requests_matching("DELETE", "/api/shares/alice/");
    assert_eq!(deletes.length(), 1);
    let url = js_sys::Reflect::get(&deletes.get(0), &"url".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(url, "http://hub.test/hub/api/shares/alice/");
    assert_eq!(requests_matching("PATCH", "/").length(), 0);
    // the old load's late pages change nothing
    sleep(Duration::from_millis(900)).await;
    yew::scheduler::flush().await;
    assert_eq!(state(&root), "ready");
    assert!(rows(&root).is_empty(), "{:?}", rows(&root));
    assert!(text(&root).contains("No one else has access to this server yet."));
    assert!(root
        .query_selector(".jp-UserSharing-progress")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_load_started_when_the_menu_opened_is_the_next_opens_own() {
    stub_fetch(routes(vec![bob_and_carol()]));
    user_sharing_ui::session::forget_lists();
    // the shim calls prefetch when the owner opens the User sharing menu
    user_sharing_ui::prefetch(make_config(js(r#"{"token": "t-prefetch"}"#)));
    user_sharing_ui::prefetch(make_config(js(r#"{"token": "t-prefetch"}"#)));
    sleep(Duration::from_millis(50)).await;
    // both lists and the capability check, once
    assert_eq!(requests().length(), 4);
    let root = new_root();
    let _h = user_sharing_ui::mount(root.clone(), make_config(js(r#"{"token": "t-prefetch"}"#)));
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "bob"]);
    assert_eq!(
        requests().length(),
        4,
        "the open asked the hub nothing more"
    );
    // a later open loads anew
    drop(_h);
    let root = new_root();
    let _h = user_sharing_ui::mount(root.clone(), make_config(js(r#"{"token": "t-prefetch"}"#)));
    wait_state(&root, "ready").await;
    assert_eq!(requests().length(), 6);
}

//! The lists of people with access: loading, order, pages, long lists, names, refresh, auto-refresh, the last lists of an earlier open.

use std::time::Duration;

use gloo_timers::future::sleep;
use user_sharing_ui::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn the_owner_sees_the_empty_state_from_an_authenticated_request() {
    stub_fetch(routes(vec![route(
        "GET",
        "/hub/api/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    assert!(text(&root).contains("No one else has access to this server yet."));
    let reqs = share_requests();
    assert_eq!(reqs.len(), 1);
    let req = reqs[0].clone();
    let url = js_sys::Reflect::get(&req, &"url".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(
        url,
        "http://hub.test/hub/api/shares/alice/?offset=0&limit=100"
    );
    let headers = js_sys::Reflect::get(&req, &"headers".into()).unwrap();
    let auth = js_sys::Reflect::get(&headers, &"authorization".into()).unwrap();
    assert_eq!(auth.as_string().as_deref(), Some("token secret-token"));
    let credentials = js_sys::Reflect::get(&req, &"credentials".into()).unwrap();
    assert_eq!(credentials.as_string().as_deref(), Some("omit"));
}

#[wasm_bindgen_test]
async fn shares_are_listed_newest_first_across_pages() {
    let first = page(
        [share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED)]
            .into_iter()
            .collect::<js_sys::Array>()
            .into(),
        js(r#"{"offset": 100, "limit": 100, "url": "ignored"}"#),
    );
    let second = page(
        [
            share("carol", "2026-11-27T12:00:00.123456Z", JsValue::UNDEFINED),
            share("class-1", "2026-11-27T11:00:00Z", "group".into()),
        ]
        .into_iter()
        .collect::<js_sys::Array>()
        .into(),
        JsValue::NULL,
    );
    stub_fetch(routes(vec![
        route("GET", "shares/alice/?offset=100&", 200, second),
        route("GET", "shares/alice/?offset=0&", 200, first),
    ]));
    // The hub on its own host (subdomain_host): the API is still called on
    // the page's own origin, which the proxy sends to the hub (same-origin).
    let (root, _h) = start(
        r#"{"hubHost": "https://hub.example.org", "hubPrefix": "/jupyter/hub/",
            "origin": "https://alice.users.example.org"}"#,
    )
    .await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "class-1 (group)", "bob"]);
    assert_eq!(
        request_urls(),
        [
            "https://alice.users.example.org/jupyter/hub/api/shares/alice/?offset=0&limit=100",
            "https://alice.users.example.org/jupyter/hub/api/shares/alice/?offset=100&limit=200",
        ]
    );
    let headers = root.query_selector_all("table thead th").unwrap();
    assert_eq!(headers.length(), 3);
}

#[wasm_bindgen_test]
async fn a_long_list_is_fetched_pages_in_parallel_and_shown_a_page_at_a_time() {
    stub_fetch(routes(vec![
        delayed(
            route(
                "GET",
                "shares/alice/?offset=300&",
                200,
                users_page(300, 200, 450),
            ),
            50,
        ),
        delayed(
            route(
                "GET",
                "shares/alice/?offset=100&",
                200,
                users_page(100, 200, 450),
            ),
            50,
        ),
        route(
            "GET",
            "shares/alice/?offset=0&",
            200,
            users_page(0, 100, 450),
        ),
    ]));
    max_in_flight();
    let (root, _h) = start(r#"{"token": "t-long"}"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(
        max_in_flight(),
        2,
        "pages 100 and 300 were requested together"
    );
    assert_eq!(share_requests().len(), 3);
    let table = root.query_selector("table").unwrap().unwrap();
    // every share is in the list (rows + header), one page of them in the DOM
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("451"));
    let shown = rows(&root);
    assert_eq!(shown.len(), 100);
    assert_eq!(shown[0], "user-0");
    assert_eq!(shown[99], "user-99");
    assert!(text(&root).contains("1–100 of 450"), "{}", text(&root));
    let previous = "nav.jp-UserSharing-pager button:first-of-type";
    let next = "nav.jp-UserSharing-pager button:last-of-type";
    assert!(button_busy(&root, previous));
    for _ in 0..4 {
        click(&root, next);
        yew::scheduler::flush().await;
    }
    // the last page: rows 401-450, Next disabled, row indexes continue
    assert!(text(&root).contains("401–450 of 450"), "{}", text(&root));
    assert!(button_busy(&root, next));
    // a click on Next at the end stays on the last page
    click(&root, next);
    yew::scheduler::flush().await;
    assert!(text(&root).contains("401–450 of 450"));
    let shown = rows(&root);
    assert_eq!((shown.len(), shown[0].as_str()), (50, "user-400"));
    let first_row = root.query_selector("tbody tr").unwrap().unwrap();
    assert_eq!(
        first_row.get_attribute("aria-rowindex").as_deref(),
        Some("402")
    );

    // the search field filters the whole list, not just the page shown
    let input = search(&root, "USER-42");
    yew::scheduler::flush().await;
    let shown = rows(&root);
    assert_eq!(shown.len(), 11, "user-42 and user-420..429: {shown:?}");
    assert!(shown.iter().all(|n| n.starts_with("user-42")));
    assert!(root
        .query_selector("nav.jp-UserSharing-pager")
        .unwrap()
        .is_none());
    assert!(
        input.is_connected(),
        "typing keeps the search field (and its focus)"
    );
    input.set_value("nobody");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert!(
        text(&root).contains("No user or group matches “nobody”."),
        "{}",
        text(&root)
    );
}

#[wasm_bindgen_test]
async fn reopening_shows_the_last_list_at_once_then_the_hubs_answer() {
    let bob = || {
        [share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED)]
            .into_iter()
            .collect::<js_sys::Array>()
    };
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(bob().into(), JsValue::NULL),
    )]));
    let (root, mut handle) = start(r#"{"token": "t-reopen"}"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["bob"]);
    handle.unmount();

    // carol accepted meanwhile; the hub answers slowly this time
    let both = bob();
    both.unshift(&share("carol", "2026-11-27T11:00:00Z", JsValue::UNDEFINED));
    set_routes(routes(vec![delayed(
        route(
            "GET",
            "/shares/alice/",
            200,
            page(both.into(), JsValue::NULL),
        ),
        300,
    )]));
    let root = new_root();
    let _h = mount(root.clone(), make_config(js(r#"{"token": "t-reopen"}"#)));
    yew::scheduler::flush().await;
    // at once: the list of the last open, marked as being updated
    assert_eq!(rows(&root), ["bob"]);
    assert_eq!(state(&root), "loading");
    assert!(text(&root).contains("Updating from the hub…"));
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "bob"]);
    assert!(!text(&root).contains("Updating from the hub…"));
}

#[wasm_bindgen_test]
async fn a_long_remembered_list_shows_a_screenful_at_once_then_its_first_page() {
    let people = || route("GET", "/shares/alice/", 200, users_page(0, 120, 120));
    stub_fetch(routes(vec![people()]));
    let (root, mut handle) = start(r#"{"token": "t-screenful"}"#).await;
    wait_state(&root, "ready").await;
    wait_rows(&root, 100).await;
    let page = rows(&root);
    handle.unmount();

    set_routes(routes(vec![delayed(people(), 300)]));
    let root = new_root();
    let _h = mount(root.clone(), make_config(js(r#"{"token": "t-screenful"}"#)));
    yew::scheduler::flush().await;
    // at once: the first screenful of the last open's list, counted whole
    assert_eq!(state(&root), "loading");
    assert_eq!(rows(&root), page[..20]);
    let table = root.query_selector("table").unwrap().unwrap();
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("121"));
    assert_eq!(
        table.get_attribute("data-rows").as_deref(),
        Some("remembered")
    );
    assert!(text(&root).contains("1–100 of 120"), "{}", text(&root));
    // the rest of its first page once that is painted, before the hub answers
    wait_rows(&root, 100).await;
    assert_eq!(rows(&root), page);
    assert_eq!(state(&root), "loading");
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), page);
}

#[wasm_bindgen_test]
async fn owner_and_server_names_are_percent_encoded() {
    stub_fetch(routes(vec![
        route("GET", "/shares/", 200, page(js("[]"), JsValue::NULL)),
        route(
            "GET",
            "/hub/api/user",
            200,
            js(
                r#"{"name": "first.last@example.org", "scopes": ["shares!user=first.last@example.org"]}"#,
            ),
        ),
    ]));
    let (root, _h) = start(
        r#"{"hubUser": "first.last@example.org", "hubServerUser": "first.last@example.org", "hubServerName": "my server+1"}"#,
    )
    .await;
    wait_state(&root, "ready").await;
    assert_eq!(
        request_urls(),
        ["http://hub.test/hub/api/shares/first.last%40example.org/my%20server%2B1?offset=0&limit=100"]
    );
}

#[wasm_bindgen_test]
async fn hostile_names_are_rendered_as_text() {
    let items: js_sys::Array = [share(
        "<img src=x onerror=alert(1)>",
        "2026-11-27T10:00:00Z",
        "group".into(),
    )]
    .into_iter()
    .collect();
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(items.into(), JsValue::NULL),
    )]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(rows(&root), ["<img src=x onerror=alert(1)> (group)"]);
}

#[wasm_bindgen_test]
async fn refresh_reloads_the_list_from_the_hub() {
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    let items: js_sys::Array = [share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED)]
        .into_iter()
        .collect();
    set_routes(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(items.into(), JsValue::NULL),
    )]));
    click(&root, "button.jp-UserSharing-refresh");
    wait_state(&root, "ready").await;
    // The state passes through "loading" first; wait for the table itself.
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if !rows(&root).is_empty() {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(rows(&root), ["bob"]);
    assert_eq!(share_requests().len(), 2);
}

#[wasm_bindgen_test]
async fn auto_refresh_reloads_while_open_and_stops_on_unmount() {
    stub_fetch(routes(vec![no_shares()]));
    let (root, mut handle) = start(r#"{"token": "t-auto", "autoRefreshSeconds": 1}"#).await;
    wait_state(&root, "ready").await;
    for _ in 0..300 {
        if share_requests().len() >= 2 {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert!(share_requests().len() >= 2, "reloaded by the timer");
    handle.unmount();
    yew::scheduler::flush().await;
    let after = share_requests().len();
    sleep(Duration::from_millis(1_300)).await;
    assert_eq!(share_requests().len(), after, "no reload after unmount");
}

#[wasm_bindgen_test]
async fn extra_and_missing_fields_are_tolerated() {
    let odd = js(
        r#"{"items": [{"user": {"name": "bob", "extra": 1}, "kind": "user", "created_at": "2026-11-27T10:00:00Z", "new_field": [1, 2]}],
            "_pagination": {"offset": 0, "limit": 200, "total": 1, "next": null}}"#,
    );
    stub_fetch(routes(vec![route("GET", "/api/shares/alice/", 200, odd)]));
    let (root, _h) = start(r#"{"token": "t-odd"}"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["bob"]);
}

thread_local! {
    static REVOKED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn named(name: &str) -> Option<hub_sharing::Named> {
    Some(hub_sharing::Named {
        name: name.to_owned(),
    })
}

/// The table alone, from literal props: a user and a group, busy.
#[yew::function_component(TableFromProps)]
fn table_from_props() -> yew::Html {
    use std::rc::Rc;
    use user_sharing_ui::components::share_table::ShareTable;
    use user_sharing_ui::host::{Config, Host};
    use yew::{html, Callback};
    let shares = Rc::new(vec![
        hub_sharing::Share {
            user: named("bob"),
            created_at: "2026-11-27T10:00:00Z".to_owned(),
            ..Default::default()
        },
        hub_sharing::Share {
            group: named("team"),
            kind: Some("group".to_owned()),
            created_at: "2026-11-27T09:00:00Z".to_owned(),
            ..Default::default()
        },
    ]);
    let on_revoke = Callback::from(|share: hub_sharing::Share| {
        REVOKED.with(|r| r.borrow_mut().push(share.display_name().to_owned()))
    });
    html! {
        <ShareTable config={Host(Rc::new(Config::default()))} {shares} now={0} busy=true {on_revoke} />
    }
}

#[wasm_bindgen_test]
async fn the_table_renders_from_literal_props_and_hands_the_revoked_share_up() {
    let root = new_root();
    let app = yew::Renderer::<TableFromProps>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    assert_eq!(rows(&root), ["bob", "team (group)"]);
    assert!(button_busy(&root, ".jp-UserSharing-revoke"));
    click(&root, "button[aria-label='Revoke access of team (group)']");
    assert_eq!(REVOKED.with(|r| r.borrow().clone()), ["team"]);
    app.destroy();
}

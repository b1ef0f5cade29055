//! Every failure a user can meet gets its own message, and a way on.

use gloo_timers::future::sleep;
use std::time::Duration;
use user_sharing_ui::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn an_expired_session_is_explained_and_retry_recovers() {
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        403,
        js(r#"{"status": 403, "message": "Missing or invalid credentials."}"#),
    )]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "error").await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("session has expired"));
    assert_eq!(
        alert.get_attribute("data-error-kind").as_deref(),
        Some("invalid-credentials")
    );
    set_routes(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )]));
    click(&root, "button.jp-UserSharing-retry");
    wait_state(&root, "ready").await;
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_login_page_instead_of_json_is_recognised() {
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        "<html><body>Sign in</body></html>".into(),
    )]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "error").await;
    assert!(text(&root).contains("instead of data"));
    assert!(!text(&root).contains("Sign in"));
}

#[wasm_bindgen_test]
async fn a_failed_reload_keeps_the_last_list_marked_stale() {
    let items: js_sys::Array = [share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED)]
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
    let failing = route("GET", "/shares/alice/", 0, JsValue::NULL);
    js_sys::Reflect::set(&failing, &"reject".into(), &true.into()).unwrap();
    set_routes(routes(vec![failing]));
    click(&root, "button.jp-UserSharing-refresh");
    wait_state(&root, "error").await;
    assert!(text(&root).contains("Could not reach JupyterHub"));
    assert!(text(&root).contains("may be out of date"));
    assert_eq!(rows(&root), ["bob"]);
}

#[wasm_bindgen_test]
async fn a_proxy_error_page_is_a_hub_problem() {
    let r = route(
        "GET",
        "/shares/alice/",
        502,
        "<html>Bad Gateway</html>".into(),
    );
    stub_fetch(routes(vec![r]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "error").await;
    assert!(text(&root).contains("HTTP 502"));
}

#[wasm_bindgen_test]
async fn an_old_hub_gets_its_own_message() {
    stub_fetch(routes(vec![
        no_shares(),
        route("GET", "/hub/api/?", 200, js(r#"{"version": "4.1.6"}"#)),
    ]));
    // The stub matches by substring; make the root answer 4.1.6.
    set_routes(routes(vec![no_shares()]));
    js_sys::eval(
        "globalThis.__routes.unshift({method: 'GET', match: 'old-hub.test/hub/api/', body: {version: '4.1.6'}, \
         exact: true}); const f = globalThis.fetch; globalThis.fetch = (i, o) => { \
         const u = (i instanceof Request ? i.url : String(i)); \
         if (u === 'http://old-hub.test/hub/api/') { return Promise.resolve(new Response(JSON.stringify({version: '4.1.6'}), \
         {status: 200, headers: {'content-type': 'application/json'}})); } return f(i, o); };",
    )
    .unwrap();
    let (root, _h) = start(r#"{"token": "t-old", "origin": "http://old-hub.test"}"#).await;
    wait_state(&root, "unsupported").await;
    assert!(text(&root).contains("version 4.1.6"));
    assert!(root
        .query_selector("button.jp-UserSharing-generate")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_token_without_share_scopes_shows_the_admin_the_config_lines() {
    stub_fetch(routes(vec![
        route(
            "GET",
            "/api/shares/alice/",
            403,
            js(
                r#"{"status": 403, "message": "Action is not authorized with current scopes; requires any of [shares]"}"#,
            ),
        ),
        route(
            "GET",
            "/hub/api/user",
            200,
            js(r#"{"name": "alice", "scopes": ["access:servers!server=alice/"]}"#),
        ),
    ]));
    let (root, _h) = start(r#"{"token": "t-noscope"}"#).await;
    wait_state(&root, "unsupported").await;
    let config = root
        .query_selector("pre.jp-UserSharing-config")
        .unwrap()
        .expect("config lines");
    let lines = config.text_content().unwrap();
    assert!(lines.contains(
        r#"c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "shares!user"]}]"#
    ));
    assert!(lines.contains(
        r#"c.Spawner.oauth_client_allowed_scopes = ["access:servers!server", "shares!server"]"#
    ));
}

#[wasm_bindgen_test]
async fn a_hanging_hub_times_out_with_its_own_message_and_retry_recovers() {
    stub_fetch(routes(vec![no_shares()]));
    // Replace fetch for the share list with one that never answers but
    // honours the abort signal, like a hung hub.
    js_sys::eval(
        "const inner = globalThis.fetch; globalThis.fetch = (input, init) => { \
           const req = input instanceof Request ? input : new Request(input, init); \
           if (req.url.includes('/api/shares/') && globalThis.__hang) { \
             return new Promise((_, reject) => req.signal.addEventListener('abort', \
               () => reject(new DOMException('aborted', 'AbortError')))); } \
           return inner(input, init); }; globalThis.__hang = true;",
    )
    .unwrap();
    let (root, _h) = start(r#"{"token": "t-hang", "requestTimeoutMs": 200}"#).await;
    wait_state(&root, "error").await;
    assert!(text(&root).contains("JupyterHub did not answer in time"));
    let alert = root.query_selector("[data-error-kind]").unwrap().unwrap();
    assert_eq!(
        alert.get_attribute("data-error-kind").as_deref(),
        Some("timeout")
    );
    js_sys::eval("globalThis.__hang = false;").unwrap();
    click(&root, "button.jp-UserSharing-retry");
    wait_state(&root, "ready").await;
}

#[wasm_bindgen_test]
async fn malformed_json_is_reported_without_a_panic() {
    stub_fetch(routes(vec![route(
        "GET",
        "/api/shares/alice/",
        200,
        js(r#"{"items": 5}"#),
    )]));
    let (root, _h) = start(r#"{"token": "t-malformed"}"#).await;
    wait_state(&root, "error").await;
    assert!(text(&root).contains("JupyterHub's answer could not be read"));
    assert!(!button_disabled(&root, "button.jp-UserSharing-retry"));
}

#[wasm_bindgen_test]
async fn an_expired_session_offers_a_reload() {
    stub_fetch(routes(vec![route(
        "GET",
        "/api/shares/alice/",
        200,
        "<html>login</html>".into(),
    )]));
    let (root, _h) = start(r#"{"token": "t-reload"}"#).await;
    wait_state(&root, "error").await;
    let reload = root.query_selector("button.jp-UserSharing-reload").unwrap();
    assert_eq!(
        reload.unwrap().text_content().as_deref(),
        Some("Reload page")
    );
}

#[wasm_bindgen_test]
async fn a_filtered_scope_404_and_a_scope_403_have_different_messages() {
    stub_fetch(routes(vec![route(
        "GET",
        "/api/shares/alice/",
        404,
        js(r#"{"status": 404, "message": "No access to resources or resources not found"}"#),
    )]));
    let (root, _h) = start(r#"{"token": "t-404"}"#).await;
    wait_state(&root, "error").await;
    assert!(text(&root).contains("could not find this server's sharing settings"));
    assert!(text(&root).contains("No access to resources or resources not found"));
    assert!(root
        .query_selector("button.jp-UserSharing-reload")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn after_a_panic_the_dialog_says_reload_the_page_and_tells_the_shim() {
    stub_fetch(routes(vec![no_shares()]));
    let told = js_sys::Array::new();
    let on_panic = {
        let told = told.clone();
        Closure::<dyn Fn()>::new(move || {
            told.push(&JsValue::TRUE);
        })
    };
    let overrides = js(r#"{"token": "t-panic"}"#);
    js_sys::Reflect::set(&overrides, &"onPanic".into(), on_panic.as_ref()).unwrap();
    user_sharing_ui::session::forget_lists();
    let root = new_root();
    let mut handle = mount(root.clone(), make_config(overrides));
    wait_state(&root, "ready").await;
    user_sharing_ui::show_panic("index out of bounds");
    let message = text(&root);
    assert!(
        message.contains("internal error: index out of bounds"),
        "{message}"
    );
    assert!(message.contains("Reload the page"), "{message}");
    assert!(!message.contains("network"), "{message}");
    assert_eq!(root.get_attribute("data-state").as_deref(), Some("panic"));
    assert_eq!(told.length(), 1, "the shim was told to drop the instance");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_hub_without_the_invitation_security_fixes_gets_a_warning() {
    stub_fetch(routes(vec![no_shares()]));
    let hub_root = route(
        "GET",
        "http://unpatched.test/hub/api/",
        200,
        js(r#"{"version": "5.5.0"}"#),
    );
    js_sys::Reflect::set(&hub_root, &"exact".into(), &JsValue::TRUE).unwrap();
    set_routes(routes(vec![hub_root, no_shares()]));
    let (root, _h) = start(r#"{"token": "t-unpatched", "origin": "http://unpatched.test"}"#).await;
    let warning = wait_for(&root, ".jp-UserSharing-unpatched").await;
    let warning = warning.text_content().unwrap_or_default();
    assert!(warning.contains("version 5.5.0"), "{warning}");
    assert!(warning.contains("5.5.1"), "{warning}");
    wait_state(&root, "ready").await;
    assert!(root
        .query_selector("button.jp-UserSharing-generate")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn a_hub_with_the_fixes_gets_no_warning() {
    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start(r#"{"token": "t-patched"}"#).await;
    wait_state(&root, "ready").await;
    // the capability check answers after the lists: give it time
    sleep(Duration::from_millis(100)).await;
    yew::scheduler::flush().await;
    assert!(root
        .query_selector(".jp-UserSharing-unpatched")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn on_its_own_host_a_proxy_not_found_page_names_the_hub_setting_to_keep() {
    // per-user subdomains: the proxy does not send /hub/ on alice's host to
    // the hub (a host-limited hub_routespec) and answers its HTML 404 page
    let not_found = route(
        "GET",
        "/hub/api/",
        404,
        "<html>404 : Not Found</html>".into(),
    );
    stub_fetch(routes(vec![not_found.clone()]));
    let (root, _h) = start(
        r#"{"token": "t-no-route", "hubHost": "http://hub.test", "origin": "http://alice.hub.test"}"#,
    )
    .await;
    wait_state(&root, "error").await;
    assert!(
        text(&root).contains("JupyterHub.hub_routespec"),
        "{}",
        text(&root)
    );
    assert!(!text(&root).contains("session has probably expired"));

    // the same page on the hub's own origin is no routing problem
    stub_fetch(routes(vec![not_found]));
    let (root, _h) =
        start(r#"{"token": "t-no-route-same", "origin": "http://no-route.test"}"#).await;
    wait_state(&root, "error").await;
    assert!(text(&root).contains("web page instead of data"));
    assert!(!text(&root).contains("hub_routespec"));
}

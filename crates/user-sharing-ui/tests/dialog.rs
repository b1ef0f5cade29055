//! Component tests of the dialog in headless Chromium, with a stubbed
//! `fetch` (the only place fakes are allowed): each test mounts the app the
//! way the shim does and checks what a user would see.

use std::time::Duration;

use gloo_timers::future::sleep;
use user_sharing_ui::{mount, MountHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function stub_fetch(routes) {
  globalThis.__requests = [];
  globalThis.__routes = routes;
  // A clipboard that takes what it is given (tests may replace it).
  globalThis.__copied = undefined;
  stub_clipboard(async (text) => { globalThis.__copied = text; });
  delete document.execCommand;
  globalThis.fetch = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const headers = {};
    req.headers.forEach((v, k) => { headers[k] = v; });
    const body = req.method === 'GET' ? null : await req.clone().text();
    globalThis.__requests.push({ method: req.method, url: req.url, headers, credentials: req.credentials, body });
    let route = globalThis.__routes.find(r => r.method === req.method && (r.exact ? req.url === r.match : req.url.includes(r.match)));
    if (!route) {
      // Defaults a hub 5.5 with the sharing scopes would answer.
      const path = new URL(req.url).pathname;
      if (req.method === 'GET' && path.endsWith('/hub/api/')) {
        route = { body: { version: '5.5.4' } };
      } else if (req.method === 'GET' && path.endsWith('/hub/api/user')) {
        route = { body: { name: 'alice', kind: 'user', scopes: ['shares!user=alice', 'access:servers!server=alice/'] } };
      } else if (req.method === 'GET' && path.includes('/api/share-codes/')) {
        route = { body: { items: [], _pagination: { offset: 0, limit: 200, total: 0, next: null } } };
      }
    }
    if (!route) {
      return new Response(JSON.stringify({ status: 404, message: 'no stub for ' + req.url }), { status: 404, headers: { 'content-type': 'application/json' } });
    }
    if (route.reject) { throw new TypeError('Failed to fetch'); }
    if (route.delay) {
      globalThis.__inFlight = (globalThis.__inFlight ?? 0) + 1;
      globalThis.__maxInFlight = Math.max(globalThis.__maxInFlight ?? 0, globalThis.__inFlight);
      await new Promise(r => setTimeout(r, route.delay));
      globalThis.__inFlight -= 1;
    }
    const extra = route.headers ?? {};
    if (route.status === 204) { return new Response(null, { status: 204, headers: extra }); }
    if (route.times !== undefined) { route.times -= 1; if (route.times === 0) { globalThis.__routes = globalThis.__routes.filter(r => r !== route); } }
    const isJson = typeof route.body !== 'string';
    return new Response(isJson ? JSON.stringify(route.body) : route.body, {
      status: route.status ?? 200,
      headers: { 'content-type': route.contentType ?? (isJson ? 'application/json' : 'text/html'), ...extra },
    });
  };
}
export function set_routes(routes) { globalThis.__routes = routes; }
export function max_in_flight() { const n = globalThis.__maxInFlight ?? 0; globalThis.__maxInFlight = 0; return n; }
export function requests() { return globalThis.__requests; }
export function make_config(overrides) {
  return Object.assign({
    hubPrefix: '/hub/', hubHost: '', hubUser: 'alice', hubServerUser: 'alice',
    hubServerName: '', token: 'secret-token', origin: 'http://hub.test', locale: 'en-US',
    notify: (kind, message) => { (globalThis.__notified ??= []).push(kind + ': ' + message); },
  }, overrides);
}
export function copied() { return globalThis.__copied; }
// `writeText` for navigator.clipboard, or null for a page without one.
export function stub_clipboard(writeText) {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true, value: writeText ? { writeText } : undefined,
  });
}
export function clipboard_refusing() {
  stub_clipboard(() => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError')));
}
// document.execCommand('copy') answering `answer`; records what was selected.
export function stub_exec_command(answer) {
  document.execCommand = (command) => {
    globalThis.__execSelected = command === 'copy' ? String(document.getSelection()) || selected_field() : null;
    return answer;
  };
}
function selected_field() {
  const el = document.activeElement;
  return el && el.selectionStart !== undefined && el.value ? el.value.slice(el.selectionStart, el.selectionEnd) : '';
}
export function exec_selected() { return globalThis.__execSelected ?? null; }
// What a Ctrl+C now would put on the clipboard, if some listener took it.
export function next_copy_event_text() {
  const data = new DataTransfer();
  document.body.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
  return data.getData('text/plain');
}
// An ISO timestamp and an HTTP date `days` from the browser's now.
export function iso_in_days(days) { return new Date(Date.now() + days * 86400000).toISOString(); }
export function http_date_in_days(days) { return new Date(Date.now() + days * 86400000).toUTCString(); }
export function iso_hours_after(http_date, hours) { return new Date(Date.parse(http_date) + hours * 3600000).toISOString(); }
export function notified() { return (globalThis.__notified ?? []).join('\n'); }
export function requests_matching(method, part) {
  return globalThis.__requests.filter(r => r.method === method && r.url.includes(part));
}
export function page(items, next) {
  return { items, _pagination: { offset: 0, limit: 200, total: items.length, next: next ?? null } };
}
export function share(name, created, kind) {
  kind = kind ?? 'user';
  return {
    server: { name: '', user: { name: 'alice' }, url: '/user/alice/', ready: true },
    scopes: ['access:servers!server=alice/'],
    user: kind === 'user' ? { name } : null,
    group: kind === 'group' ? { name } : null,
    kind, created_at: created,
  };
}
"#)]
extern "C" {
    fn stub_fetch(routes: JsValue);
    fn set_routes(routes: JsValue);
    fn max_in_flight() -> u32;
    fn requests() -> js_sys::Array;
    fn make_config(overrides: JsValue) -> JsValue;
    fn copied() -> JsValue;
    fn stub_clipboard(write_text: JsValue);
    fn clipboard_refusing();
    fn stub_exec_command(answer: bool);
    fn exec_selected() -> JsValue;
    fn next_copy_event_text() -> String;
    fn iso_in_days(days: f64) -> String;
    fn http_date_in_days(days: f64) -> String;
    fn iso_hours_after(http_date: &str, hours: f64) -> String;
    fn notified() -> String;
    fn requests_matching(method: &str, part: &str) -> js_sys::Array;
    fn page(items: JsValue, next: JsValue) -> JsValue;
    fn share(name: &str, created: &str, kind: JsValue) -> JsValue;
}

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON in test")
}

fn route(method: &str, matching: &str, status: u16, body: JsValue) -> JsValue {
    let r = js_sys::Object::new();
    js_sys::Reflect::set(&r, &"method".into(), &method.into()).unwrap();
    js_sys::Reflect::set(&r, &"match".into(), &matching.into()).unwrap();
    js_sys::Reflect::set(&r, &"status".into(), &JsValue::from(status)).unwrap();
    js_sys::Reflect::set(&r, &"body".into(), &body).unwrap();
    r.into()
}

fn routes(list: Vec<JsValue>) -> JsValue {
    list.into_iter().collect::<js_sys::Array>().into()
}

fn new_root() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn dialog(root: &Element) -> Option<Element> {
    root.query_selector(".jp-UserSharing").unwrap()
}

fn state(root: &Element) -> String {
    dialog(root)
        .and_then(|d| d.get_attribute("data-state"))
        .unwrap_or_default()
}

/// Wait (bounded) until the dialog reaches `wanted`.
async fn wait_state(root: &Element, wanted: &str) {
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

fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

fn rows(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all("tbody tr .jp-UserSharing-name")
        .unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn click(root: &Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.click();
}

/// Mount a dialog on a page that has not shown any list yet.
async fn start(overrides: &str) -> (Element, MountHandle) {
    user_sharing_ui::actions::forget_lists();
    let root = new_root();
    let handle = mount(root.clone(), make_config(js(overrides)));
    yew::scheduler::flush().await;
    (root, handle)
}

/// URLs of the requests for the share list (other requests filtered out).
fn request_urls() -> Vec<String> {
    share_requests()
        .iter()
        .map(|r| {
            js_sys::Reflect::get(r, &"url".into())
                .unwrap()
                .as_string()
                .unwrap()
        })
        .collect()
}

fn share_requests() -> Vec<JsValue> {
    requests()
        .iter()
        .filter(|r| {
            let url = js_sys::Reflect::get(r, &"url".into())
                .unwrap()
                .as_string()
                .unwrap();
            url.contains("/api/shares/")
        })
        .collect()
}

#[wasm_bindgen_test]
async fn outside_jupyterhub_it_says_sharing_needs_a_hub_and_sends_nothing() {
    stub_fetch(routes(vec![]));
    let (root, _h) =
        start(r#"{"hubPrefix": "", "hubUser": "", "hubServerUser": "", "token": ""}"#).await;
    wait_state(&root, "no-hub").await;
    assert!(text(&root).contains("User sharing needs JupyterHub"));
    assert_eq!(requests().length(), 0);
}

#[wasm_bindgen_test]
async fn an_invitee_sees_whose_server_it_is_and_no_management() {
    stub_fetch(routes(vec![]));
    let (root, _h) = start(r#"{"hubUser": "bob"}"#).await;
    wait_state(&root, "invitee").await;
    assert!(text(&root).contains("This server belongs to alice and was shared with you"));
    assert!(root.query_selector("button").unwrap().is_none());
    assert_eq!(requests().length(), 0);
}

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
        "http://hub.test/hub/api/shares/alice/?offset=0&limit=200"
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
        js(r#"{"offset": 200, "limit": 200, "url": "ignored"}"#),
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
        route("GET", "shares/alice/?offset=200", 200, second),
        route("GET", "shares/alice/?offset=0", 200, first),
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
            "https://alice.users.example.org/jupyter/hub/api/shares/alice/?offset=0&limit=200",
            "https://alice.users.example.org/jupyter/hub/api/shares/alice/?offset=200&limit=200",
        ]
    );
    let headers = root.query_selector_all("table thead th").unwrap();
    assert_eq!(headers.length(), 3);
}

/// The share list of alice's server: bob, then carol (newer).
fn bob_and_carol() -> JsValue {
    let both: js_sys::Array = [
        share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED),
        share("carol", "2026-11-27T11:00:00Z", JsValue::UNDEFINED),
    ]
    .into_iter()
    .collect();
    route(
        "GET",
        "/api/shares/alice/",
        200,
        page(both.into(), JsValue::NULL),
    )
}

/// A route answering after `ms` milliseconds (counted in `max_in_flight`).
fn delayed(route: JsValue, ms: u32) -> JsValue {
    js_sys::Reflect::set(&route, &"delay".into(), &JsValue::from(ms)).unwrap();
    route
}

/// A page of `n` users `user-{first}`.. with `next`, out of `total`.
fn users_page(first: usize, n: usize, total: usize) -> JsValue {
    let items: js_sys::Array = (first..first + n)
        .map(|i| {
            // newest first: user-0 is the newest
            let minute = 59 - (i / 60) % 60;
            let second = 59 - i % 60;
            let hour = 23 - i / 3600;
            share(
                &format!("user-{i}"),
                &format!("2026-11-27T{hour:02}:{minute:02}:{second:02}Z"),
                JsValue::UNDEFINED,
            )
        })
        .collect();
    let next = if first + n < total {
        js(&format!(
            r#"{{"offset": {}, "limit": 200, "url": null}}"#,
            first + n
        ))
    } else {
        JsValue::NULL
    };
    js(&format!(
        r#"{{"items": [], "_pagination": {{"offset": {first}, "limit": 200, "total": {total}, "next": {}}}}}"#,
        js_sys::JSON::stringify(&next).unwrap().as_string().unwrap()
    ))
    .dyn_into::<js_sys::Object>()
    .map(|o| {
        js_sys::Reflect::set(&o, &"items".into(), &items).unwrap();
        o.into()
    })
    .unwrap()
}

#[wasm_bindgen_test]
async fn a_long_list_is_fetched_pages_in_parallel_and_shown_a_page_at_a_time() {
    stub_fetch(routes(vec![
        delayed(
            route(
                "GET",
                "shares/alice/?offset=400",
                200,
                users_page(400, 50, 450),
            ),
            50,
        ),
        delayed(
            route(
                "GET",
                "shares/alice/?offset=200",
                200,
                users_page(200, 200, 450),
            ),
            50,
        ),
        route(
            "GET",
            "shares/alice/?offset=0",
            200,
            users_page(0, 200, 450),
        ),
    ]));
    max_in_flight();
    let (root, _h) = start(r#"{"token": "t-long"}"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(
        max_in_flight(),
        2,
        "pages 200 and 400 were requested together"
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
    let input: web_sys::HtmlInputElement = root
        .query_selector("label.jp-UserSharing-filter input")
        .unwrap()
        .expect("a search field over a long list")
        .dyn_into()
        .unwrap();
    input.set_value("USER-42");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
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
        ["http://hub.test/hub/api/shares/first.last%40example.org/my%20server%2B1?offset=0&limit=200"]
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
async fn unmount_removes_the_dialog() {
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )]));
    let (root, mut handle) = start("{}").await;
    wait_state(&root, "ready").await;
    handle.unmount();
    yew::scheduler::flush().await;
    assert!(dialog(&root).is_none());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn translated_strings_from_the_shim_are_used() {
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )]));
    let (root, _h) = start(r#"{"strings": {"noShares": "Niemand sonst hat Zugriff."}}"#).await;
    wait_state(&root, "ready").await;
    assert!(text(&root).contains("Niemand sonst hat Zugriff."));
    // Untranslated keys fall back to English.
    assert!(text(&root).contains("Refresh"));
}

// ---- Invite links, revocation, capability (issue #3) ----------------------

fn code_created(id: &str, url: Option<&str>) -> JsValue {
    let full = url
        .map(|u| format!("\"{u}\""))
        .unwrap_or_else(|| "null".to_owned());
    js(&format!(
        r#"{{"id": "{id}", "kind": "share-code", "scopes": ["access:servers!server=alice/"],
            "created_at": "2026-11-27T21:00:00Z", "expires_at": "2099-01-01T00:00:00Z",
            "exchange_count": 0, "last_exchanged_at": null, "code": "c0de",
            "accept_url": "/hub/accept-share?code=c0de", "full_accept_url": {full}}}"#
    ))
}

fn code_listed(id: &str, exchanges: u32) -> JsValue {
    js(&format!(
        r#"{{"id": "{id}", "scopes": [], "created_at": "2026-11-27T21:00:00Z",
            "expires_at": "2099-01-01T00:00:00Z", "exchange_count": {exchanges}, "last_exchanged_at": null}}"#
    ))
}

/// The hub answering an empty share list.
fn no_shares() -> JsValue {
    route(
        "GET",
        "/api/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )
}

/// A hub that creates code `id` (with `full_accept_url`) and then lists it,
/// with nobody having access yet. Spread into a route list with `..`.
fn generate_routes(id: &str, full_url: Option<&str>) -> [JsValue; 3] {
    [
        route(
            "POST",
            "/api/share-codes/alice/",
            200,
            code_created(id, full_url),
        ),
        no_shares(),
        route(
            "GET",
            "/api/share-codes/alice/",
            200,
            page(one(code_listed(id, 0)), JsValue::NULL),
        ),
    ]
}

fn one(v: JsValue) -> JsValue {
    [v].into_iter().collect::<js_sys::Array>().into()
}

fn body_of(req: &JsValue) -> String {
    js_sys::Reflect::get(req, &"body".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..300 {
        yew::scheduler::flush().await;
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("{selector} never appeared: {}", root.inner_html());
}

async fn wait_text(root: &Element, needle: &str) {
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
fn assert_busy_with_focus(root: &Element, selector: &str, focus: &str) {
    assert!(button_busy(root, selector));
    assert!(focused().contains(focus), "focus: {}", focused());
}

/// Marked busy: `aria-disabled="true"`, but not `disabled`, so it keeps the
/// keyboard focus.
fn button_busy(root: &Element, selector: &str) -> bool {
    let el = root.query_selector(selector).unwrap().unwrap();
    el.get_attribute("aria-disabled").as_deref() == Some("true") && !el.has_attribute("disabled")
}

/// Give `selector` the keyboard focus, as Tab would.
fn focus_on(root: &Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.focus().unwrap();
}

/// The element with the keyboard focus, described for assertions.
fn focused() -> String {
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
async fn wait_focus(root: &Element, wanted: &str) {
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

fn button_disabled(root: &Element, selector: &str) -> bool {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .has_attribute("disabled")
}

#[wasm_bindgen_test]
async fn generate_invite_link_shows_copies_and_counts_the_link() {
    stub_fetch(routes(vec![
        route(
            "POST",
            "/api/share-codes/alice/",
            200,
            code_created(
                "sc_1",
                Some("http://127.0.0.1:9/hub/accept-share?code=c0de"),
            ),
        ),
        no_shares(),
    ]));
    let (root, _h) = start(r#"{"token": "t-generate"}"#).await;
    wait_state(&root, "ready").await;
    assert!(text(&root).contains("There are no active invite links."));
    // The hub now lists the new code.
    set_routes(routes(vec![
        route(
            "POST",
            "/api/share-codes/alice/",
            200,
            code_created(
                "sc_1",
                Some("http://127.0.0.1:9/hub/accept-share?code=c0de"),
            ),
        ),
        no_shares(),
        route(
            "GET",
            "/api/share-codes/alice/",
            200,
            page(one(code_listed("sc_1", 2)), JsValue::NULL),
        ),
    ]));
    // A double click creates one link: the button is marked busy
    // (aria-disabled, so it keeps the focus) and ignores the second click.
    click(&root, "button.jp-UserSharing-generate");
    yew::scheduler::flush().await;
    assert!(button_busy(&root, "button.jp-UserSharing-generate"));
    click(&root, "button.jp-UserSharing-generate");
    let input = wait_for(&root, "input.jp-UserSharing-linkInput").await;
    let input: web_sys::HtmlInputElement = input.dyn_into().unwrap();
    assert_eq!(
        input.value(),
        "http://127.0.0.1:9/hub/accept-share?code=c0de"
    );
    let label = root
        .query_selector("label[for^='jp-UserSharing-link-']")
        .unwrap()
        .unwrap();
    assert_eq!(label.get_attribute("for"), Some(input.id()));
    wait_state(&root, "ready").await;
    wait_text(&root, "1 active invite link.").await;
    assert!(text(&root).contains("Accepted 2 times in all."));
    assert!(text(&root).contains("Anyone on this hub who has this link can use it"));
    let posts = requests_matching("POST", "/api/share-codes/alice/");
    assert_eq!(posts.length(), 1, "exactly one code created");
    assert_eq!(body_of(&posts.get(0)), r#"{"expires_in":3600}"#);
    let headers = js_sys::Reflect::get(&posts.get(0), &"headers".into()).unwrap();
    let ct = js_sys::Reflect::get(&headers, &"content-type".into()).unwrap();
    assert_eq!(ct.as_string().as_deref(), Some("application/json"));

    click(&root, "button.jp-UserSharing-copy");
    wait_text(&root, "Link copied to the clipboard.").await;
    assert_eq!(
        copied().as_string().as_deref(),
        Some("http://127.0.0.1:9/hub/accept-share?code=c0de")
    );
}

#[wasm_bindgen_test]
async fn without_a_public_url_the_link_is_made_absolute_on_the_hub_origin() {
    stub_fetch(routes(generate_routes("sc_2", None).to_vec()));
    let (root, _h) =
        start(r#"{"origin": "http://relative.test", "token": "t-relative", "hubHost": "https://hub.example.org"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    let input: web_sys::HtmlInputElement = wait_for(&root, "input.jp-UserSharing-linkInput")
        .await
        .dyn_into()
        .unwrap();
    assert_eq!(
        input.value(),
        "https://hub.example.org/hub/accept-share?code=c0de"
    );
}

#[wasm_bindgen_test]
async fn the_link_lifetime_setting_is_sent_and_an_invalid_one_is_refused_before_any_request() {
    stub_fetch(routes(generate_routes("sc_3", Some("http://x/a")).to_vec()));
    let (root, _h) = start(
        r#"{"origin": "http://lifetime.test", "token": "t-lifetime", "linkLifetimeSeconds": 900}"#,
    )
    .await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    let posts = requests_matching("POST", "/api/share-codes/");
    assert_eq!(body_of(&posts.get(0)), r#"{"expires_in":900}"#);

    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start(r#"{"token": "t-lifetime-bad", "linkLifetimeSeconds": 30}"#).await;
    wait_state(&root, "ready").await;
    assert!(button_disabled(&root, "button.jp-UserSharing-generate"));
    assert!(text(&root).contains("(30 seconds) is outside what JupyterHub accepts"));
    click(&root, "button.jp-UserSharing-generate");
    yew::scheduler::flush().await;
    assert_eq!(requests_matching("POST", "/").length(), 0);
}

#[wasm_bindgen_test]
async fn a_refused_link_shows_the_hubs_message_and_the_button_works_again() {
    stub_fetch(routes(vec![
        route(
            "POST",
            "/api/share-codes/alice/",
            400,
            js(r#"{"status": 400, "message": "expires_in must be at most 31536000"}"#),
        ),
        no_shares(),
    ]));
    let (root, _h) = start(r#"{"origin": "http://refused.test", "token": "t-refused"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    wait_text(&root, "The invite link could not be created. JupyterHub refused the request: expires_in must be at most 31536000").await;
    wait_state(&root, "ready").await;
    assert!(!button_disabled(&root, "button.jp-UserSharing-generate"));
    assert!(!button_busy(&root, "button.jp-UserSharing-generate"));
    assert!(root
        .query_selector("input.jp-UserSharing-linkInput")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn revoke_all_share_links_asks_first_then_deletes_every_code() {
    stub_fetch(routes(vec![
        no_shares(),
        route(
            "GET",
            "/api/share-codes/alice/",
            200,
            page(one(code_listed("sc_4", 1)), JsValue::NULL),
        ),
        route("DELETE", "/api/share-codes/alice/", 204, JsValue::NULL),
    ]));
    let (root, _h) = start(r#"{"token": "t-revoke-links"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-revokeLinks");
    yew::scheduler::flush().await;
    // Cancel: nothing is deleted.
    click(&root, "button.jp-UserSharing-confirmNo");
    yew::scheduler::flush().await;
    assert_eq!(requests_matching("DELETE", "/").length(), 0);
    click(&root, "button.jp-UserSharing-revokeLinks");
    yew::scheduler::flush().await;
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert!(
        focused.class_name().contains("jp-UserSharing-confirmNo"),
        "focus is on Cancel"
    );
    set_routes(routes(vec![
        no_shares(),
        route(
            "GET",
            "/api/share-codes/alice/",
            200,
            page(js("[]"), JsValue::NULL),
        ),
        route("DELETE", "/api/share-codes/alice/", 204, JsValue::NULL),
    ]));
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "All invite links were revoked").await;
    wait_text(&root, "There are no active invite links.").await;
    let deletes = requests_matching("DELETE", "/api/share-codes/");
    assert_eq!(deletes.length(), 1);
    let url = js_sys::Reflect::get(&deletes.get(0), &"url".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(url, "http://hub.test/hub/api/share-codes/alice/");
}

#[wasm_bindgen_test]
async fn revoke_one_user_patches_the_share_and_shows_the_hubs_new_list() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"token": "t-revoke-one"}"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "bob"]);
    set_routes(routes(vec![
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
        route(
            "GET",
            "/api/shares/alice/",
            200,
            page(
                one(share("carol", "2026-11-27T11:00:00Z", JsValue::UNDEFINED)),
                JsValue::NULL,
            ),
        ),
    ]));
    let bob_button = root
        .query_selector("button[aria-label='Revoke access of bob']")
        .unwrap()
        .expect("a Revoke button named after bob");
    bob_button
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    wait_text(&root, "Access of bob was revoked.").await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol"]);
    let patches = requests_matching("PATCH", "/api/shares/alice/");
    assert_eq!(patches.length(), 1);
    assert_eq!(body_of(&patches.get(0)), r#"{"user":"bob"}"#);
}

#[wasm_bindgen_test]
async fn revoke_all_users_asks_then_deletes_all_shares() {
    stub_fetch(routes(vec![
        route(
            "GET",
            "/api/shares/alice/",
            200,
            page(
                one(share("g", "2026-11-27T10:00:00Z", "group".into())),
                JsValue::NULL,
            ),
        ),
        route("DELETE", "/api/shares/alice/", 204, JsValue::NULL),
    ]));
    let (root, _h) = start(r#"{"token": "t-revoke-all"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-revokeAll");
    yew::scheduler::flush().await;
    assert_eq!(
        requests_matching("DELETE", "/").length(),
        0,
        "nothing before confirmation"
    );
    set_routes(routes(vec![
        no_shares(),
        route("DELETE", "/api/shares/alice/", 204, JsValue::NULL),
    ]));
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "Everyone's access was revoked.").await;
    wait_text(&root, "No one else has access to this server yet.").await;
    let deletes = requests_matching("DELETE", "/api/shares/alice/");
    assert_eq!(deletes.length(), 1);
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
async fn the_lifetime_picked_in_the_dialog_is_sent() {
    stub_fetch(routes(generate_routes("sc_5", Some("http://x/b")).to_vec()));
    let (root, _h) = start(r#"{"origin": "http://pick.test", "token": "t-pick"}"#).await;
    wait_state(&root, "ready").await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select#jp-UserSharing-lifetime")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        select.value(),
        "3600",
        "the setting's default is preselected"
    );
    let labels: Vec<String> = (0..select.length())
        .map(|i| select.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["15 minutes", "1 hour", "4 hours", "1 day", "1 week"]
    );
    let label = root
        .query_selector("label[for='jp-UserSharing-lifetime']")
        .unwrap();
    assert!(label.is_some(), "the picker has a label");
    select.set_value("604800");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    let posts = requests_matching("POST", "/api/share-codes/");
    assert_eq!(body_of(&posts.get(0)), r#"{"expires_in":604800}"#);
}

#[wasm_bindgen_test]
async fn two_clicks_before_a_render_still_create_one_link() {
    stub_fetch(routes(generate_routes("sc_6", Some("http://x/c")).to_vec()));
    let (root, _h) = start(r#"{"origin": "http://double.test", "token": "t-double"}"#).await;
    wait_state(&root, "ready").await;
    // No flush in between: the button is still enabled for the second click.
    click(&root, "button.jp-UserSharing-generate");
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    wait_state(&root, "ready").await;
    assert_eq!(requests_matching("POST", "/api/share-codes/").length(), 1);
    assert_eq!(
        root.query_selector_all("input.jp-UserSharing-linkInput")
            .unwrap()
            .length(),
        1
    );
}

#[wasm_bindgen_test]
async fn outcomes_and_failures_reach_the_notification_centre() {
    stub_fetch(routes(vec![
        route(
            "GET",
            "/api/shares/alice/",
            200,
            page(
                one(share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED)),
                JsValue::NULL,
            ),
        ),
        route(
            "PATCH",
            "/api/shares/alice/",
            503,
            "<html>Service Unavailable</html>".into(),
        ),
    ]));
    let (root, _h) = start(r#"{"token": "t-notify"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-revoke");
    wait_text(
        &root,
        "The access of bob could not be revoked. JupyterHub had a problem (HTTP 503).",
    )
    .await;
    assert!(notified().contains(
        "error: The access of bob could not be revoked. JupyterHub had a problem (HTTP 503)."
    ));
    set_routes(routes(vec![
        no_shares(),
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
    ]));
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-revoke");
    wait_text(&root, "Access of bob was revoked.").await;
    assert!(notified().contains("success: Access of bob was revoked."));
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
async fn wrong_types_in_the_config_fall_back_to_defaults() {
    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start(
        r#"{"token": "t-types", "linkLifetimeSeconds": "soon", "showWarnings": "yes", "strings": {"refresh": 7}}"#,
    )
    .await;
    wait_state(&root, "ready").await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select#jp-UserSharing-lifetime")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(select.value(), "3600");
    assert!(root
        .query_selector("ul.jp-UserSharing-warnings")
        .unwrap()
        .is_some());
    assert!(text(&root).contains("Refresh"));
}

// ---- Failure classes (issue #4) -------------------------------------------

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

// ---- Focus (issue #6) ---------------------------------------------------------

#[wasm_bindgen_test]
async fn generate_keeps_the_focus_while_busy_then_the_new_links_copy_button_takes_it() {
    stub_fetch(routes(
        generate_routes("sc_7", Some("http://x/focus")).to_vec(),
    ));
    let (root, _h) =
        start(r#"{"origin": "http://focus-generate.test", "token": "t-focus-gen"}"#).await;
    wait_state(&root, "ready").await;
    focus_on(&root, "button.jp-UserSharing-generate");
    click(&root, "button.jp-UserSharing-generate");
    yew::scheduler::flush().await;
    assert_busy_with_focus(
        &root,
        "button.jp-UserSharing-generate",
        "jp-UserSharing-generate",
    );
    // a second click (Enter again) while busy sends nothing
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    wait_focus(&root, "jp-UserSharing-copy").await;
    wait_state(&root, "ready").await;
    assert!(
        focused().contains("jp-UserSharing-copy"),
        "focus: {}",
        focused()
    );
    assert_eq!(requests_matching("POST", "/api/share-codes/").length(), 1);
}

#[wasm_bindgen_test]
async fn revoking_a_row_gives_the_focus_to_the_next_row_then_to_refresh() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"origin": "http://focus-row.test", "token": "t-focus-row"}"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "bob"]);
    set_routes(routes(vec![
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
        route(
            "GET",
            "/api/shares/alice/",
            200,
            page(
                one(share("carol", "2026-11-27T11:00:00Z", JsValue::UNDEFINED)),
                JsValue::NULL,
            ),
        ),
    ]));
    let bob = "button[aria-label='Revoke access of bob']";
    focus_on(&root, bob);
    click(&root, bob);
    yew::scheduler::flush().await;
    assert_busy_with_focus(&root, bob, "Revoke access of bob");
    click(&root, bob);
    wait_text(&root, "Access of bob was revoked.").await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol"]);
    assert_eq!(requests_matching("PATCH", "/api/shares/alice/").length(), 1);
    // bob's row is gone: the focus is on the row now in its place (or the
    // one before, for the last row)
    wait_focus(&root, "Revoke access of carol").await;

    set_routes(routes(vec![
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
        no_shares(),
    ]));
    click(&root, "button[aria-label='Revoke access of carol']");
    wait_text(&root, "No one else has access to this server yet.").await;
    wait_state(&root, "ready").await;
    // no row left: Refresh, the section's first control
    wait_focus(&root, "jp-UserSharing-refresh").await;
}

#[wasm_bindgen_test]
async fn a_closed_confirmation_gives_the_focus_back_to_its_button_or_its_successor() {
    stub_fetch(routes(vec![
        route(
            "GET",
            "/api/shares/alice/",
            200,
            page(
                one(share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED)),
                JsValue::NULL,
            ),
        ),
        route(
            "GET",
            "/api/share-codes/alice/",
            200,
            page(one(code_listed("sc_8", 0)), JsValue::NULL),
        ),
    ]));
    let (root, _h) =
        start(r#"{"origin": "http://focus-confirm.test", "token": "t-focus-confirm"}"#).await;
    wait_state(&root, "ready").await;

    // Cancel: back on the button that asked
    for opener in [
        "button.jp-UserSharing-revokeAll",
        "button.jp-UserSharing-revokeLinks",
    ] {
        focus_on(&root, opener);
        click(&root, opener);
        wait_focus(&root, "jp-UserSharing-confirmNo").await;
        click(&root, "button.jp-UserSharing-confirmNo");
        wait_focus(&root, opener.trim_start_matches("button.")).await;
    }

    // Yes, revoke (all users): the button that asked while the hub works,
    // then Refresh once nobody is left (the button is gone)
    set_routes(routes(vec![
        no_shares(),
        route(
            "GET",
            "/api/share-codes/alice/",
            200,
            page(one(code_listed("sc_8", 0)), JsValue::NULL),
        ),
        route("DELETE", "/api/shares/alice/", 204, JsValue::NULL),
        route("DELETE", "/api/share-codes/alice/", 204, JsValue::NULL),
    ]));
    focus_on(&root, "button.jp-UserSharing-revokeAll");
    click(&root, "button.jp-UserSharing-revokeAll");
    wait_focus(&root, "jp-UserSharing-confirmNo").await;
    focus_on(&root, "button.jp-UserSharing-confirmYes");
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "Everyone's access was revoked.").await;
    wait_state(&root, "ready").await;
    wait_focus(&root, "jp-UserSharing-refresh").await;

    // Yes, revoke (all links): "Revoke all share links" is disabled once no
    // link is left: Generate invite link
    set_routes(routes(vec![
        no_shares(),
        route(
            "GET",
            "/api/share-codes/alice/",
            200,
            page(js("[]"), JsValue::NULL),
        ),
        route("DELETE", "/api/share-codes/alice/", 204, JsValue::NULL),
    ]));
    focus_on(&root, "button.jp-UserSharing-revokeLinks");
    click(&root, "button.jp-UserSharing-revokeLinks");
    wait_focus(&root, "jp-UserSharing-confirmNo").await;
    focus_on(&root, "button.jp-UserSharing-confirmYes");
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "All invite links were revoked").await;
    wait_state(&root, "ready").await;
    assert!(button_disabled(&root, "button.jp-UserSharing-revokeLinks"));
    wait_focus(&root, "jp-UserSharing-generate").await;
    assert_eq!(requests_matching("DELETE", "/").length(), 2);
}

#[wasm_bindgen_test]
async fn refresh_and_retry_keep_the_focus_in_the_dialog() {
    stub_fetch(routes(vec![route(
        "GET",
        "/api/shares/alice/",
        503,
        js(r#"{"status": 503, "message": "Service Unavailable"}"#),
    )]));
    let (root, _h) =
        start(r#"{"origin": "http://focus-retry.test", "token": "t-focus-retry"}"#).await;
    wait_state(&root, "error").await;
    set_routes(routes(vec![no_shares()]));
    focus_on(&root, "button.jp-UserSharing-retry");
    click(&root, "button.jp-UserSharing-retry");
    yew::scheduler::flush().await;
    // the error notice (and its button) goes away on success: Refresh
    wait_state(&root, "ready").await;
    wait_focus(&root, "jp-UserSharing-refresh").await;
    let before = share_requests().len();
    click(&root, "button.jp-UserSharing-refresh");
    yew::scheduler::flush().await;
    assert_busy_with_focus(
        &root,
        "button.jp-UserSharing-refresh",
        "jp-UserSharing-refresh",
    );
    // ignored while loading
    click(&root, "button.jp-UserSharing-refresh");
    wait_state(&root, "ready").await;
    assert_eq!(share_requests().len(), before + 1);
}

// ---- Hardening: the hub's clock, a truthful copy, crashes, unknown names, secrets ----

/// `route` with extra response headers.
fn with_headers(route: JsValue, headers: &str) -> JsValue {
    js_sys::Reflect::set(&route, &"headers".into(), &js(headers)).unwrap();
    route
}

/// The hub listing one share code, with the response headers `headers`.
fn codes_listed_at(code: JsValue, headers: &str) -> JsValue {
    let list = route(
        "GET",
        "/api/share-codes/alice/",
        200,
        page(one(code), JsValue::NULL),
    );
    with_headers(list, headers)
}

#[wasm_bindgen_test]
async fn links_are_live_by_the_hubs_clock_even_when_the_owners_runs_two_days_fast() {
    // The hub's clock (its Date header) is two days behind the browser's:
    // a link the hub lists, expiring in a day by its clock, expired a day
    // ago by the browser's.
    let hub_date = format!(r#"{{"date": "{}"}}"#, http_date_in_days(-2.0));
    let listed = js(&format!(
        r#"{{"id": "sc_7", "scopes": [], "created_at": "{}", "expires_at": "{}",
            "exchange_count": 1, "last_exchanged_at": null}}"#,
        iso_in_days(-2.1),
        iso_in_days(-1.0)
    ));
    stub_fetch(routes(vec![
        with_headers(no_shares(), &hub_date),
        codes_listed_at(listed, &hub_date),
    ]));
    let (root, _h) = start(r#"{"token": "t-hub-clock"}"#).await;
    wait_state(&root, "ready").await;
    assert!(
        text(&root).contains("1 active invite link."),
        "{}",
        text(&root)
    );
    assert!(!text(&root).contains("There are no active invite links."));
    assert!(!button_disabled(&root, "button.jp-UserSharing-revokeLinks"));
}

#[wasm_bindgen_test]
async fn a_new_link_reads_valid_by_the_hubs_clock() {
    // expires 20 hours after the hub's now: 28 hours ago by the browser's clock
    let hub_now = http_date_in_days(-2.0);
    let hub_date = format!(r#"{{"date": "{hub_now}"}}"#);
    let expires = JsValue::from(iso_hours_after(&hub_now, 20.0));
    let created = code_created(
        "sc_8",
        Some("http://127.0.0.1:9/hub/accept-share?code=c0de"),
    );
    js_sys::Reflect::set(&created, &"expires_at".into(), &expires).unwrap();
    let listed = code_listed("sc_8", 0);
    js_sys::Reflect::set(&listed, &"expires_at".into(), &expires).unwrap();
    stub_fetch(routes(vec![
        with_headers(
            route("POST", "/api/share-codes/alice/", 200, created.clone()),
            &hub_date,
        ),
        with_headers(no_shares(), &hub_date),
    ]));
    let (root, _h) =
        start(r#"{"token": "t-hub-clock-new", "origin": "http://hub-clock.test"}"#).await;
    wait_state(&root, "ready").await;
    // from now on the hub lists the new link too
    set_routes(routes(vec![
        with_headers(
            route("POST", "/api/share-codes/alice/", 200, created),
            &hub_date,
        ),
        with_headers(no_shares(), &hub_date),
        codes_listed_at(listed, &hub_date),
    ]));
    click(&root, "button.jp-UserSharing-generate");
    let expiry = wait_for(&root, ".jp-UserSharing-expiry").await;
    wait_state(&root, "ready").await;
    let expiry = expiry.text_content().unwrap_or_default();
    assert!(expiry.contains("(in 20 hours)"), "{expiry}");
    assert!(
        text(&root).contains("1 active invite link."),
        "{}",
        text(&root)
    );
}

#[wasm_bindgen_test]
async fn a_link_made_for_an_hour_reads_one_hour_on_a_hub_with_the_same_clock() {
    // The hub made it late in the second its Date header names.
    let hub_now = http_date_in_days(0.0);
    let hub_date = format!(r#"{{"date": "{hub_now}"}}"#);
    let expires = JsValue::from(iso_hours_after(&hub_now, 1.0 + 0.999 / 3600.0));
    let listed = code_listed("sc_9", 0);
    js_sys::Reflect::set(&listed, &"expires_at".into(), &expires).unwrap();
    let created = code_created(
        "sc_9",
        Some("http://127.0.0.1:9/hub/accept-share?code=c0de"),
    );
    js_sys::Reflect::set(&created, &"expires_at".into(), &expires).unwrap();
    stub_fetch(routes(vec![
        with_headers(
            route("POST", "/api/share-codes/alice/", 200, created),
            &hub_date,
        ),
        with_headers(no_shares(), &hub_date),
        codes_listed_at(listed, &hub_date),
    ]));
    let (root, _h) = start(r#"{"token": "t-hour", "origin": "http://same-clock.test"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    let expiry = wait_for(&root, ".jp-UserSharing-expiry").await;
    let expiry = expiry.text_content().unwrap_or_default();
    assert!(expiry.contains("(in 1 hour)"), "{expiry}");
}

/// Generate one link on a fresh dialog (of a hub of its own, so that no
/// link of another test is remembered); returns the root and the link.
async fn dialog_with_a_link(token: &str) -> (Element, MountHandle, String) {
    let url = "http://127.0.0.1:9/hub/accept-share?code=c0de";
    let [post, shares, codes] = generate_routes("sc_1", Some(url));
    set_routes(routes(vec![post, shares, codes]));
    let config = format!(r#"{{"token": "{token}", "origin": "http://{token}.test"}}"#);
    let (root, handle) = start(&config).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "button.jp-UserSharing-copy").await;
    wait_state(&root, "ready").await;
    (root, handle, url.to_owned())
}

#[wasm_bindgen_test]
async fn copy_link_says_copied_once_the_clipboard_has_it() {
    stub_fetch(routes(vec![]));
    let (root, _h, url) = dialog_with_a_link("t-copy-ok").await;
    click(&root, "button.jp-UserSharing-copy");
    wait_text(&root, "Link copied to the clipboard.").await;
    assert_eq!(copied().as_string(), Some(url));
    assert_eq!(
        next_copy_event_text(),
        "",
        "no copy listener is left behind"
    );
}

#[wasm_bindgen_test]
async fn a_refused_clipboard_falls_back_and_a_failed_copy_says_so() {
    stub_fetch(routes(vec![]));
    let (root, _h, url) = dialog_with_a_link("t-copy-refused").await;
    clipboard_refusing();
    stub_exec_command(false);
    click(&root, "button.jp-UserSharing-copy");
    wait_text(&root, "The link could not be copied.").await;
    assert!(!text(&root).contains("Link copied"));
    let alert = root
        .query_selector(".jp-UserSharing-statusLine [role=alert]")
        .unwrap()
        .expect("the failure is an alert");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("could not be copied"));
    assert!(notified().contains("error: The link could not be copied."));
    // the fallback tried the link's own field, and left it selected
    assert_eq!(exec_selected().as_string(), Some(url.clone()));
    assert!(
        focused().contains("jp-UserSharing-linkInput"),
        "{}",
        focused()
    );
    // nothing waits to put the link on the owner's next Ctrl+C
    assert_eq!(next_copy_event_text(), "");
    assert_ne!(copied().as_string(), Some(url));
}

#[wasm_bindgen_test]
async fn without_an_async_clipboard_the_links_field_is_copied() {
    stub_fetch(routes(vec![]));
    let (root, _h, url) = dialog_with_a_link("t-copy-fallback").await;
    stub_clipboard(JsValue::NULL); // plain http: no navigator.clipboard
    stub_exec_command(true);
    click(&root, "button.jp-UserSharing-copy");
    wait_text(&root, "Link copied to the clipboard.").await;
    assert_eq!(exec_selected().as_string(), Some(url));
    assert_eq!(next_copy_event_text(), "");
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
    user_sharing_ui::actions::forget_lists();
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

/// The hub answers 200 `{}` to a revocation and then lists `after`; the
/// owner clicks Revoke of `name`.
fn revoke_then_list(root: &Element, name: &str, after: JsValue) {
    set_routes(routes(vec![
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
        after,
    ]));
    click(
        root,
        &format!("button[aria-label='Revoke access of {name}']"),
    );
}

#[wasm_bindgen_test]
async fn revoking_a_user_the_hub_no_longer_knows_says_nothing_was_revoked() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"token": "t-renamed"}"#).await;
    wait_state(&root, "ready").await;
    // bob was renamed to robert meanwhile: the hub answers 200 {} for "bob"
    // and still lists the same grant under the new name.
    let after: js_sys::Array = [
        share("robert", "2026-11-27T10:00:00Z", JsValue::UNDEFINED),
        share("carol", "2026-11-27T11:00:00Z", JsValue::UNDEFINED),
    ]
    .into_iter()
    .collect();
    let after = route(
        "GET",
        "/api/shares/alice/",
        200,
        page(after.into(), JsValue::NULL),
    );
    revoke_then_list(&root, "bob", after);
    wait_text(
        &root,
        "Nothing was revoked: JupyterHub did not recognise bob",
    )
    .await;
    assert!(!text(&root).contains("Access of bob was revoked"));
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "robert"]);
    assert!(notified().contains("error: Nothing was revoked"));
}

#[wasm_bindgen_test]
async fn a_user_the_hub_still_lists_by_name_after_the_revoke_was_not_revoked() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"token": "t-still-listed"}"#).await;
    wait_state(&root, "ready").await;
    revoke_then_list(&root, "bob", bob_and_carol());
    wait_text(&root, "Nothing was revoked").await;
}

#[wasm_bindgen_test]
async fn the_token_never_shows_in_debug_output() {
    let config =
        user_sharing_ui::config::Config::from_js(&make_config(js(r#"{"token": "s3cr3t-t0ken"}"#)))
            .unwrap();
    assert!(!format!("{config:?}").contains("s3cr3t-t0ken"));
    assert!(format!("{config:?}").contains("alice"), "still useful");
    let ctx = user_sharing_ui::components::app::Ctx::new(config);
    assert!(!format!("{ctx:?}").contains("s3cr3t-t0ken"));
    assert!(!format!("{:?}", ctx.client).contains("s3cr3t-t0ken"));
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

#[wasm_bindgen_test]
fn relative_times_come_from_intl_with_the_plurals_of_each_language() {
    use user_sharing_ui::messages::{relative_time, TimeUnit};
    assert_eq!(
        relative_time("en-US", -5, TimeUnit::Minute),
        "5 minutes ago"
    );
    assert_eq!(relative_time("en-US", -1, TimeUnit::Hour), "1 hour ago");
    assert_eq!(
        relative_time("en-US", 59, TimeUnit::Minute),
        "in 59 minutes"
    );
    assert_eq!(relative_time("en-US", -1, TimeUnit::Day), "yesterday");
    assert_eq!(relative_time("en-US", 0, TimeUnit::Second), "now");
    assert_eq!(
        relative_time("fr-FR", -5, TimeUnit::Minute),
        "il y a 5 minutes"
    );
    assert_eq!(relative_time("fr-FR", 3, TimeUnit::Hour), "dans 3 heures");
    // Polish has three plural forms; the old two English-shaped strings had two
    assert_eq!(relative_time("pl", -2, TimeUnit::Minute), "2 minuty temu");
    assert_eq!(relative_time("pl", -5, TimeUnit::Minute), "5 minut temu");
    // back to English: the formatter follows the locale
    assert_eq!(
        relative_time("en-US", -2, TimeUnit::Minute),
        "2 minutes ago"
    );
}

#[wasm_bindgen_test]
async fn the_time_access_was_granted_is_told_in_the_dialogs_language_without_a_translation() {
    // no translated strings passed: only the locale is French
    let granted = iso_in_days(-5.0 / (24.0 * 60.0));
    let list = route(
        "GET",
        "/api/shares/alice/",
        200,
        page(
            one(share("bob", &granted, JsValue::UNDEFINED)),
            JsValue::NULL,
        ),
    );
    stub_fetch(routes(vec![list]));
    let (root, _h) = start(r#"{"token": "t-intl", "locale": "fr-FR"}"#).await;
    wait_state(&root, "ready").await;
    let cell = wait_for(&root, "td.jp-UserSharing-time").await;
    let cell = cell.text_content().unwrap_or_default();
    assert!(cell.ends_with("(il y a 5 minutes)"), "{cell}");
}

//! A fake JupyterHub: `fetch` stubbed with routes (method + URL part ->
//! answer), the defaults of a 5.5 hub with the sharing scopes, the requests
//! recorded, and builders of the hub's answers.

use wasm_bindgen::prelude::*;

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
    navigate: (url) => { globalThis.__navigated = url; },
  }, overrides);
}
export function copied() { return globalThis.__copied; }
export function navigated() { const url = globalThis.__navigated; delete globalThis.__navigated; return url; }
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
    pub fn stub_fetch(routes: JsValue);
    pub fn set_routes(routes: JsValue);
    pub fn max_in_flight() -> u32;
    pub fn requests() -> js_sys::Array;
    pub fn make_config(overrides: JsValue) -> JsValue;
    pub fn copied() -> JsValue;
    pub fn navigated() -> JsValue;
    pub fn stub_clipboard(write_text: JsValue);
    pub fn clipboard_refusing();
    pub fn stub_exec_command(answer: bool);
    pub fn exec_selected() -> JsValue;
    pub fn next_copy_event_text() -> String;
    pub fn iso_in_days(days: f64) -> String;
    pub fn http_date_in_days(days: f64) -> String;
    pub fn iso_hours_after(http_date: &str, hours: f64) -> String;
    pub fn notified() -> String;
    pub fn requests_matching(method: &str, part: &str) -> js_sys::Array;
    pub fn page(items: JsValue, next: JsValue) -> JsValue;
    pub fn share(name: &str, created: &str, kind: JsValue) -> JsValue;
}

pub fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON in test")
}

pub fn route(method: &str, matching: &str, status: u16, body: JsValue) -> JsValue {
    let r = js_sys::Object::new();
    js_sys::Reflect::set(&r, &"method".into(), &method.into()).unwrap();
    js_sys::Reflect::set(&r, &"match".into(), &matching.into()).unwrap();
    js_sys::Reflect::set(&r, &"status".into(), &JsValue::from(status)).unwrap();
    js_sys::Reflect::set(&r, &"body".into(), &body).unwrap();
    r.into()
}

pub fn routes(list: Vec<JsValue>) -> JsValue {
    list.into_iter().collect::<js_sys::Array>().into()
}

/// URLs of the requests for the share list (other requests filtered out).
pub fn request_urls() -> Vec<String> {
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

pub fn share_requests() -> Vec<JsValue> {
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

/// The share list of alice's server: bob, then carol (newer).
pub fn bob_and_carol() -> JsValue {
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
pub fn delayed(route: JsValue, ms: u32) -> JsValue {
    js_sys::Reflect::set(&route, &"delay".into(), &JsValue::from(ms)).unwrap();
    route
}

/// The page at offset `first` of `limit` rows of a list of `total` users
/// (`user-0`, the newest, ...), paginated as JupyterHub does: `next` at
/// `first + limit` while that is below `total`.
pub fn users_page(first: usize, limit: usize, total: usize) -> JsValue {
    let items: js_sys::Array = (first..(first + limit).min(total))
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
    let next = if first + limit < total {
        js(&format!(
            r#"{{"offset": {}, "limit": {limit}, "url": null}}"#,
            first + limit
        ))
    } else {
        JsValue::NULL
    };
    js(&format!(
        r#"{{"items": [], "_pagination": {{"offset": {first}, "limit": {limit}, "total": {total}, "next": {}}}}}"#,
        js_sys::JSON::stringify(&next).unwrap().as_string().unwrap()
    ))
    .dyn_into::<js_sys::Object>()
    .map(|o| {
        js_sys::Reflect::set(&o, &"items".into(), &items).unwrap();
        o.into()
    })
    .unwrap()
}

pub fn code_created(id: &str, url: Option<&str>) -> JsValue {
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

pub fn code_listed(id: &str, exchanges: u32) -> JsValue {
    js(&format!(
        r#"{{"id": "{id}", "scopes": [], "created_at": "2026-11-27T21:00:00Z",
            "expires_at": "2099-01-01T00:00:00Z", "exchange_count": {exchanges}, "last_exchanged_at": null}}"#
    ))
}

/// The hub answering an empty share list.
pub fn no_shares() -> JsValue {
    route(
        "GET",
        "/api/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )
}

/// The hub listing one share code (one page).
pub fn listing_one_code(code: JsValue) -> JsValue {
    route(
        "GET",
        "/api/share-codes/alice/",
        200,
        page(one(code), JsValue::NULL),
    )
}

/// A hub that creates code `id` (with `full_accept_url`) and then lists it,
/// with nobody having access yet. Spread into a route list with `..`.
pub fn generate_routes(id: &str, full_url: Option<&str>) -> [JsValue; 3] {
    [
        route(
            "POST",
            "/api/share-codes/alice/",
            200,
            code_created(id, full_url),
        ),
        no_shares(),
        listing_one_code(code_listed(id, 0)),
    ]
}

pub fn one(v: JsValue) -> JsValue {
    [v].into_iter().collect::<js_sys::Array>().into()
}

pub fn body_of(req: &JsValue) -> String {
    js_sys::Reflect::get(req, &"body".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

/// `route` with extra response headers.
pub fn with_headers(route: JsValue, headers: &str) -> JsValue {
    js_sys::Reflect::set(&route, &"headers".into(), &js(headers)).unwrap();
    route
}

/// The hub listing one share code, with the response headers `headers`.
pub fn codes_listed_at(code: JsValue, headers: &str) -> JsValue {
    let list = listing_one_code(code);
    with_headers(list, headers)
}

/// A string property of a recorded request (or of its `headers`).
pub fn prop(obj: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(obj, &key.into())
        .unwrap()
        .as_string()
        .unwrap_or_else(|| panic!("no string {key}"))
}

/// The hub after bob's share is revoked: the PATCH answers `{}` and only
/// carol is left in the list.
pub fn bob_revoked() -> Vec<JsValue> {
    vec![
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
    ]
}

//! The only module that performs HTTP: the browser's `fetch` (through
//! web-sys; gloo-net cost 6 KB of wasm for a request builder) to the hub API.
//!
//! Every request carries `Authorization: token <PageConfig token>` with
//! `credentials: "omit"` (cookie auth cannot work from JupyterLab pages, see
//! docs/architecture.md), and is aborted after a timeout. Responses are turned
//! into typed values or an [`ApiError`] by `hub_sharing`, which alone knows the
//! wire format.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::join_all;
use gloo_timers::callback::Timeout;
use hub_sharing::{
    classify, is_json_content_type, ApiError, Decode, HubApi, HubErrorBody, Page, PageHead,
    Pagination, PAGE_LIMIT,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit};

use crate::json::JsJson;

/// HTTP methods that change state at the hub.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Create.
    Post,
    /// Revoke one share.
    Patch,
    /// Revoke all.
    Delete,
}

/// Upper bound on pages followed for one list (200 items each).
const MAX_PAGES: u32 = 1_000;

/// Pages of one list requested at the same time. The browser opens up to 6
/// connections per host over HTTP/1.1; the other list and a change may need
/// some too.
pub const PAGES_IN_FLIGHT: usize = 4;

/// An authenticated client for one hub API.
///
/// No derived `Debug`: it holds the token, which must never reach a log or
/// a panic message.
#[derive(Clone, PartialEq)]
pub struct Client {
    token: String,
    timeout_ms: u32,
    /// The hub's clock minus the browser's (ms), from the `Date` header of
    /// the latest answer; 0 until one came.
    hub_clock_offset: Rc<Cell<f64>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client sending `token` and giving up after `timeout_ms`.
    pub fn new(token: &str, timeout_ms: u32) -> Client {
        Client {
            token: token.to_owned(),
            timeout_ms,
            hub_clock_offset: Rc::default(),
        }
    }

    /// The time now on the hub's clock (ms since the epoch): the browser's
    /// clock corrected by what the hub's last `Date` header said. Whether a
    /// link has expired is the hub's call, and the owner's clock may be off
    /// by days.
    pub fn hub_now_ms(&self) -> i64 {
        (js_sys::Date::now() + self.hub_clock_offset.get()) as i64
    }

    /// Take the hub's clock from an answer's `Date` header, if it has one.
    fn note_hub_clock(&self, response: &web_sys::Response) {
        let header = response.headers().get("date").ok().flatten();
        if let Some(hub_ms) = header
            .map(|date| js_sys::Date::parse(&date))
            .filter(|ms| ms.is_finite())
        {
            // `Date` names the second the answer was made in: take its end,
            // so the hub's time is never underestimated (a link made in that
            // second for 1 hour would read "in 2 hours"; expiry rounds up).
            self.hub_clock_offset
                .set(hub_ms + 1_000.0 - js_sys::Date::now());
        }
    }

    /// `fetch` `method url` (with a JSON `body`) under `controller`'s
    /// signal: JSON accepted, the token, no cookies.
    fn fetch(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
        controller: &AbortController,
    ) -> Result<js_sys::Promise, JsValue> {
        let headers = Headers::new()?;
        headers.set("Accept", "application/json")?;
        if !self.token.is_empty() {
            headers.set("Authorization", &["token ", &self.token].concat())?;
        }
        let init = RequestInit::new();
        init.set_method(method);
        init.set_credentials(RequestCredentials::Omit);
        init.set_signal(Some(&controller.signal()));
        if let Some(body) = body {
            headers.set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from_str(&body));
        }
        init.set_headers(&headers);
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        Ok(window.fetch_with_str_and_init(url, &init))
    }

    /// Send `request` and read its body under the abort `controller`.
    /// Returns the status, the content type and the parsed JSON body (if the
    /// answer was JSON), or the error class.
    async fn exchange(
        &self,
        request: Result<js_sys::Promise, JsValue>,
        controller: &AbortController,
    ) -> Result<(u16, Option<String>, Option<JsValue>), ApiError> {
        // a request the browser refuses to make (a header value it does
        // not allow): its reason
        let request = request.map_err(|e| ApiError::Malformed {
            detail: e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default(),
        })?;
        let response: web_sys::Response = JsFuture::from(request)
            .await
            .map_err(|_| ApiError::Network)?
            .unchecked_into();
        self.note_hub_clock(&response);
        let status = response.status();
        let content_type = response.headers().get("content-type").ok().flatten();
        if status == 204 {
            return Ok((status, content_type, None));
        }
        if !is_json_content_type(content_type.as_deref()) {
            // Read (and drop) the body so a hanging body still times out;
            // an HTML page is never shown to the user.
            if let Ok(promise) = response.text() {
                let _ = JsFuture::from(promise).await;
            }
            if controller.signal().aborted() {
                return Err(ApiError::Timeout);
            }
            return Err(classify(status, content_type.as_deref(), None));
        }
        let promise = response.json().map_err(|_| ApiError::Malformed {
            detail: "unreadable body".to_owned(),
        })?;
        let body = JsFuture::from(promise).await;
        if controller.signal().aborted() {
            return Err(ApiError::Timeout);
        }
        match body {
            Ok(json) => Ok((status, content_type, Some(json))),
            Err(_) if (200..300).contains(&status) => Err(ApiError::Malformed {
                detail: "the body is not valid JSON".to_owned(),
            }),
            Err(_) => Err(classify(status, content_type.as_deref(), None)),
        }
    }

    /// Run one request with a timeout. A 2xx answer gives its JSON body
    /// (`None` for 204 No Content).
    async fn run(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<Option<JsValue>, ApiError> {
        let controller = AbortController::new().map_err(|_| ApiError::Network)?;
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Timeout::new(self.timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let request = self.fetch(method, url, body, &controller);
        let result = self.exchange(request, &controller).await;
        drop(timer);
        match result {
            Err(_) if timed_out.get() => Err(ApiError::Timeout),
            Err(e) => Err(e),
            Ok((status, _, json)) if (200..300).contains(&status) => Ok(json),
            Ok((status, content_type, json)) => {
                let body: Option<HubErrorBody> =
                    json.and_then(|j| HubErrorBody::decode(&JsJson(j)).ok());
                Err(classify(status, content_type.as_deref(), body.as_ref()))
            }
        }
    }

    /// `GET url` and decode the JSON answer as `T`.
    pub async fn get_json<T: Decode>(&self, url: &str) -> Result<T, ApiError> {
        decode(self.get_value(url).await?)
    }

    /// `GET url`: the JSON answer as it came (`None` for 204 No Content).
    async fn get_value(&self, url: &str) -> Result<Option<JsValue>, ApiError> {
        self.run("GET", url, None).await
    }

    /// Send `method url` with an optional JSON `body`; returns the JSON
    /// answer, or `None` for 204 No Content.
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
    ) -> Result<Option<JsValue>, ApiError> {
        let method = match method {
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        };
        self.run(method, url, body).await
    }

    /// `POST url` with a JSON body and decode the answer as `T`.
    pub async fn post_json<T: Decode>(&self, url: &str, body: String) -> Result<T, ApiError> {
        decode(self.send(Method::Post, url, Some(body)).await?)
    }

    /// `GET` every page of a paginated list and decode the items as `T`
    /// (in no particular order: callers sort).
    pub async fn get_all<T: Decode>(&self, list_url: &str) -> Result<Vec<T>, ApiError> {
        let mut items = Vec::new();
        self.each_page(list_url, &mut |page: Page<T>, _| {
            items.extend(page.items);
            true
        })
        .await?;
        Ok(items)
    }

    /// `GET` every page of a paginated list, handing each to `on_page`
    /// decoded, as soon as it arrives, with the list's announced `total`
    /// (a hint). `on_page` returns false to stop: no more page is asked for.
    pub async fn each_page<T: Decode>(
        &self,
        list_url: &str,
        on_page: &mut dyn FnMut(Page<T>, Option<u64>) -> bool,
    ) -> Result<(), ApiError> {
        let mut failed = None;
        self.each_raw_page(
            list_url,
            &mut |json, total| match decode::<Page<T>>(Some(json)) {
                Ok(page) => on_page(page, total),
                Err(e) => {
                    failed = Some(e);
                    false
                }
            },
        )
        .await?;
        failed.map_or(Ok(()), Err)
    }

    /// The JSON of every page of a list, handed to `on_page` as it arrives
    /// (with `total`, the hint of the first page). After the first page, the
    /// pages its `total` announces are fetched [`PAGES_IN_FLIGHT`] at a
    /// time, the last first: the hub lists oldest first and the dialog shows
    /// the newest first, so its first screen is complete early. Then
    /// `_pagination.next` is followed from the last page (`total` is a hint
    /// only: it counts hidden expired codes, and the list may grow).
    /// Not generic, so that this logic is in the wasm once.
    async fn each_raw_page(
        &self,
        list_url: &str,
        on_page: &mut dyn FnMut(JsValue, Option<u64>) -> bool,
    ) -> Result<(), ApiError> {
        let get = |offset: u64| {
            let url = HubApi::page_url(list_url, offset, PAGE_LIMIT);
            async move {
                let json = self.get_value(&url).await?.ok_or_else(empty_answer)?;
                let head: PageHead = decode(Some(json.clone()))?;
                Ok::<_, ApiError>((json, head.pagination))
            }
        };
        let (first, pagination) = get(0).await?;
        let total = pagination.as_ref().and_then(|p| p.total);
        let mut next = pagination.as_ref().and_then(Pagination::next_offset);
        let ahead = pagination
            .map(|p| p.ahead_offsets(MAX_PAGES as usize))
            .unwrap_or_default();
        if !on_page(first, total) {
            return Ok(());
        }
        let Some(&last) = ahead.last() else {
            return self.follow(get, next, 0, 1, on_page).await;
        };
        // PAGES_IN_FLIGHT workers, each taking the next page not yet
        // requested, from the end of the list.
        let on_page = RefCell::new(on_page);
        let stop = Cell::new(false);
        let last_next = Cell::new(None);
        {
            let taken = Cell::new(0usize);
            let worker = || async {
                loop {
                    let i = taken.get();
                    if i >= ahead.len() || stop.get() {
                        return Ok(());
                    }
                    taken.set(i + 1);
                    let offset = ahead[ahead.len() - 1 - i];
                    let (page, pagination) = get(offset).await?;
                    if offset == last {
                        last_next.set(pagination.as_ref().and_then(Pagination::next_offset));
                    }
                    if !stop.get() && !(on_page.borrow_mut())(page, total) {
                        stop.set(true);
                    }
                }
            };
            let workers = (0..PAGES_IN_FLIGHT.min(ahead.len())).map(|_| worker());
            for done in join_all(workers).await {
                done?;
            }
        }
        if stop.get() {
            return Ok(());
        }
        next = last_next.get();
        let pages = 1 + ahead.len();
        self.follow(get, next, last, pages, on_page.into_inner())
            .await
    }

    /// Follow `next` from the page at offset `last`.
    async fn follow<F, Fut>(
        &self,
        get: F,
        mut next: Option<u64>,
        mut last: u64,
        mut pages: usize,
        on_page: &mut dyn FnMut(JsValue, Option<u64>) -> bool,
    ) -> Result<(), ApiError>
    where
        F: Fn(u64) -> Fut,
        Fut: std::future::Future<Output = Result<RawPage, ApiError>>,
    {
        while let Some(offset) = next {
            if offset <= last || pages >= MAX_PAGES as usize {
                break;
            }
            let (page, pagination) = get(offset).await?;
            let total = pagination.as_ref().and_then(|p| p.total);
            next = pagination.as_ref().and_then(Pagination::next_offset);
            pages += 1;
            last = offset;
            if !on_page(page, total) {
                break;
            }
        }
        Ok(())
    }
}

/// One page's JSON and its pagination block, if any.
type RawPage = (JsValue, Option<Pagination>);

/// A 2xx answer without the JSON body it should have.
fn empty_answer() -> ApiError {
    ApiError::Malformed {
        detail: "empty answer".to_owned(),
    }
}

fn decode<T: Decode>(json: Option<JsValue>) -> Result<T, ApiError> {
    let json = json.ok_or_else(empty_answer)?;
    T::decode(&JsJson(json)).map_err(|e| ApiError::Malformed { detail: e.detail() })
}

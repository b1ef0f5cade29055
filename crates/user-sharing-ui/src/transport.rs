//! The only module that performs HTTP: the browser's `fetch` (through
//! web-sys; gloo-net cost 6 KB of wasm for a request builder) to the hub API.
//!
//! Every request carries `Authorization: token <PageConfig token>` with
//! `credentials: "omit"` (cookie auth cannot work from JupyterLab pages, see
//! docs/architecture.md), and is aborted after a timeout. Responses are turned
//! into typed values or an [`ApiError`] by `hub_sharing`, which alone knows the
//! wire format.

use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::Poll;

use gloo_timers::callback::Timeout;
use hub_sharing::{
    classify, is_json_content_type, ApiError, Decode, HubApi, HubErrorBody, ListPages, Page,
    PageHead,
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
const MAX_PAGES: usize = 1_000;

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
        // A body that is not JSON is read too (and dropped: an HTML page is
        // never shown to the user), so that a hanging body still times out.
        let json = is_json_content_type(content_type.as_deref());
        let body = match if json {
            response.json()
        } else {
            response.text()
        } {
            Ok(promise) => JsFuture::from(promise).await,
            Err(e) => Err(e),
        };
        if controller.signal().aborted() {
            return Err(ApiError::Timeout);
        }
        match body {
            Ok(body) if json => Ok((status, content_type, Some(body))),
            Err(_) if json && (200..300).contains(&status) => Err(ApiError::Malformed {
                detail: "the body is not valid JSON".to_owned(),
            }),
            _ => Err(classify(status, content_type.as_deref(), None)),
        }
    }

    /// Run one request with a timeout. A 2xx answer gives its JSON body
    /// (`None` for 204 No Content). Every request of the dialog goes through
    /// here: one state machine in the wasm, whatever the answer's type.
    async fn run(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<Option<JsValue>, ApiError> {
        let controller = AbortController::new().map_err(|_| ApiError::Network)?;
        let timer = {
            let controller = controller.clone();
            Timeout::new(self.timeout_ms, move || controller.abort())
        };
        let request = self.fetch(method, url, body, &controller);
        let result = self.exchange(request, &controller).await;
        drop(timer);
        match result {
            // only the timer aborts
            Err(_) if controller.signal().aborted() => Err(ApiError::Timeout),
            Err(e) => Err(e),
            Ok((status, _, json)) if (200..300).contains(&status) => Ok(json),
            Ok((status, content_type, json)) => {
                let body: Option<HubErrorBody> =
                    json.and_then(|j| HubErrorBody::decode(&JsJson(j)).ok());
                Err(classify(status, content_type.as_deref(), body.as_ref()))
            }
        }
    }

    /// `GET url`: the JSON answer as it came (`None` for 204 No Content);
    /// [`decode`] reads it. (Not an `async fn`: [`Client::run`]'s future
    /// itself, no wrapper state machine.)
    pub fn get_value<'a>(
        &'a self,
        url: &'a str,
    ) -> impl Future<Output = Result<Option<JsValue>, ApiError>> + 'a {
        self.run("GET", url, None)
    }

    /// Send `method url` with an optional JSON `body`; returns the JSON
    /// answer, or `None` for 204 No Content.
    pub fn send<'a>(
        &'a self,
        method: Method,
        url: &'a str,
        body: Option<String>,
    ) -> impl Future<Output = Result<Option<JsValue>, ApiError>> + 'a {
        let method = match method {
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        };
        self.run(method, url, body)
    }

    /// `GET` every page of a paginated list: their JSON, in no particular
    /// order (callers decode them with [`page_items`] and sort).
    pub async fn all_pages(&self, list_url: &str) -> Result<Vec<JsValue>, ApiError> {
        let mut pages = Vec::new();
        self.pages(list_url, &mut |json, _| {
            pages.push(json);
            true
        })
        .await?;
        Ok(pages)
    }

    /// The JSON of every page of a list, handed to `on_page` as it arrives,
    /// with the number of rows the hub announces (a hint). `on_page`
    /// returns false to stop: no more page is asked for. Which pages to ask
    /// for is [`ListPages`]' call; up to [`PAGES_IN_FLIGHT`] are on their
    /// way at once. Not generic, so that this loop is in the wasm once.
    pub async fn pages(
        &self,
        list_url: &str,
        on_page: &mut dyn FnMut(JsValue, Option<u64>) -> bool,
    ) -> Result<(), ApiError> {
        let mut plan = ListPages::new(MAX_PAGES);
        let mut in_flight = Vec::new();
        loop {
            while in_flight.len() < PAGES_IN_FLIGHT {
                let Some(request) = plan.next_request() else {
                    break;
                };
                in_flight.push(Box::pin(self.page(list_url, request)));
            }
            if in_flight.is_empty() {
                return Ok(());
            }
            // the first answer of those on their way (each request is sent
            // when first polled: in the order they were queued)
            let (request, answer) = poll_fn(|cx| {
                let ready = in_flight.iter_mut().enumerate().find_map(|(i, page)| {
                    match page.as_mut().poll(cx) {
                        Poll::Ready(answer) => Some((i, answer)),
                        Poll::Pending => None,
                    }
                });
                match ready {
                    Some((i, answer)) => {
                        drop(in_flight.remove(i));
                        Poll::Ready(answer)
                    }
                    None => Poll::Pending,
                }
            })
            .await;
            let (json, head) = answer?;
            plan.answered(request, head.pagination.as_ref());
            if !on_page(json, plan.total()) {
                return Ok(());
            }
        }
    }

    /// One page of a list: its JSON and pagination block, with the request
    /// it answers.
    async fn page(
        &self,
        list_url: &str,
        (offset, limit): (u64, u64),
    ) -> ((u64, u64), Result<(JsValue, PageHead), ApiError>) {
        let url = HubApi::page_url(list_url, offset, limit);
        let answer = async {
            let json = self.get_value(&url).await?.ok_or_else(empty_answer)?;
            let head: PageHead = decode(Some(json.clone()))?;
            Ok((json, head))
        };
        ((offset, limit), answer.await)
    }
}

/// The items of one page of a list (as [`Client::pages`] gives it).
pub fn page_items<T: Decode>(json: JsValue) -> Result<Vec<T>, ApiError> {
    decode::<Page<T>>(Some(json)).map(|page| page.items)
}

/// The items of every page of a list (as [`Client::all_pages`] gives them).
pub fn all_items<T: Decode>(pages: Vec<JsValue>) -> Result<Vec<T>, ApiError> {
    let mut items = Vec::new();
    for json in pages {
        items.extend(page_items(json)?);
    }
    Ok(items)
}

/// A 2xx answer without the JSON body it should have.
fn empty_answer() -> ApiError {
    ApiError::Malformed {
        detail: "empty answer".to_owned(),
    }
}

/// Read an answer (as [`Client::get_value`] or [`Client::send`] gives it)
/// as `T`. Decoding is not part of the requests' futures, so that they are
/// not made once per answer type.
pub fn decode<T: Decode>(json: Option<JsValue>) -> Result<T, ApiError> {
    let json = json.ok_or_else(empty_answer)?;
    T::decode(&JsJson(json)).map_err(|e| ApiError::Malformed { detail: e.detail() })
}

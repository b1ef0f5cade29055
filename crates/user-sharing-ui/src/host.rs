//! The host page, as the shim hands it to [`crate::mount`]: page facts read
//! from JupyterLab's PageConfig, the user's settings, the translated strings,
//! and the shim's callbacks into JupyterLab (notifications, the clipboard,
//! plural-aware translation), each called with a typed kind.
//!
//! Read field by field with `Reflect` (not serde): a wrong type from the shim
//! falls back to the default instead of failing, and the wasm stays small.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};

#[cfg(feature = "english")]
use crate::strings::english_plural;
use crate::strings::{Plural, Strings};

/// The kind of a notification sent to JupyterLab's notification centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Something the owner asked for was done.
    Success,
    /// Something failed.
    Error,
}

impl Notice {
    /// The kind as the shim's `notify` callback takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Notice::Success => "success",
            Notice::Error => "error",
        }
    }
}

/// Everything the dialog needs to know about the page it runs in.
///
/// Field names on the JS side follow PageConfig (`hubPrefix`,
/// `hubServerUser`, ...). Missing fields are empty: outside JupyterHub they
/// are simply absent. No derived `Debug`: it holds the token.
#[derive(Clone)]
pub struct Config {
    /// `hubPrefix`, e.g. `/hub/`; empty when JupyterLab is not run by a hub.
    pub hub_prefix: String,
    /// `hubHost`, an origin such as `https://hub.example.org`, or empty.
    pub hub_host: String,
    /// The person looking at the page.
    pub hub_user: String,
    /// The owner of the server this JupyterLab runs on.
    pub hub_server_user: String,
    /// The server's name; empty for the default server.
    pub hub_server_name: String,
    /// The visitor's OAuth token (sent as `Authorization: token ...`).
    pub token: String,
    /// `location.origin` of the page: where the hub API is called (the proxy
    /// sends `/hub/` on every host to the hub), and where the hub's pages are
    /// when `hubHost` is empty.
    pub origin: String,
    /// `baseUrl`: this server's base path (`/user/alice/`), for the server
    /// extension's API.
    pub base_url: String,
    /// `accessLevels`: the server enforces access levels and ends revoked
    /// access at once (its extension says so in the page config).
    pub access_levels: bool,
    /// BCP 47 language tag for dates, e.g. `en-US`.
    pub locale: String,
    /// Per-request timeout in milliseconds.
    pub request_timeout_ms: u32,
    /// How often relative times ("in 42 minutes") are brought up to date,
    /// in milliseconds (`tickMs`; the shim never passes it: only component
    /// tests shorten it).
    pub tick_ms: u32,
    /// Translated user-visible strings.
    pub strings: Strings,
    /// Lifetime of new invite links in seconds (setting).
    /// Checked against the hub's limits before any request.
    pub link_lifetime_seconds: f64,
    /// Whether to show the warnings (setting).
    pub show_warnings: bool,
    /// Reload the lists every this many seconds while the dialog is open
    /// (setting; 0 = off).
    pub auto_refresh_seconds: u32,
    /// Plural-aware translation callback `(key, n) => string` from the shim.
    pub plural: Option<js_sys::Function>,
    /// Called by the panic hook (no arguments), so that the shim drops the
    /// wasm instance, which cannot run again after a panic.
    pub on_panic: Option<js_sys::Function>,
    /// Notification callback `(kind, message)` from the shim (JupyterLab's
    /// Notification API); kind is `success` or `error`.
    pub notify: Option<js_sys::Function>,
    /// The path of the document current in JupyterLab when the dialog was
    /// opened (relative to the server's root); empty when there is none.
    pub current_path: String,
    /// Callback `(url)` leaving JupyterLab for another page of the hub.
    pub navigate: Option<js_sys::Function>,
    /// `watchOnline(listener) -> stop`: present only when JupyterLab has
    /// jupyter-collaboration's awareness. Calls `listener(names)` with the
    /// hub names of everyone connected to this server now, at once and on
    /// every change, until `stop()`.
    pub watch_online: Option<js_sys::Function>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            hub_prefix: String::new(),
            hub_host: String::new(),
            hub_user: String::new(),
            hub_server_user: String::new(),
            hub_server_name: String::new(),
            token: String::new(),
            origin: String::new(),
            base_url: String::new(),
            access_levels: false,
            locale: "en".to_owned(),
            request_timeout_ms: DEFAULT_TIMEOUT_MS,
            tick_ms: DEFAULT_TICK_MS,
            strings: Strings::default(),
            link_lifetime_seconds: hub_sharing::DEFAULT_LINK_LIFETIME as f64,
            show_warnings: true,
            auto_refresh_seconds: 0,
            plural: None,
            on_panic: None,
            notify: None,
            navigate: None,
            watch_online: None,
            current_path: String::new(),
        }
    }
}

impl std::fmt::Debug for Config {
    /// Everything but the token (a panic message or a log must not show it).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("hub_prefix", &self.hub_prefix)
            .field("hub_host", &self.hub_host)
            .field("hub_user", &self.hub_user)
            .field("hub_server_user", &self.hub_server_user)
            .field("hub_server_name", &self.hub_server_name)
            .field("origin", &self.origin)
            .field("locale", &self.locale)
            .finish_non_exhaustive()
    }
}

/// The configuration as the components' prop. Compared by identity: it
/// never changes while the dialog is mounted, and comparing its ~80
/// strings on every render would cost time and wasm size for nothing.
#[derive(Clone)]
pub struct Host(pub Rc<Config>);

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Host {
    type Target = Config;

    fn deref(&self) -> &Config {
        &self.0
    }
}

/// Default per-request timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// How often relative times are brought up to date by default.
pub const DEFAULT_TICK_MS: u32 = 20_000;

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

fn function(obj: &JsValue, key: &str) -> Option<js_sys::Function> {
    get(obj, key).dyn_into::<js_sys::Function>().ok()
}

impl Config {
    /// Read the configuration object passed from JavaScript.
    ///
    /// Anything but an object (or nothing) is refused with a readable
    /// reason; inside an object, missing or mistyped fields keep defaults.
    /// The translated strings and the plural callback are required, but
    /// with the `english` feature (tests), which has English for them.
    pub fn from_js(value: &JsValue) -> Result<Config, String> {
        let mut config = Config::default();
        if value.is_undefined() || value.is_null() {
            config.strings = Strings::from_js(value)?;
            return Ok(config);
        }
        if !value.is_object() {
            return Err("the configuration is not an object".to_owned());
        }
        let text_fields: [(&str, &mut String); 9] = [
            ("hubPrefix", &mut config.hub_prefix),
            ("hubHost", &mut config.hub_host),
            ("hubUser", &mut config.hub_user),
            ("hubServerUser", &mut config.hub_server_user),
            ("hubServerName", &mut config.hub_server_name),
            ("token", &mut config.token),
            ("origin", &mut config.origin),
            ("baseUrl", &mut config.base_url),
            ("locale", &mut config.locale),
        ];
        for (key, field) in text_fields {
            if let Some(v) = string(value, key) {
                *field = v;
            }
        }
        if config.locale.is_empty() {
            config.locale = "en".to_owned();
        }
        if let Some(ms) = get(value, "requestTimeoutMs").as_f64() {
            if ms >= 1.0 && ms <= u32::MAX as f64 {
                config.request_timeout_ms = ms as u32;
            }
        }
        if let Some(ms) = get(value, "tickMs").as_f64() {
            if (10.0..=DEFAULT_TICK_MS as f64).contains(&ms) {
                config.tick_ms = ms as u32;
            }
        }
        if let Some(seconds) = get(value, "linkLifetimeSeconds").as_f64() {
            config.link_lifetime_seconds = seconds;
        }
        config.access_levels = get(value, "accessLevels").as_bool() == Some(true);
        if let Some(show) = get(value, "showWarnings").as_bool() {
            config.show_warnings = show;
        }
        if let Some(seconds) = get(value, "autoRefreshSeconds").as_f64() {
            if (1.0..=86_400.0).contains(&seconds) {
                config.auto_refresh_seconds = seconds as u32;
            }
        }
        config.strings = Strings::from_js(&get(value, "strings"))?;
        config.plural = function(value, "plural");
        if cfg!(not(feature = "english")) && config.plural.is_none() {
            return Err("the plural callback is missing".to_owned());
        }
        config.on_panic = function(value, "onPanic");
        config.notify = function(value, "notify");
        config.navigate = function(value, "navigate");
        config.watch_online = function(value, "watchOnline");
        config.current_path = string(value, "currentPath").unwrap_or_default();
        Ok(config)
    }

    /// The link lifetime setting if the hub accepts it (60 s to one year).
    pub fn link_lifetime(&self) -> Option<u64> {
        checked_lifetime(self.link_lifetime_seconds)
    }

    /// Tell JupyterLab's notification centre (no-op without a callback).
    pub fn notify(&self, kind: Notice, message: &str) {
        if let Some(f) = &self.notify {
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from_str(kind.as_str()),
                &JsValue::from_str(message),
            );
        }
    }

    /// Leave JupyterLab for `url` (a page of the hub), through the shim;
    /// without its callback, by setting the window's location.
    pub fn navigate(&self, url: &str) {
        match &self.navigate {
            Some(f) => {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_str(url));
            }
            None => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(url);
                }
            }
        }
    }

    /// The lifetime setting as the user wrote it, for messages.
    pub fn link_lifetime_text(&self) -> String {
        js_sys::Number::from(self.link_lifetime_seconds)
            .to_string_with_radix(10)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }

    /// Whether the hub's pages are on another origin than this page
    /// (`hubHost`, per-user subdomains).
    pub fn hub_elsewhere(&self) -> bool {
        let host = self.hub_host.trim().trim_end_matches('/');
        !host.is_empty() && host != self.origin.trim().trim_end_matches('/')
    }

    /// Whether the visitor owns this server (and may manage sharing).
    pub fn is_owner(&self) -> bool {
        !self.hub_user.is_empty() && self.hub_user == self.hub_server_user
    }

    /// Translate a counted phrase through the shim (its key is
    /// [`Plural::key`]); without a callback (tests) English is used, or
    /// the bare number without the `english` feature.
    pub fn plural(&self, phrase: Plural, n: u64) -> String {
        self.plural_with(phrase, n, &[])
    }

    /// [`Config::plural`] for a phrase with more placeholders: `%1` is
    /// `n`, `%2`, `%3`, ... are `args` (already formatted).
    pub fn plural_with(&self, phrase: Plural, n: u64, args: &[&str]) -> String {
        if let Some(f) = &self.plural {
            let call = js_sys::Array::of2(
                &JsValue::from_str(phrase.key()),
                &JsValue::from_f64(n as f64),
            );
            for arg in args {
                call.push(&JsValue::from_str(arg));
            }
            if let Ok(v) = f.apply(&JsValue::NULL, &call) {
                if let Some(s) = v.as_string() {
                    return s;
                }
            }
        }
        #[cfg(feature = "english")]
        return english_plural(phrase, n, args);
        #[cfg(not(feature = "english"))]
        return n.to_string();
    }
}

/// A subscription to who is connected now (see [`Config::watch_online`]);
/// dropping it stops the shim's listener.
pub struct Presence {
    stop: Option<js_sys::Function>,
    _listener: wasm_bindgen::closure::Closure<dyn FnMut(JsValue)>,
}

impl Config {
    /// Call `on_change` with the names of the people connected now but
    /// `except` (the owner), at once and on every change, while the
    /// returned [`Presence`] lives.
    /// `None` when the shim has no awareness to watch (no
    /// jupyter-collaboration): then nobody is known to be online.
    pub fn watch_online(
        &self,
        except: &str,
        on_change: impl Fn(Vec<String>) + 'static,
    ) -> Option<Presence> {
        let watch = self.watch_online.as_ref()?;
        let except = except.to_owned();
        let listener =
            wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |names: JsValue| {
                // each name once, as the shim sends them (no sort: its code
                // would cost the wasm kilobytes)
                let names = names.dyn_into::<js_sys::Array>().unwrap_or_default();
                let names = names
                    .iter()
                    .filter_map(|name| name.as_string())
                    .filter(|name| !name.is_empty() && *name != except)
                    .collect();
                on_change(names);
            });
        // a shim whose awareness failed: as without jupyter-collaboration
        let stop = watch.call1(&JsValue::NULL, listener.as_ref()).ok()?;
        let stop = stop.dyn_into::<js_sys::Function>().ok();
        Some(Presence {
            stop,
            _listener: listener,
        })
    }
}

impl Drop for Presence {
    fn drop(&mut self) {
        if let Some(stop) = &self.stop {
            let _ = stop.call0(&JsValue::NULL);
        }
    }
}

/// Resolves once the browser has painted the next frame: in the animation
/// frame after the next one (callbacks of the next one run before its
/// paint). The frames' callbacks are the promises' own `resolve`: no Rust
/// closure for JavaScript to call.
pub async fn next_paint() {
    for _ in 0..2 {
        let frame = js_sys::Promise::new(&mut |resolve, _| match web_sys::window() {
            Some(window) => {
                let _ = window.request_animation_frame(&resolve);
            }
            None => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    }
}

/// The id of the name field of **Share with a user or group**.
pub const SHARE_FIELD_ID: &str = "jp-UserSharing-grantee";

/// Empty the text field `id`, if the page has it.
pub fn clear_field(id: &str) {
    if let Some(field) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = js_sys::Reflect::set(&field, &"value".into(), &"".into());
    }
}

/// Lifetimes offered in the dialog: 15 minutes, 1 hour, 4 hours, 1 day, 1 week.
pub const LIFETIME_CHOICES: [u64; 5] = [900, 3_600, 14_400, 86_400, 604_800];

/// A lifetime in whole seconds within the hub's limits, else `None`.
pub fn checked_lifetime(seconds: f64) -> Option<u64> {
    if !seconds.is_finite() || seconds.fract() != 0.0 || seconds < 0.0 {
        return None;
    }
    hub_sharing::check_link_lifetime(seconds as u64).ok()
}

/// Put `text` on the clipboard, on the owner's click only; resolves to
/// whether it happened: `navigator.clipboard.writeText` (secure pages), else,
/// or if it is refused, the link's own field (`field_id`) is selected and
/// copied with `execCommand("copy")`. No `copy` event listener is ever
/// added, so nothing can put the link on a later Ctrl+C. When both fail,
/// the link stays selected in its field for the keyboard.
pub fn copy(text: &str, field_id: &str) -> impl std::future::Future<Output = bool> {
    // started on the click itself, while the browser counts it as a gesture
    let written = clipboard_write_text(text);
    let field_id = field_id.to_owned();
    async move {
        let written = match written {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        written || copy_from_field(&field_id)
    }
}

/// `navigator.clipboard.writeText(text)`, or `None` where the page has no
/// asynchronous clipboard (plain http on a name other than localhost).
fn clipboard_write_text(text: &str) -> Option<js_sys::Promise> {
    let clipboard = web_sys::window()?.navigator().clipboard();
    (!clipboard.is_undefined()).then(|| clipboard.write_text(text))
}

/// Focus and select the field `id`, then `document.execCommand("copy")`:
/// true if the browser says it copied.
fn copy_from_field(id: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(field) = document
        .get_element_by_id(id)
        .and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return false;
    };
    let _ = field.focus();
    field.select();
    document
        .unchecked_into::<web_sys::HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false)
}

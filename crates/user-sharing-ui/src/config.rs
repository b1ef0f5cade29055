//! What the shim hands to [`crate::mount`]: page facts read from JupyterLab's
//! PageConfig, the user's settings, and the translated strings.

use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::strings::Strings;

/// Everything the dialog needs to know about the page it runs in.
///
/// Field names follow PageConfig (`hubPrefix`, `hubServerUser`, ...). Missing
/// fields default to empty strings: outside JupyterHub they are simply absent.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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
    /// `location.origin` of the page, used when `hubHost` is empty.
    pub origin: String,
    /// BCP 47 language tag for dates, e.g. `en-US`.
    pub locale: String,
    /// Per-request timeout in milliseconds (0 = the default).
    pub request_timeout_ms: u32,
    /// Translated user-visible strings.
    pub strings: Strings,
    /// Lifetime of new invite links in seconds (setting; 0 = one hour).
    /// Checked against the hub's limits before any request.
    pub link_lifetime_seconds: f64,
    /// Whether to show the warnings (setting).
    pub show_warnings: bool,
    /// Plural-aware translation callback `(key, n) => string` from the shim.
    #[serde(skip)]
    pub plural: Option<js_sys::Function>,
    /// Clipboard callback `(text) => boolean` from the shim.
    #[serde(skip)]
    pub copy: Option<js_sys::Function>,
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
            locale: String::new(),
            request_timeout_ms: 0,
            strings: Strings::default(),
            link_lifetime_seconds: 0.0,
            show_warnings: true,
            plural: None,
            copy: None,
        }
    }
}

/// Default per-request timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

impl Config {
    /// Read the configuration object passed from JavaScript.
    ///
    /// Unknown fields are ignored and wrong types are reported instead of
    /// panicking, so a mismatched shim produces a readable message.
    pub fn from_js(value: &JsValue) -> Result<Config, String> {
        if value.is_undefined() || value.is_null() {
            return Ok(Config::default());
        }
        let mut config: Config =
            serde_wasm_bindgen::from_value(value.clone()).map_err(|e| e.to_string())?;
        let plural = js_sys::Reflect::get(value, &JsValue::from_str("plural"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        config.plural = plural;
        config.copy = js_sys::Reflect::get(value, &JsValue::from_str("copy"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if config.link_lifetime_seconds == 0.0 {
            config.link_lifetime_seconds = hub_sharing::DEFAULT_LINK_LIFETIME as f64;
        }
        if config.request_timeout_ms == 0 {
            config.request_timeout_ms = DEFAULT_TIMEOUT_MS;
        }
        if config.locale.is_empty() {
            config.locale = "en".to_owned();
        }
        Ok(config)
    }

    /// The link lifetime if the hub accepts it (60 s to one year).
    pub fn link_lifetime(&self) -> Option<u64> {
        let s = self.link_lifetime_seconds;
        if !s.is_finite() || s.fract() != 0.0 || s < 0.0 {
            return None;
        }
        hub_sharing::check_link_lifetime(s as u64).ok()
    }

    /// Whether the visitor owns this server (and may manage sharing).
    pub fn is_owner(&self) -> bool {
        !self.hub_user.is_empty() && self.hub_user == self.hub_server_user
    }

    /// Translate a counted phrase. Keys are fixed identifiers known to the
    /// shim; without a callback (tests, old shim) English is used.
    pub fn plural(&self, key: &str, n: u64) -> String {
        if let Some(f) = &self.plural {
            if let Ok(v) = f.call2(
                &JsValue::NULL,
                &JsValue::from_str(key),
                &JsValue::from_f64(n as f64),
            ) {
                if let Some(s) = v.as_string() {
                    return s;
                }
            }
        }
        crate::strings::english_plural(key, n)
    }
}

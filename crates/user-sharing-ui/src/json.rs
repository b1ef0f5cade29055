//! The browser's parsed JSON (`Response.json()`), read where it lies by
//! `hub_sharing`'s decoders: no copy into Rust other than the members they
//! take, no serde.

use std::cell::RefCell;

use hub_sharing::Json;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A value of the browser's parsed JSON, as [`Json`].
pub struct JsJson(pub JsValue);

impl Json for JsJson {
    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }
    fn is_null(&self) -> bool {
        self.0.is_null()
    }
    fn member(&self, key: &'static str) -> Option<Self> {
        // only asked of objects (the decoders check first): no second check
        let value = with_js_key(key, |key| Reflect::get(&self.0, key)).ok()?;
        (!value.is_undefined()).then_some(JsJson(value))
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        let array = self.0.dyn_ref::<Array>()?;
        Some(array.iter().map(JsJson).collect())
    }
}

thread_local! {
    /// The member names asked so far, as JS strings (a few dozen at most).
    static KEYS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// `f` of `key` as a JS string, made once: a list of 10,000 shares asks
/// for the same ten names 10,000 times each.
fn with_js_key<R>(key: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        let i = match keys.iter().position(|(k, _)| core::ptr::eq(*k, key)) {
            Some(i) => i,
            None => {
                keys.push((key, JsValue::from_str(key)));
                keys.len() - 1
            }
        };
        f(&keys[i].1)
    })
}

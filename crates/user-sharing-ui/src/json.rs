//! The browser's parsed JSON (`Response.json()`), read where it lies by
//! `hub_sharing`'s decoders: no copy into Rust other than the members they
//! take, no serde.

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
    fn member(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let value = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
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

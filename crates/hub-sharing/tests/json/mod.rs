//! The tests' JSON: text parsed by serde_json, read by the crate's
//! [`Decode`] through [`Json`] (the UI reads the browser's parsed JSON
//! the same way).

use hub_sharing::{Decode, Json};

/// serde_json's value, seen as [`Json`].
pub struct Value(serde_json::Value);

impl Json for Value {
    fn is_object(&self) -> bool {
        self.0.is_object()
    }
    fn is_null(&self) -> bool {
        self.0.is_null()
    }
    fn member(&self, key: &'static str) -> Option<Self> {
        self.0.get(key).cloned().map(Value)
    }
    fn string(&self) -> Option<String> {
        self.0.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn elements(&self) -> Option<Vec<Self>> {
        Some(self.0.as_array()?.iter().cloned().map(Value).collect())
    }
}

/// Parse `text` and decode it as `T`; the error as text.
pub fn from_str<T: Decode>(text: &str) -> Result<T, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    T::decode(&Value(value)).map_err(|e| e.to_string())
}

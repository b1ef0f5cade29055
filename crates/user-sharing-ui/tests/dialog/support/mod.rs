//! Shared helpers of the dialog tests.

pub mod dom;
pub mod fake_hub;

pub use dom::*;
pub use fake_hub::*;

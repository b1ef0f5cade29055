//! Pure-Rust model of the JupyterHub (5.x and 6.x) sharing REST API.
//!
//! This crate does no IO: it builds request URLs ([`HubApi`]), describes the JSON
//! the hub answers with ([`Share`], [`ShareCode`], [`Page`], ...) and reads it
//! ([`Decode`], from any parsed JSON behind [`Json`]), classifies failed
//! responses ([`classify`], [`ApiError`]; [`GrantError`] and [`LeaveError`] for
//! sharing by name and leaving), builds invite links that open a file
//! ([`lab_file_path`], [`link_with_next`]) and formats times ([`parse_timestamp_ms`],
//! [`ago`], [`remaining`]) and reads access levels ([`Level`], [`Ends`],
//! [`LinkAccess`], [`ServerAccess`]). It compiles natively (tests) and to
//! `wasm32-unknown-unknown` (used by the Yew UI crate).
//!
//! All public items are re-exported at the crate root.
//!
//! ```
//! use hub_sharing::{classify, HubApi, HubErrorBody, Page, Share, ApiError};
//!
//! let api = HubApi::new("", "/hub/", "https://hub.example.org").unwrap();
//! let url = HubApi::page_url(&api.shares_url("first.last@example.org", ""), 0, 200);
//! assert_eq!(
//!     url,
//!     "https://hub.example.org/hub/api/shares/first.last%40example.org/?offset=0&limit=200"
//! );
//!
//! let body = HubErrorBody { status: Some(403), message: Some("Missing or invalid credentials.".into()) };
//! assert_eq!(classify(403, Some("application/json"), Some(&body)), ApiError::InvalidCredentials);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod access;
pub mod body;
pub mod decode;
pub mod error;
pub mod invite;
pub mod model;
pub mod time;
pub mod url;

pub use crate::access::*;
pub use crate::body::*;
pub use crate::decode::*;
pub use crate::error::*;
pub use crate::invite::*;
pub use crate::model::*;
pub use crate::time::*;
pub use crate::url::*;

//! Component tests of the dialog in headless Chromium, with a stubbed
//! `fetch` (the only place fakes are allowed): each test mounts the app the
//! way the shim does and checks what a user would see. One test binary;
//! `support/` holds the fake hub and the DOM helpers, and each module one
//! feature.

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod access;
mod errors;
mod file_link;
mod focus;
mod leave;
mod link_rows;
mod links;
mod lists;
mod long_lists;
mod online;
mod revoke;
mod share_by_name;
mod times;
mod views;

//! Times in the user's language: relative times come from the browser's
//! `Intl.RelativeTimeFormat`, not from translated strings.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
fn relative_times_come_from_intl_with_the_plurals_of_each_language() {
    use user_sharing_ui::messages::{relative_time, TimeUnit};
    assert_eq!(
        relative_time("en-US", -5, TimeUnit::Minute),
        "5 minutes ago"
    );
    assert_eq!(relative_time("en-US", -1, TimeUnit::Hour), "1 hour ago");
    assert_eq!(
        relative_time("en-US", 59, TimeUnit::Minute),
        "in 59 minutes"
    );
    assert_eq!(relative_time("en-US", -1, TimeUnit::Day), "yesterday");
    assert_eq!(relative_time("en-US", 0, TimeUnit::Second), "now");
    assert_eq!(
        relative_time("fr-FR", -5, TimeUnit::Minute),
        "il y a 5 minutes"
    );
    assert_eq!(relative_time("fr-FR", 3, TimeUnit::Hour), "dans 3 heures");
    // Polish has three plural forms; the old English-shaped strings had two
    assert_eq!(relative_time("pl", -2, TimeUnit::Minute), "2 minuty temu");
    assert_eq!(relative_time("pl", -5, TimeUnit::Minute), "5 minut temu");
    // back to English: the formatter follows the locale
    assert_eq!(
        relative_time("en-US", -2, TimeUnit::Minute),
        "2 minutes ago"
    );
}

#[wasm_bindgen_test]
async fn the_time_access_was_granted_is_told_in_the_dialogs_language_without_a_translation() {
    // no translated strings passed: only the locale is French
    let granted = iso_in_days(-5.0 / (24.0 * 60.0));
    let list = route(
        "GET",
        "/api/shares/alice/",
        200,
        page(
            one(share("bob", &granted, JsValue::UNDEFINED)),
            JsValue::NULL,
        ),
    );
    stub_fetch(routes(vec![list]));
    let (root, _h) = start(r#"{"token": "t-intl", "locale": "fr-FR"}"#).await;
    wait_state(&root, "ready").await;
    let cell = wait_for(&root, "td.jp-UserSharing-time").await;
    let cell = cell.text_content().unwrap_or_default();
    assert!(cell.ends_with("(il y a 5 minutes)"), "{cell}");
}

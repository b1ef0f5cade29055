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

#[wasm_bindgen(inline_js = r#"
// The browser's clock moved on by `ms` (Date.now only: timers run as usual).
export function clock_forward(ms) {
  const real = globalThis.__realNow ??= Date.now;
  globalThis.__shift = (globalThis.__shift ?? 0) + ms;
  Date.now = () => real() + globalThis.__shift;
}
export function clock_restore() {
  if (globalThis.__realNow) { Date.now = globalThis.__realNow; }
  globalThis.__shift = 0;
}
"#)]
extern "C" {
    fn clock_forward(ms: f64);
    fn clock_restore();
}

#[wasm_bindgen_test]
async fn the_time_left_of_a_link_is_brought_up_to_date_while_the_dialog_is_open() {
    // a link the hub says expires in 10 minutes and 30 seconds
    let expires = iso_in_days((10.0 * 60.0 + 30.0) / 86_400.0);
    let code = js(&format!(
        r#"{{"id": "sc_tick", "scopes": [], "created_at": "2026-11-27T21:00:00Z",
            "expires_at": "{expires}", "exchange_count": 0, "last_exchanged_at": null}}"#
    ));
    stub_fetch(routes(vec![no_shares(), listing_one_code(code)]));
    // the relative times are redrawn every 50 ms here (20 s in JupyterLab)
    let (root, _h) = start(r#"{"tickMs": 50}"#).await;
    wait_state(&root, "ready").await;
    let expiry = || {
        root.query_selector(".jp-UserSharing-linkTable tbody tr td.jp-UserSharing-linkTime")
            .unwrap()
            .and_then(|cell| cell.text_content())
            .unwrap_or_default()
    };
    // (whole minutes, rounded up or to the nearest)
    let minutes = |text: String| -> u32 {
        let n = text.rsplit("(in ").next().unwrap_or_default();
        n.trim_end_matches(" minutes)").parse().unwrap_or(0)
    };
    let before = minutes(expiry());
    assert!([10, 11].contains(&before), "{}", expiry());
    // three minutes later, with nothing reloaded
    let loads = requests().length();
    clock_forward(3.0 * 60_000.0);
    for _ in 0..100 {
        if minutes(expiry()) == before - 3 {
            break;
        }
        gloo_timers::future::sleep(std::time::Duration::from_millis(20)).await;
    }
    let text = expiry();
    clock_restore();
    assert_eq!(minutes(text.clone()), before - 3, "{text}");
    assert_eq!(requests().length(), loads, "redrawn, not reloaded");
}

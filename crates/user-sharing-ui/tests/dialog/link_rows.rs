//! Every invite link the hub lists, one row each, and Revoke link.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

fn code(id: &str, created: &str, expires: &str, uses: u32, last: Option<&str>) -> JsValue {
    let last = last.map_or_else(|| "null".to_owned(), |t| format!("\"{t}\""));
    js(&format!(
        r#"{{"id": "{id}", "scopes": [], "created_at": "{created}", "expires_at": "{expires}",
            "exchange_count": {uses}, "last_exchanged_at": {last}}}"#
    ))
}

/// Three links as the hub lists them (newest last, as the hub sends them);
/// sc_1 expired by the browser's clock, still listed by the hub.
fn three_links() -> JsValue {
    let list: js_sys::Array = [
        code(
            "sc_1",
            "2020-01-01T10:00:00Z",
            "2020-01-01T11:00:00Z",
            0,
            None,
        ),
        code(
            "sc_2",
            "2026-11-27T20:00:00Z",
            "2099-01-01T00:00:00Z",
            3,
            Some("2026-11-27T21:30:00Z"),
        ),
        code(
            "sc_3",
            "2026-11-27T21:00:00Z",
            "2099-01-01T00:00:00Z",
            1,
            Some("2026-11-27T21:40:00Z"),
        ),
    ]
    .into_iter()
    .collect();
    route(
        "GET",
        "/api/share-codes/alice/",
        200,
        page(list.into(), JsValue::NULL),
    )
}

fn link_rows(root: &web_sys::Element) -> Vec<Vec<String>> {
    let rows = root
        .query_selector_all(".jp-UserSharing-linkTable tbody tr")
        .unwrap();
    (0..rows.length())
        .map(|i| {
            let cells = rows
                .get(i)
                .unwrap()
                .dyn_into::<web_sys::Element>()
                .unwrap()
                .query_selector_all("th, td")
                .unwrap();
            (0..cells.length())
                .map(|j| cells.get(j).unwrap().text_content().unwrap_or_default())
                .collect()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn every_link_the_hub_lists_is_a_row_newest_first_with_its_uses() {
    stub_fetch(routes(vec![no_shares(), three_links()]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    let rows = link_rows(&root);
    assert_eq!(rows.len(), 3, "{rows:?}");
    // created, expires, uses, last used, Revoke link
    assert!(
        rows[0][0].starts_with("Nov 27, 2026") || rows[0][0].contains("2026"),
        "{rows:?}"
    );
    assert!(
        rows[0][1].contains("2099") && rows[0][1].contains("(in "),
        "{rows:?}"
    );
    assert_eq!(rows[0][2], "1");
    assert!(rows[0][3].contains("ago)"), "{rows:?}");
    assert_eq!(rows[0][4], "Revoke link");
    assert_eq!(rows[1][2], "3");
    // the hub decides what is live: its expired-looking link stays listed
    assert_eq!(rows[2][1], "This link has expired.");
    assert_eq!(rows[2][2], "0");
    assert_eq!(rows[2][3], "Not yet");
    assert!(text(&root).contains("only links made in this window can be copied"));
    let ids: Vec<String> = (0..3)
        .map(|i| {
            root.query_selector_all(".jp-UserSharing-linkTable tbody tr")
                .unwrap()
                .get(i)
                .unwrap()
                .dyn_into::<web_sys::Element>()
                .unwrap()
                .get_attribute("data-id")
                .unwrap()
        })
        .collect();
    assert_eq!(ids, ["sc_3", "sc_2", "sc_1"]);
}

#[wasm_bindgen_test]
async fn no_links_no_table() {
    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    assert!(root
        .query_selector(".jp-UserSharing-linkTable")
        .unwrap()
        .is_none());
    assert!(text(&root).contains("There are no active invite links."));
}

#[wasm_bindgen_test]
async fn revoke_link_deletes_just_that_link_and_reloads() {
    stub_fetch(routes(vec![
        no_shares(),
        three_links(),
        route(
            "DELETE",
            "/api/share-codes/alice/?id=sc_2",
            204,
            JsValue::NULL,
        ),
    ]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    let button = root
        .query_selector("tr[data-id=sc_2] .jp-UserSharing-revokeLink")
        .unwrap()
        .unwrap();
    assert!(button
        .get_attribute("aria-label")
        .unwrap()
        .starts_with("Revoke the link created "));
    click(&root, "tr[data-id=sc_2] .jp-UserSharing-revokeLink");
    wait_text(&root, "The invite link was revoked; it no longer works.").await;
    let deletes = requests_matching("DELETE", "/share-codes/");
    assert_eq!(deletes.length(), 1);
    assert_eq!(
        prop(&deletes.get(0), "url"),
        "http://hub.test/hub/api/share-codes/alice/?id=sc_2"
    );
    wait_state(&root, "ready").await;
    // the lists were asked again after the change
    assert!(requests_matching("GET", "/share-codes/alice/").length() >= 2);
}

#[wasm_bindgen_test]
async fn a_link_the_hub_no_longer_has_gets_its_own_sentence() {
    stub_fetch(routes(vec![
        no_shares(),
        three_links(),
        route(
            "DELETE",
            "?id=sc_3",
            404,
            js(r#"{"status": 404, "message": "No matching code found"}"#),
        ),
    ]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    click(&root, "tr[data-id=sc_3] .jp-UserSharing-revokeLink");
    wait_text(
        &root,
        "That invite link had already expired or been revoked.",
    )
    .await;
}

//! Revoking: all links, one user, everyone; confirmations first.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::support::*;

#[wasm_bindgen_test]
async fn revoke_all_share_links_asks_first_then_deletes_every_code() {
    stub_fetch(routes(vec![
        no_shares(),
        listing_one_code(code_listed("sc_4", 1)),
        route("DELETE", "/api/share-codes/alice/", 204, JsValue::NULL),
    ]));
    let (root, _h) = start(r#"{"token": "t-revoke-links"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-revokeLinks");
    yew::scheduler::flush().await;
    // Cancel: nothing is deleted.
    click(&root, "button.jp-UserSharing-confirmNo");
    yew::scheduler::flush().await;
    assert_eq!(requests_matching("DELETE", "/").length(), 0);
    click(&root, "button.jp-UserSharing-revokeLinks");
    yew::scheduler::flush().await;
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert!(
        focused.class_name().contains("jp-UserSharing-confirmNo"),
        "focus is on Cancel"
    );
    set_routes(routes(vec![
        no_shares(),
        route(
            "GET",
            "/api/share-codes/alice/",
            200,
            page(js("[]"), JsValue::NULL),
        ),
        route("DELETE", "/api/share-codes/alice/", 204, JsValue::NULL),
    ]));
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "All invite links were revoked").await;
    wait_text(&root, "There are no active invite links.").await;
    let deletes = requests_matching("DELETE", "/api/share-codes/");
    assert_eq!(deletes.length(), 1);
    let url = js_sys::Reflect::get(&deletes.get(0), &"url".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(url, "http://hub.test/hub/api/share-codes/alice/");
}

#[wasm_bindgen_test]
async fn revoke_one_user_patches_the_share_and_shows_the_hubs_new_list() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"token": "t-revoke-one"}"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "bob"]);
    set_routes(routes(bob_revoked()));
    let bob_button = root
        .query_selector("button[aria-label='Revoke access of bob']")
        .unwrap()
        .expect("a Revoke button named after bob");
    bob_button
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    wait_text(&root, "Access of bob was revoked.").await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol"]);
    let patches = requests_matching("PATCH", "/api/shares/alice/");
    assert_eq!(patches.length(), 1);
    assert_eq!(body_of(&patches.get(0)), r#"{"user":"bob"}"#);
}

#[wasm_bindgen_test]
async fn revoke_all_users_asks_then_deletes_all_shares() {
    stub_fetch(routes(vec![
        route(
            "GET",
            "/api/shares/alice/",
            200,
            page(
                one(share("g", "2026-11-27T10:00:00Z", "group".into())),
                JsValue::NULL,
            ),
        ),
        route("DELETE", "/api/shares/alice/", 204, JsValue::NULL),
    ]));
    let (root, _h) = start(r#"{"token": "t-revoke-all"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-revokeAll");
    yew::scheduler::flush().await;
    assert_eq!(
        requests_matching("DELETE", "/").length(),
        0,
        "nothing before confirmation"
    );
    set_routes(routes(vec![
        no_shares(),
        route("DELETE", "/api/shares/alice/", 204, JsValue::NULL),
    ]));
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "Everyone's access was revoked.").await;
    wait_text(&root, "No one else has access to this server yet.").await;
    let deletes = requests_matching("DELETE", "/api/shares/alice/");
    assert_eq!(deletes.length(), 1);
}

fn revoke_then_list(root: &Element, name: &str, after: JsValue) {
    set_routes(routes(vec![
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
        after,
    ]));
    click(
        root,
        &format!("button[aria-label='Revoke access of {name}']"),
    );
}

#[wasm_bindgen_test]
async fn revoking_a_user_the_hub_no_longer_knows_says_nothing_was_revoked() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"token": "t-renamed"}"#).await;
    wait_state(&root, "ready").await;
    // bob was renamed to robert meanwhile: the hub answers 200 {} for "bob"
    // and still lists the same grant under the new name.
    let after: js_sys::Array = [
        share("robert", "2026-11-27T10:00:00Z", JsValue::UNDEFINED),
        share("carol", "2026-11-27T11:00:00Z", JsValue::UNDEFINED),
    ]
    .into_iter()
    .collect();
    let after = route(
        "GET",
        "/api/shares/alice/",
        200,
        page(after.into(), JsValue::NULL),
    );
    revoke_then_list(&root, "bob", after);
    wait_text(
        &root,
        "Nothing was revoked: JupyterHub did not recognise bob",
    )
    .await;
    assert!(!text(&root).contains("Access of bob was revoked"));
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "robert"]);
    assert!(notified().contains("error: Nothing was revoked"));
}

#[wasm_bindgen_test]
async fn a_user_the_hub_still_lists_by_name_after_the_revoke_was_not_revoked() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"token": "t-still-listed"}"#).await;
    wait_state(&root, "ready").await;
    revoke_then_list(&root, "bob", bob_and_carol());
    wait_text(&root, "Nothing was revoked").await;
}

//! The keyboard focus stays in the dialog through every action.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn generate_keeps_the_focus_while_busy_then_the_new_links_copy_button_takes_it() {
    stub_fetch(routes(
        generate_routes("sc_7", Some("http://x/focus")).to_vec(),
    ));
    let (root, _h) =
        start(r#"{"origin": "http://focus-generate.test", "token": "t-focus-gen"}"#).await;
    wait_state(&root, "ready").await;
    focus_on(&root, "button.jp-UserSharing-generate");
    click(&root, "button.jp-UserSharing-generate");
    yew::scheduler::flush().await;
    assert_busy_with_focus(
        &root,
        "button.jp-UserSharing-generate",
        "jp-UserSharing-generate",
    );
    // a second click (Enter again) while busy sends nothing
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    wait_focus(&root, "jp-UserSharing-copy").await;
    wait_state(&root, "ready").await;
    assert!(
        focused().contains("jp-UserSharing-copy"),
        "focus: {}",
        focused()
    );
    assert_eq!(requests_matching("POST", "/api/share-codes/").length(), 1);
}

#[wasm_bindgen_test]
async fn revoking_a_row_gives_the_focus_to_the_next_row_then_to_refresh() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"origin": "http://focus-row.test", "token": "t-focus-row"}"#).await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol", "bob"]);
    set_routes(routes(bob_revoked()));
    let bob = "button[aria-label='Revoke access of bob']";
    focus_on(&root, bob);
    click(&root, bob);
    yew::scheduler::flush().await;
    assert_busy_with_focus(&root, bob, "Revoke access of bob");
    click(&root, bob);
    wait_text(&root, "Access of bob was revoked.").await;
    wait_state(&root, "ready").await;
    assert_eq!(rows(&root), ["carol"]);
    assert_eq!(requests_matching("PATCH", "/api/shares/alice/").length(), 1);
    // bob's row is gone: the focus is on the row now in its place (or the
    // one before, for the last row)
    wait_focus(&root, "Revoke access of carol").await;

    set_routes(routes(vec![
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
        no_shares(),
    ]));
    click(&root, "button[aria-label='Revoke access of carol']");
    wait_text(&root, "No one else has access to this server yet.").await;
    wait_state(&root, "ready").await;
    // no row left: Refresh, the section's first control
    wait_focus(&root, "jp-UserSharing-refresh").await;
}

#[wasm_bindgen_test]
async fn a_closed_confirmation_gives_the_focus_back_to_its_button_or_its_successor() {
    stub_fetch(routes(vec![
        route(
            "GET",
            "/api/shares/alice/",
            200,
            page(
                one(share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED)),
                JsValue::NULL,
            ),
        ),
        listing_one_code(code_listed("sc_8", 0)),
    ]));
    let (root, _h) =
        start(r#"{"origin": "http://focus-confirm.test", "token": "t-focus-confirm"}"#).await;
    wait_state(&root, "ready").await;

    // Cancel: back on the button that asked
    for opener in [
        "button.jp-UserSharing-revokeAll",
        "button.jp-UserSharing-revokeLinks",
    ] {
        focus_on(&root, opener);
        click(&root, opener);
        wait_focus(&root, "jp-UserSharing-confirmNo").await;
        click(&root, "button.jp-UserSharing-confirmNo");
        wait_focus(&root, opener.trim_start_matches("button.")).await;
    }

    // Yes, revoke (all users): the button that asked while the hub works,
    // then Refresh once nobody is left (the button is gone)
    set_routes(routes(vec![
        no_shares(),
        listing_one_code(code_listed("sc_8", 0)),
        route("DELETE", "/api/shares/alice/", 204, JsValue::NULL),
        route("DELETE", "/api/share-codes/alice/", 204, JsValue::NULL),
    ]));
    focus_on(&root, "button.jp-UserSharing-revokeAll");
    click(&root, "button.jp-UserSharing-revokeAll");
    wait_focus(&root, "jp-UserSharing-confirmNo").await;
    focus_on(&root, "button.jp-UserSharing-confirmYes");
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "Everyone's access was revoked.").await;
    wait_state(&root, "ready").await;
    wait_focus(&root, "jp-UserSharing-refresh").await;

    // Yes, revoke (all links): "Revoke all share links" is disabled once no
    // link is left: Generate invite link
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
    focus_on(&root, "button.jp-UserSharing-revokeLinks");
    click(&root, "button.jp-UserSharing-revokeLinks");
    wait_focus(&root, "jp-UserSharing-confirmNo").await;
    focus_on(&root, "button.jp-UserSharing-confirmYes");
    click(&root, "button.jp-UserSharing-confirmYes");
    wait_text(&root, "All invite links were revoked").await;
    wait_state(&root, "ready").await;
    assert!(button_disabled(&root, "button.jp-UserSharing-revokeLinks"));
    wait_focus(&root, "jp-UserSharing-generate").await;
    assert_eq!(requests_matching("DELETE", "/").length(), 2);
}

#[wasm_bindgen_test]
async fn refresh_and_retry_keep_the_focus_in_the_dialog() {
    stub_fetch(routes(vec![route(
        "GET",
        "/api/shares/alice/",
        503,
        js(r#"{"status": 503, "message": "Service Unavailable"}"#),
    )]));
    let (root, _h) =
        start(r#"{"origin": "http://focus-retry.test", "token": "t-focus-retry"}"#).await;
    wait_state(&root, "error").await;
    set_routes(routes(vec![no_shares()]));
    focus_on(&root, "button.jp-UserSharing-retry");
    click(&root, "button.jp-UserSharing-retry");
    yew::scheduler::flush().await;
    // the error notice (and its button) goes away on success: Refresh
    wait_state(&root, "ready").await;
    wait_focus(&root, "jp-UserSharing-refresh").await;
    let before = share_requests().len();
    click(&root, "button.jp-UserSharing-refresh");
    yew::scheduler::flush().await;
    assert_busy_with_focus(
        &root,
        "button.jp-UserSharing-refresh",
        "jp-UserSharing-refresh",
    );
    // ignored while loading
    click(&root, "button.jp-UserSharing-refresh");
    wait_state(&root, "ready").await;
    assert_eq!(share_requests().len(), before + 1);
}

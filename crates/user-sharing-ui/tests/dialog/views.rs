//! Which view the visitor gets (no hub, invitee, owner), the configuration and the strings the shim passes, unmounting.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn outside_jupyterhub_it_says_sharing_needs_a_hub_and_sends_nothing() {
    stub_fetch(routes(vec![]));
    let (root, _h) =
        start(r#"{"hubPrefix": "", "hubUser": "", "hubServerUser": "", "token": ""}"#).await;
    wait_state(&root, "no-hub").await;
    assert!(text(&root).contains("User sharing needs JupyterHub"));
    assert_eq!(requests().length(), 0);
}

#[wasm_bindgen_test]
async fn an_invitee_sees_whose_server_it_is_and_no_management() {
    stub_fetch(routes(vec![]));
    let (root, _h) = start(r#"{"hubUser": "bob"}"#).await;
    wait_state(&root, "invitee").await;
    assert!(text(&root).contains("This server belongs to alice and was shared with you"));
    assert!(root.query_selector("button").unwrap().is_none());
    assert_eq!(requests().length(), 0);
}

#[wasm_bindgen_test]
async fn unmount_removes_the_dialog() {
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )]));
    let (root, mut handle) = start("{}").await;
    wait_state(&root, "ready").await;
    handle.unmount();
    yew::scheduler::flush().await;
    assert!(dialog(&root).is_none());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn translated_strings_from_the_shim_are_used() {
    stub_fetch(routes(vec![route(
        "GET",
        "/shares/alice/",
        200,
        page(js("[]"), JsValue::NULL),
    )]));
    let (root, _h) = start(r#"{"strings": {"noShares": "Niemand sonst hat Zugriff."}}"#).await;
    wait_state(&root, "ready").await;
    assert!(text(&root).contains("Niemand sonst hat Zugriff."));
    // Untranslated keys fall back to English.
    assert!(text(&root).contains("Refresh"));
}

#[wasm_bindgen_test]
async fn wrong_types_in_the_config_fall_back_to_defaults() {
    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start(
        r#"{"token": "t-types", "linkLifetimeSeconds": "soon", "showWarnings": "yes", "strings": {"refresh": 7}}"#,
    )
    .await;
    wait_state(&root, "ready").await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select#jp-UserSharing-lifetime")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(select.value(), "3600");
    assert!(root
        .query_selector("ul.jp-UserSharing-warnings")
        .unwrap()
        .is_some());
    assert!(text(&root).contains("Refresh"));
}

#[wasm_bindgen_test]
async fn the_token_never_shows_in_debug_output() {
    let config =
        user_sharing_ui::host::Config::from_js(&make_config(js(r#"{"token": "s3cr3t-t0ken"}"#)))
            .unwrap();
    assert!(!format!("{config:?}").contains("s3cr3t-t0ken"));
    assert!(format!("{config:?}").contains("alice"), "still useful");
    // the owner's session keeps the token in its client (Session and Hub
    // have no Debug at all)
    let session = user_sharing_ui::session::Session::new(config);
    let user_sharing_ui::session::View::Owner(hub) = &session.view else {
        panic!("alice owns her server");
    };
    assert!(!format!("{:?}", hub.client).contains("s3cr3t-t0ken"));
}

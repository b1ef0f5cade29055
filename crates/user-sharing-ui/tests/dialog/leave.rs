//! An invitee leaves the server: asked first, their own access removed at
//! the hub, then the hub's home page; each refusal in its own words.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const BOB: &str = r#"{"hubUser": "bob", "token": "bobs-token"}"#;
const LEAVE_URL: &str = "http://hub.test/hub/api/users/bob/shared/alice/";

async fn ask_to_leave(root: &web_sys::Element) {
    wait_state(root, "invitee").await;
    click(root, ".jp-UserSharing-leave");
    wait_for(root, ".jp-UserSharing-confirm").await;
}

#[wasm_bindgen_test]
async fn leaving_asks_first_and_cancel_sends_nothing() {
    stub_fetch(routes(vec![]));
    let (root, _h) = start(BOB).await;
    ask_to_leave(&root).await;
    assert!(text(&root).contains("Leave alice's server? Your access ends now"));
    wait_focus(&root, "jp-UserSharing-confirmNo").await;
    click(&root, ".jp-UserSharing-confirmNo");
    wait_focus(&root, "jp-UserSharing-leave").await;
    assert_eq!(requests().length(), 0);
    assert!(navigated().is_undefined());
}

#[wasm_bindgen_test]
async fn leaving_removes_the_invitees_own_access_and_goes_to_the_hub_home() {
    stub_fetch(routes(vec![route(
        "DELETE",
        "/users/bob/shared/alice/",
        204,
        JsValue::NULL,
    )]));
    let (root, _h) = start(BOB).await;
    ask_to_leave(&root).await;
    assert_eq!(
        wait_for(&root, ".jp-UserSharing-confirmYes")
            .await
            .text_content()
            .unwrap(),
        "Leave"
    );
    click(&root, ".jp-UserSharing-confirmYes");
    wait_text(&root, "You no longer have access to alice's server.").await;
    let sent = requests_matching("DELETE", "/shared/");
    assert_eq!(sent.length(), 1);
    let req = sent.get(0);
    assert_eq!(prop(&req, "url"), LEAVE_URL);
    assert_eq!(prop(&req, "credentials"), "omit");
    assert_eq!(
        prop(
            &js_sys::Reflect::get(&req, &"headers".into()).unwrap(),
            "authorization"
        ),
        "token bobs-token"
    );
    assert_eq!(navigated().as_string().unwrap(), "http://hub.test/hub/home");
}

#[wasm_bindgen_test]
async fn names_and_base_urls_are_encoded_in_the_leave_request_and_the_home_page() {
    stub_fetch(routes(vec![route(
        "DELETE",
        "/shared/",
        204,
        JsValue::NULL,
    )]));
    let (root, _h) = start(
        r#"{"hubUser": "b ob@x.org", "hubServerUser": "first.last", "hubServerName": "gpu 1", "hubPrefix": "/jupyter/hub/"}"#,
    )
    .await;
    ask_to_leave(&root).await;
    click(&root, ".jp-UserSharing-confirmYes");
    wait_text(&root, "You no longer have access to first.last's server.").await;
    assert_eq!(
        prop(&requests_matching("DELETE", "/shared/").get(0), "url"),
        "http://hub.test/jupyter/hub/api/users/b%20ob%40x.org/shared/first.last/gpu%201"
    );
    assert_eq!(
        navigated().as_string().unwrap(),
        "http://hub.test/jupyter/hub/home"
    );
}

async fn refused(status: u16, message: &str) -> web_sys::Element {
    let body = js(&format!(
        r#"{{"status": {status}, "message": "{message}"}}"#
    ));
    stub_fetch(routes(vec![route("DELETE", "/shared/", status, body)]));
    let (root, h) = start(BOB).await;
    std::mem::forget(h);
    ask_to_leave(&root).await;
    click(&root, ".jp-UserSharing-confirmYes");
    wait_for(&root, ".jp-UserSharing-statusLine [role=alert]").await;
    assert!(navigated().is_undefined());
    // the invitee can try again
    wait_for(&root, ".jp-UserSharing-leave").await;
    root
}

#[wasm_bindgen_test]
async fn access_through_a_group_has_its_own_sentence() {
    let root = refused(404, "No such share for user bob on alice/").await;
    assert!(text(&root).contains(
        "You cannot leave this server yourself: your access comes through a group, or it has already ended. Only alice can remove a group's access."
    ));
}

#[wasm_bindgen_test]
async fn a_token_without_the_scope_has_its_own_sentence() {
    let root = refused(
        403,
        "Action is not authorized with current scopes; requires any of [users:shares]",
    )
    .await;
    assert!(text(&root).contains(
        "This hub does not let you leave shared servers yourself. Ask alice or your hub administrator"
    ));
}

#[wasm_bindgen_test]
async fn an_unreachable_hub_says_so_and_nothing_is_lost() {
    stub_fetch(routes(vec![js(
        r#"{"method": "DELETE", "match": "/shared/", "reject": true}"#,
    )]));
    let (root, _h) = start(BOB).await;
    ask_to_leave(&root).await;
    click(&root, ".jp-UserSharing-confirmYes");
    wait_text(
        &root,
        "Could not leave this server. Could not reach JupyterHub",
    )
    .await;
    assert!(navigated().is_undefined());
    assert!(text(&root).contains("This server belongs to alice"));
}

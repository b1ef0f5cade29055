//! "Open <file> after accepting": a link that carries JupyterHub's `next`.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// The hub's answer to a new link of a server whose URL is `server_url`.
fn created(server_url: &str) -> JsValue {
    js(&format!(
        r#"{{"id": "sc_1", "scopes": [], "created_at": "2026-11-27T21:00:00Z",
            "expires_at": "2099-01-01T00:00:00Z", "exchange_count": 0, "last_exchanged_at": null,
            "server": {{"name": "", "user": {{"name": "alice"}}, "url": "{server_url}", "ready": true}},
            "code": "c0de", "accept_url": "/jupyter/hub/accept-share?code=c0de", "full_accept_url": null}}"#
    ))
}

/// The hub answering the new link, and listing it afterwards.
fn hub_with_new_link(server_url: &str) -> JsValue {
    routes(vec![
        no_shares(),
        route("POST", "/api/share-codes/alice/", 200, created(server_url)),
        listing_one_code(code_listed("sc_1", 0)),
    ])
}

async fn generate(root: &web_sys::Element, tick: bool) -> String {
    wait_state(root, "ready").await;
    if tick {
        click(root, "#jp-UserSharing-openFile");
    }
    click(root, ".jp-UserSharing-generate");
    let input = wait_for(root, ".jp-UserSharing-linkInput").await;
    js_sys::Reflect::get(&input, &"value".into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_ticked_box_makes_the_link_open_the_current_document() {
    stub_fetch(hub_with_new_link("/jupyter/user/alice/"));
    let (root, _h) =
        start(r#"{"hubPrefix": "/jupyter/hub/", "currentPath": "runs/Week #1 ü?.ipynb"}"#).await;
    wait_state(&root, "ready").await;
    assert!(text(&root).contains("Open Week #1 ü?.ipynb after accepting"));
    let link = generate(&root, true).await;
    assert_eq!(
        link,
        "http://hub.test/jupyter/hub/accept-share?code=c0de\
         &next=%2Fjupyter%2Fuser%2Falice%2Flab%2Ftree%2Fruns%2FWeek%2520%25231%2520%25C3%25BC%253F.ipynb"
    );
}

#[wasm_bindgen_test]
async fn unticked_the_link_opens_the_server_as_before() {
    stub_fetch(hub_with_new_link("/user/alice/"));
    let (root, _h) = start(r#"{"currentPath": "a.ipynb"}"#).await;
    let link = generate(&root, false).await;
    assert_eq!(link, "http://hub.test/jupyter/hub/accept-share?code=c0de");
}

#[wasm_bindgen_test]
async fn without_a_document_there_is_no_box() {
    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    assert!(root
        .query_selector("#jp-UserSharing-openFile")
        .unwrap()
        .is_none());
    assert!(!text(&root).contains("after accepting"));
}

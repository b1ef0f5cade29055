//! Share with a user or group by name: the request, the hub's answer, and
//! each refusal in its own words.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

fn granted(name: &str, kind: &str, created: &str) -> JsValue {
    let answer = share(name, created, JsValue::from_str(kind));
    js_sys::Reflect::set(
        &js_sys::Reflect::get(&answer, &"server".into()).unwrap(),
        &"full_url".into(),
        &"https://hub.example.org/user/alice/".into(),
    )
    .unwrap();
    answer
}

async fn share_with(root: &web_sys::Element, kind: &str, name: &str) {
    let input = wait_for(root, "#jp-UserSharing-grantee").await;
    js_sys::Reflect::set(&input, &"value".into(), &name.into()).unwrap();
    click(root, &format!("input[name=kind][value={kind}]"));
    click(root, ".jp-UserSharing-share");
}

/// A hub with nobody having access that answers a grant with `answer`.
fn granting(answer: JsValue) -> JsValue {
    routes(vec![
        no_shares(),
        route("POST", "/api/shares/alice/", 200, answer),
    ])
}

fn grant_posts() -> js_sys::Array {
    requests_matching("POST", "/api/shares/alice/")
}

#[wasm_bindgen_test]
async fn sharing_with_a_user_posts_the_name_and_gives_the_address_to_send() {
    stub_fetch(granting(granted("carol", "user", "2026-11-27T22:00:00Z")));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    assert!(text(&root).contains("Share with a user or group"));
    share_with(&root, "user", "  carol ").await;
    wait_text(
        &root,
        "carol can now open this server. The hub does not tell them: send them its address, https://hub.example.org/user/alice/",
    )
    .await;
    assert_eq!(grant_posts().length(), 1);
    assert_eq!(body_of(&grant_posts().get(0)), r#"{"user":"carol"}"#);
    // the list comes from the hub again
    assert!(requests_matching("GET", "/api/shares/alice/").length() >= 2);
}

#[wasm_bindgen_test]
async fn sharing_with_a_group_posts_the_group() {
    stub_fetch(granting(granted(
        "data team",
        "group",
        "2026-11-27T22:00:00Z",
    )));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    share_with(&root, "group", "data team").await;
    wait_text(&root, "The hub now lists the group data team. Note that this JupyterHub does not let a group's members open a shared server").await;
    assert_eq!(body_of(&grant_posts().get(0)), r#"{"group":"data team"}"#);
}

#[wasm_bindgen_test]
async fn someone_who_had_access_already_is_told_so() {
    stub_fetch(routes(vec![
        bob_and_carol(),
        // the hub answers with bob's share as it was
        route(
            "POST",
            "/api/shares/alice/",
            200,
            share("bob", "2026-11-27T10:00:00Z", JsValue::NULL),
        ),
    ]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    share_with(&root, "user", "bob").await;
    wait_text(&root, "bob already had access to this server.").await;
}

async fn refused(kind: &str, name: &str, status: u16, message: &str) -> web_sys::Element {
    let body = js(&format!(
        r#"{{"status": {status}, "message": "{message}"}}"#
    ));
    stub_fetch(routes(vec![
        no_shares(),
        route("POST", "/api/shares/alice/", status, body),
    ]));
    let (root, h) = start("{}").await;
    std::mem::forget(h);
    wait_state(&root, "ready").await;
    share_with(&root, kind, name).await;
    wait_for(&root, ".jp-UserSharing-statusLine [role=alert]").await;
    root
}

#[wasm_bindgen_test]
async fn an_unknown_user_has_its_own_sentence() {
    let root = refused("user", "zed", 400, "No such user: zed").await;
    assert!(text(&root).contains(
        "There is no user zed on this hub. Check the spelling: user names are usually lowercase."
    ));
}

#[wasm_bindgen_test]
async fn an_unknown_group_has_its_own_sentence() {
    let root = refused("group", "nogroup", 400, "No such group: nogroup").await;
    assert!(text(&root).contains("There is no group nogroup on this hub."));
}

#[wasm_bindgen_test]
async fn a_hub_that_does_not_allow_sharing_by_name_says_so() {
    let root = refused(
        "user",
        "bob",
        403,
        "Need scope 'read:users:name' to share with users by name",
    )
    .await;
    assert!(text(&root).contains("This hub does not let you share with users by name."));
    let root = refused(
        "group",
        "staff",
        403,
        "Need scope 'read:groups:name' to share with groups by name",
    )
    .await;
    assert!(text(&root).contains("This hub does not let you share with groups by name."));
}

#[wasm_bindgen_test]
async fn no_name_or_ones_own_name_sends_nothing() {
    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start("{}").await;
    wait_state(&root, "ready").await;
    share_with(&root, "user", "   ").await;
    wait_text(
        &root,
        "Type the name of a user or group of this hub, then press Share.",
    )
    .await;
    share_with(&root, "user", "alice").await;
    wait_text(&root, "This is your own server: you have access already.").await;
    assert_eq!(grant_posts().length(), 0);
}

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

/// The hub's answer about the owner's token: it may share this server and
/// look up user and group names (`configure(c, share_by_name=True)`).
fn names_allowed() -> JsValue {
    route(
        "GET",
        "/hub/api/user",
        200,
        js(
            r#"{"name": "alice", "kind": "user", "scopes": ["shares!user=alice",
            "access:servers!server=alice/", "read:users:name", "read:groups:name"]}"#,
        ),
    )
}

/// The dialog of alice, whose token may look names up (its own token: the
/// capability check is remembered per token for the page).
async fn start_by_name() -> (web_sys::Element, user_sharing_ui::MountHandle) {
    start(r#"{"token": "t-share-by-name"}"#).await
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
        names_allowed(),
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
    let (root, _h) = start_by_name().await;
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
    // done: the name field is empty for the next name
    let field = wait_for(&root, "#jp-UserSharing-grantee").await;
    assert_eq!(prop(&field, "value"), "");
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
    let (root, _h) = start_by_name().await;
    wait_state(&root, "ready").await;
    share_with(&root, "group", "data team").await;
    wait_text(&root, "The hub now lists the group data team. Note that this JupyterHub does not let a group's members open a shared server").await;
    assert_eq!(body_of(&grant_posts().get(0)), r#"{"group":"data team"}"#);
}

#[wasm_bindgen_test]
async fn someone_who_had_access_already_is_told_so() {
    stub_fetch(routes(vec![
        names_allowed(),
        bob_and_carol(),
        // the hub answers with bob's share as it was
        route(
            "POST",
            "/api/shares/alice/",
            200,
            share("bob", "2026-11-27T10:00:00Z", JsValue::NULL),
        ),
    ]));
    let (root, _h) = start_by_name().await;
    wait_state(&root, "ready").await;
    share_with(&root, "user", "bob").await;
    wait_text(&root, "bob already had access to this server.").await;
}

async fn refused(kind: &str, name: &str, status: u16, message: &str) -> web_sys::Element {
    let body = js(&format!(
        r#"{{"status": {status}, "message": "{message}"}}"#
    ));
    stub_fetch(routes(vec![
        names_allowed(),
        no_shares(),
        route("POST", "/api/shares/alice/", status, body),
    ]));
    let (root, h) = start_by_name().await;
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
    stub_fetch(routes(vec![names_allowed(), no_shares()]));
    let (root, _h) = start_by_name().await;
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

#[wasm_bindgen_test]
async fn a_refused_share_keeps_the_name_typed() {
    let root = refused("user", "zed", 400, "No such user: zed").await;
    let field = wait_for(&root, "#jp-UserSharing-grantee").await;
    assert_eq!(prop(&field, "value"), "zed");
}

#[wasm_bindgen_test]
async fn a_hub_that_cannot_look_up_names_gets_no_share_form() {
    // the default hub of the harness: the sharing scopes, no name lookup
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(r#"{"token": "t-no-name-lookup"}"#).await;
    wait_state(&root, "ready").await;
    // shown until the hub has said what the token may do
    for _ in 0..300 {
        yield_now().await;
        if root
            .query_selector("#jp-UserSharing-grantee")
            .unwrap()
            .is_none()
        {
            break;
        }
    }
    assert!(root
        .query_selector(".jp-UserSharing-shareForm")
        .unwrap()
        .is_none());
    assert!(!text(&root).contains("Share with a user or group"));
    assert_eq!(rows(&root), ["carol", "bob"]);
    assert!(text(&root).contains("Generate invite link"));
    // the answer is remembered for the page: a reopened dialog asks no more
    let asked = requests_matching("GET", "/hub/api/user").length();
    assert_eq!(asked, 1);
    let (again, _h2) = start(r#"{"token": "t-no-name-lookup"}"#).await;
    wait_state(&again, "ready").await;
    yield_now().await;
    assert!(again
        .query_selector(".jp-UserSharing-shareForm")
        .unwrap()
        .is_none());
    assert_eq!(requests_matching("GET", "/hub/api/user").length(), asked);
}

async fn yield_now() {
    yew::scheduler::flush().await;
    gloo_timers::future::sleep(std::time::Duration::from_millis(10)).await;
}

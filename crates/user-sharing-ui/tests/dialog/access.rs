//! Access levels, on a server whose extension enforces them: "Invitees can"
//! and "Access ends" go into the link, the table shows each person's access,
//! and a revocation asks the server to end it at once.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::support::*;

fn pick(root: &Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// A dialog on a server whose extension enforces access levels (the page
/// config says so); each test its own origin, so no test sees the links
/// another created (the page remembers them).
fn config(origin: &str, levels: bool) -> String {
    format!(
        r#"{{"origin": "http://{origin}", "baseUrl": "/user/alice/", "token": "t-{origin}", "accessLevels": {levels}}}"#
    )
}

#[wasm_bindgen_test]
async fn a_view_only_link_that_ends_carries_its_scopes() {
    let list = generate_routes("sc_8", Some("http://x/view")).to_vec();
    stub_fetch(routes(list));
    let (root, _h) = start(&config("view.test", true)).await;
    wait_state(&root, "ready").await;
    wait_for(&root, "select#jp-UserSharing-level").await;
    assert!(text(&root).contains("Invitees can"));
    assert!(text(&root).contains("this server ends their access at once"));
    pick(&root, "select#jp-UserSharing-level", "view");
    pick(&root, "select#jp-UserSharing-ends", "4");
    yew::scheduler::flush().await;
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    let posts = requests_matching("POST", "/api/share-codes/");
    assert_eq!(posts.length(), 1);
    assert_eq!(
        body_of(&posts.get(0)),
        r#"{"expires_in":3600,"scopes":["access:servers","custom:user-sharing:view","custom:user-sharing:ends-after-hours:4"]}"#
    );
}

#[wasm_bindgen_test]
async fn the_default_link_can_edit_and_run_until_the_server_stops() {
    let list = generate_routes("sc_9", Some("http://x/edit")).to_vec();
    stub_fetch(routes(list));
    let (root, _h) = start(&config("edit.test", true)).await;
    wait_for(&root, "select#jp-UserSharing-level").await;
    let labels = text(&root);
    assert!(labels.contains("Edit and run code") && labels.contains("When the server stops"));
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    let posts = requests_matching("POST", "/api/share-codes/");
    assert_eq!(
        body_of(&posts.get(0)),
        r#"{"expires_in":3600,"scopes":["access:servers","custom:user-sharing:edit"]}"#
    );
}

#[wasm_bindgen_test]
async fn the_table_shows_what_each_person_can_do_and_revoking_evicts() {
    let viewer = share("bob", "2026-11-27T10:00:00Z", JsValue::UNDEFINED);
    js_sys::Reflect::set(
        &viewer,
        &"scopes".into(),
        &js(r#"["access:servers!server=alice/", "custom:user-sharing:view!server=alice/"]"#),
    )
    .unwrap();
    stub_fetch(routes(vec![
        route(
            "GET",
            "/api/shares/alice/",
            200,
            page(one(viewer), JsValue::NULL),
        ),
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
        route(
            "POST",
            "/user/alice/user-sharing/api/evict",
            200,
            js(r#"{"evicted": ["bob"]}"#),
        ),
    ]));
    let (root, _h) = start(&config("table.test", true)).await;
    wait_state(&root, "ready").await;
    wait_text(&root, "Can view").await;
    assert!(text(&root).contains("When the server stops"));
    set_routes(routes(after_bobs_revoke(200)));
    click(&root, "button.jp-UserSharing-revoke");
    wait_text(&root, "bob").await;
    for _ in 0..50 {
        if requests_matching("POST", "/user-sharing/api/evict").length() > 0 {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    assert_eq!(
        requests_matching("POST", "/user/alice/user-sharing/api/evict").length(),
        1
    );
    wait_text(&root, "Access of bob was revoked and ended at once").await;
}

/// The hub after bob's revoke, and the server's answer to the eviction.
fn after_bobs_revoke(evict_status: u16) -> Vec<JsValue> {
    let mut after = bob_revoked();
    after.push(route(
        "POST",
        "/user/alice/user-sharing/api/evict",
        evict_status,
        js(r#"{"evicted": ["bob"]}"#),
    ));
    after
}

/// When the server could not be asked to end the access (here: it answers
/// 500), the revocation stands and the message does not claim "at once".
#[wasm_bindgen_test]
async fn a_failed_eviction_does_not_claim_access_ended_at_once() {
    stub_fetch(routes(vec![bob_and_carol()]));
    let (root, _h) = start(&config("evict-failed.test", true)).await;
    wait_state(&root, "ready").await;
    wait_text(&root, "carol").await;
    set_routes(routes(after_bobs_revoke(500)));
    click(&root, "button[aria-label='Revoke access of bob']");
    wait_text(
        &root,
        "Access of bob was revoked. Pages they already have open",
    )
    .await;
    assert!(!text(&root).contains("ended at once"));
    assert_eq!(
        requests_matching("POST", "/user-sharing/api/evict").length(),
        1
    );
}

#[wasm_bindgen_test]
async fn a_server_without_the_extension_gets_links_as_before() {
    stub_fetch(routes(
        generate_routes("sc_10", Some("http://x/plain")).to_vec(),
    ));
    let (root, _h) = start(&config("plain.test", false)).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    assert!(root
        .query_selector("select#jp-UserSharing-level")
        .unwrap()
        .is_none());
    assert!(!text(&root).contains("at once"));
    let posts = requests_matching("POST", "/api/share-codes/");
    assert_eq!(body_of(&posts.get(0)), r#"{"expires_in":3600}"#);
}

/// The warnings say what is true on each kind of server: with access levels,
/// what each level can do and that access ends at once; without, that
/// everyone can change everything and a revocation lags.
#[wasm_bindgen_test]
async fn the_warnings_say_what_the_server_enforces() {
    for (origin, levels) in [("warn-levels.test", true), ("warn-none.test", false)] {
        stub_fetch(routes(generate_routes("sc_1", None).to_vec()));
        let (root, _h) = start(&config(origin, levels)).await;
        wait_state(&root, "ready").await;
        let warnings = root
            .query_selector(".jp-UserSharing-warnings")
            .unwrap()
            .expect("the warnings")
            .text_content()
            .unwrap_or_default();
        let enforced = [
            "people invited View only can open, read and download every file",
            "this server ends their access at once",
        ];
        let not_enforced = [
            "Everyone you share with can open, change and delete every file",
            "A revoked user may keep access for a few minutes",
        ];
        let (shown, hidden) = if levels {
            (enforced, not_enforced)
        } else {
            (not_enforced, enforced)
        };
        for sentence in shown {
            assert!(
                warnings.contains(sentence),
                "{origin}: missing {sentence:?} in {warnings:?}"
            );
        }
        for sentence in hidden {
            assert!(
                !warnings.contains(sentence),
                "{origin}: {sentence:?} is not true here"
            );
        }
    }
}

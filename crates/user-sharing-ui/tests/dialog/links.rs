//! Invite links: generating with a lifetime, copying, counting, the notification centre.

use user_sharing_ui::MountHandle;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::support::*;

#[wasm_bindgen_test]
async fn generate_invite_link_shows_copies_and_counts_the_link() {
    stub_fetch(routes(vec![
        route(
            "POST",
            "/api/share-codes/alice/",
            200,
            code_created(
                "sc_1",
                Some("http://127.0.0.1:9/hub/accept-share?code=c0de"),
            ),
        ),
        no_shares(),
    ]));
    let (root, _h) = start(r#"{"token": "t-generate"}"#).await;
    wait_state(&root, "ready").await;
    assert!(text(&root).contains("There are no active invite links."));
    // The hub now lists the new code.
    set_routes(routes(vec![
        route(
            "POST",
            "/api/share-codes/alice/",
            200,
            code_created(
                "sc_1",
                Some("http://127.0.0.1:9/hub/accept-share?code=c0de"),
            ),
        ),
        no_shares(),
        listing_one_code(code_listed("sc_1", 2)),
    ]));
    // A double click creates one link: the button is marked busy
    // (aria-disabled, so it keeps the focus) and ignores the second click.
    click(&root, "button.jp-UserSharing-generate");
    yew::scheduler::flush().await;
    assert!(button_busy(&root, "button.jp-UserSharing-generate"));
    click(&root, "button.jp-UserSharing-generate");
    let input = wait_for(&root, "input.jp-UserSharing-linkInput").await;
    let input: web_sys::HtmlInputElement = input.dyn_into().unwrap();
    assert_eq!(
        input.value(),
        "http://127.0.0.1:9/hub/accept-share?code=c0de"
    );
    let label = root
        .query_selector("label[for^='jp-UserSharing-link-']")
        .unwrap()
        .unwrap();
    assert_eq!(label.get_attribute("for"), Some(input.id()));
    wait_state(&root, "ready").await;
    wait_text(&root, "1 active invite link.").await;
    assert!(text(&root).contains("Accepted 2 times in all."));
    assert!(text(&root).contains("Anyone on this hub who has this link can use it"));
    let posts = requests_matching("POST", "/api/share-codes/alice/");
    assert_eq!(posts.length(), 1, "exactly one code created");
    assert_eq!(body_of(&posts.get(0)), r#"{"expires_in":3600}"#);
    let headers = js_sys::Reflect::get(&posts.get(0), &"headers".into()).unwrap();
    let ct = js_sys::Reflect::get(&headers, &"content-type".into()).unwrap();
    assert_eq!(ct.as_string().as_deref(), Some("application/json"));

    click(&root, "button.jp-UserSharing-copy");
    wait_text(&root, "Link copied to the clipboard.").await;
    assert_eq!(
        copied().as_string().as_deref(),
        Some("http://127.0.0.1:9/hub/accept-share?code=c0de")
    );
}

#[wasm_bindgen_test]
async fn without_a_public_url_the_link_is_made_absolute_on_the_hub_origin() {
    stub_fetch(routes(generate_routes("sc_2", None).to_vec()));
    let (root, _h) =
        start(r#"{"origin": "http://relative.test", "token": "t-relative", "hubHost": "https://hub.example.org"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    let input: web_sys::HtmlInputElement = wait_for(&root, "input.jp-UserSharing-linkInput")
        .await
        .dyn_into()
        .unwrap();
    assert_eq!(
        input.value(),
        "https://hub.example.org/hub/accept-share?code=c0de"
    );
}

#[wasm_bindgen_test]
async fn the_link_lifetime_setting_is_sent_and_an_invalid_one_is_refused_before_any_request() {
    stub_fetch(routes(generate_routes("sc_3", Some("http://x/a")).to_vec()));
    let (root, _h) = start(
        r#"{"origin": "http://lifetime.test", "token": "t-lifetime", "linkLifetimeSeconds": 900}"#,
    )
    .await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    let posts = requests_matching("POST", "/api/share-codes/");
    assert_eq!(body_of(&posts.get(0)), r#"{"expires_in":900}"#);

    stub_fetch(routes(vec![no_shares()]));
    let (root, _h) = start(r#"{"token": "t-lifetime-bad", "linkLifetimeSeconds": 30}"#).await;
    wait_state(&root, "ready").await;
    assert!(button_disabled(&root, "button.jp-UserSharing-generate"));
    assert!(text(&root).contains("(30 seconds) is outside what JupyterHub accepts"));
    click(&root, "button.jp-UserSharing-generate");
    yew::scheduler::flush().await;
    assert_eq!(requests_matching("POST", "/").length(), 0);
}

#[wasm_bindgen_test]
async fn a_refused_link_shows_the_hubs_message_and_the_button_works_again() {
    stub_fetch(routes(vec![
        route(
            "POST",
            "/api/share-codes/alice/",
            400,
            js(r#"{"status": 400, "message": "expires_in must be at most 31536000"}"#),
        ),
        no_shares(),
    ]));
    let (root, _h) = start(r#"{"origin": "http://refused.test", "token": "t-refused"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    wait_text(&root, "The invite link could not be created. JupyterHub refused the request: expires_in must be at most 31536000").await;
    wait_state(&root, "ready").await;
    assert!(!button_disabled(&root, "button.jp-UserSharing-generate"));
    assert!(!button_busy(&root, "button.jp-UserSharing-generate"));
    assert!(root
        .query_selector("input.jp-UserSharing-linkInput")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_lifetime_picked_in_the_dialog_is_sent() {
    stub_fetch(routes(generate_routes("sc_5", Some("http://x/b")).to_vec()));
    let (root, _h) = start(r#"{"origin": "http://pick.test", "token": "t-pick"}"#).await;
    wait_state(&root, "ready").await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select#jp-UserSharing-lifetime")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        select.value(),
        "3600",
        "the setting's default is preselected"
    );
    let labels: Vec<String> = (0..select.length())
        .map(|i| select.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["15 minutes", "1 hour", "4 hours", "1 day", "1 week"]
    );
    let label = root
        .query_selector("label[for='jp-UserSharing-lifetime']")
        .unwrap();
    assert!(label.is_some(), "the picker has a label");
    select.set_value("604800");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    let posts = requests_matching("POST", "/api/share-codes/");
    assert_eq!(body_of(&posts.get(0)), r#"{"expires_in":604800}"#);
}

#[wasm_bindgen_test]
async fn two_clicks_before_a_render_still_create_one_link() {
    stub_fetch(routes(generate_routes("sc_6", Some("http://x/c")).to_vec()));
    let (root, _h) = start(r#"{"origin": "http://double.test", "token": "t-double"}"#).await;
    wait_state(&root, "ready").await;
    // No flush in between: the button is still enabled for the second click.
    click(&root, "button.jp-UserSharing-generate");
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "input.jp-UserSharing-linkInput").await;
    wait_state(&root, "ready").await;
    assert_eq!(requests_matching("POST", "/api/share-codes/").length(), 1);
    assert_eq!(
        root.query_selector_all("input.jp-UserSharing-linkInput")
            .unwrap()
            .length(),
        1
    );
}

#[wasm_bindgen_test]
async fn outcomes_and_failures_reach_the_notification_centre() {
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
        route(
            "PATCH",
            "/api/shares/alice/",
            503,
            "<html>Service Unavailable</html>".into(),
        ),
    ]));
    let (root, _h) = start(r#"{"token": "t-notify"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-revoke");
    wait_text(
        &root,
        "The access of bob could not be revoked. JupyterHub had a problem (HTTP 503).",
    )
    .await;
    assert!(notified().contains(
        "error: The access of bob could not be revoked. JupyterHub had a problem (HTTP 503)."
    ));
    set_routes(routes(vec![
        no_shares(),
        route("PATCH", "/api/shares/alice/", 200, js("{}")),
    ]));
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-revoke");
    wait_text(&root, "Access of bob was revoked.").await;
    assert!(notified().contains("success: Access of bob was revoked."));
}

#[wasm_bindgen_test]
async fn links_are_live_by_the_hubs_clock_even_when_the_owners_runs_two_days_fast() {
    // The hub's clock (its Date header) is two days behind the browser's:
    // a link the hub lists, expiring in a day by its clock, expired a day
    // ago by the browser's.
    let hub_date = format!(r#"{{"date": "{}"}}"#, http_date_in_days(-2.0));
    let listed = js(&format!(
        r#"{{"id": "sc_7", "scopes": [], "created_at": "{}", "expires_at": "{}",
            "exchange_count": 1, "last_exchanged_at": null}}"#,
        iso_in_days(-2.1),
        iso_in_days(-1.0)
    ));
    stub_fetch(routes(vec![
        with_headers(no_shares(), &hub_date),
        codes_listed_at(listed, &hub_date),
    ]));
    let (root, _h) = start(r#"{"token": "t-hub-clock"}"#).await;
    wait_state(&root, "ready").await;
    assert!(
        text(&root).contains("1 active invite link."),
        "{}",
        text(&root)
    );
    assert!(!text(&root).contains("There are no active invite links."));
    assert!(!button_disabled(&root, "button.jp-UserSharing-revokeLinks"));
}

#[wasm_bindgen_test]
async fn a_new_link_reads_valid_by_the_hubs_clock() {
    // expires 20 hours after the hub's now: 28 hours ago by the browser's clock
    let hub_now = http_date_in_days(-2.0);
    let hub_date = format!(r#"{{"date": "{hub_now}"}}"#);
    let expires = JsValue::from(iso_hours_after(&hub_now, 20.0));
    let created = code_created(
        "sc_8",
        Some("http://127.0.0.1:9/hub/accept-share?code=c0de"),
    );
    js_sys::Reflect::set(&created, &"expires_at".into(), &expires).unwrap();
    let listed = code_listed("sc_8", 0);
    js_sys::Reflect::set(&listed, &"expires_at".into(), &expires).unwrap();
    stub_fetch(routes(vec![
        with_headers(
            route("POST", "/api/share-codes/alice/", 200, created.clone()),
            &hub_date,
        ),
        with_headers(no_shares(), &hub_date),
    ]));
    let (root, _h) =
        start(r#"{"token": "t-hub-clock-new", "origin": "http://hub-clock.test"}"#).await;
    wait_state(&root, "ready").await;
    // from now on the hub lists the new link too
    set_routes(routes(vec![
        with_headers(
            route("POST", "/api/share-codes/alice/", 200, created),
            &hub_date,
        ),
        with_headers(no_shares(), &hub_date),
        codes_listed_at(listed, &hub_date),
    ]));
    click(&root, "button.jp-UserSharing-generate");
    let expiry = wait_for(&root, ".jp-UserSharing-expiry").await;
    wait_state(&root, "ready").await;
    let expiry = expiry.text_content().unwrap_or_default();
    assert!(expiry.contains("(in 20 hours)"), "{expiry}");
    assert!(
        text(&root).contains("1 active invite link."),
        "{}",
        text(&root)
    );
}

async fn dialog_with_a_link(token: &str) -> (Element, MountHandle, String) {
    let url = "http://127.0.0.1:9/hub/accept-share?code=c0de";
    let [post, shares, codes] = generate_routes("sc_1", Some(url));
    set_routes(routes(vec![post, shares, codes]));
    let config = format!(r#"{{"token": "{token}", "origin": "http://{token}.test"}}"#);
    let (root, handle) = start(&config).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    wait_for(&root, "button.jp-UserSharing-copy").await;
    wait_state(&root, "ready").await;
    (root, handle, url.to_owned())
}

#[wasm_bindgen_test]
async fn copy_link_says_copied_once_the_clipboard_has_it() {
    stub_fetch(routes(vec![]));
    let (root, _h, url) = dialog_with_a_link("t-copy-ok").await;
    click(&root, "button.jp-UserSharing-copy");
    wait_text(&root, "Link copied to the clipboard.").await;
    assert_eq!(copied().as_string(), Some(url));
    assert_eq!(
        next_copy_event_text(),
        "",
        "no copy listener is left behind"
    );
}

#[wasm_bindgen_test]
async fn a_refused_clipboard_falls_back_and_a_failed_copy_says_so() {
    stub_fetch(routes(vec![]));
    let (root, _h, url) = dialog_with_a_link("t-copy-refused").await;
    clipboard_refusing();
    stub_exec_command(false);
    click(&root, "button.jp-UserSharing-copy");
    wait_text(&root, "The link could not be copied.").await;
    assert!(!text(&root).contains("Link copied"));
    let alert = root
        .query_selector(".jp-UserSharing-statusLine [role=alert]")
        .unwrap()
        .expect("the failure is an alert");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("could not be copied"));
    assert!(notified().contains("error: The link could not be copied."));
    // the fallback tried the link's own field, and left it selected
    assert_eq!(exec_selected().as_string(), Some(url.clone()));
    assert!(
        focused().contains("jp-UserSharing-linkInput"),
        "{}",
        focused()
    );
    // nothing waits to put the link on the owner's next Ctrl+C
    assert_eq!(next_copy_event_text(), "");
    assert_ne!(copied().as_string(), Some(url));
}

#[wasm_bindgen_test]
async fn without_an_async_clipboard_the_links_field_is_copied() {
    stub_fetch(routes(vec![]));
    let (root, _h, url) = dialog_with_a_link("t-copy-fallback").await;
    stub_clipboard(JsValue::NULL); // plain http: no navigator.clipboard
    stub_exec_command(true);
    click(&root, "button.jp-UserSharing-copy");
    wait_text(&root, "Link copied to the clipboard.").await;
    assert_eq!(exec_selected().as_string(), Some(url));
    assert_eq!(next_copy_event_text(), "");
}

#[wasm_bindgen_test]
async fn a_link_made_for_an_hour_reads_one_hour_on_a_hub_with_the_same_clock() {
    // The hub made it late in the second its Date header names.
    let hub_now = http_date_in_days(0.0);
    let hub_date = format!(r#"{{"date": "{hub_now}"}}"#);
    let expires = JsValue::from(iso_hours_after(&hub_now, 1.0 + 0.999 / 3600.0));
    let listed = code_listed("sc_9", 0);
    js_sys::Reflect::set(&listed, &"expires_at".into(), &expires).unwrap();
    let created = code_created(
        "sc_9",
        Some("http://127.0.0.1:9/hub/accept-share?code=c0de"),
    );
    js_sys::Reflect::set(&created, &"expires_at".into(), &expires).unwrap();
    stub_fetch(routes(vec![
        with_headers(
            route("POST", "/api/share-codes/alice/", 200, created),
            &hub_date,
        ),
        with_headers(no_shares(), &hub_date),
        codes_listed_at(listed, &hub_date),
    ]));
    let (root, _h) = start(r#"{"token": "t-hour", "origin": "http://same-clock.test"}"#).await;
    wait_state(&root, "ready").await;
    click(&root, "button.jp-UserSharing-generate");
    let expiry = wait_for(&root, ".jp-UserSharing-expiry").await;
    let expiry = expiry.text_content().unwrap_or_default();
    assert!(expiry.contains("(in 1 hour)"), "{expiry}");
}

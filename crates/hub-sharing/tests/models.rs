//! Parsing recorded hub answers (tests/fixtures/*.json) and the helpers over them.

mod json;

use hub_sharing::Decode;
use hub_sharing::{
    parse_timestamp_ms, sort_codes_newest_first, sort_newest_first, HubApi, HubErrorBody, HubInfo,
    HubUser, Named, Page, PageHead, Pagination, ServerInfo, Share, ShareCode,
};

fn fixture<T: Decode>(name: &str) -> T {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn named(n: &str) -> Option<Named> {
    Some(Named { name: n.into() })
}

// ---------- shares ----------

#[test]
fn share_list_with_user_and_group_shares() {
    let page: Page<Share> = fixture("shares_page.json");
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.next_offset(), None);
    assert_eq!(
        page.pagination,
        Some(Pagination {
            offset: 0,
            limit: 200,
            total: Some(3),
            next: None
        })
    );

    let bob = &page.items[0];
    assert_eq!(bob.user, named("bob"));
    assert_eq!(bob.group, None);
    assert_eq!(bob.kind.as_deref(), Some("user"));
    assert_eq!(bob.display_name(), "bob");
    assert!(!bob.is_group());
    assert_eq!(bob.scopes, vec!["access:servers!server=alice/".to_string()]);
    assert_eq!(bob.created_at, "2026-11-20T09:15:02.418263Z");
    assert_eq!(
        bob.server,
        Some(ServerInfo {
            name: String::new(),
            user: named("alice"),
            url: Some("/user/alice/".into()),
            full_url: None,
            ready: Some(true),
        })
    );

    let research = &page.items[1];
    assert_eq!(research.user, None);
    assert_eq!(research.group, named("research"));
    assert_eq!(research.display_name(), "research");
    assert!(research.is_group());

    let email = &page.items[2];
    assert_eq!(email.display_name(), "first.last@example.org");
    assert_eq!(
        email.created_ms(),
        parse_timestamp_ms("2026-11-27T21:44:29Z")
    );
}

#[test]
fn empty_share_page() {
    let page: Page<Share> = fixture("shares_page_empty.json");
    assert!(page.items.is_empty());
    assert_eq!(page.next_offset(), None);
    assert_eq!(page.pagination.as_ref().unwrap().total, Some(0));
    let inline: Page<Share> = json::from_str(
        r#"{"items": [], "_pagination": {"offset":0,"limit":200,"total":0,"next":null}}"#,
    )
    .unwrap();
    assert_eq!(inline, page);
}

#[test]
fn share_page_with_next() {
    let page: Page<Share> = fixture("shares_page_next.json");
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.next_offset(), Some(2));
    let p = page.pagination.as_ref().unwrap();
    let next = p.next.as_ref().unwrap();
    assert_eq!((next.offset, next.limit), (2, 2));
    assert!(next.url.as_deref().unwrap().contains("offset=2"));
    let server = page.items[0].server.as_ref().unwrap();
    assert_eq!(server.name, "my analysis");
    assert_eq!(server.user, named("first.last@example.org"));
    assert_eq!(server.ready, Some(false));
    assert_eq!(
        server.full_url.as_deref(),
        Some("https://hub.example.org/user/first.last@example.org/my%20analysis/")
    );
    // the next page is built from our own base, not the hub's internal URL
    let api = HubApi::new("", "/hub/", "https://hub.example.org").unwrap();
    let list = api.shares_url("first.last@example.org", "my analysis");
    assert_eq!(
        HubApi::page_url(&list, page.next_offset().unwrap(), next.limit),
        "https://hub.example.org/hub/api/shares/first.last%40example.org/my%20analysis?offset=2&limit=2"
    );
}

#[test]
fn the_page_head_reads_only_the_pagination_block() {
    let head: PageHead = fixture("shares_page_next.json");
    assert_eq!(head.pagination.unwrap().next_offset(), Some(2));
    let head: PageHead = json::from_str(r#"{"items": [1, 2]}"#).unwrap();
    assert_eq!(head.pagination, None);
    let head: PageHead = json::from_str(r#"{"items": [], "_pagination": null}"#).unwrap();
    assert_eq!(head.pagination, None);
    assert!(json::from_str::<PageHead>(r#"{"_pagination": 3}"#).is_err());
}

#[test]
fn share_kind_missing_falls_back_to_fields() {
    let s: Share = json::from_str(r#"{"group": {"name": "g"}, "created_at": "x"}"#).unwrap();
    assert!(s.is_group());
    assert_eq!(s.display_name(), "g");
    let s: Share = json::from_str(r#"{"user": {"name": "u"}}"#).unwrap();
    assert!(!s.is_group());
    assert_eq!(s.display_name(), "u");
    let s: Share = json::from_str("{}").unwrap();
    assert!(!s.is_group());
    assert_eq!(s.display_name(), "");
    assert_eq!(s, Share::default());
}

#[test]
fn share_parsing_is_lenient() {
    let s: Share = json::from_str(
        r#"{
            "server": {"name": null, "user": null, "url": null, "display_name": "x", "extra": [1]},
            "scopes": null,
            "user": {"name": "bob", "id": 3},
            "group": null,
            "kind": null,
            "created_at": null,
            "future_field": {"a": 1}
        }"#,
    )
    .unwrap();
    assert_eq!(s.server, Some(ServerInfo::default()));
    assert!(s.scopes.is_empty());
    assert_eq!(s.created_at, "");
    assert_eq!(s.display_name(), "bob");
    assert_eq!(s.created_ms(), None);
}

#[test]
fn share_with_wrong_types_is_rejected() {
    assert!(json::from_str::<Share>(r#"{"scopes": "shares"}"#).is_err());
    assert!(json::from_str::<Page<Share>>(r#"{"items": {}}"#).is_err());
    // a bare list (non-paginated answer) is not a page
    assert!(json::from_str::<Page<Share>>(r#"[{"user": {"name": "bob"}}]"#).is_err());
    assert!(json::from_str::<Page<Share>>("null").is_err());
    assert!(json::from_str::<HubInfo>(r#""5.5.4""#).is_err());
}

#[test]
fn a_wrong_type_is_named_in_the_error() {
    let err = |text: &str| json::from_str::<Page<ShareCode>>(text).unwrap_err();
    assert_eq!(err("null"), "expected an object");
    assert_eq!(err(r#"{"items": {}}"#), "items: expected a list");
    assert_eq!(err(r#"{"items": [3]}"#), "items: expected an object");
    assert_eq!(
        err(r#"{"items": [{"scopes": ["a", 1]}]}"#),
        "scopes: expected a string"
    );
    assert_eq!(
        err(r#"{"items": [{"server": {"ready": "yes"}}]}"#),
        "ready: expected true or false"
    );
    assert_eq!(
        err(r#"{"items": [], "_pagination": {"total": "10"}}"#),
        "total: expected a whole number"
    );
}

#[test]
fn counts_are_whole_numbers_within_their_type() {
    let count = |n: &str| {
        json::from_str::<ShareCode>(&format!(r#"{{"exchange_count": {n}}}"#))
            .map(|c| c.exchange_count)
    };
    assert_eq!(count("0"), Ok(0));
    assert_eq!(count("9007199254740991"), Ok(9_007_199_254_740_991));
    assert_eq!(count("null"), Ok(0));
    for bad in ["-1", "1.5", "9007199254740993", "\"3\""] {
        assert!(count(bad).is_err(), "{bad}");
    }
    let status = |n: &str| {
        json::from_str::<HubErrorBody>(&format!(r#"{{"status": {n}}}"#)).map(|b| b.status)
    };
    assert_eq!(status("403"), Ok(Some(403)));
    assert!(status("70000").is_err());
}

// ---------- share codes ----------

#[test]
fn share_code_create_response() {
    let sc: ShareCode = fixture("share_code_created.json");
    assert_eq!(sc.id, "sc_7");
    assert_eq!(sc.exchange_count, 0);
    assert_eq!(sc.last_exchanged_at, None);
    assert_eq!(
        sc.code.as_deref(),
        Some("9LqJ7dMxUQ2m0yq8nGxK1kHf3sT5vW4zA6bC8dE0fGh")
    );
    assert_eq!(
        sc.accept_url.as_deref(),
        Some("/hub/accept-share?code=9LqJ7dMxUQ2m0yq8nGxK1kHf3sT5vW4zA6bC8dE0fGh")
    );
    assert_eq!(sc.full_accept_url, None);
    assert_eq!(sc.server.as_ref().unwrap().user, named("alice"));
    let created = sc.created_ms().unwrap();
    let expires = sc.expires_ms().unwrap();
    assert_eq!(expires - created, 3_600_000);
    assert!(!sc.is_expired(created));
    assert!(!sc.is_expired(expires - 1));
    assert!(sc.is_expired(expires));

    // without full_accept_url the link is built from the hub origin
    let api = HubApi::new("", "/hub/", "http://127.0.0.1:8000").unwrap();
    assert_eq!(
        api.absolute_url(sc.accept_url.as_deref().unwrap()),
        "http://127.0.0.1:8000/hub/accept-share?code=9LqJ7dMxUQ2m0yq8nGxK1kHf3sT5vW4zA6bC8dE0fGh"
    );
}

#[test]
fn share_code_create_response_with_public_url() {
    let sc: ShareCode = fixture("share_code_created_public_url.json");
    assert_eq!(sc.id, "sc_1");
    assert_eq!(
        sc.full_accept_url.as_deref(),
        Some("https://hub.example.org/jupyter/hub/accept-share?code=Zk3pQ9wXr2Lm8Nb4Vc6Yt1Hs5Jd7Fg0Ka2Se4Rq6Uo")
    );
    let api = HubApi::new("https://hub.example.org", "/jupyter/hub/", "").unwrap();
    assert_eq!(
        api.absolute_url(sc.accept_url.as_deref().unwrap()),
        sc.full_accept_url.clone().unwrap()
    );
    assert_eq!(
        sc.expires_ms().unwrap() - sc.created_ms().unwrap(),
        86_400_000
    );
}

#[test]
fn share_code_list_hides_code_and_expired_rows() {
    let page: Page<ShareCode> = fixture("share_codes_page.json");
    // total counts two expired codes that items hides: nothing to follow
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.pagination.as_ref().unwrap().total, Some(5));
    assert_eq!(page.next_offset(), None);
    for sc in &page.items {
        assert_eq!(sc.code, None);
        assert_eq!(sc.accept_url, None);
        assert_eq!(sc.full_accept_url, None);
    }
    let used = &page.items[0];
    assert_eq!(used.id, "sc_4");
    assert_eq!(used.exchange_count, 3);
    assert_eq!(
        used.last_exchanged_at.as_deref(),
        Some("2026-11-27T21:30:05.250000Z")
    );
    assert_eq!(
        parse_timestamp_ms(used.last_exchanged_at.as_deref().unwrap()),
        parse_timestamp_ms("2026-11-27T21:30:05.25Z")
    );
}

#[test]
fn share_code_lenient_nulls() {
    let sc: ShareCode = json::from_str(
        r#"{"id": "sc_1", "exchange_count": null, "expires_at": null, "scopes": null}"#,
    )
    .unwrap();
    assert_eq!(sc.exchange_count, 0);
    assert_eq!(sc.expires_ms(), None);
    assert!(!sc.is_expired(i64::MAX));
    assert!(sc.scopes.is_empty());
}

// ---------- pagination ----------

#[test]
fn next_offset_rules() {
    let p: Page<Share> = json::from_str(r#"{"items": []}"#).unwrap();
    assert_eq!(p.pagination, None);
    assert_eq!(p.next_offset(), None);

    let p: Page<Share> = json::from_str(r#"{"items": null, "_pagination": null}"#).unwrap();
    assert!(p.items.is_empty());
    assert_eq!(p.next_offset(), None);

    let p: Page<Share> = json::from_str(
        r#"{"items": [], "_pagination": {"offset": 200, "limit": 200, "total": 0,
            "next": {"offset": 400, "limit": 200, "url": null}}}"#,
    )
    .unwrap();
    // total says nothing is left, but next is what counts
    assert_eq!(p.next_offset(), Some(400));

    // a next that does not move forward would loop forever: stop
    let p: Page<Share> = json::from_str(
        r#"{"items": [], "_pagination": {"offset": 200, "limit": 200,
            "next": {"offset": 200, "limit": 200}}}"#,
    )
    .unwrap();
    assert_eq!(p.next_offset(), None);

    // items without a pagination block
    let p: Page<ShareCode> = json::from_str(r#"{"items": [{"id": "sc_1"}]}"#).unwrap();
    assert_eq!(p.items[0].id, "sc_1");
}

// ---------- sorting ----------

fn share_at(name: &str, created_at: &str) -> Share {
    Share {
        user: named(name),
        kind: Some("user".into()),
        created_at: created_at.into(),
        ..Share::default()
    }
}

#[test]
fn sort_shares_newest_first() {
    let mut page: Page<Share> = fixture("shares_page.json");
    sort_newest_first(&mut page.items);
    let names: Vec<&str> = page.items.iter().map(Share::display_name).collect();
    assert_eq!(names, ["first.last@example.org", "research", "bob"]);
}

#[test]
fn sort_puts_unparseable_last_and_is_stable() {
    let mut v = vec![
        share_at("bad1", "not a date"),
        share_at("old", "2026-01-01T00:00:00Z"),
        share_at("same-a", "2026-06-01T00:00:00Z"),
        share_at("empty", ""),
        share_at("new", "2026-11-27T21:44:29.5Z"),
        share_at("same-b", "2026-06-01T00:00:00.000Z"),
        share_at("offset", "2026-11-27T22:44:29+02:00"),
    ];
    sort_newest_first(&mut v);
    let names: Vec<&str> = v.iter().map(Share::display_name).collect();
    // offset: 20:44:29Z, older than "new"
    assert_eq!(
        names,
        ["new", "offset", "same-a", "same-b", "old", "bad1", "empty"]
    );
}

#[test]
fn sort_codes_newest_first_orders_by_created_at() {
    let mut page: Page<ShareCode> = fixture("share_codes_page.json");
    sort_codes_newest_first(&mut page.items);
    let ids: Vec<&str> = page.items.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["sc_7", "sc_4"]);
}

// ---------- hub info / user ----------

#[test]
fn api_root_versions() {
    let v5: HubInfo = fixture("api_root_5.json");
    assert_eq!(v5.version, "5.5.4");
    assert!(v5.supports_sharing());
    let v6: HubInfo = fixture("api_root_6.json");
    assert_eq!(v6.version, "6.1.1");
    assert!(v6.supports_sharing());
    let v4: HubInfo = json::from_str(r#"{"version": "4.1.6"}"#).unwrap();
    assert!(!v4.supports_sharing());
    let none: HubInfo = json::from_str("{}").unwrap();
    assert!(!none.supports_sharing());
}

#[test]
fn owner_oauth_token_can_share_its_server_only() {
    let u: HubUser = fixture("user_owner_oauth.json");
    assert_eq!(u.name, "alice");
    assert!(u.scopes.contains(&"shares!server=alice/".to_string()));
    assert!(u.can_share("alice", ""));
    assert!(!u.can_share("alice", "other"));
    assert!(!u.can_share("bob", ""));
}

#[test]
fn owner_without_share_role() {
    let u: HubUser = fixture("user_owner_no_share_scope.json");
    assert_eq!(u.name, "alice");
    assert!(!u.can_share("alice", ""));
}

#[test]
fn invitee_cannot_share() {
    let u: HubUser = fixture("user_invitee_oauth.json");
    assert_eq!(u.name, "bob");
    assert!(!u.can_share("alice", ""));
    assert!(!u.can_share("bob", ""));
}

#[test]
fn api_token_with_self_shares_user() {
    let u: HubUser = fixture("user_self_api_token.json");
    assert!(u.can_share("alice", ""));
    assert!(u.can_share("alice", "any-named-server"));
    assert!(!u.can_share("bob", ""));
}

#[test]
fn user_without_scopes_field() {
    let u: HubUser = json::from_str(r#"{"name": "alice", "admin": true}"#).unwrap();
    assert!(u.scopes.is_empty());
    assert!(!u.can_share("alice", ""));
}

// ---------- error bodies ----------

#[test]
fn error_bodies_parse() {
    let cases = [
        (
            "error_403_credentials.json",
            403,
            "Missing or invalid credentials.",
        ),
        (
            "error_403_scope.json",
            403,
            "Action is not authorized with current scopes; requires any of [shares]",
        ),
        (
            "error_404_no_access.json",
            404,
            "No access to resources or resources not found",
        ),
        ("error_404_no_code.json", 404, "No matching code found"),
        ("error_400_no_such_user.json", 400, "No such user: zed"),
        ("error_500.json", 500, "Internal Server Error"),
        ("error_405.json", 405, "Method Not Allowed"),
    ];
    for (file, status, message) in cases {
        let body: HubErrorBody = fixture(file);
        assert_eq!(body.status, Some(status), "{file}");
        assert_eq!(body.message.as_deref(), Some(message), "{file}");
    }
    let body: HubErrorBody = fixture("error_400_expires.json");
    assert!(body
        .message
        .unwrap()
        .contains("greater than or equal to 60"));
}

#[test]
fn error_body_lenient() {
    let b: HubErrorBody = json::from_str("{}").unwrap();
    assert_eq!(b, HubErrorBody::default());
    let b: HubErrorBody =
        json::from_str(r#"{"status": 403, "message": null, "reason": "x"}"#).unwrap();
    assert_eq!(b.status, Some(403));
    assert_eq!(b.message, None);
}

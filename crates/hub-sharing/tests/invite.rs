//! Sharing by name, leaving a server, and links that open a file, against
//! answers recorded from JupyterHub (tests/fixtures/).

mod json;

use hub_sharing::Decode;
use hub_sharing::{
    classify, encode_path, had_access_already, lab_file_path, link_with_next, ApiError, GrantError,
    Grantee, GranteeKind, HubApi, HubErrorBody, LeaveError, NameError, Page, Share, ShareCode,
};

const JSON: Option<&str> = Some("application/json");

fn fixture<T: Decode>(name: &str) -> T {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn hub_error(status: u16, name: &str) -> ApiError {
    let body: HubErrorBody = fixture(name);
    classify(status, JSON, Some(&body))
}

fn user(name: &str) -> Grantee {
    Grantee::User(name.into())
}

// ---------- the names the owner types ----------

#[test]
fn a_typed_name_is_trimmed_and_kept_otherwise() {
    assert_eq!(
        Grantee::new(GranteeKind::User, "  bob \n", "alice"),
        Ok(user("bob"))
    );
    assert_eq!(
        Grantee::new(GranteeKind::User, "first last@x.org", "alice"),
        Ok(user("first last@x.org"))
    );
    assert_eq!(
        Grantee::new(GranteeKind::Group, " data science ", "alice"),
        Ok(Grantee::Group("data science".into()))
    );
}

#[test]
fn an_empty_name_is_refused_before_any_request() {
    for typed in ["", "   ", "\t\n"] {
        assert_eq!(
            Grantee::new(GranteeKind::User, typed, "alice"),
            Err(NameError::Empty)
        );
        assert_eq!(
            Grantee::new(GranteeKind::Group, typed, "alice"),
            Err(NameError::Empty)
        );
    }
}

#[test]
fn the_owner_cannot_share_with_themselves_but_with_a_group_of_that_name() {
    assert_eq!(
        Grantee::new(GranteeKind::User, " alice ", "alice"),
        Err(NameError::Yourself)
    );
    assert_eq!(
        Grantee::new(GranteeKind::Group, "alice", "alice"),
        Ok(Grantee::Group("alice".into()))
    );
}

#[test]
fn grant_and_revoke_bodies_name_the_user_or_the_group() {
    assert_eq!(user("bob").body(), r#"{"user":"bob"}"#);
    assert_eq!(
        Grantee::Group("r&d \"core\"".into()).body(),
        r#"{"group":"r&d \"core\""}"#
    );
    assert_eq!(user("日本").body(), r#"{"user":"日本"}"#);
}

#[test]
fn a_share_names_its_grantee() {
    let page: Page<Share> = fixture("shares_page.json");
    let grantees: Vec<_> = page.items.iter().map(Grantee::of).collect();
    assert_eq!(
        grantees,
        [
            Some(user("bob")),
            Some(Grantee::Group("research".into())),
            Some(user("first.last@example.org")),
        ]
    );
    assert_eq!(Grantee::of(&Share::default()), None);
    assert_eq!(grantees[1].as_ref().unwrap().kind(), GranteeKind::Group);
    assert_eq!(grantees[1].as_ref().unwrap().name(), "research");
}

// ---------- the hub's answer to a grant ----------

#[test]
fn the_grant_answer_is_a_share() {
    let answer: Share = fixture("share_granted_user.json");
    assert_eq!(Grantee::of(&answer), Some(user("carol")));
    assert!(!answer.is_group());
    let answer: Share = fixture("share_granted_group.json");
    assert_eq!(Grantee::of(&answer), Some(Grantee::Group("staff".into())));
    assert!(answer.is_group());
}

#[test]
fn a_grant_to_someone_in_the_last_list_is_already_having_access() {
    let answer: Share = fixture("share_granted_user.json");
    let mut held: Page<Share> = fixture("shares_page.json");
    assert!(!had_access_already(&held.items, &answer));
    held.items.push(answer.clone());
    assert!(had_access_already(&held.items, &answer));
}

#[test]
fn a_share_granted_again_after_a_revocation_is_new() {
    let answer: Share = fixture("share_granted_user.json");
    let mut before = answer.clone();
    before.created_at = "2026-11-20T09:15:02Z".into();
    assert!(!had_access_already(&[before], &answer));
}

#[test]
fn a_user_and_a_group_of_the_same_name_are_different_grantees() {
    let answer: Share = fixture("share_granted_user.json");
    let mut group = answer.clone();
    group.group = group.user.take();
    group.kind = Some("group".into());
    assert!(!had_access_already(&[group], &answer));
}

// ---------- why a grant was refused ----------

#[test]
fn unknown_user_and_unknown_group_have_their_own_class() {
    let e = hub_error(400, "error_400_no_such_user.json");
    assert_eq!(GrantError::from(e), GrantError::NoSuchUser);
    let e = hub_error(400, "error_400_no_such_group.json");
    assert_eq!(GrantError::from(e), GrantError::NoSuchGroup);
}

#[test]
fn missing_name_scopes_have_their_own_class() {
    let e = hub_error(403, "error_403_read_users_name.json");
    assert_eq!(GrantError::from(e), GrantError::CannotLookUpUsers);
    let e = hub_error(403, "error_403_read_groups_name.json");
    assert_eq!(GrantError::from(e), GrantError::CannotLookUpGroups);
}

#[test]
fn other_grant_failures_keep_their_usual_class() {
    for (status, name) in [
        (403, "error_403_scope.json"),
        (403, "error_403_credentials.json"),
        (404, "error_404_no_access.json"),
        (400, "error_400_expires.json"),
        (500, "error_500.json"),
    ] {
        let e = hub_error(status, name);
        assert_eq!(GrantError::from(e.clone()), GrantError::Other(e), "{name}");
    }
    assert_eq!(
        GrantError::from(ApiError::Network),
        GrantError::Other(ApiError::Network)
    );
}

// ---------- leaving ----------

#[test]
fn leaving_without_a_share_of_ones_own_has_its_own_class() {
    let e = hub_error(404, "error_404_no_share_for_user.json");
    assert_eq!(LeaveError::from(e), LeaveError::NoShareOfYours);
}

#[test]
fn leaving_without_the_scope_has_its_own_class() {
    let e = hub_error(403, "error_403_users_shares.json");
    assert_eq!(LeaveError::from(e), LeaveError::NotAllowed);
}

#[test]
fn other_leave_failures_keep_their_usual_class() {
    let e = hub_error(403, "error_403_credentials.json");
    assert_eq!(LeaveError::from(e.clone()), LeaveError::Other(e));
    assert_eq!(
        LeaveError::from(ApiError::Timeout),
        LeaveError::Other(ApiError::Timeout)
    );
}

// ---------- links that open a file ----------

#[test]
fn file_paths_are_encoded_part_by_part() {
    assert_eq!(encode_path("analysis.ipynb"), "analysis.ipynb");
    assert_eq!(
        encode_path("my data/run #1?.ipynb"),
        "my%20data/run%20%231%3F.ipynb"
    );
    assert_eq!(
        encode_path("données/実験.ipynb"),
        "donn%C3%A9es/%E5%AE%9F%E9%A8%93.ipynb"
    );
    assert_eq!(encode_path("a+b%c&d.py"), "a%2Bb%25c%26d.py");
}

#[test]
fn the_file_path_sits_under_the_servers_own_url() {
    assert_eq!(
        lab_file_path("/user/alice/", "nb/a b.ipynb").unwrap(),
        "/user/alice/lab/tree/nb/a%20b.ipynb"
    );
    // base_url and the hub's escaping of the server name come with server.url
    assert_eq!(
        lab_file_path(
            "/jupyter/user/first.last@example.org/my%20server",
            "x.ipynb"
        )
        .unwrap(),
        "/jupyter/user/first.last@example.org/my%20server/lab/tree/x.ipynb"
    );
    assert_eq!(lab_file_path("/user/alice/", ""), None);
    assert_eq!(lab_file_path("/user/alice/", "/"), None);
}

#[test]
fn next_is_one_query_value_after_the_code() {
    let code: ShareCode = fixture("share_code_created.json");
    let api = HubApi::new("", "/hub/", "http://127.0.0.1:8000").unwrap();
    let server_url = code.server.as_ref().unwrap().url.as_deref().unwrap();
    let next = lab_file_path(server_url, "runs/#1 ü?.ipynb").unwrap();
    assert_eq!(next, "/user/alice/lab/tree/runs/%231%20%C3%BC%3F.ipynb");
    let link = link_with_next(&code.link(&api).unwrap(), &next);
    assert_eq!(
        link,
        "http://127.0.0.1:8000/hub/accept-share?code=9LqJ7dMxUQ2m0yq8nGxK1kHf3sT5vW4zA6bC8dE0fGh\
         &next=%2Fuser%2Falice%2Flab%2Ftree%2Fruns%2F%25231%2520%25C3%25BC%253F.ipynb"
    );
}

#[test]
fn a_link_without_a_query_gets_one() {
    assert_eq!(link_with_next("/hub/x", "/a"), "/hub/x?next=%2Fa");
}

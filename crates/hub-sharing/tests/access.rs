//! Access levels: the scopes of a link, and what a share's scopes mean.

mod json;

use hub_sharing::{
    create_share_code_body_with, server_api_url, Ends, Level, LinkAccess, ServerAccess, Share,
    ENDS_AFTER_HOURS,
};

fn scopes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn share(list: &[&str], created_at: &str) -> Share {
    Share {
        scopes: scopes(list),
        created_at: created_at.into(),
        ..Share::default()
    }
}

#[test]
fn a_default_link_is_edit_until_the_server_stops() {
    let access = LinkAccess::default();
    assert_eq!(
        (access.level, access.ends),
        (Level::Edit, Ends::WhenServerStops)
    );
    assert_eq!(
        access.scopes(),
        scopes(&["access:servers", "custom:user-sharing:edit"])
    );
}

#[test]
fn a_view_only_link_that_ends_carries_both_scopes() {
    let access = LinkAccess {
        level: Level::View,
        ends: Ends::AfterHours(4),
    };
    assert_eq!(
        access.scopes(),
        scopes(&[
            "access:servers",
            "custom:user-sharing:view",
            "custom:user-sharing:ends-after-hours:4"
        ])
    );
}

#[test]
fn the_body_lists_the_scopes_or_stays_as_before() {
    assert_eq!(
        create_share_code_body_with(
            3600,
            &scopes(&["access:servers", "custom:user-sharing:view"])
        ),
        r#"{"expires_in":3600,"scopes":["access:servers","custom:user-sharing:view"]}"#
    );
    assert_eq!(create_share_code_body_with(60, &[]), r#"{"expires_in":60}"#);
}

#[test]
fn a_share_without_a_level_scope_can_edit() {
    assert_eq!(
        share(&["access:servers!server=alice/"], "").level(),
        Level::Edit
    );
}

#[test]
fn a_view_share_can_view_and_edit_wins_over_view() {
    let view = "custom:user-sharing:view!server=alice/";
    let edit = "custom:user-sharing:edit!server=alice/";
    assert_eq!(share(&[view], "").level(), Level::View);
    assert_eq!(share(&[view, edit], "").level(), Level::Edit);
}

#[test]
fn access_ends_its_hours_after_the_share_was_made() {
    let s = share(
        &["custom:user-sharing:ends-after-hours:2!server=alice/"],
        "2026-01-01T10:00:00Z",
    );
    let made = share(&[], "2026-01-01T10:00:00Z").created_ms().unwrap();
    assert_eq!(s.ends_ms(), Some(made + 2 * 3_600_000));
    assert_eq!(share(&[], "2026-01-01T10:00:00Z").ends_ms(), None);
}

#[test]
fn the_shortest_end_wins_and_nonsense_is_ignored() {
    let s = share(
        &[
            "custom:user-sharing:ends-after-hours:24!server=a/",
            "custom:user-sharing:ends-after-hours:x!server=a/",
            "custom:user-sharing:ends-after-hours:8!server=a/",
        ],
        "2026-01-01T00:00:00Z",
    );
    let made = s.created_ms().unwrap();
    assert_eq!(s.ends_ms(), Some(made + 8 * 3_600_000));
}

#[test]
fn the_scopes_match_the_hubs_custom_scopes() {
    // jupyterlab_user_sharing/hub_access.py: ENDS_AFTER_HOURS
    let python = include_str!("../../../jupyterlab_user_sharing/hub_access.py");
    let line = python
        .lines()
        .find(|l| l.starts_with("ENDS_AFTER_HOURS = "))
        .unwrap();
    let listed: Vec<u32> = line
        .trim_start_matches("ENDS_AFTER_HOURS = (")
        .trim_end_matches(')')
        .split(',')
        .map(|n| n.trim().parse().unwrap())
        .collect();
    assert_eq!(listed, ENDS_AFTER_HOURS);
    for line in [
        r#"SCOPE_PREFIX = "custom:user-sharing:""#,
        r#"VIEW_SCOPE = SCOPE_PREFIX + "view""#,
        r#"EDIT_SCOPE = SCOPE_PREFIX + "edit""#,
        r#"ENDS_SCOPE_PREFIX = SCOPE_PREFIX + "ends-after-hours:""#,
    ] {
        assert!(
            python.lines().any(|l| l == line),
            "{line} not in hub_access.py"
        );
    }
}

#[test]
fn the_servers_answer_is_read() {
    let answer: ServerAccess = json::from_str(
        r#"{"enforced": true, "owner": false, "level": "view", "documentsFiltered": true,
            "checkInterval": 15.0, "endsAfterHours": [1, 2]}"#,
    )
    .unwrap();
    assert!(answer.enforced && !answer.owner);
    assert_eq!(
        (answer.level.as_str(), answer.ends_after_hours),
        ("view", vec![1, 2])
    );
}

#[test]
fn the_servers_api_is_under_its_base_url() {
    assert_eq!(
        server_api_url("http://h", "/user/alice/", "evict"),
        "http://h/user/alice/user-sharing/api/evict"
    );
    assert_eq!(
        server_api_url("", "/user/alice", "access"),
        "/user/alice/user-sharing/api/access"
    );
}

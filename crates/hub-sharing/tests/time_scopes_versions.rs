//! Timestamps, relative times, versions and scope checks.

use hub_sharing::{
    ago, has_scope_for_server, has_share_scope, has_sharing_security_fixes, parse_timestamp_ms,
    parse_version, remaining, supports_sharing, Ago, Remaining,
};

const SEC: i64 = 1_000;
const MIN: i64 = 60 * SEC;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

/// 2026-11-27T21:44:29Z (checked with `date -u -d 2026-11-27T21:44:29Z +%s`).
const T0: i64 = 1_795_815_869_000;

// ---------- parse_timestamp_ms ----------

#[test]
fn parses_hub_format_without_fraction() {
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44:29Z"), Some(T0));
}

#[test]
fn parses_fractional_seconds() {
    assert_eq!(
        parse_timestamp_ms("2026-11-27T21:44:29.123456Z"),
        Some(T0 + 123)
    );
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44:29.1Z"), Some(T0 + 100));
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44:29.05Z"), Some(T0 + 50));
    assert_eq!(
        parse_timestamp_ms("2026-11-27T21:44:29.999999Z"),
        Some(T0 + 999)
    );
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44:29.000Z"), Some(T0));
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44:29,5Z"), Some(T0 + 500));
}

#[test]
fn parses_offsets() {
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44:29+00:00"), Some(T0));
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44:29-00:00"), Some(T0));
    assert_eq!(parse_timestamp_ms("2026-11-27T23:44:29+02:00"), Some(T0));
    assert_eq!(parse_timestamp_ms("2026-11-27T16:14:29-05:30"), Some(T0));
    assert_eq!(parse_timestamp_ms("2026-11-27T23:44:29+0200"), Some(T0));
    assert_eq!(parse_timestamp_ms("2026-11-27T23:44:29+02"), Some(T0));
    assert_eq!(
        parse_timestamp_ms("2026-11-28T06:44:29.250+09:00"),
        Some(T0 + 250)
    );
}

#[test]
fn missing_zone_is_utc() {
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44:29"), Some(T0));
    assert_eq!(
        parse_timestamp_ms("2026-11-27T21:44:29.123456"),
        Some(T0 + 123)
    );
}

#[test]
fn tolerated_variants() {
    assert_eq!(parse_timestamp_ms("2026-11-27 21:44:29Z"), Some(T0));
    assert_eq!(parse_timestamp_ms("2026-11-27t21:44:29z"), Some(T0));
    assert_eq!(parse_timestamp_ms("  2026-11-27T21:44:29Z\n"), Some(T0));
    assert_eq!(parse_timestamp_ms("2026-11-27T21:44Z"), Some(T0 - 29 * SEC));
}

#[test]
fn epoch_and_calendar_edges() {
    assert_eq!(parse_timestamp_ms("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(parse_timestamp_ms("1969-12-31T23:59:59Z"), Some(-1000));
    assert_eq!(
        parse_timestamp_ms("2000-01-01T00:00:00Z"),
        Some(946_684_800_000)
    );
    assert_eq!(
        parse_timestamp_ms("2024-02-29T12:00:00Z"),
        Some(1_709_208_000_000)
    );
    assert_eq!(
        parse_timestamp_ms("2000-02-29T00:00:00Z").unwrap() + DAY,
        parse_timestamp_ms("2000-03-01T00:00:00Z").unwrap()
    );
    assert_eq!(
        parse_timestamp_ms("2026-12-31T23:59:59.999Z").unwrap() + 1,
        parse_timestamp_ms("2027-01-01T00:00:00Z").unwrap()
    );
    // 2038 and beyond fit
    assert_eq!(
        parse_timestamp_ms("2038-01-19T03:14:08Z"),
        Some(2_147_483_648_000)
    );
}

#[test]
fn rejects_garbage_and_out_of_range() {
    for s in [
        "",
        "not a date",
        "2026-11-27",
        "2026-11-27T",
        "2026-11-27T21",
        "2026/11/27T21:44:29Z",
        "26-11-27T21:44:29Z",
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-11-00T00:00:00Z",
        "2026-11-27T24:00:00Z",
        "2026-11-27T21:60:00Z",
        "2026-11-27T21:44:61Z",
        "2026-11-27T21:44:29.Z",
        "2026-11-27T21:44:29ZZ",
        "2026-11-27T21:44:29+25:00",
        "2026-11-27T21:44:29+02:60",
        "2026-11-27T21:44:29+2",
        "2026-11-27T21:44:29 UTC",
        "2026-11-27T21:44:29Zjunk",
        "２０２６-11-27T21:44:29Z",
    ] {
        assert_eq!(parse_timestamp_ms(s), None, "{s:?}");
    }
}

// ---------- ago ----------

#[test]
fn ago_boundaries() {
    let now = T0;
    assert_eq!(ago(now, now), Ago::JustNow);
    assert_eq!(ago(now - 59_999, now), Ago::JustNow);
    assert_eq!(ago(now - MIN, now), Ago::Minutes(1));
    assert_eq!(ago(now - 2 * MIN + 1, now), Ago::Minutes(1));
    assert_eq!(ago(now - 59 * MIN - 59_999, now), Ago::Minutes(59));
    assert_eq!(ago(now - HOUR, now), Ago::Hours(1));
    assert_eq!(ago(now - 2 * HOUR + 1, now), Ago::Hours(1));
    assert_eq!(ago(now - DAY + 1, now), Ago::Hours(23));
    assert_eq!(ago(now - DAY, now), Ago::Days(1));
    assert_eq!(ago(now - 7 * DAY - 5 * HOUR, now), Ago::Days(7));
    assert_eq!(ago(now - 400 * DAY, now), Ago::Days(400));
}

#[test]
fn ago_in_the_future() {
    let now = T0;
    assert_eq!(ago(now + 1, now), Ago::JustNow);
    assert_eq!(ago(now + 59_999, now), Ago::JustNow);
    assert_eq!(ago(now + MIN, now), Ago::InFuture);
    assert_eq!(ago(now + DAY, now), Ago::InFuture);
}

#[test]
fn ago_extremes_do_not_overflow() {
    assert_eq!(ago(i64::MIN, i64::MAX), Ago::Days(213_503_982_334));
    assert_eq!(ago(i64::MAX, i64::MIN), Ago::InFuture);
}

#[test]
fn ago_from_fixture_timestamps() {
    let created = parse_timestamp_ms("2026-11-20T09:15:02.418263Z").unwrap();
    let now = parse_timestamp_ms("2026-11-27T21:44:29Z").unwrap();
    assert_eq!(ago(created, now), Ago::Days(7));
}

// ---------- remaining ----------

#[test]
fn remaining_expired() {
    assert_eq!(remaining(T0, T0), Remaining::Expired);
    assert_eq!(remaining(T0 - 1, T0), Remaining::Expired);
    assert_eq!(remaining(T0 - 10 * DAY, T0), Remaining::Expired);
}

#[test]
fn remaining_minutes_round_up() {
    assert_eq!(remaining(T0 + 1, T0), Remaining::Minutes(1));
    assert_eq!(remaining(T0 + MIN, T0), Remaining::Minutes(1));
    assert_eq!(remaining(T0 + MIN + 1, T0), Remaining::Minutes(2));
    assert_eq!(remaining(T0 + 59 * MIN, T0), Remaining::Minutes(59));
    // 59 min 0.001 s rounds up to 60 min, shown as one hour
    assert_eq!(remaining(T0 + 59 * MIN + 1, T0), Remaining::Hours(1));
}

#[test]
fn remaining_hours_round_up() {
    assert_eq!(remaining(T0 + HOUR, T0), Remaining::Hours(1));
    assert_eq!(remaining(T0 + HOUR + 1, T0), Remaining::Hours(2));
    assert_eq!(remaining(T0 + 23 * HOUR, T0), Remaining::Hours(23));
    assert_eq!(remaining(T0 + 23 * HOUR + 1, T0), Remaining::Days(1));
}

#[test]
fn remaining_days_round_up() {
    // a fresh default (86400 s) link, a few ms after creation
    assert_eq!(remaining(T0 + DAY, T0 + 5), Remaining::Days(1));
    assert_eq!(remaining(T0 + DAY, T0), Remaining::Days(1));
    assert_eq!(remaining(T0 + DAY + 1, T0), Remaining::Days(2));
    assert_eq!(remaining(T0 + 7 * DAY, T0), Remaining::Days(7));
    // the maximum, one year (31536000 s)
    assert_eq!(remaining(T0 + 365 * DAY, T0), Remaining::Days(365));
    // a fresh one-hour link
    assert_eq!(remaining(T0 + HOUR, T0 + 30), Remaining::Hours(1));
    // a fresh one-minute link (the minimum, 60 s)
    assert_eq!(remaining(T0 + MIN, T0 + 30), Remaining::Minutes(1));
}

#[test]
fn remaining_extremes_do_not_overflow() {
    assert_eq!(remaining(i64::MIN, i64::MAX), Remaining::Expired);
    assert_eq!(
        remaining(i64::MAX, i64::MIN),
        Remaining::Days(213_503_982_335)
    );
}

// ---------- versions ----------

#[test]
fn version_parsing() {
    assert_eq!(parse_version("5.5.4"), Some((5, 5, 4)));
    assert_eq!(parse_version("6.1.1"), Some((6, 1, 1)));
    assert_eq!(parse_version("5.0.0b1"), Some((5, 0, 0)));
    assert_eq!(parse_version("6.0.0.dev"), Some((6, 0, 0)));
    assert_eq!(parse_version("4.1.6"), Some((4, 1, 6)));
    assert_eq!(parse_version("10.20.30"), Some((10, 20, 30)));
    assert_eq!(parse_version(" 5.2.1 "), Some((5, 2, 1)));
    assert_eq!(parse_version("5.3"), Some((5, 3, 0)));
    assert_eq!(parse_version("5.4.0.post1"), Some((5, 4, 0)));
    assert_eq!(parse_version("unknown"), None);
    assert_eq!(parse_version(""), None);
    assert_eq!(parse_version(".5"), None);
}

#[test]
fn sharing_support_by_version() {
    for v in ["5.0.0", "5.0.0b1", "5.5.4", "6.1.1", "6.0.0.dev", "7"] {
        assert!(supports_sharing(v), "{v}");
    }
    for v in ["4.1.6", "3.1.1", "1.0", "", "garbage"] {
        assert!(!supports_sharing(v), "{v}");
    }
}

#[test]
fn hubs_before_5_5_1_lack_the_security_fixes_of_the_sharing_pages() {
    for v in ["5.5.1", "5.5.4", "5.6.0", "6.1.1", "6.0.0.dev", "7"] {
        assert!(has_sharing_security_fixes(v), "{v}");
    }
    for v in ["5.5.0", "5.4.5", "5.0.0", "4.1.6", "", "garbage"] {
        assert!(!has_sharing_security_fixes(v), "{v}");
    }
}

// ---------- scopes ----------

fn scopes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn unfiltered_shares_allows_everything() {
    let s = scopes(&["read:users", "shares"]);
    assert!(has_share_scope(&s, "alice", ""));
    assert!(has_share_scope(&s, "bob", "gpu"));
}

#[test]
fn user_filter() {
    let s = scopes(&["shares!user=alice"]);
    assert!(has_share_scope(&s, "alice", ""));
    assert!(has_share_scope(&s, "alice", "named"));
    assert!(!has_share_scope(&s, "alice2", ""));
    assert!(!has_share_scope(&s, "bob", ""));
    let s = scopes(&["shares!user=first.last@example.org"]);
    assert!(has_share_scope(&s, "first.last@example.org", ""));
}

#[test]
fn server_filter_default_and_named() {
    let s = scopes(&["shares!server=alice/"]);
    assert!(has_share_scope(&s, "alice", ""));
    assert!(!has_share_scope(&s, "alice", "named"));
    assert!(!has_share_scope(&s, "bob", ""));
    let s = scopes(&["shares!server=alice/my analysis"]);
    assert!(has_share_scope(&s, "alice", "my analysis"));
    assert!(!has_share_scope(&s, "alice", ""));
    assert!(!has_share_scope(&s, "alice", "my"));
    // owner names may contain '/'-free oddities; the split is at owner + '/'
    let s = scopes(&["shares!server=a b/x"]);
    assert!(has_share_scope(&s, "a b", "x"));
    assert!(!has_share_scope(&s, "a", "b/x"));
}

#[test]
fn unexpanded_filters() {
    assert!(has_share_scope(&scopes(&["shares!user"]), "alice", ""));
    assert!(has_share_scope(&scopes(&["shares!server"]), "alice", ""));
}

#[test]
fn sub_scopes_and_other_filters_do_not_count() {
    let s = scopes(&[
        "read:shares!server=alice/",
        "users:shares!user=alice",
        "groups:shares",
        "access:servers!server=alice/",
        "shares!group=research",
        "shares!service=announcer",
        "admin:shares",
        "sharesx",
    ]);
    assert!(!has_share_scope(&s, "alice", ""));
    assert!(!has_share_scope(&[], "alice", ""));
}

#[test]
fn generic_scope_check() {
    let s = scopes(&["read:shares!server=alice/", "shares!user=bob"]);
    assert!(has_scope_for_server(&s, "read:shares", "alice", ""));
    assert!(!has_scope_for_server(&s, "read:shares", "bob", ""));
    assert!(has_scope_for_server(&s, "shares", "bob", "x"));
    assert!(!has_scope_for_server(&s, "shares", "alice", ""));
}

//! JSON models of the hub's answers, plus helpers over them.
//!
//! Reading them is lenient (see [`crate::decode`]): unknown fields are
//! ignored, and missing or `null` fields fall back to their default (`""`,
//! `0`, `[]`, `None`), so a newer hub adding or nulling a field does not
//! break the UI.

use crate::time::parse_timestamp_ms;

/// A `{"name": ...}` reference to a user or a group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Named {
    /// The user or group name (raw, not encoded).
    pub name: String,
}

/// The truncated server model embedded in shares and share codes
/// (`name`, `url`, `full_url`, `ready`, and the owner as `user`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerInfo {
    /// Server name; `""` for the default server.
    pub name: String,
    /// The owner of the server.
    pub user: Option<Named>,
    /// Hub-escaped server path like `/user/alice/` (take it as is, never rebuild it).
    pub url: Option<String>,
    /// Absolute server URL; `null` unless the hub knows its public URL.
    pub full_url: Option<String>,
    /// Whether the server is running and ready.
    pub ready: Option<bool>,
}

/// Who has access to a server (an item of `GET shares/{owner}/{server}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Share {
    /// The shared server.
    pub server: Option<ServerInfo>,
    /// Scopes granted, e.g. `["access:servers!server=alice/"]`.
    pub scopes: Vec<String>,
    /// The user it is shared with (`null` for group shares).
    pub user: Option<Named>,
    /// The group it is shared with (`null` for user shares).
    pub group: Option<Named>,
    /// `"user"` or `"group"`.
    pub kind: Option<String>,
    /// When access was first granted (ISO 8601 UTC); re-accepting does not change it.
    pub created_at: String,
}

impl Share {
    /// The user name, else the group name, else `""`.
    pub fn display_name(&self) -> &str {
        self.user
            .as_ref()
            .or(self.group.as_ref())
            .map(|n| n.name.as_str())
            .unwrap_or("")
    }

    /// True for a share with a group: `kind == "group"`, or, without a `kind`,
    /// a `group` and no `user`.
    pub fn is_group(&self) -> bool {
        match self.kind.as_deref() {
            Some(kind) => kind == "group",
            None => self.group.is_some() && self.user.is_none(),
        }
    }

    /// [`Share::created_at`] in milliseconds since the Unix epoch, if parseable.
    pub fn created_ms(&self) -> Option<i64> {
        parse_timestamp_ms(&self.created_at)
    }
}

/// An invitation link (an item of `GET share-codes/{owner}/{server}`, or the answer
/// to `POST`, which alone carries `code`, `accept_url` and `full_accept_url`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareCode {
    /// Id like `"sc_3"`; ids are reused after deletion.
    pub id: String,
    /// The shared server.
    pub server: Option<ServerInfo>,
    /// Scopes the link grants.
    pub scopes: Vec<String>,
    /// Creation time (ISO 8601 UTC).
    pub created_at: String,
    /// Expiry time (ISO 8601 UTC).
    pub expires_at: Option<String>,
    /// How many times the link was accepted.
    pub exchange_count: u64,
    /// Last acceptance; `null` until used.
    pub last_exchanged_at: Option<String>,
    /// The secret code: only in the creation answer.
    pub code: Option<String>,
    /// Hub-relative accept URL (`/hub/accept-share?code=...`): only in the creation answer.
    pub accept_url: Option<String>,
    /// Absolute accept URL: only in the creation answer, and `null` unless the hub
    /// sets `public_url`.
    pub full_accept_url: Option<String>,
}

impl ShareCode {
    /// [`ShareCode::created_at`] in milliseconds since the Unix epoch, if parseable.
    pub fn created_ms(&self) -> Option<i64> {
        parse_timestamp_ms(&self.created_at)
    }

    /// [`ShareCode::expires_at`] in milliseconds since the Unix epoch, if present
    /// and parseable.
    pub fn expires_ms(&self) -> Option<i64> {
        self.expires_at.as_deref().and_then(parse_timestamp_ms)
    }

    /// True when the link has an expiry time at or before `now_ms`.
    pub fn is_expired(&self, now_ms: i64) -> bool {
        self.expires_ms().is_some_and(|e| e <= now_ms)
    }
}

/// The `next` member of `_pagination`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NextPage {
    /// Offset of the next page.
    pub offset: u64,
    /// Page size of the next page.
    pub limit: u64,
    /// Full URL of the next page, as the hub saw the request (may be an internal
    /// address: prefer building it with [`crate::HubApi::page_url`]).
    pub url: Option<String>,
}

/// `_pagination` of a list answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pagination {
    /// Offset of this page.
    pub offset: u64,
    /// Page size of this page.
    pub limit: u64,
    /// Row count before hiding expired items: do not trust it for display.
    pub total: Option<u64>,
    /// The next page, `null` on the last one.
    pub next: Option<NextPage>,
}

/// One page of a list answer: `{"items": [...], "_pagination": {...}}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Pagination info (absent when the hub was asked without pagination support).
    pub pagination: Option<Pagination>,
}

/// The pagination block of a list answer, read without its items (they are
/// decoded later, page by page). `null` or absent: a hub without pagination.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageHead {
    /// `_pagination`.
    pub pagination: Option<Pagination>,
}

impl Pagination {
    /// Offset of the next page to fetch, from `next.offset`.
    ///
    /// `None` when `next` is `null` or does not move forward (guards against
    /// an endless fetch loop). Never derived from `total`, which counts hidden
    /// expired codes.
    pub fn next_offset(&self) -> Option<u64> {
        let next = self.next.as_ref()?;
        (next.offset > self.offset).then_some(next.offset)
    }
}

impl<T> Page<T> {
    /// See [`Pagination::next_offset`]; `None` without a pagination block.
    pub fn next_offset(&self) -> Option<u64> {
        self.pagination.as_ref()?.next_offset()
    }
}

/// The API root answer (`GET {hubPrefix}api/`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HubInfo {
    /// The hub's version, e.g. `"5.5.4"`.
    pub version: String,
}

impl HubInfo {
    /// True when this hub version has the sharing API (see [`supports_sharing`]).
    pub fn supports_sharing(&self) -> bool {
        supports_sharing(&self.version)
    }

    /// True when this hub has the security fixes of the sharing pages (see
    /// [`has_sharing_security_fixes`]).
    pub fn has_sharing_security_fixes(&self) -> bool {
        has_sharing_security_fixes(&self.version)
    }
}

/// The token owner's model (`GET {hubPrefix}api/user`), reduced to what the UI needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HubUser {
    /// The user name.
    pub name: String,
    /// The token's expanded scopes, e.g. `shares!server=alice/`.
    pub scopes: Vec<String>,
}

impl HubUser {
    /// True when these scopes allow managing shares of `owner`'s server `server`
    /// (see [`has_share_scope`]).
    pub fn can_share(&self, owner: &str, server: &str) -> bool {
        has_share_scope(&self.scopes, owner, server)
    }

    /// True when these scopes let the hub look up user or group names
    /// (`read:users:name`, `read:groups:name`, filtered or not): without
    /// either, every share by name is refused with a 403.
    pub fn can_share_by_name(&self) -> bool {
        self.scopes.iter().any(|scope| {
            matches!(
                scope.split('!').next(),
                Some("read:users:name" | "read:groups:name")
            )
        })
    }
}

/// The JSON body of a hub error: `{"status": 403, "message": "..."}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HubErrorBody {
    /// HTTP status repeated in the body.
    pub status: Option<u16>,
    /// Human-readable message.
    pub message: Option<String>,
}

/// Sort key putting newer times first and unparseable ones (`None`) last.
#[cfg(test)]
fn newest_first_key(ms: Option<i64>) -> (bool, core::cmp::Reverse<i64>) {
    (ms.is_none(), core::cmp::Reverse(ms.unwrap_or(0)))
}

/// Sort shares by `created_at` descending (newest first); unparseable times go
/// last. The sort is stable: equal times keep the hub's order.
pub fn sort_newest_first(shares: &mut [Share]) {
    let order = newest_first_order(shares.iter().map(Share::created_ms).collect());
    permute(shares, order);
}

/// Sort share codes by `created_at` descending (newest first); unparseable times
/// go last. The sort is stable.
pub fn sort_codes_newest_first(codes: &mut [ShareCode]) {
    let order = newest_first_order(codes.iter().map(ShareCode::created_ms).collect());
    permute(codes, order);
}

/// The positions of `times` newest first, `None` last, equal times in their
/// order: a bottom-up merge sort, written out because the standard
/// library's sorts cost the wasm about 3 KB for two short calls.
fn newest_first_order(times: Vec<Option<i64>>) -> Vec<usize> {
    // `None` sorts as the oldest time of all (a real time is never that old)
    let mut run: Vec<(i64, usize)> = times
        .into_iter()
        .enumerate()
        .map(|(i, ms)| (ms.unwrap_or(i64::MIN), i))
        .collect();
    let n = run.len();
    let mut merged = run.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = n.min(start + width);
            let end = n.min(start + 2 * width);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                // the right run's first only when strictly newer: stable
                if right < end && (left == mid || run[right].0 > run[left].0) {
                    *slot = run[right];
                    right += 1;
                } else {
                    *slot = run[left];
                    left += 1;
                }
            }
            start = end;
        }
        core::mem::swap(&mut run, &mut merged);
        width *= 2;
    }
    run.into_iter().map(|(_, i)| i).collect()
}

/// Reorder `items` in place so that `items[k]` is the item that was at
/// `order[k]` (`order` is a permutation of the positions).
fn permute<T>(items: &mut [T], order: Vec<usize>) {
    for k in 0..items.len() {
        // where the item for `k` is now: earlier positions were swapped
        // away, follow them
        let mut from = order[k];
        while from < k {
            from = order[from];
        }
        items.swap(k, from);
    }
}

/// Parse a version like "5.5.4", "6.1.1", "5.0.0b1", "6.0.0.dev" into its leading
/// numeric parts (missing minor/patch are 0; a leading `v` is allowed).
/// `None` when there is no leading major number.
pub fn parse_version(v: &str) -> Option<(u32, u32, u32)> {
    let v = v.trim();
    let v = v
        .strip_prefix('v')
        .or_else(|| v.strip_prefix('V'))
        .unwrap_or(v);
    let mut nums = [0u32; 3];
    let mut parts = v.split('.');
    for (i, slot) in nums.iter_mut().enumerate() {
        let Some(part) = parts.next() else { break };
        let digits_len = part.bytes().take_while(u8::is_ascii_digit).count();
        if digits_len == 0 {
            if i == 0 {
                return None;
            }
            break;
        }
        *slot = part[..digits_len].parse().ok()?;
        if digits_len < part.len() {
            // "0b1", "0rc2": a pre-release tag ends the numeric part
            break;
        }
    }
    Some((nums[0], nums[1], nums[2]))
}

/// True when a hub version has the sharing API (major >= 5).
pub fn supports_sharing(v: &str) -> bool {
    parse_version(v).is_some_and(|(major, _, _)| major >= 5)
}

/// The first JupyterHub with both security fixes of the sharing pages:
/// 5.4.5 fixed a cross-site request forgery that could make a logged-in user
/// accept an invitation, 5.5.1 (GHSA-c4gm-pwx9-9w8j) a cross-site scripting
/// hole on the accept-invitation page.
pub const SAFE_HUB_VERSION: (u32, u32, u32) = (5, 5, 1);

/// True when a hub version has those fixes (>= 5.5.1). An unreadable
/// version is not known to be safe.
pub fn has_sharing_security_fixes(v: &str) -> bool {
    parse_version(v).is_some_and(|version| version >= SAFE_HUB_VERSION)
}

/// True when `scopes` hold `scope` (e.g. `"shares"`, `"read:shares"`) for
/// `owner`'s server `server` (`""` = default server): unfiltered, `!user=<owner>`,
/// `!server=<owner>/<server>`, or the unexpanded `!user` / `!server` filters
/// (which the hub expands to the token owner / the token's own server).
///
/// Group filters (`!group=`) are not honoured: membership is not known here.
pub fn has_scope_for_server(scopes: &[String], scope: &str, owner: &str, server: &str) -> bool {
    scopes.iter().any(|s| {
        let Some(rest) = s.strip_prefix(scope) else {
            return false;
        };
        if rest.is_empty() {
            return true;
        }
        let Some(filter) = rest.strip_prefix('!') else {
            return false;
        };
        match filter {
            "user" | "server" => true,
            _ => {
                if let Some(user) = filter.strip_prefix("user=") {
                    user == owner
                } else if let Some(full) = filter.strip_prefix("server=") {
                    full.strip_prefix(owner)
                        .and_then(|r| r.strip_prefix('/'))
                        .is_some_and(|name| name == server)
                } else {
                    false
                }
            }
        }
    })
}

/// True if scopes contain `"shares"`, `"shares!user=<owner>"`, `"shares!server=<owner>/<server>"`
/// (default server: `"shares!server=alice/"`), or the unexpanded `"shares!user"` / `"shares!server"`.
pub fn has_share_scope(scopes: &[String], owner: &str, server: &str) -> bool {
    has_scope_for_server(scopes, "shares", owner, server)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_parts() {
        assert_eq!(parse_version("5"), Some((5, 0, 0)));
        assert_eq!(parse_version("5.1"), Some((5, 1, 0)));
        assert_eq!(parse_version("v6.1.1"), Some((6, 1, 1)));
        assert_eq!(parse_version("5.0.0rc2"), Some((5, 0, 0)));
        assert_eq!(parse_version("5.0b1"), Some((5, 0, 0)));
        assert_eq!(parse_version("dev"), None);
        assert_eq!(parse_version(""), None);
        assert_eq!(parse_version("99999999999.0.0"), None);
    }

    #[test]
    fn scope_prefix_is_not_enough() {
        let s = vec!["sharesx".to_string(), "shares-foo!user=alice".to_string()];
        assert!(!has_share_scope(&s, "alice", ""));
    }

    #[test]
    fn the_order_is_newest_first_none_last_and_stable() {
        let times = vec![
            Some(1),
            None,
            Some(3),
            Some(1),
            None,
            Some(-5),
            Some(3),
            Some(2),
        ];
        assert_eq!(newest_first_order(times), [2, 6, 7, 0, 3, 5, 1, 4]);
        assert_eq!(newest_first_order(vec![]), Vec::<usize>::new());
        // every length up to 40, against the standard library's stable sort
        for n in 0..40usize {
            let times: Vec<Option<i64>> = (0..n)
                .map(|i| (i % 7 != 3).then_some(((i * 37) % 11) as i64))
                .collect();
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| newest_first_key(times[i]));
            assert_eq!(newest_first_order(times.clone()), expected, "{n}");
            let mut items: Vec<usize> = (100..100 + n).collect();
            permute(&mut items, expected.clone());
            let want: Vec<usize> = expected.iter().map(|i| i + 100).collect();
            assert_eq!(items, want);
        }
    }

    #[test]
    fn sort_key_orders_none_last() {
        let mut v = [None, Some(1), Some(-5), Some(3)];
        v.sort_by_key(|m| newest_first_key(*m));
        assert_eq!(v, [Some(3), Some(1), Some(-5), None]);
    }
}

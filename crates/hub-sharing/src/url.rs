//! Building JupyterHub REST API URLs.
//!
//! Every owner and server name is percent-encoded as one path segment, exactly
//! like JavaScript's `encodeURIComponent` (space is `%20`, `+` is `%2B`, `?` and
//! `#` are escaped). The default server has the empty name, so its URLs still end
//! in `/` (`.../share-codes/alice/`): without that slash the hub answers 405.

/// Largest page size the hub accepts (`?limit=`); larger values are clamped by the hub.
pub const PAGE_LIMIT: u64 = 200;

/// Rows asked for in the first request of a list: one screen of the
/// dialog's table, so that the first answer (read and shown before any
/// other page is asked for) comes sooner. The pages after it ask for
/// [`PAGE_LIMIT`].
pub const FIRST_PAGE_LIMIT: u64 = 100;

use crate::model::Pagination;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// True for the bytes `encodeURIComponent` leaves alone:
/// `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
        )
}

/// Percent-encode one path segment exactly like JS encodeURIComponent
/// (unreserved A-Z a-z 0-9 - _ . ! ~ * ' ( ) kept; everything else UTF-8 percent-encoded, uppercase hex).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0x0f)] as char);
        }
    }
    out
}

/// The URLs of one hub's REST API and pages.
///
/// Built from the JupyterLab page config (`hubHost`, `hubPrefix`) and the page's
/// own origin:
/// - API base = `location.origin + hubPrefix + "api/"`: the page's own origin,
///   also when the hub sits on another host (`hubHost`, with JupyterHub's
///   `subdomain_host`). JupyterHub makes itself the proxy's default route for
///   every host, so `/hub/api/` on the user's host reaches the hub, same-origin:
///   no CORS, no preflight, and its `Date` header is readable (docs/admin.md,
///   "Per-user subdomains").
/// - hub pages (accept links, home) = `(hubHost || location.origin) + hubPrefix`:
///   the invitee's hub login lives on the hub's host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HubApi {
    /// Scheme + host (+ port) of the hub's pages (`hubHost`, else the page's
    /// origin), without a trailing slash; may be empty (root-relative URLs).
    origin: String,
    /// `page origin + prefix + "api/"`, always ending in `api/`.
    base: String,
    /// The hub prefix as a path, `/hub/` or `/jupyter/hub/`.
    prefix: String,
}

/// Strip surrounding whitespace and trailing slashes from an origin.
fn clean_origin(s: &str) -> &str {
    s.trim().trim_end_matches('/')
}

impl HubApi {
    /// API base = page_origin + hub_prefix + "api/"; hub pages on (hub_host ||
    /// page_origin). hub_prefix like "/hub/" or "/jupyter/hub/" (add a trailing
    /// slash if missing, a leading one too). Returns None when hub_prefix is
    /// empty/blank (not under JupyterHub).
    ///
    /// A blank `hub_host` means "the hub's pages are on the page's origin".
    /// Trailing slashes on either origin are ignored. A blank origin gives
    /// root-relative URLs.
    pub fn new(hub_host: &str, hub_prefix: &str, page_origin: &str) -> Option<HubApi> {
        let prefix = hub_prefix.trim();
        if prefix.is_empty() {
            return None;
        }
        let page = clean_origin(page_origin);
        let host = clean_origin(hub_host);
        let origin = if host.is_empty() { page } else { host };
        let inner = prefix.trim_matches('/');
        let prefix = if inner.is_empty() {
            "/".to_owned()
        } else {
            format!("/{inner}/")
        };
        Some(HubApi {
            origin: origin.to_string(),
            base: format!("{page}{prefix}api/"),
            prefix,
        })
    }

    /// The API base URL, ending in `api/` (e.g. `https://hub.example.org/hub/api/`).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The origin of the hub's pages (`hubHost` or the page origin), without a
    /// trailing slash; empty when both were blank. API requests go to the
    /// page's own origin ([`HubApi::base`]).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The API root, same as [`HubApi::base`]: `GET` answers `{"version": "5.5.4"}`
    /// and needs no authentication.
    pub fn root_url(&self) -> String {
        self.base.clone()
    }

    /// `GET` here gives the token owner's user model with its expanded `scopes`.
    pub fn user_url(&self) -> String {
        format!("{}user", self.base)
    }

    /// base + "shares/" + enc(owner) + "/" + enc(server). Default server "" => ends with "/".
    ///
    /// `GET` lists who has access, `POST {"user"|"group": name}` grants,
    /// `PATCH` with the same body revokes one, `DELETE` revokes everyone.
    pub fn shares_url(&self, owner: &str, server: &str) -> String {
        self.server_scoped("shares/", owner, server)
    }

    /// base + "share-codes/" + enc(owner) + "/" + enc(server). Default server "" => ends with "/".
    ///
    /// `GET` lists invitation links, `POST {"expires_in": s}` creates one,
    /// `DELETE` (no query) revokes all of them.
    pub fn share_codes_url(&self, owner: &str, server: &str) -> String {
        self.server_scoped("share-codes/", owner, server)
    }

    /// share_codes_url + "?id=" + enc(id)
    ///
    /// `DELETE` revokes that one link (204; 404 when unknown or expired).
    pub fn share_code_by_id_url(&self, owner: &str, server: &str, id: &str) -> String {
        format!(
            "{}?id={}",
            self.share_codes_url(owner, server),
            encode_segment(id)
        )
    }

    /// The hub's home page (`{hubPrefix}home`), where an invitee who left a
    /// server is taken.
    pub fn home_url(&self) -> String {
        format!("{}{}home", self.origin, self.prefix)
    }

    /// base + "users/" + enc(me) + "/shared/" + enc(owner) + "/" + enc(server):
    /// `DELETE` lets the invitee `me` give up their own access to that server.
    pub fn user_shared_url(&self, me: &str, owner: &str, server: &str) -> String {
        format!(
            "{}users/{}/shared/{}/{}",
            self.base,
            encode_segment(me),
            encode_segment(owner),
            encode_segment(server)
        )
    }

    fn server_scoped(&self, collection: &str, owner: &str, server: &str) -> String {
        format!(
            "{}{}{}/{}",
            self.base,
            collection,
            encode_segment(owner),
            encode_segment(server)
        )
    }

    /// Append offset/limit query to a list URL (handles an existing '?').
    ///
    /// A URL that already ends in `?` or `&` gets no extra separator.
    pub fn page_url(list_url: &str, offset: u64, limit: u64) -> String {
        let sep = if list_url.ends_with('?') || list_url.ends_with('&') {
            ""
        } else if list_url.contains('?') {
            "&"
        } else {
            "?"
        };
        format!("{list_url}{sep}offset={offset}&limit={limit}")
    }

    /// Join a hub-relative URL like accept_url ("/hub/accept-share?code=...") to the
    /// origin of the hub's pages (hub_host || page_origin).
    ///
    /// URLs that are already absolute (`http://`, `https://`) are returned unchanged;
    /// a path without a leading `/` gets one.
    pub fn absolute_url(&self, path: &str) -> String {
        let path = path.trim();
        if is_absolute(path) {
            return path.to_string();
        }
        if path.starts_with('/') {
            format!("{}{}", self.origin, path)
        } else {
            format!("{}/{}", self.origin, path)
        }
    }
}

/// Which pages of a paginated list to ask for, and in what order, as their
/// answers come in: the pure part of reading a whole list (the UI crate
/// does the requests, several at a time).
///
/// The first request asks for [`FIRST_PAGE_LIMIT`] rows from offset 0. Its
/// answer's `total` announces how many rows there are: the pages after it
/// are all queued at once, the last first (the hub lists oldest first and
/// the dialog shows the newest first), [`PAGE_LIMIT`] rows each, or the
/// page size of the first answer if the hub capped it (at its
/// `api_page_max_limit`). A later page that the hub caps leaves rows out:
/// they are asked for next. `total` is only a hint (it counts hidden
/// expired share codes, and the list may grow), so the `next` of the page
/// that reaches furthest is followed until the hub says there is no more.
/// At most `max_requests` requests in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPages {
    /// Requests not made yet, as (offset, limit): the next one last.
    queue: Vec<(u64, u64)>,
    /// The row after the furthest one asked for so far.
    end: u64,
    /// The page size of the requests after the first.
    step: u64,
    /// Requests handed out so far.
    asked: usize,
    max_requests: usize,
    /// The number of rows the hub announces (the latest answer's `total`).
    total: Option<u64>,
}

impl ListPages {
    /// A list read from its start, in at most `max_requests` requests.
    pub fn new(max_requests: usize) -> ListPages {
        ListPages {
            queue: vec![(0, FIRST_PAGE_LIMIT)],
            end: FIRST_PAGE_LIMIT,
            step: PAGE_LIMIT,
            asked: 0,
            max_requests,
            total: None,
        }
    }

    /// The next request to make, as (offset, limit), if any is due now
    /// (more may be due once answers come in).
    pub fn next_request(&mut self) -> Option<(u64, u64)> {
        if self.asked >= self.max_requests {
            return None;
        }
        let request = self.queue.pop()?;
        self.asked += 1;
        Some(request)
    }

    /// The number of rows the hub announces, once an answer said: a hint.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// Take in the `_pagination` of the answer to `request` (as
    /// [`ListPages::next_request`] gave it): the pages it makes due are
    /// queued.
    pub fn answered(&mut self, request: (u64, u64), pagination: Option<&Pagination>) {
        let Some(p) = pagination else { return };
        self.total = p.total.or(self.total);
        let Some(next) = p.next_offset() else { return };
        let (offset, limit) = request;
        if offset == 0 && self.asked == 1 {
            // the first answer: every page `total` announces, the last
            // first, full-size pages unless the hub capped the first one
            let used = next - p.offset;
            self.step = if used == FIRST_PAGE_LIMIT {
                PAGE_LIMIT
            } else {
                used
            };
            let pages = (0..)
                .map(|k| next + k * self.step)
                .take_while(|&o| p.total.is_some_and(|total| o < total))
                .take(self.max_requests.saturating_sub(1));
            self.queue.extend(pages.map(|o| (o, self.step)));
            match self.queue.last() {
                Some(&(last, _)) => self.end = last + self.step,
                None => self.follow(next),
            }
        } else if next < offset + limit {
            // the hub capped this page: the rows it left out
            self.queue.push((next, offset + limit - next));
        } else if next >= self.end {
            // the page that reaches furthest: the list goes on
            self.follow(next);
        }
    }

    fn follow(&mut self, next: u64) {
        self.queue.push((next, self.step));
        self.end = next + self.step;
    }
}

/// True when `s` starts with an `http:` or `https:` scheme (case-insensitive).
fn is_absolute(s: &str) -> bool {
    let lower_starts = |p: &str| {
        s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
    };
    lower_starts("http://") || lower_starts("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_kept() {
        let all = "ABCXYZabcxyz0189-_.!~*'()";
        assert_eq!(encode_segment(all), all);
    }

    #[test]
    fn reserved_escaped_uppercase() {
        assert_eq!(encode_segment("/"), "%2F");
        assert_eq!(encode_segment("\u{7f}"), "%7F");
        assert_eq!(encode_segment(""), "");
    }

    #[test]
    fn is_absolute_checks_scheme() {
        assert!(is_absolute("HTTPS://x"));
        assert!(is_absolute("http://x"));
        assert!(!is_absolute("/hub/"));
        assert!(!is_absolute("ü"));
    }
}

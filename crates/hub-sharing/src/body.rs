//! Request bodies of the sharing API, as JSON text.
//!
//! Written by hand so the wasm build needs no JSON serializer: the bodies are
//! tiny and fixed in shape.

use crate::invite::Grantee;
use crate::model::{Share, ShareCode};
use crate::url::HubApi;

/// Shortest invite-link lifetime the hub accepts, in seconds.
pub const MIN_LINK_LIFETIME: u64 = 60;
/// Longest invite-link lifetime the hub accepts (one year), in seconds.
pub const MAX_LINK_LIFETIME: u64 = 31_536_000;
/// The lifetime used when no setting says otherwise (one hour).
pub const DEFAULT_LINK_LIFETIME: u64 = 3_600;

/// A JSON string literal (quoted, escaped) for `s`.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let v = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[((v >> shift) & 0xf) as usize] as char);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Why a link lifetime was refused before any request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LifetimeError {
    /// Shorter than [`MIN_LINK_LIFETIME`].
    TooShort,
    /// Longer than [`MAX_LINK_LIFETIME`].
    TooLong,
}

/// Check a lifetime against the hub's limits (60 s to one year).
pub fn check_link_lifetime(seconds: u64) -> Result<u64, LifetimeError> {
    if seconds < MIN_LINK_LIFETIME {
        Err(LifetimeError::TooShort)
    } else if seconds > MAX_LINK_LIFETIME {
        Err(LifetimeError::TooLong)
    } else {
        Ok(seconds)
    }
}

/// Body of `POST share-codes/{owner}/{server}`.
pub fn create_share_code_body(expires_in: u64) -> String {
    format!("{{\"expires_in\":{expires_in}}}")
}

/// Body of `PATCH shares/{owner}/{server}` revoking one share: `{"user": name}`
/// or `{"group": name}`. `None` for a share with neither.
pub fn revoke_share_body(share: &Share) -> Option<String> {
    Grantee::of(share).map(|grantee| grantee.body())
}

impl ShareCode {
    /// The link to hand out: `full_accept_url` when the hub has a public
    /// URL, else `accept_url` made absolute on the hub's origin.
    pub fn link(&self, api: &HubApi) -> Option<String> {
        match (&self.full_accept_url, &self.accept_url) {
            (Some(full), _) if !full.is_empty() => Some(full.clone()),
            (_, Some(rel)) if !rel.is_empty() => Some(api.absolute_url(rel)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Named;

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("bob"), "\"bob\"");
        assert_eq!(json_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(json_string("tab\tnl\n"), "\"tab\\tnl\\n\"");
        assert_eq!(json_string("\u{1}"), "\"\\u0001\"");
        assert_eq!(json_string("日本 <img>"), "\"日本 <img>\"");
    }

    #[test]
    fn lifetimes_are_checked_against_the_hub_limits() {
        assert_eq!(check_link_lifetime(59), Err(LifetimeError::TooShort));
        assert_eq!(check_link_lifetime(60), Ok(60));
        assert_eq!(check_link_lifetime(31_536_000), Ok(31_536_000));
        assert_eq!(check_link_lifetime(31_536_001), Err(LifetimeError::TooLong));
    }

    #[test]
    fn bodies() {
        assert_eq!(create_share_code_body(3600), "{\"expires_in\":3600}");
        let mut share = Share {
            user: Some(Named {
                name: "first.last@example.org".into(),
            }),
            ..Share::default()
        };
        assert_eq!(
            revoke_share_body(&share).unwrap(),
            "{\"user\":\"first.last@example.org\"}"
        );
        share.user = None;
        share.group = Some(Named {
            name: "x\"y".into(),
        });
        assert_eq!(revoke_share_body(&share).unwrap(), "{\"group\":\"x\\\"y\"}");
        share.group = None;
        assert_eq!(revoke_share_body(&share), None);
    }

    #[test]
    fn links_prefer_the_full_accept_url() {
        let api = HubApi::new("", "/hub/", "http://127.0.0.1:8000").unwrap();
        let mut code = ShareCode {
            accept_url: Some("/hub/accept-share?code=abc".into()),
            ..ShareCode::default()
        };
        assert_eq!(
            code.link(&api).unwrap(),
            "http://127.0.0.1:8000/hub/accept-share?code=abc"
        );
        code.full_accept_url = Some("https://hub.example.org/hub/accept-share?code=abc".into());
        assert_eq!(
            code.link(&api).unwrap(),
            "https://hub.example.org/hub/accept-share?code=abc"
        );
        code.full_accept_url = None;
        code.accept_url = None;
        assert_eq!(code.link(&api), None);
    }
}

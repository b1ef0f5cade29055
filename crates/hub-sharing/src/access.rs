//! Access levels: what an invite link lets people do, and for how long.
//!
//! A hub set up with `configure(c, access_levels=True)` defines custom
//! scopes, and the single-user server's extension enforces them. A link
//! carries them in its `scopes`, and each share made from it inherits them:
//!
//! - `custom:user-sharing:edit` (**Edit and run code**) or
//!   `custom:user-sharing:view` (**View only**);
//! - optionally `custom:user-sharing:ends-after-hours:N`: access ends N hours
//!   after the person accepted (the share's `created_at`).
//!
//! A share with no level scope has full access, as before. The server's
//! answer to `GET {baseUrl}user-sharing/api/access` ([`ServerAccess`]) says
//! whether it enforces them; without that, links are made as before.

use crate::model::{Share, ShareCode};

/// The scope of a link whose invitees may edit files and run code.
pub const EDIT_SCOPE: &str = "custom:user-sharing:edit";
/// The scope of a link whose invitees may only view.
pub const VIEW_SCOPE: &str = "custom:user-sharing:view";
/// The prefix of "access ends after N hours"; N follows.
pub const ENDS_SCOPE_PREFIX: &str = "custom:user-sharing:ends-after-hours:";
/// The scope every link needs to let its invitees in at all.
pub const ACCESS_SCOPE: &str = "access:servers";
/// The hours the hub defines an "ends after" scope for.
pub const ENDS_AFTER_HOURS: [u32; 8] = [1, 2, 4, 8, 12, 24, 48, 168];

/// What invitees can do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    /// Edit files and run code (also every share without a level scope).
    #[default]
    Edit,
    /// Open, read and download; nothing else.
    View,
}

/// When access ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ends {
    /// When the server stops (the revoke-on-start hook ends it).
    #[default]
    WhenServerStops,
    /// This many hours after each person accepted: one of [`ENDS_AFTER_HOURS`].
    AfterHours(u32),
}

/// The access an invite link gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkAccess {
    /// What invitees can do.
    pub level: Level,
    /// When their access ends.
    pub ends: Ends,
}

impl LinkAccess {
    /// The `scopes` of `POST share-codes/...` for this access (unfiltered: the
    /// hub filters each to the server).
    pub fn scopes(&self) -> Vec<String> {
        let level = match self.level {
            Level::Edit => EDIT_SCOPE,
            Level::View => VIEW_SCOPE,
        };
        let mut scopes = vec![ACCESS_SCOPE.to_string(), level.to_string()];
        if let Ends::AfterHours(hours) = self.ends {
            scopes.push(format!("{ENDS_SCOPE_PREFIX}{hours}"));
        }
        scopes
    }
}

fn bases(scopes: &[String]) -> impl Iterator<Item = &str> {
    scopes.iter().map(|s| s.split('!').next().unwrap_or(""))
}

/// The level `scopes` give: edit wins over view; no level scope is edit.
pub fn level_of(scopes: &[String]) -> Level {
    let mut view = false;
    for base in bases(scopes) {
        if base == EDIT_SCOPE {
            return Level::Edit;
        }
        view |= base == VIEW_SCOPE;
    }
    if view {
        Level::View
    } else {
        Level::Edit
    }
}

/// The shortest "ends after N hours" in `scopes`.
pub fn ends_of(scopes: &[String]) -> Ends {
    bases(scopes)
        .filter_map(|base| base.strip_prefix(ENDS_SCOPE_PREFIX)?.parse::<u32>().ok())
        .min()
        .map_or(Ends::WhenServerStops, Ends::AfterHours)
}

impl Share {
    /// What this person or group can do.
    pub fn level(&self) -> Level {
        level_of(&self.scopes)
    }

    /// When their access ends, in ms since the epoch; `None`: when the
    /// server stops (or the share's time cannot be read).
    pub fn ends_ms(&self) -> Option<i64> {
        match ends_of(&self.scopes) {
            Ends::WhenServerStops => None,
            Ends::AfterHours(hours) => Some(self.created_ms()? + i64::from(hours) * 3_600_000),
        }
    }
}

impl ShareCode {
    /// The access the link gives.
    pub fn access(&self) -> LinkAccess {
        LinkAccess {
            level: level_of(&self.scopes),
            ends: ends_of(&self.scopes),
        }
    }
}

/// The server extension's answer to `GET {baseUrl}user-sharing/api/access`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerAccess {
    /// The server enforces access levels and ends revoked access at once.
    pub enforced: bool,
    /// The visitor owns the server.
    pub owner: bool,
    /// `"full"` or `"view"`: the visitor's own level.
    pub level: String,
    /// The hours "Access ends" may take (`endsAfterHours`).
    pub ends_after_hours: Vec<u32>,
}

/// Body of `POST share-codes/{owner}/{server}` with `scopes` (none: the
/// hub's default, full access).
pub fn create_share_code_body_with(expires_in: u64, scopes: &[String]) -> String {
    if scopes.is_empty() {
        return crate::body::create_share_code_body(expires_in);
    }
    let list: Vec<String> = scopes.iter().map(|s| crate::body::json_string(s)).collect();
    format!(
        "{{\"expires_in\":{expires_in},\"scopes\":[{}]}}",
        list.join(",")
    )
}

/// A path of the server extension's API under the server's base URL
/// (PageConfig `baseUrl`, ending in `/`).
pub fn server_api_url(origin: &str, base_url: &str, path: &str) -> String {
    let base = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    format!("{origin}{base}user-sharing/api/{path}")
}

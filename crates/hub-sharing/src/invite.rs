//! Precise invitations: sharing with a named user or group, an invitee
//! leaving a server, and invite links that open a file.
//!
//! The hub's answers here are read in its own source (`apihandlers/shares.py`,
//! the same in 5.5 and 6.x):
//!
//! | request | refusal | status, message |
//! |---|---|---|
//! | `POST shares/{o}/{s}` `{"user": x}` | no such user | 400 `No such user: x` |
//! | same, `{"group": g}` | no such group | 400 `No such group: g` |
//! | same, token without `read:users:name` for x | | 403 `Need scope 'read:users:name' to share with users by name` |
//! | same, token without `read:groups:name` for g | | 403 `Need scope 'read:groups:name' to share with groups by name` |
//! | `DELETE users/{me}/shared/{o}/{s}` | no share for me (access through a group, or already gone) | 404 `No such share for user me on o/s` |
//! | same, token without `users:shares` | | 403 `... requires any of [users:shares]` |
//!
//! Granting to someone who already has access is no error: the hub answers
//! 200 with the existing share, unchanged (its `created_at` is when access
//! was first granted). [`had_access_already`] tells the two apart. The hub
//! also lets an owner share with themselves; [`Grantee::new`] refuses that
//! before any request.

use crate::body::json_string;
use crate::error::ApiError;
use crate::model::Share;
use crate::url::encode_segment;

/// Whom a server is shared with by name: the body of `POST` (grant) and
/// `PATCH` (revoke) on `shares/{owner}/{server}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grantee {
    /// A user name, as the hub stores it.
    User(String),
    /// A group name.
    Group(String),
}

/// Which kind of name the owner typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GranteeKind {
    /// A user of the hub.
    User,
    /// A group of the hub.
    Group,
}

/// Why a typed name was refused before any request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    /// Nothing but white space.
    Empty,
    /// The owner's own user name: the hub would record a share of the
    /// owner's server with the owner.
    Yourself,
}

impl Grantee {
    /// The grantee for a name the owner typed: surrounding white space is
    /// dropped (the hub trims user names at login), inner characters are
    /// kept as they are (names may hold spaces, `@`, quotes, unicode).
    pub fn new(kind: GranteeKind, typed: &str, owner: &str) -> Result<Grantee, NameError> {
        let name = typed.trim();
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        match kind {
            GranteeKind::User if name == owner => Err(NameError::Yourself),
            GranteeKind::User => Ok(Grantee::User(name.to_string())),
            GranteeKind::Group => Ok(Grantee::Group(name.to_string())),
        }
    }

    /// The grantee a share names (its user, else its group).
    pub fn of(share: &Share) -> Option<Grantee> {
        match (&share.user, &share.group) {
            (Some(user), _) => Some(Grantee::User(user.name.clone())),
            (None, Some(group)) => Some(Grantee::Group(group.name.clone())),
            (None, None) => None,
        }
    }

    /// The name, without its kind.
    pub fn name(&self) -> &str {
        match self {
            Grantee::User(name) | Grantee::Group(name) => name,
        }
    }

    /// User or group.
    pub fn kind(&self) -> GranteeKind {
        match self {
            Grantee::User(_) => GranteeKind::User,
            Grantee::Group(_) => GranteeKind::Group,
        }
    }

    /// `{"user": name}` or `{"group": name}`: the body of both `POST` (grant)
    /// and `PATCH` (revoke) on `shares/{owner}/{server}`.
    pub fn body(&self) -> String {
        let key = match self {
            Grantee::User(_) => "user",
            Grantee::Group(_) => "group",
        };
        format!("{{\"{key}\":{}}}", json_string(self.name()))
    }
}

/// True when `answer` (the hub's answer to a grant) is a share the owner's
/// last list already held: same user or group, same `created_at`. A share
/// revoked and granted again in between has a new `created_at`, so it
/// counts as new.
pub fn had_access_already(held: &[Share], answer: &Share) -> bool {
    let Some(grantee) = Grantee::of(answer) else {
        return false;
    };
    held.iter().any(|share| {
        share.created_at == answer.created_at && Grantee::of(share).as_ref() == Some(&grantee)
    })
}

/// Why the hub refused to share with a named user or group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GrantError {
    /// 400 "No such user: x".
    NoSuchUser,
    /// 400 "No such group: g".
    NoSuchGroup,
    /// 403: the owner's token may not look up user names (`read:users:name`).
    CannotLookUpUsers,
    /// 403: the owner's token may not look up group names (`read:groups:name`).
    CannotLookUpGroups,
    /// Any other failure, classified as usual.
    Other(ApiError),
}

impl From<ApiError> for GrantError {
    fn from(error: ApiError) -> GrantError {
        let message = error.message().unwrap_or("");
        match &error {
            ApiError::BadRequest { .. } if message.starts_with("No such user:") => {
                GrantError::NoSuchUser
            }
            ApiError::BadRequest { .. } if message.starts_with("No such group:") => {
                GrantError::NoSuchGroup
            }
            ApiError::MissingScope { .. } if message.contains("'read:users:name'") => {
                GrantError::CannotLookUpUsers
            }
            ApiError::MissingScope { .. } if message.contains("'read:groups:name'") => {
                GrantError::CannotLookUpGroups
            }
            _ => GrantError::Other(error),
        }
    }
}

/// Why the hub refused to let an invitee leave a server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeaveError {
    /// 404: the hub holds no share for this user on that server: their access
    /// comes through a group (only the owner can end it), or it is gone already.
    NoShareOfYours,
    /// 403 (other than bad credentials): the token lacks `users:shares`; the
    /// hub admin has to allow it (`configure(c)` does).
    NotAllowed,
    /// Any other failure, classified as usual.
    Other(ApiError),
}

impl From<ApiError> for LeaveError {
    fn from(error: ApiError) -> LeaveError {
        match error {
            ApiError::NotFound { .. } => LeaveError::NoShareOfYours,
            ApiError::MissingScope { .. } => LeaveError::NotAllowed,
            other => LeaveError::Other(other),
        }
    }
}

/// Each `/`-separated part of a JupyterLab file path percent-encoded like
/// `encodeURIComponent` (JupyterLab's `URLExt.encodeParts`), the slashes kept.
/// Leading, trailing and doubled slashes are dropped.
pub fn encode_path(path: &str) -> String {
    path.split('/')
        .filter(|part| !part.is_empty())
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// The path that opens `file` (a path relative to the server's root, as
/// JupyterLab names documents) in JupyterLab: `server_url + "lab/tree/" +
/// encoded path`. `server_url` is the server's path as the hub reports it
/// (`/user/alice/`, base URL and the hub's own escaping included); a missing
/// final slash is added. `None` for an empty path.
pub fn lab_file_path(server_url: &str, file: &str) -> Option<String> {
    let encoded = encode_path(file);
    if encoded.is_empty() {
        return None;
    }
    let slash = if server_url.ends_with('/') { "" } else { "/" };
    Some(format!("{server_url}{slash}lab/tree/{encoded}"))
}

/// An accept link that takes the invitee to `next` (a path on the hub's
/// host, such as [`lab_file_path`]'s) once accepted: JupyterHub's `next`
/// parameter, encoded as one query value. The hub checks `next` like a login
/// redirect and drops anything off its host.
pub fn link_with_next(link: &str, next: &str) -> String {
    let sep = if link.contains('?') { '&' } else { '?' };
    format!("{link}{sep}next={}", encode_segment(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_slashes_in_file_paths_are_dropped() {
        assert_eq!(encode_path("/a//b/"), "a/b");
        assert_eq!(encode_path("//"), "");
    }
}

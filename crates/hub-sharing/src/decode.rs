//! Reading the hub's JSON answers into the models, by hand.
//!
//! The JSON is parsed by whoever received it (the browser's `JSON.parse` in
//! the UI, `serde_json` in the tests) and read here through [`Json`], so
//! this crate keeps the wire format and no JSON parser or serde machinery
//! ends up in the wasm (serde's generic visitors and its error messages,
//! which format floats, cost about a tenth of it).
//!
//! The rules are the same for every model: the answer and every nested
//! model must be an object (not an array); unknown members are ignored; a
//! missing or `null` member takes its default (`""`, `0`, `false`, `[]`,
//! `None`); a member of the wrong type is an error naming it. Counts must
//! be whole numbers from 0 up to 2^53 - 1 (JavaScript's safe integers) and
//! within their type.

use crate::access::ServerAccess;
use crate::model::{
    HubErrorBody, HubInfo, HubUser, Named, NextPage, Page, PageHead, Pagination, ServerInfo, Share,
    ShareCode,
};

/// A parsed JSON value, read where it lies.
pub trait Json: Sized {
    /// True for an object (`{...}`), false for an array or anything else.
    fn is_object(&self) -> bool;
    /// True for `null`.
    fn is_null(&self) -> bool;
    /// Member `key` of an object; `None` when missing. Only asked of
    /// values for which [`Json::is_object`] is true.
    fn member(&self, key: &'static str) -> Option<Self>;
    /// The string, when this is one.
    fn string(&self) -> Option<String>;
    /// The number, when this is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, when this is one.
    fn boolean(&self) -> Option<bool>;
    /// The elements, when this is an array.
    fn elements(&self) -> Option<Vec<Self>>;
}

/// Why an answer could not be read: the member that had the wrong type
/// (`""` for the answer itself) and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The JSON member (`_pagination`, `scopes`, ...), or `""`.
    pub member: &'static str,
    /// What it should have been: `"an object"`, `"a string"`, ...
    pub expected: &'static str,
}

impl DecodeError {
    /// For the user: `"scopes: expected a list"`, `"expected an object"`.
    pub fn detail(&self) -> String {
        let mut detail = String::new();
        if !self.member.is_empty() {
            detail.push_str(self.member);
            detail.push_str(": ");
        }
        detail.push_str("expected ");
        detail.push_str(self.expected);
        detail
    }
}

impl core::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.detail())
    }
}

/// A value that can be read from JSON: one of the answers, a nested model,
/// or a member's type.
pub trait Decode: Sized {
    /// What the JSON must be, for [`DecodeError::expected`].
    const EXPECTED: &'static str;
    /// Read `json`; `Err(None)` when it is not [`Decode::EXPECTED`], or
    /// the error of a nested member.
    fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>>;

    /// Read a whole answer.
    fn decode<J: Json>(json: &J) -> Result<Self, DecodeError> {
        Self::read(json).map_err(|e| named(e, "", Self::EXPECTED))
    }
}

/// Member `key` of `obj`: `None` when missing or `null`.
fn opt<J: Json, T: Decode>(obj: &J, key: &'static str) -> Result<Option<T>, Option<DecodeError>> {
    match obj.member(key) {
        Some(value) if !value.is_null() => T::read(&value)
            .map(Some)
            .map_err(|e| Some(named(e, key, T::EXPECTED))),
        _ => Ok(None),
    }
}

/// The error of a member or element: what it should have been, named by
/// `key` unless a nested member already named it. Not generic, so that it
/// is in the wasm once.
#[inline(never)]
fn named(e: Option<DecodeError>, key: &'static str, expected: &'static str) -> DecodeError {
    let mut e = e.unwrap_or(DecodeError {
        member: "",
        expected,
    });
    if e.member.is_empty() {
        e.member = key;
    }
    e
}

/// Member `key` of `obj`, its default when missing or `null`.
fn or_default<J: Json, T: Decode + Default>(
    obj: &J,
    key: &'static str,
) -> Result<T, Option<DecodeError>> {
    opt(obj, key).map(Option::unwrap_or_default)
}

impl Decode for String {
    const EXPECTED: &'static str = "a string";
    fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>> {
        json.string().ok_or(None)
    }
}

impl Decode for bool {
    const EXPECTED: &'static str = "true or false";
    fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>> {
        json.boolean().ok_or(None)
    }
}

/// A whole number in `0..=max` (at most 2^53 - 1).
fn whole<J: Json>(json: &J, max: f64) -> Result<u64, Option<DecodeError>> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    match json.number() {
        Some(n) if n >= 0.0 && n <= max.min(MAX_SAFE) && n.fract() == 0.0 => Ok(n as u64),
        _ => Err(None),
    }
}

impl Decode for u64 {
    const EXPECTED: &'static str = "a whole number";
    fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>> {
        whole(json, f64::MAX)
    }
}

impl Decode for u32 {
    const EXPECTED: &'static str = "a whole number";
    fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>> {
        whole(json, u32::MAX.into()).map(|n| n as u32)
    }
}

impl Decode for u16 {
    const EXPECTED: &'static str = "a whole number";
    fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>> {
        whole(json, u16::MAX.into()).map(|n| n as u16)
    }
}

impl<T: Decode> Decode for Vec<T> {
    const EXPECTED: &'static str = "a list";
    fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>> {
        let elements = json.elements().ok_or(None)?;
        elements
            .iter()
            // an element of the wrong type: named by the list's member
            .map(|e| T::read(e).map_err(|inner| Some(named(inner, "", T::EXPECTED))))
            .collect()
    }
}

/// Implements [`Decode`] for a model read from an object, member by member.
macro_rules! object {
    ($ty:ty, |$obj:ident| $body:expr) => {
        impl Decode for $ty {
            const EXPECTED: &'static str = "an object";
            fn read<J: Json>($obj: &J) -> Result<Self, Option<DecodeError>> {
                if !$obj.is_object() {
                    return Err(None);
                }
                Ok($body)
            }
        }
    };
}

object!(Named, |o| Named {
    name: or_default(o, "name")?,
});

object!(ServerInfo, |o| ServerInfo {
    name: or_default(o, "name")?,
    user: opt(o, "user")?,
    url: opt(o, "url")?,
    full_url: opt(o, "full_url")?,
    ready: opt(o, "ready")?,
});

object!(Share, |o| Share {
    server: opt(o, "server")?,
    scopes: or_default(o, "scopes")?,
    user: opt(o, "user")?,
    group: opt(o, "group")?,
    kind: opt(o, "kind")?,
    created_at: or_default(o, "created_at")?,
});

object!(ShareCode, |o| ShareCode {
    id: or_default(o, "id")?,
    server: opt(o, "server")?,
    scopes: or_default(o, "scopes")?,
    created_at: or_default(o, "created_at")?,
    expires_at: opt(o, "expires_at")?,
    exchange_count: or_default(o, "exchange_count")?,
    last_exchanged_at: opt(o, "last_exchanged_at")?,
    code: opt(o, "code")?,
    accept_url: opt(o, "accept_url")?,
    full_accept_url: opt(o, "full_accept_url")?,
});

object!(NextPage, |o| NextPage {
    offset: or_default(o, "offset")?,
    limit: or_default(o, "limit")?,
    url: opt(o, "url")?,
});

object!(Pagination, |o| Pagination {
    offset: or_default(o, "offset")?,
    limit: or_default(o, "limit")?,
    total: opt(o, "total")?,
    next: opt(o, "next")?,
});

impl<T: Decode> Decode for Page<T> {
    const EXPECTED: &'static str = "an object";
    fn read<J: Json>(o: &J) -> Result<Self, Option<DecodeError>> {
        if !o.is_object() {
            return Err(None);
        }
        Ok(Page {
            items: or_default(o, "items")?,
            pagination: opt(o, "_pagination")?,
        })
    }
}

object!(PageHead, |o| PageHead {
    pagination: opt(o, "_pagination")?,
});

object!(HubInfo, |o| HubInfo {
    version: or_default(o, "version")?,
});

object!(HubUser, |o| HubUser {
    name: or_default(o, "name")?,
    scopes: or_default(o, "scopes")?,
});

object!(HubErrorBody, |o| HubErrorBody {
    status: opt(o, "status")?,
    message: opt(o, "message")?,
});

object!(ServerAccess, |o| ServerAccess {
    enforced: or_default(o, "enforced")?,
    owner: or_default(o, "owner")?,
    level: or_default(o, "level")?,
    ends_after_hours: or_default(o, "endsAfterHours")?,
});

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

/// The members of one object, read one by one. A member of the wrong type
/// reads as missing and its error is kept (the first one): the model is
/// built whole, then [`Members::finish`] drops it if anything was wrong.
/// (Rather than returning at the first error: that would need code to drop
/// the members read so far at every member, for every model.)
struct Members<'a, J> {
    obj: &'a J,
    error: Option<DecodeError>,
}

impl<'a, J: Json> Members<'a, J> {
    /// The members of `obj`, or `Err(None)` when it is not an object.
    fn of(obj: &'a J) -> Result<Self, Option<DecodeError>> {
        if obj.is_object() {
            Ok(Members { obj, error: None })
        } else {
            Err(None)
        }
    }

    /// Member `key`: `None` when missing or `null` (or of the wrong type).
    fn opt<T: Decode>(&mut self, key: &'static str) -> Option<T> {
        let value = self.obj.member(key).filter(|v| !v.is_null())?;
        match T::read(&value) {
            Ok(v) => Some(v),
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(named(e, key, T::EXPECTED));
                }
                None
            }
        }
    }

    /// Member `key`, its default when missing or `null`.
    fn or_default<T: Decode + Default>(&mut self, key: &'static str) -> T {
        self.opt(key).unwrap_or_default()
    }

    /// `value` unless a member had the wrong type.
    fn finish<T>(self, value: T) -> Result<T, Option<DecodeError>> {
        match self.error {
            None => Ok(value),
            error => Err(error),
        }
    }
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
            fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>> {
                let mut $obj = Members::of(json)?;
                let value = $body;
                $obj.finish(value)
            }
        }
    };
}

object!(Named, |o| Named {
    name: o.or_default("name"),
});

object!(ServerInfo, |o| ServerInfo {
    name: o.or_default("name"),
    user: o.opt("user"),
    url: o.opt("url"),
    full_url: o.opt("full_url"),
    ready: o.opt("ready"),
});

object!(Share, |o| Share {
    server: o.opt("server"),
    scopes: o.or_default("scopes"),
    user: o.opt("user"),
    group: o.opt("group"),
    kind: o.opt("kind"),
    created_at: o.or_default("created_at"),
});

object!(ShareCode, |o| ShareCode {
    id: o.or_default("id"),
    server: o.opt("server"),
    scopes: o.or_default("scopes"),
    created_at: o.or_default("created_at"),
    expires_at: o.opt("expires_at"),
    exchange_count: o.or_default("exchange_count"),
    last_exchanged_at: o.opt("last_exchanged_at"),
    code: o.opt("code"),
    accept_url: o.opt("accept_url"),
    full_accept_url: o.opt("full_accept_url"),
});

object!(NextPage, |o| NextPage {
    offset: o.or_default("offset"),
    limit: o.or_default("limit"),
    url: o.opt("url"),
});

object!(Pagination, |o| Pagination {
    offset: o.or_default("offset"),
    limit: o.or_default("limit"),
    total: o.opt("total"),
    next: o.opt("next"),
});

impl<T: Decode> Decode for Page<T> {
    const EXPECTED: &'static str = "an object";
    fn read<J: Json>(json: &J) -> Result<Self, Option<DecodeError>> {
        let mut o = Members::of(json)?;
        let page = Page {
            items: o.or_default("items"),
            pagination: o.opt("_pagination"),
        };
        o.finish(page)
    }
}

object!(PageHead, |o| PageHead {
    pagination: o.opt("_pagination"),
});

object!(HubInfo, |o| HubInfo {
    version: o.or_default("version"),
});

object!(HubUser, |o| HubUser {
    name: o.or_default("name"),
    scopes: o.or_default("scopes"),
});

object!(HubErrorBody, |o| HubErrorBody {
    status: o.opt("status"),
    message: o.opt("message"),
});

object!(ServerAccess, |o| ServerAccess {
    enforced: o.or_default("enforced"),
    owner: o.or_default("owner"),
    level: o.or_default("level"),
    ends_after_hours: o.or_default("endsAfterHours"),
});

//! Turning errors and times into the user's words.

use hub_sharing::{
    ago, parse_timestamp_ms, remaining, Ago, ApiError, GrantError, Grantee, LeaveError, Remaining,
};
use std::cell::RefCell;
use std::thread::LocalKey;

use wasm_bindgen::JsValue;

use crate::host::Config;
use crate::state::{Op, Outcome};
use crate::strings::{fill, Plural};

/// The sentence shown in the dialog for an error. Every [`ApiError`] class
/// has its own, naming what happened and what the user can do.
pub fn error_message(config: &Config, error: &ApiError) -> String {
    let s = &config.strings;
    match error {
        ApiError::Network => s.error_network.clone(),
        ApiError::Timeout => s.error_timeout.clone(),
        // a web page where the API should be: on a server with its own
        // host, the proxy does not send /hub/ there to the hub
        ApiError::NotJson { status: 404 } if config.hub_elsewhere() => s.error_no_hub_route.clone(),
        ApiError::NotJson { .. } => s.error_not_json.clone(),
        ApiError::InvalidCredentials => s.error_invalid_credentials.clone(),
        ApiError::MissingScope { message } => fill(&s.error_missing_scope, &[message]),
        ApiError::NotFound { message } => fill(&s.error_not_found, &[message]),
        ApiError::BadRequest { message } => fill(&s.error_bad_request, &[message]),
        ApiError::Server { status, .. } => fill(&s.error_server, &[&status.to_string()]),
        ApiError::Unexpected { status, .. } => fill(&s.error_unexpected, &[&status.to_string()]),
        ApiError::Malformed { detail } => fill(&s.error_malformed, &[detail]),
    }
}

/// "27 Nov 2026, 21:44 (5 minutes ago)" for a hub timestamp, in the user's
/// locale and time zone. Unparseable input is shown as the hub sent it.
pub fn granted_at(config: &Config, timestamp: &str, now: i64) -> String {
    let Some(ms) = parse_timestamp_ms(timestamp) else {
        return timestamp.to_owned();
    };
    let local = local_datetime(&config.locale, ms);
    let relative = match ago(ms, now) {
        // a time a little ahead of this clock (skew) is "now" too
        Ago::JustNow | Ago::InFuture => relative_time(&config.locale, 0, TimeUnit::Second),
        Ago::Minutes(n) => relative_time(&config.locale, -(n as i64), TimeUnit::Minute),
        Ago::Hours(n) => relative_time(&config.locale, -(n as i64), TimeUnit::Hour),
        Ago::Days(n) => relative_time(&config.locale, -(n as i64), TimeUnit::Day),
    };
    fill(&config.strings.granted_at, &[&local, &relative])
}

/// The units of [`relative_time`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
}

impl TimeUnit {
    fn name(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
        }
    }
}

/// One formatter per locale, made on first use and kept: `Intl` formatters
/// are costly to build, and `Date.toLocaleString(locale, options)` builds a
/// new one on every call (about 75 µs a row: 756 ms for 10,000 rows).
type PerLocale<T> = RefCell<Option<(String, T)>>;

fn per_locale<T: Clone + 'static>(
    slot: &'static LocalKey<PerLocale<T>>,
    locale: &str,
    make: impl FnOnce(&js_sys::Array) -> T,
) -> T {
    slot.with(|cell| {
        let mut cell = cell.borrow_mut();
        match &*cell {
            Some((l, made)) if l == locale => made.clone(),
            _ => {
                let made = make(&js_sys::Array::of1(&JsValue::from_str(locale)));
                *cell = Some((locale.to_owned(), made.clone()));
                made
            }
        }
    })
}

thread_local! {
    /// The `format` function of the locale's `Intl.DateTimeFormat`.
    static DATE_FORMAT: PerLocale<js_sys::Function> = const { RefCell::new(None) };
    /// The locale's `Intl.RelativeTimeFormat`.
    static RELATIVE_FORMAT: PerLocale<js_sys::Intl::RelativeTimeFormat> = const { RefCell::new(None) };
}

/// "5 minutes ago", "in 3 hours", "yesterday", "now" (`value` units from
/// now; negative is the past), in the user's language by the browser's
/// `Intl.RelativeTimeFormat`: correct plurals in every locale, nothing to
/// translate.
pub fn relative_time(locale: &str, value: i64, unit: TimeUnit) -> String {
    let format = per_locale(&RELATIVE_FORMAT, locale, |locales| {
        let options = js_sys::Object::new();
        // "yesterday", "now" rather than "1 day ago", "in 0 seconds"
        let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
        js_sys::Intl::RelativeTimeFormat::new(locales, &options)
    });
    format.format(value as f64, unit.name()).into()
}

/// Local date and time through the browser's `Intl` support.
pub fn local_datetime(locale: &str, ms: i64) -> String {
    let format = per_locale(&DATE_FORMAT, locale, |locales| {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        js_sys::Intl::DateTimeFormat::new(locales, &options).format()
    });
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// A count in the user's locale ("10,000", "10 000").
pub fn local_number(locale: &str, n: usize) -> String {
    js_sys::Number::from(n as f64)
        .to_locale_string(locale)
        .as_string()
        .unwrap_or_else(|| n.to_string())
}

/// "in 59 minutes" until `ms`; `None` when the hub's clock (`now`) says
/// it is past.
fn time_left(config: &Config, ms: i64, now: i64) -> Option<String> {
    Some(match remaining(ms, now) {
        Remaining::Expired => return None,
        Remaining::Minutes(n) => relative_time(&config.locale, n as i64, TimeUnit::Minute),
        Remaining::Hours(n) => relative_time(&config.locale, n as i64, TimeUnit::Hour),
        Remaining::Days(n) => relative_time(&config.locale, n as i64, TimeUnit::Day),
    })
}

/// "27 Nov 2026, 22:44 (in 59 minutes)" for a link's expiry in the table of
/// links, or "This link has expired." (the hub drops it from its list soon
/// after).
pub fn expires_cell(config: &Config, expires_at: &str, now: i64) -> String {
    let Some(ms) = parse_timestamp_ms(expires_at) else {
        return expires_at.to_owned();
    };
    match time_left(config, ms, now) {
        None => config.strings.link_expired.clone(),
        Some(left) => fill(
            &config.strings.time_and_relative,
            &[&local_datetime(&config.locale, ms), &left],
        ),
    }
}

/// "Valid until 27 Nov 2026, 22:44 (in 59 minutes) ..." for a new link's
/// expiry, or "This link has expired."
pub fn link_expiry(config: &Config, expires_at: &str, now: i64) -> String {
    let Some(ms) = parse_timestamp_ms(expires_at) else {
        return String::new();
    };
    match time_left(config, ms, now) {
        None => config.strings.link_expired.clone(),
        Some(left) => fill(
            &config.strings.link_expires,
            &[&local_datetime(&config.locale, ms), &left],
        ),
    }
}

/// The sentence announcing an outcome.
pub fn outcome_text(config: &Config, outcome: &Outcome) -> String {
    let s = &config.strings;
    match outcome {
        Outcome::Copied => s.link_copied.clone(),
        Outcome::CopyFailed => s.copy_failed.clone(),
        Outcome::LinksRevoked => s.links_revoked.clone(),
        Outcome::LinkRevoked => s.link_revoked.clone(),
        Outcome::Shared(Grantee::User(name), address) => fill(&s.shared_user, &[name, address]),
        Outcome::Shared(Grantee::Group(name), _) => fill(&s.shared_group, &[name]),
        Outcome::HadAccess(grantee) => fill(&s.had_access, &[grantee.name()]),
        Outcome::NameNeeded => s.name_needed.clone(),
        Outcome::OwnServer => s.own_server.clone(),
        Outcome::ShareRevoked(name, true) => fill(&s.share_ended, &[name]),
        Outcome::ShareRevoked(name, false) => fill(&s.share_revoked, &[name]),
        Outcome::NothingRevoked(name) => fill(&s.nothing_revoked, &[name]),
        Outcome::AllRevoked(true) => s.all_ended.clone(),
        Outcome::AllRevoked(false) => s.all_revoked.clone(),
    }
}

/// The sentence for a change that failed.
pub fn failure_text(config: &Config, op: &Op, error: &ApiError) -> String {
    let s = &config.strings;
    let why = error_message(config, error);
    match op {
        Op::Generate => fill(&s.generate_failed, &[&why]),
        Op::RevokeLinks => fill(&s.revoke_links_failed, &[&why]),
        Op::RevokeLink(_) if matches!(error, ApiError::NotFound { .. }) => {
            s.link_already_gone.clone()
        }
        Op::RevokeLink(_) => fill(&s.revoke_link_failed, &[&why]),
        Op::Share(grantee) => match GrantError::from(error.clone()) {
            GrantError::NoSuchUser => fill(&s.no_such_user, &[grantee.name()]),
            GrantError::NoSuchGroup => fill(&s.no_such_group, &[grantee.name()]),
            GrantError::CannotLookUpUsers => s.cannot_look_up_users.clone(),
            GrantError::CannotLookUpGroups => s.cannot_look_up_groups.clone(),
            GrantError::Other(_) => fill(&s.share_failed, &[grantee.name(), &why]),
        },
        Op::RevokeShare(name) => fill(&s.revoke_failed, &[name, &why]),
        Op::RevokeAllShares => fill(&s.revoke_all_failed, &[&why]),
    }
}

/// The sentence for a failed "Leave this server"; `owner` owns the server.
pub fn leave_failure_text(config: &Config, error: &LeaveError, owner: &str) -> String {
    let s = &config.strings;
    match error {
        LeaveError::NoShareOfYours => fill(&s.leave_no_share, &[owner]),
        LeaveError::NotAllowed => fill(&s.leave_not_allowed, &[owner]),
        LeaveError::Other(e) => fill(&s.leave_failed, &[&error_message(config, e)]),
    }
}

/// "15 minutes", "1 hour", "1 week" for a lifetime in seconds.
pub fn duration_label(config: &Config, seconds: u64) -> String {
    let units = [
        (604_800, Plural::Weeks),
        (86_400, Plural::Days),
        (3_600, Plural::Hours),
        (60, Plural::Minutes),
    ];
    for (size, phrase) in units {
        if seconds >= size && seconds.is_multiple_of(size) {
            return config.plural(phrase, seconds / size);
        }
    }
    config.plural(Plural::Seconds, seconds)
}

//! Turning errors and times into the user's words.

use hub_sharing::{
    ago, parse_timestamp_ms, remaining, Ago, ApiError, GrantError, Grantee, LeaveError, Remaining,
};
use std::cell::RefCell;

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
        Ago::JustNow => config.strings.just_now.clone(),
        Ago::InFuture => config.strings.in_the_future.clone(),
        Ago::Minutes(n) => config.plural(Plural::MinutesAgo, n),
        Ago::Hours(n) => config.plural(Plural::HoursAgo, n),
        Ago::Days(n) => config.plural(Plural::DaysAgo, n),
    };
    fill(&config.strings.granted_at, &[&local, &relative])
}

thread_local! {
    /// The `format` function of one `Intl.DateTimeFormat` per locale. Made
    /// once: `Date.toLocaleString(locale, options)` builds a new formatter on
    /// every call, which cost about 75 µs a row (756 ms for 10,000 rows).
    static DATE_FORMAT: RefCell<Option<(String, js_sys::Function)>> = const { RefCell::new(None) };
}

/// Local date and time through the browser's `Intl` support.
pub fn local_datetime(locale: &str, ms: i64) -> String {
    let format = DATE_FORMAT.with(|cell| {
        let mut cell = cell.borrow_mut();
        match &*cell {
            Some((l, f)) if l == locale => f.clone(),
            _ => {
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
                let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
                let locales = js_sys::Array::of1(&JsValue::from_str(locale));
                let f = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
                *cell = Some((locale.to_owned(), f.clone()));
                f
            }
        }
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
        Remaining::Minutes(n) => config.plural(Plural::InMinutes, n),
        Remaining::Hours(n) => config.plural(Plural::InHours, n),
        Remaining::Days(n) => config.plural(Plural::InDays, n),
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
        Outcome::ShareRevoked(name) => fill(&s.share_revoked, &[name]),
        Outcome::NothingRevoked(name) => fill(&s.nothing_revoked, &[name]),
        Outcome::AllRevoked => s.all_revoked.clone(),
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

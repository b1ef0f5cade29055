//! Classifying failed hub requests.

use crate::model::HubErrorBody;

/// The message of a 403 caused by a missing, expired or revoked token.
const INVALID_CREDENTIALS: &str = "Missing or invalid credentials";

/// Why a hub request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// fetch rejected (hub unreachable).
    Network,
    /// Request aborted after timeout.
    Timeout,
    /// HTML (login page / proxy page) where JSON was expected.
    NotJson {
        /// HTTP status of the response.
        status: u16,
    },
    /// 403 "Missing or invalid credentials." (or a JSON 401): the token is not accepted.
    InvalidCredentials,
    /// Other 403 (e.g. `"Action is not authorized with current scopes; requires any of [shares]"`).
    MissingScope {
        /// The hub's message (empty if it gave none).
        message: String,
    },
    /// 404, e.g. "No access to resources or resources not found".
    NotFound {
        /// The hub's message (empty if it gave none).
        message: String,
    },
    /// 400 (the hub's message, e.g. a validation error).
    BadRequest {
        /// The hub's message (empty if it gave none).
        message: String,
    },
    /// 5xx.
    Server {
        /// HTTP status of the response.
        status: u16,
        /// The hub's message, when the body was a JSON error.
        message: Option<String>,
    },
    /// Anything else non-2xx (e.g. 405, 409, 429).
    Unexpected {
        /// HTTP status of the response.
        status: u16,
        /// The hub's message, when the body was a JSON error.
        message: Option<String>,
    },
    /// 2xx but the body is not the expected shape.
    Malformed {
        /// What went wrong (a decoder message).
        detail: String,
    },
}

/// True when a content type is JSON ("application/json", "application/json; charset=UTF-8", "application/problem+json").
///
/// Parameters are ignored and the comparison is case-insensitive; any
/// `application/*+json` type counts.
pub fn is_json_content_type(ct: Option<&str>) -> bool {
    let Some(ct) = ct else { return false };
    let essence = ct.split(';').next().unwrap_or("").trim();
    let Some((kind, sub)) = essence.split_once('/') else {
        return false;
    };
    if !kind.trim().eq_ignore_ascii_case("application") {
        return false;
    }
    let sub = sub.trim();
    sub.eq_ignore_ascii_case("json")
        || (sub.len() > 5
            && sub.is_char_boundary(sub.len() - 5)
            && sub[sub.len() - 5..].eq_ignore_ascii_case("+json"))
}

/// Classify a finished non-2xx response. `content_type` is the response header; `body` is the parsed JSON error body if the body was JSON.
///
/// Rules, in order:
/// - not JSON (content type not JSON and no parsed body): 5xx → [`ApiError::Server`]
///   without message (a proxy page such as CHP's 503), anything else →
///   [`ApiError::NotJson`] (a login page, a redirect, a foreign 404 page);
/// - 403 whose message contains "Missing or invalid credentials", or any JSON 401
///   → [`ApiError::InvalidCredentials`];
/// - other 403 → [`ApiError::MissingScope`];
/// - 404 → [`ApiError::NotFound`]; 400 → [`ApiError::BadRequest`];
/// - 5xx → [`ApiError::Server`]; anything else → [`ApiError::Unexpected`].
pub fn classify(status: u16, content_type: Option<&str>, body: Option<&HubErrorBody>) -> ApiError {
    let is_json = body.is_some() || is_json_content_type(content_type);
    if !is_json {
        return if (500..600).contains(&status) {
            ApiError::Server {
                status,
                message: None,
            }
        } else {
            ApiError::NotJson { status }
        };
    }
    let message = body.and_then(|b| b.message.clone());
    let text = || message.clone().unwrap_or_default();
    match status {
        401 => ApiError::InvalidCredentials,
        403 if text().contains(INVALID_CREDENTIALS) => ApiError::InvalidCredentials,
        403 => ApiError::MissingScope { message: text() },
        404 => ApiError::NotFound { message: text() },
        400 => ApiError::BadRequest { message: text() },
        500..=599 => ApiError::Server { status, message },
        _ => ApiError::Unexpected { status, message },
    }
}

impl ApiError {
    /// Stable key: "network", "timeout", "not-json", "invalid-credentials",
    /// "missing-scope", "not-found", "bad-request", "server", "unexpected", "malformed".
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Network => "network",
            ApiError::Timeout => "timeout",
            ApiError::NotJson { .. } => "not-json",
            ApiError::InvalidCredentials => "invalid-credentials",
            ApiError::MissingScope { .. } => "missing-scope",
            ApiError::NotFound { .. } => "not-found",
            ApiError::BadRequest { .. } => "bad-request",
            ApiError::Server { .. } => "server",
            ApiError::Unexpected { .. } => "unexpected",
            ApiError::Malformed { .. } => "malformed",
        }
    }

    /// The hub's (or decoder's) message, when there is a non-empty one.
    pub fn message(&self) -> Option<&str> {
        let m = match self {
            ApiError::MissingScope { message }
            | ApiError::NotFound { message }
            | ApiError::BadRequest { message } => Some(message.as_str()),
            ApiError::Server { message, .. } | ApiError::Unexpected { message, .. } => {
                message.as_deref()
            }
            ApiError::Malformed { detail } => Some(detail.as_str()),
            _ => None,
        };
        m.filter(|m| !m.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_suffix_needs_application() {
        assert!(!is_json_content_type(Some("text/json")));
        assert!(!is_json_content_type(Some("+json")));
        assert!(!is_json_content_type(Some("application/+json")));
        assert!(is_json_content_type(Some("Application/JSON")));
    }
}

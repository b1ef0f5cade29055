//! Classifying failed responses.

use hub_sharing::{classify, is_json_content_type, ApiError, HubErrorBody};

const JSON: Option<&str> = Some("application/json");
const HTML: Option<&str> = Some("text/html; charset=UTF-8");

fn fixture(name: &str) -> HubErrorBody {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn body(status: u16, message: &str) -> HubErrorBody {
    HubErrorBody {
        status: Some(status),
        message: Some(message.into()),
    }
}

#[test]
fn json_content_types() {
    for ct in [
        "application/json",
        "application/json; charset=UTF-8",
        "application/json;charset=utf-8",
        "Application/JSON",
        " application/json ",
        "application/problem+json",
        "application/vnd.api+json; charset=utf-8",
    ] {
        assert!(is_json_content_type(Some(ct)), "{ct}");
    }
    for ct in [
        "text/html",
        "text/html; charset=UTF-8",
        "text/plain",
        "application/javascript",
        "application/jsonp",
        "application/xml",
        "",
        "json",
    ] {
        assert!(!is_json_content_type(Some(ct)), "{ct}");
    }
    assert!(!is_json_content_type(None));
}

#[test]
fn invalid_credentials() {
    let e = classify(403, JSON, Some(&fixture("error_403_credentials.json")));
    assert_eq!(e, ApiError::InvalidCredentials);
    assert_eq!(e.kind(), "invalid-credentials");
    assert!(!e.is_retryable());
    assert_eq!(e.status(), Some(403));
    // without the trailing period, and a JSON 401
    assert_eq!(
        classify(
            403,
            JSON,
            Some(&body(403, "Missing or invalid credentials"))
        ),
        ApiError::InvalidCredentials
    );
    assert_eq!(
        classify(401, JSON, Some(&body(401, "Unauthorized"))),
        ApiError::InvalidCredentials
    );
}

#[test]
fn missing_scope() {
    let e = classify(403, JSON, Some(&fixture("error_403_scope.json")));
    assert_eq!(
        e,
        ApiError::MissingScope {
            message: "Action is not authorized with current scopes; requires any of [shares]"
                .into()
        }
    );
    assert_eq!(e.kind(), "missing-scope");
    assert!(!e.is_retryable());
    let e = classify(
        403,
        Some("application/json; charset=UTF-8"),
        Some(&fixture("error_403_read_users_name.json")),
    );
    assert_eq!(
        e,
        ApiError::MissingScope {
            message: "Need scope 'read:users:name' to share with users by name".into()
        }
    );
    // JSON 403 whose body could not be read
    assert_eq!(
        classify(403, JSON, None),
        ApiError::MissingScope {
            message: String::new()
        }
    );
}

#[test]
fn not_found() {
    let e = classify(404, JSON, Some(&fixture("error_404_no_access.json")));
    assert_eq!(
        e,
        ApiError::NotFound {
            message: "No access to resources or resources not found".into()
        }
    );
    assert_eq!(e.kind(), "not-found");
    assert_eq!(
        e.message(),
        Some("No access to resources or resources not found")
    );
    let e = classify(404, JSON, Some(&fixture("error_404_no_code.json")));
    assert_eq!(e.message(), Some("No matching code found"));
}

#[test]
fn bad_request() {
    let e = classify(400, JSON, Some(&fixture("error_400_no_such_user.json")));
    assert_eq!(
        e,
        ApiError::BadRequest {
            message: "No such user: zed".into()
        }
    );
    assert_eq!(e.kind(), "bad-request");
    assert!(!e.is_retryable());
    let e = classify(400, JSON, Some(&fixture("error_400_expires.json")));
    assert!(e.message().unwrap().contains("expires_in"));
}

#[test]
fn server_errors() {
    let e = classify(500, JSON, Some(&fixture("error_500.json")));
    assert_eq!(
        e,
        ApiError::Server {
            status: 500,
            message: Some("Internal Server Error".into())
        }
    );
    assert_eq!(e.kind(), "server");
    assert!(e.is_retryable());
    // proxy pages (configurable-http-proxy 503 when the hub is down)
    for status in [502, 503, 504] {
        let e = classify(status, HTML, None);
        assert_eq!(
            e,
            ApiError::Server {
                status,
                message: None
            }
        );
        assert!(e.is_retryable());
        assert_eq!(e.message(), None);
    }
    assert_eq!(
        classify(500, None, None),
        ApiError::Server {
            status: 500,
            message: None
        }
    );
}

#[test]
fn html_where_json_expected() {
    for status in [200, 302, 401, 403, 404, 405] {
        let e = classify(status, HTML, None);
        assert_eq!(e, ApiError::NotJson { status }, "{status}");
        assert_eq!(e.kind(), "not-json");
        assert!(!e.is_retryable());
        assert_eq!(e.status(), Some(status));
    }
    // no content type and no body
    assert_eq!(classify(403, None, None), ApiError::NotJson { status: 403 });
}

#[test]
fn parsed_body_counts_as_json_even_without_header() {
    let b = fixture("error_403_credentials.json");
    assert_eq!(classify(403, None, Some(&b)), ApiError::InvalidCredentials);
    assert_eq!(
        classify(404, Some("text/plain"), Some(&body(404, "x"))),
        ApiError::NotFound {
            message: "x".into()
        }
    );
}

#[test]
fn unexpected_statuses() {
    let e = classify(405, JSON, Some(&fixture("error_405.json")));
    assert_eq!(
        e,
        ApiError::Unexpected {
            status: 405,
            message: Some("Method Not Allowed".into())
        }
    );
    assert_eq!(e.kind(), "unexpected");
    assert!(!e.is_retryable());
    assert_eq!(
        classify(429, JSON, None),
        ApiError::Unexpected {
            status: 429,
            message: None
        }
    );
    assert_eq!(
        classify(409, JSON, Some(&HubErrorBody::default())),
        ApiError::Unexpected {
            status: 409,
            message: None
        }
    );
}

#[test]
fn kinds_are_stable_and_distinct() {
    let all = [
        (ApiError::Network, "network", true),
        (ApiError::Timeout, "timeout", true),
        (ApiError::NotJson { status: 200 }, "not-json", false),
        (ApiError::InvalidCredentials, "invalid-credentials", false),
        (
            ApiError::MissingScope {
                message: String::new(),
            },
            "missing-scope",
            false,
        ),
        (
            ApiError::NotFound {
                message: String::new(),
            },
            "not-found",
            false,
        ),
        (
            ApiError::BadRequest {
                message: String::new(),
            },
            "bad-request",
            false,
        ),
        (
            ApiError::Server {
                status: 503,
                message: None,
            },
            "server",
            true,
        ),
        (
            ApiError::Unexpected {
                status: 418,
                message: None,
            },
            "unexpected",
            false,
        ),
        (
            ApiError::Malformed {
                detail: "missing field `items`".into(),
            },
            "malformed",
            false,
        ),
    ];
    for (e, kind, retry) in &all {
        assert_eq!(e.kind(), *kind);
        assert_eq!(e.is_retryable(), *retry, "{kind}");
    }
    let mut kinds: Vec<&str> = all.iter().map(|(e, _, _)| e.kind()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), all.len());
}

#[test]
fn status_and_message_accessors() {
    assert_eq!(ApiError::Network.status(), None);
    assert_eq!(ApiError::Timeout.message(), None);
    let m = ApiError::Malformed {
        detail: "bad".into(),
    };
    assert_eq!(m.status(), None);
    assert_eq!(m.message(), Some("bad"));
    assert_eq!(
        ApiError::BadRequest {
            message: String::new()
        }
        .message(),
        None
    );
    assert_eq!(
        ApiError::Unexpected {
            status: 409,
            message: Some("conflict".into())
        }
        .to_string(),
        "unexpected (409): conflict"
    );
}

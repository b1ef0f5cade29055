//! Classifying failed responses.

mod json;

use hub_sharing::{classify, is_json_content_type, ApiError, HubErrorBody};

const JSON: Option<&str> = Some("application/json");
const HTML: Option<&str> = Some("text/html; charset=UTF-8");

fn fixture(name: &str) -> HubErrorBody {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
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
        classify(404, JSON, Some(&fixture("error_404_no_code.json"))),
        ApiError::NotFound {
            message: "No matching code found".into()
        }
    );
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
    let e = classify(400, JSON, Some(&fixture("error_400_expires.json")));
    assert!(matches!(e, ApiError::BadRequest { message } if message.contains("expires_in")));
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
        (ApiError::Network, "network"),
        (ApiError::Timeout, "timeout"),
        (ApiError::NotJson { status: 200 }, "not-json"),
        (ApiError::InvalidCredentials, "invalid-credentials"),
        (
            ApiError::MissingScope {
                message: String::new(),
            },
            "missing-scope",
        ),
        (
            ApiError::NotFound {
                message: String::new(),
            },
            "not-found",
        ),
        (
            ApiError::BadRequest {
                message: String::new(),
            },
            "bad-request",
        ),
        (
            ApiError::Server {
                status: 503,
                message: None,
            },
            "server",
        ),
        (
            ApiError::Unexpected {
                status: 418,
                message: None,
            },
            "unexpected",
        ),
        (
            ApiError::Malformed {
                detail: "missing field `items`".into(),
            },
            "malformed",
        ),
    ];
    for (e, kind) in &all {
        assert_eq!(e.kind(), *kind);
    }
    let mut kinds: Vec<&str> = all.iter().map(|(e, _)| e.kind()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), all.len());
}

#[test]
fn the_message_is_the_hubs_or_the_decoders_and_never_empty() {
    assert_eq!(ApiError::Timeout.message(), None);
    let m = ApiError::Malformed {
        detail: "bad".into(),
    };
    assert_eq!(m.message(), Some("bad"));
    assert_eq!(
        ApiError::BadRequest {
            message: String::new()
        }
        .message(),
        None
    );
}

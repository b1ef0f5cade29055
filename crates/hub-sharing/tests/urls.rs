//! URL building: segment encoding and every `HubApi` builder.

use hub_sharing::{encode_segment, lab_file_path, link_with_next, HubApi, PAGE_LIMIT};

fn local() -> HubApi {
    HubApi::new("", "/hub/", "http://127.0.0.1:8000").unwrap()
}

// ---------- encode_segment (expected values are encodeURIComponent's) ----------

#[test]
fn encode_matches_encode_uri_component() {
    let cases = [
        ("alice", "alice"),
        ("first.last@example.org", "first.last%40example.org"),
        ("a b+c", "a%20b%2Bc"),
        ("ü", "%C3%BC"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("<img src=x>", "%3Cimg%20src%3Dx%3E"),
        ("a?b#c%d", "a%3Fb%23c%25d"),
        ("it's (ok)!*~", "it's%20(ok)!*~"),
        ("a/b", "a%2Fb"),
        ("&;=,:$", "%26%3B%3D%2C%3A%24"),
        ("\"quoted\"", "%22quoted%22"),
        ("tab\tnl\n", "tab%09nl%0A"),
        ("[]{}|\\^`", "%5B%5D%7B%7D%7C%5C%5E%60"),
        ("😀", "%F0%9F%98%80"),
        ("", ""),
        ("sc_12", "sc_12"),
    ];
    for (input, expected) in cases {
        assert_eq!(encode_segment(input), expected, "input {input:?}");
    }
}

#[test]
fn encode_every_ascii_byte_like_js() {
    // encodeURIComponent leaves exactly these 71 characters alone.
    let keep = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";
    for b in 0u8..128 {
        let s = (b as char).to_string();
        let enc = encode_segment(&s);
        if keep.contains(b as char) {
            assert_eq!(enc, s);
        } else {
            assert_eq!(enc, format!("%{b:02X}"), "byte {b}");
        }
    }
}

/// One percent-decoding, as a server does with a path segment or query value.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn encoding_round_trips_through_simple_decoder() {
    for s in ["a b", "ü/日本", "%25", "<img src=x>", "x+y?z#w"] {
        assert_eq!(decode(&encode_segment(s)), s);
    }
}

// ---------- HubApi::new ----------

#[test]
fn base_uses_page_origin_when_hub_host_empty() {
    let api = local();
    assert_eq!(api.base(), "http://127.0.0.1:8000/hub/api/");
    assert_eq!(api.origin(), "http://127.0.0.1:8000");
}

#[test]
fn with_a_hub_on_another_host_the_api_stays_same_origin_and_pages_go_to_the_hub() {
    // subdomain_host: the server is on its own host, the hub's pages on hubHost
    let api = HubApi::new(
        "https://hub.example.org",
        "/hub/",
        "https://alice.users.example.org",
    )
    .unwrap();
    assert_eq!(api.base(), "https://alice.users.example.org/hub/api/");
    assert_eq!(
        api.shares_url("alice", ""),
        "https://alice.users.example.org/hub/api/shares/alice/"
    );
    assert_eq!(api.origin(), "https://hub.example.org");
    assert_eq!(
        api.absolute_url("/hub/accept-share?code=x"),
        "https://hub.example.org/hub/accept-share?code=x"
    );
    assert_eq!(api.home_url(), "https://hub.example.org/hub/home");
}

#[test]
fn blank_hub_host_is_ignored() {
    let api = HubApi::new("   ", "/hub/", "http://localhost:8000").unwrap();
    assert_eq!(api.base(), "http://localhost:8000/hub/api/");
}

#[test]
fn prefix_slashes_are_normalised() {
    for prefix in [
        "/jupyter/hub/",
        "jupyter/hub/",
        "/jupyter/hub",
        "jupyter/hub",
        " /jupyter/hub/ ",
    ] {
        let api = HubApi::new("", prefix, "https://example.org").unwrap();
        assert_eq!(
            api.base(),
            "https://example.org/jupyter/hub/api/",
            "prefix {prefix:?}"
        );
    }
    assert_eq!(
        HubApi::new("", "hub", "https://example.org")
            .unwrap()
            .base(),
        "https://example.org/hub/api/"
    );
}

#[test]
fn origin_trailing_slash_is_dropped() {
    let api = HubApi::new("https://hub.example.org/", "/hub/", "").unwrap();
    assert_eq!(api.origin(), "https://hub.example.org");
    assert_eq!(api.base(), "/hub/api/");
    let api = HubApi::new("", "/hub/", "http://127.0.0.1:8000/").unwrap();
    assert_eq!(api.base(), "http://127.0.0.1:8000/hub/api/");
}

#[test]
fn empty_prefix_means_not_under_a_hub() {
    assert_eq!(HubApi::new("", "", "http://localhost:8888"), None);
    assert_eq!(
        HubApi::new("https://hub.example.org", "  ", "http://x"),
        None
    );
}

#[test]
fn no_origin_at_all_gives_root_relative_urls() {
    let api = HubApi::new("", "/hub/", "").unwrap();
    assert_eq!(api.base(), "/hub/api/");
    assert_eq!(api.user_url(), "/hub/api/user");
    assert_eq!(
        api.absolute_url("/hub/accept-share?code=x"),
        "/hub/accept-share?code=x"
    );
}

#[test]
fn equal_inputs_give_equal_apis() {
    assert_eq!(
        HubApi::new("", "/hub", "http://a"),
        HubApi::new("", "hub/", "http://a/")
    );
    assert_ne!(
        HubApi::new("", "/hub/", "http://a"),
        HubApi::new("", "/hub/", "http://b")
    );
}

// ---------- simple endpoints ----------

#[test]
fn root_and_user_urls() {
    let api = local();
    assert_eq!(api.root_url(), "http://127.0.0.1:8000/hub/api/");
    assert_eq!(api.root_url(), api.base());
    assert_eq!(api.user_url(), "http://127.0.0.1:8000/hub/api/user");
}

// ---------- shares / share-codes ----------

#[test]
fn default_server_keeps_trailing_slash() {
    let api = local();
    assert_eq!(
        api.shares_url("alice", ""),
        "http://127.0.0.1:8000/hub/api/shares/alice/"
    );
    assert_eq!(
        api.share_codes_url("alice", ""),
        "http://127.0.0.1:8000/hub/api/share-codes/alice/"
    );
}

#[test]
fn named_servers_are_encoded() {
    let api = local();
    assert_eq!(
        api.shares_url("alice", "my analysis"),
        "http://127.0.0.1:8000/hub/api/shares/alice/my%20analysis"
    );
    assert_eq!(
        api.share_codes_url("alice", "gpu-1"),
        "http://127.0.0.1:8000/hub/api/share-codes/alice/gpu-1"
    );
    assert_eq!(
        api.share_codes_url("alice", "a+b?c#d%e"),
        "http://127.0.0.1:8000/hub/api/share-codes/alice/a%2Bb%3Fc%23d%25e"
    );
    assert_eq!(
        api.shares_url("alice", "données"),
        "http://127.0.0.1:8000/hub/api/shares/alice/donn%C3%A9es"
    );
    assert_eq!(
        api.shares_url("alice", "実験"),
        "http://127.0.0.1:8000/hub/api/shares/alice/%E5%AE%9F%E9%A8%93"
    );
}

#[test]
fn odd_owner_names_are_encoded() {
    let api = local();
    let cases = [
        ("first.last@example.org", "first.last%40example.org"),
        ("a b", "a%20b"),
        ("ü", "%C3%BC"),
        ("<img src=x>", "%3Cimg%20src%3Dx%3E"),
        ("o'brien", "o'brien"),
        ("x;y&z", "x%3By%26z"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
    ];
    for (owner, enc) in cases {
        assert_eq!(
            api.shares_url(owner, ""),
            format!("http://127.0.0.1:8000/hub/api/shares/{enc}/"),
        );
        assert_eq!(
            api.share_codes_url(owner, "s 1"),
            format!("http://127.0.0.1:8000/hub/api/share-codes/{enc}/s%201"),
        );
    }
}

#[test]
fn share_code_by_id() {
    let api = local();
    assert_eq!(
        api.share_code_by_id_url("alice", "", "sc_3"),
        "http://127.0.0.1:8000/hub/api/share-codes/alice/?id=sc_3"
    );
    assert_eq!(
        api.share_code_by_id_url("a b", "x y", "sc_10"),
        "http://127.0.0.1:8000/hub/api/share-codes/a%20b/x%20y?id=sc_10"
    );
    // an id is never trusted raw in a query
    assert_eq!(
        api.share_code_by_id_url("alice", "", "sc_1&code=x"),
        "http://127.0.0.1:8000/hub/api/share-codes/alice/?id=sc_1%26code%3Dx"
    );
}

#[test]
fn invitee_leave_url() {
    let api = local();
    assert_eq!(
        api.user_shared_url("bob", "alice", ""),
        "http://127.0.0.1:8000/hub/api/users/bob/shared/alice/"
    );
    assert_eq!(
        api.user_shared_url("b@x.org", "first.last@example.org", "my analysis"),
        "http://127.0.0.1:8000/hub/api/users/b%40x.org/shared/first.last%40example.org/my%20analysis"
    );
}

#[test]
fn urls_under_a_deeper_prefix_and_hub_host() {
    let api = HubApi::new(
        "https://hub.example.org",
        "/jupyter/hub/",
        "https://alice.example.org",
    )
    .unwrap();
    assert_eq!(
        api.shares_url("alice", ""),
        "https://alice.example.org/jupyter/hub/api/shares/alice/"
    );
    assert_eq!(
        api.share_codes_url("alice", "nb"),
        "https://alice.example.org/jupyter/hub/api/share-codes/alice/nb"
    );
    assert_eq!(
        api.user_url(),
        "https://alice.example.org/jupyter/hub/api/user"
    );
    assert_eq!(api.home_url(), "https://hub.example.org/jupyter/hub/home");
}

// ---------- pagination ----------

#[test]
fn page_limit_is_the_hub_maximum() {
    assert_eq!(PAGE_LIMIT, 200);
}

#[test]
fn page_url_adds_query() {
    let api = local();
    let list = api.shares_url("alice", "");
    assert_eq!(
        HubApi::page_url(&list, 0, PAGE_LIMIT),
        "http://127.0.0.1:8000/hub/api/shares/alice/?offset=0&limit=200"
    );
    assert_eq!(
        HubApi::page_url(&list, 400, 200),
        "http://127.0.0.1:8000/hub/api/shares/alice/?offset=400&limit=200"
    );
}

#[test]
fn page_url_respects_existing_query() {
    assert_eq!(
        HubApi::page_url("/hub/api/share-codes/alice/?id=sc_1", 2, 2),
        "/hub/api/share-codes/alice/?id=sc_1&offset=2&limit=2"
    );
    assert_eq!(
        HubApi::page_url("/hub/api/shares/alice/?", 0, 5),
        "/hub/api/shares/alice/?offset=0&limit=5"
    );
    assert_eq!(HubApi::page_url("/x?a=1&", 0, 5), "/x?a=1&offset=0&limit=5");
}

// ---------- absolute_url ----------

#[test]
fn absolute_url_joins_relative_accept_url() {
    let api = local();
    assert_eq!(
        api.absolute_url("/hub/accept-share?code=abc"),
        "http://127.0.0.1:8000/hub/accept-share?code=abc"
    );
    assert_eq!(
        api.absolute_url("hub/accept-share?code=abc"),
        "http://127.0.0.1:8000/hub/accept-share?code=abc"
    );
}

#[test]
fn absolute_url_uses_hub_host() {
    let api = HubApi::new(
        "https://hub.example.org",
        "/jupyter/hub/",
        "https://alice.example.org",
    )
    .unwrap();
    assert_eq!(
        api.absolute_url("/jupyter/hub/accept-share?code=Zk3"),
        "https://hub.example.org/jupyter/hub/accept-share?code=Zk3"
    );
}

#[test]
fn absolute_url_keeps_absolute_urls() {
    let api = local();
    for url in [
        "https://hub.example.org/hub/accept-share?code=x",
        "http://hub.example.org/hub/accept-share?code=x",
        "HTTPS://HUB.EXAMPLE.ORG/hub/",
    ] {
        assert_eq!(api.absolute_url(url), url);
    }
}

#[test]
fn the_hub_home_is_under_the_hub_prefix() {
    let api = HubApi::new("", "/jupyter/hub/", "http://127.0.0.1:8000").unwrap();
    assert_eq!(api.home_url(), "http://127.0.0.1:8000/jupyter/hub/home");
    let api = HubApi::new("", "/hub/", "").unwrap();
    assert_eq!(api.home_url(), "/hub/home");
}

// ---------- next: a link that opens a file ----------

#[test]
fn next_decodes_back_to_the_file_path() {
    let next = lab_file_path("/base/user/a b/", "x/y z#?&=.ipynb").unwrap();
    let link = link_with_next("https://h/base/hub/accept-share?code=c", &next);
    let value = link.split_once("&next=").unwrap().1;
    assert!(!value.contains(['&', '=', '#', '?', '/', ' ']));
    assert_eq!(decode(value), next);
}

//! The boundaries no compiler checks: the string catalogue and the plural
//! phrases exist in Rust (`Strings`, `Plural`, with their English) and in the
//! shim (`js/strings.ts`, `js/tokens.ts`), matched at run time by key; the
//! settings' defaults and lifetime choices exist in Rust and in
//! `schema/plugin.json`. A key or a text that differs would silently fall
//! back to English or to another default, so these native tests compare
//! the copies. (Translation extraction needs literal strings in
//! TypeScript: the copies are checked, not generated.)
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use user_sharing_ui::host::{Config, LIFETIME_CHOICES};
use user_sharing_ui::messages::duration_label;
use user_sharing_ui::strings::{camel_case, Plural, Strings};

fn read(path: &str) -> String {
    let path = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The string literal (single or double quotes) at the start of `text`,
/// after blanks; its value and the rest of `text`.
fn literal(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    let quote = text.chars().next().filter(|q| *q == '\'' || *q == '"')?;
    let mut value = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => value.push(chars.next()?.1),
            c if c == quote => return Some((value, &text[1 + i + 1..])),
            c => value.push(c),
        }
    }
    None
}

/// `key: trans.__('text', ...)` entries of `catalogue()` in js/strings.ts.
fn ts_catalogue(ts: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = ts;
    while let Some(at) = rest.find("trans.__(") {
        let key = rest[..at].trim_end().strip_suffix(':').map(|before| {
            let start = before
                .rfind(|c: char| !c.is_alphanumeric())
                .map_or(0, |i| i + 1);
            before[start..].to_owned()
        });
        let (text, after) = literal(&rest[at + "trans.__(".len()..]).expect("a literal msgid");
        if let Some(key) = key {
            assert!(out.insert(key.clone(), text).is_none(), "{key} twice");
        }
        rest = after;
    }
    out
}

/// `case 'key': return trans._n('one', 'many', n)` of `pluralFor()`.
fn ts_plurals(ts: &str) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for case in ts.split("case ").skip(1) {
        let (key, rest) = literal(case).expect("a case key");
        let rest = &rest[rest.find("trans._n(").expect("trans._n") + "trans._n(".len()..];
        let (one, rest) = literal(rest).expect("the singular");
        let (many, _) = literal(rest.trim_start().strip_prefix(',').expect(",")).expect("plural");
        out.insert(key, (one, many));
    }
    out
}

/// The members of `export type PluralKey = | 'a' | 'b';` in js/tokens.ts.
fn ts_plural_keys(ts: &str) -> Vec<String> {
    let start = ts.find("export type PluralKey =").expect("PluralKey");
    let block = &ts[start..start + ts[start..].find(';').expect(";")];
    block
        .split('|')
        .skip(1)
        .map(|member| literal(member).expect("a key").0)
        .collect()
}

#[test]
fn every_rust_string_is_in_the_shims_catalogue_with_the_same_english() {
    let ts = ts_catalogue(&read("js/strings.ts"));
    let rust: BTreeMap<String, String> = Strings::default()
        .entries()
        .into_iter()
        .map(|(field, text)| (camel_case(field), text.to_owned()))
        .collect();
    let only_rust: Vec<_> = rust.keys().filter(|k| !ts.contains_key(*k)).collect();
    let only_ts: Vec<_> = ts.keys().filter(|k| !rust.contains_key(*k)).collect();
    assert!(
        only_rust.is_empty(),
        "missing in js/strings.ts: {only_rust:?}"
    );
    assert!(only_ts.is_empty(), "unknown to strings.rs: {only_ts:?}");
    for (key, text) in &rust {
        assert_eq!(&ts[key], text, "the English of {key} differs");
    }
    assert_eq!(rust.len(), Strings::FIELDS.len());
}

#[test]
fn every_plural_phrase_has_the_same_key_and_english_in_the_shim() {
    let ts = ts_plurals(&read("js/strings.ts"));
    let rust: BTreeMap<String, (String, String)> = Plural::ALL
        .iter()
        .map(|p| {
            let (one, many) = p.english();
            (p.key().to_owned(), (one.to_owned(), many.to_owned()))
        })
        .collect();
    assert_eq!(
        ts, rust,
        "pluralFor in js/strings.ts and Plural in strings.rs"
    );
    let mut keys = ts_plural_keys(&read("js/tokens.ts"));
    keys.sort();
    assert_eq!(
        keys,
        rust.keys().cloned().collect::<Vec<_>>(),
        "PluralKey in js/tokens.ts"
    );
}

#[test]
fn the_settings_schema_states_the_dialogs_defaults_and_lifetime_choices() {
    let schema: serde_json::Value = serde_json::from_str(&read("schema/plugin.json")).unwrap();
    let props = &schema["properties"];
    let defaults = Config::default();
    assert_eq!(
        props["linkLifetimeSeconds"]["default"].as_f64(),
        Some(defaults.link_lifetime_seconds)
    );
    assert_eq!(
        props["autoRefreshSeconds"]["default"].as_u64(),
        Some(u64::from(defaults.auto_refresh_seconds))
    );
    assert_eq!(
        props["showWarnings"]["default"].as_bool(),
        Some(defaults.show_warnings)
    );
    let choices: Vec<(u64, String)> = props["linkLifetimeSeconds"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["const"].as_u64().unwrap(),
                c["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let rust: Vec<(u64, String)> = LIFETIME_CHOICES
        .iter()
        .map(|&s| (s, duration_label(&defaults, s)))
        .collect();
    assert_eq!(
        choices, rust,
        "the lifetimes offered in the schema and in the dialog"
    );
}

#[test]
fn the_catalogue_reader_finds_keys_texts_and_escapes() {
    let ts =
        "return {\n    a: trans.__('It\\'s %1', p1),\n    bC: trans.__(\n      \"x\"\n    )\n  };";
    let found = ts_catalogue(ts);
    assert_eq!(found["a"], "It's %1");
    assert_eq!(found["bC"], "x");
    assert_eq!(found.len(), 2);
}

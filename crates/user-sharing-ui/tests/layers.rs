//! The UI crate's layers point only down (docs/architecture.md): each
//! module may use only the modules of the rows below its own, and inside
//! `components/` only the owner's view runs actions. Read from the sources,
//! so a new `use` that points up fails here instead of growing a cycle.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

/// The rows, from the bottom up.
const LAYERS: &[&[&str]] = &[
    &["state", "strings", "focus", "json"],
    &["host", "transport"],
    &["session", "messages"],
    &["actions"],
    &["components"],
    &["lib"],
];

fn row(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|row| row.contains(&module))
        .unwrap_or_else(|| panic!("{module} is in no layer of this test"))
}

/// The crate modules a source file names (`crate::x`), but not in comments.
fn uses(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for part in line.split("crate::").skip(1) {
            // `crate::{a::X, b::Y}` names several modules, `crate::a::{X, Y}` one
            let items: Vec<&str> = match part.strip_prefix('{') {
                Some(inner) => inner.split('}').next().unwrap_or("").split(',').collect(),
                None => vec![part],
            };
            for item in items {
                let name: String = item
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && !found.contains(&name) {
                    found.push(name);
                }
            }
        }
    }
    found
}

fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
    out
}

/// The layer module a source file belongs to (`components/x.rs` ->
/// `components`).
fn module_of(path: &str) -> String {
    let rel = path.split("/src/").nth(1).unwrap();
    rel.split(['/', '.']).next().unwrap().to_owned()
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    for (path, text) in sources(&src) {
        let module = module_of(&path);
        for used in uses(&text) {
            if used != module && used != "mount" && row(&used) >= row(&module) {
                upward.push(format!("{path} uses crate::{used}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "arrows that do not point down:\n{}",
        upward.join("\n")
    );
}

#[test]
fn only_the_owners_and_the_invitees_views_run_actions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    let mut running: Vec<String> = sources(&dir)
        .into_iter()
        .filter(|(_, text)| uses(text).iter().any(|u| u == "actions"))
        .map(|(path, _)| module_of(&path.replace("/components/", "/")))
        .collect();
    running.sort();
    assert_eq!(running, ["invitee_view", "owner_view"]);
}

#[test]
fn the_reader_skips_comments_and_finds_each_module_once() {
    let text = "//! see crate::lib\nuse crate::host::Config;\nuse crate::{host::A, state::B};\n";
    assert_eq!(uses(text), ["host", "state"]);
}

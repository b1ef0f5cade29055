//! Keeping the keyboard focus inside the dialog.
//!
//! A control that is removed (a revoked row, a closed confirmation) or
//! disabled while it has the focus drops the focus to `<body>`, outside
//! JupyterLab's dialog: Escape no longer closes it, Tab starts from the page
//! and screen readers lose their place. So:
//!
//! * a button that has the focus while a change runs is only marked
//!   `aria-disabled="true"` ([`busy_attr`]) and its click is ignored (the
//!   synchronous busy flag in `actions.rs` keeps a second click from sending
//!   a second request); it keeps the focus;
//! * each section remembers where in it the focus was ([`use_keep_focus`])
//!   and, when a render lost it, puts it on the sensible successor: the next
//!   row's Revoke button, the button that opened a confirmation, else the
//!   section's main control;
//! * a confirmation that appears takes the focus on its Cancel button, the
//!   safe choice, so that Enter never revokes by accident ([`focus_cancel`]).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// `aria-disabled="true"` while busy; no attribute otherwise.
pub fn busy_attr(busy: bool) -> Option<AttrValue> {
    busy.then_some(AttrValue::Static("true"))
}

/// Whether the keyboard focus is lost: nowhere, on the page itself, on an
/// element no longer in the document, or on a disabled control (Chromium
/// moves the focus off a control that became disabled only at its next
/// rendering step, so it can still be reported as the active element).
pub fn lost() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match doc.active_element() {
        None => true,
        Some(el) => {
            matches!(el.tag_name().as_str(), "BODY" | "HTML")
                || !el.is_connected()
                || el.matches(":disabled").unwrap_or(false)
        }
    }
}

/// Whether `el` has the keyboard focus.
pub fn has_focus(el: &Element) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| &a == el)
}

/// Focus `el` if it can take the focus (not a disabled control).
pub fn focus(el: &Element) -> bool {
    if el.matches(":disabled").unwrap_or(true) {
        return false;
    }
    match el.dyn_ref::<HtmlElement>() {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Focus the first element matching one of `selectors` in `scope` that can
/// take the focus.
pub fn focus_first(scope: &Element, selectors: &[&str]) -> bool {
    selectors.iter().any(|selector| {
        scope
            .query_selector(selector)
            .ok()
            .flatten()
            .is_some_and(|el| focus(&el))
    })
}

/// Where in a section the focus was last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    /// A confirmation, or the button that opens it.
    Confirm,
    /// The Revoke button of the row at this position (among the rendered
    /// rows).
    Row(u32),
    /// Anything else.
    Other,
}

/// The Revoke buttons of the rows of a table.
const ROW_BUTTON: &str = "button.jp-UserSharing-revoke";

/// The Cancel button of a confirmation.
const CANCEL: &str = ".jp-UserSharing-confirmNo";

/// Focus the Cancel button of the confirmation shown in `scope`; whether
/// there is one.
pub fn focus_cancel(scope: &Element) -> bool {
    match scope.query_selector(CANCEL).ok().flatten() {
        Some(cancel) => {
            focus(&cancel);
            true
        }
        None => false,
    }
}

fn spot(section: &Element, target: &Element, opener: &str) -> Spot {
    if target
        .closest(".jp-UserSharing-confirm")
        .ok()
        .flatten()
        .is_some()
        || target.matches(opener).unwrap_or(false)
    {
        return Spot::Confirm;
    }
    if target.matches(ROW_BUTTON).unwrap_or(false) {
        if let Ok(rows) = section.query_selector_all(ROW_BUTTON) {
            for i in 0..rows.length() {
                if rows
                    .item(i)
                    .is_some_and(|r| &r == AsRef::<web_sys::Node>::as_ref(target))
                {
                    return Spot::Row(i);
                }
            }
        }
    }
    Spot::Other
}

/// Put the focus back in `section`: on the row button at the same position
/// (the next row now) or the one before, on `opener` after a confirmation,
/// else on the first of `fallbacks` that can take it.
fn restore(section: &Element, spot: Spot, opener: &str, fallbacks: &[&str]) {
    match spot {
        Spot::Row(i) => {
            if let Ok(rows) = section.query_selector_all(ROW_BUTTON) {
                let n = rows.length();
                if n > 0 {
                    let row = rows.item(i.min(n - 1));
                    if let Some(el) = row.and_then(|r| r.dyn_into::<Element>().ok()) {
                        if focus(&el) {
                            return;
                        }
                    }
                }
            }
        }
        Spot::Confirm => {
            if focus_first(section, &[opener]) {
                return;
            }
        }
        Spot::Other => {}
    }
    focus_first(section, fallbacks);
}

/// What a section remembers between renders.
#[derive(Default)]
struct Memory {
    /// Where the focus was last in it.
    spot: Option<Spot>,
    /// Whether it showed a confirmation.
    confirming: bool,
}

/// What [`use_keep_focus`] gives a section: its ref and its two listeners.
pub struct KeepFocus {
    /// The section's element.
    pub section: NodeRef,
    /// `onfocusin` of the section: remembers where the focus is.
    pub onfocusin: Callback<FocusEvent>,
    /// `onfocusout` of the section: forgets when the focus moved elsewhere.
    pub onfocusout: Callback<FocusEvent>,
}

/// Remember where the focus was in a section and, after each render that
/// lost it, put it back (see [`restore`]); a confirmation that appeared
/// takes it on Cancel. `opener` is the selector of the
/// button that opens the section's confirmation; `fallbacks` its main
/// controls, in order of preference.
#[hook]
pub fn use_keep_focus(opener: &'static str, fallbacks: &'static [&'static str]) -> KeepFocus {
    let section = use_node_ref();
    let memory: Rc<RefCell<Memory>> = use_mut_ref(Memory::default);
    {
        let section = section.clone();
        let memory = memory.clone();
        use_effect(move || {
            let Some(el) = section.cast::<Element>() else {
                return;
            };
            let was_confirming = memory.borrow().confirming;
            // (no borrow held: focusing runs `onfocusin` at once)
            let confirming = if was_confirming {
                el.query_selector(CANCEL).ok().flatten().is_some()
            } else {
                focus_cancel(&el)
            };
            memory.borrow_mut().confirming = confirming;
            if confirming && !was_confirming {
                return;
            }
            let remembered = memory.borrow().spot;
            if let Some(spot) = remembered {
                if lost() {
                    restore(&el, spot, opener, fallbacks);
                }
            }
        });
    }
    let onfocusin = {
        let section = section.clone();
        let memory = memory.clone();
        Callback::from(move |e: FocusEvent| {
            if let (Some(target), Some(el)) =
                (e.target_dyn_into::<Element>(), section.cast::<Element>())
            {
                memory.borrow_mut().spot = Some(spot(&el, &target, opener));
            }
        })
    };
    let onfocusout = {
        let section = section.clone();
        Callback::from(move |e: FocusEvent| {
            // The owner moved the focus out of the section (Tab, a click):
            // forget. Without a related target the focused element was
            // removed or disabled (or the window lost the focus): keep.
            let next = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if let (Some(next), Some(el)) = (next, section.cast::<Element>()) {
                if !el.contains(Some(&next)) {
                    memory.borrow_mut().spot = None;
                }
            }
        })
    };
    KeepFocus {
        section,
        onfocusin,
        onfocusout,
    }
}

//! The user sharing dialog, written with Yew and compiled to WebAssembly.
//!
//! The TypeScript shim calls [`mount`] with the dialog body's element and a
//! configuration object, and calls [`MountHandle::unmount`] when the dialog
//! closes. This crate is the only one that touches the DOM; it never knows
//! JupyterLab, and the hub's wire format lives in `hub_sharing`.
#![forbid(unsafe_code)]

pub mod actions;
pub mod components;
pub mod focus;
pub mod host;
pub mod messages;
pub mod session;
pub mod state;
pub mod strings;
pub mod transport;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

use crate::components::app::{App, AppProps};
use crate::host::Config;
use crate::session::{Session, View};
use crate::state::Status;
use crate::strings::Strings;

thread_local! {
    /// Roots of the mounted dialogs and their "internal error" template,
    /// for the panic hook.
    static ROOTS: RefCell<Vec<(Element, String)>> = const { RefCell::new(Vec::new()) };
}

/// A mounted dialog; `unmount()` removes it and stops its work.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<App>>,
    root: Element,
}

#[wasm_bindgen]
impl MountHandle {
    /// Remove the dialog's content. Safe to call more than once.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let root = self.root.clone();
        ROOTS.with(|roots| roots.borrow_mut().retain(|(r, _)| r != &root));
    }
}

impl Drop for MountHandle {
    /// JS `free()` (or dropping the handle in Rust) also unmounts.
    fn drop(&mut self) {
        self.unmount();
    }
}

/// Render the dialog into `root`. `config` is the object described in
/// `js/index.ts` (PageConfig fields, settings, translated strings).
#[wasm_bindgen]
pub fn mount(root: Element, config: JsValue) -> MountHandle {
    install_panic_hook();
    let session = Config::from_js(&config).map(|config| Rc::new(Session::new(config)));
    if let Ok(Session {
        view: View::Owner(hub),
        ..
    }) = session.as_deref()
    {
        hub.start_first_load();
    }
    let internal = match &session {
        Ok(session) => session.config.strings.error_internal.clone(),
        Err(_) => Strings::default().error_internal,
    };
    ROOTS.with(|roots| roots.borrow_mut().push((root.clone(), internal)));
    let app =
        yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { session }).render();
    MountHandle {
        app: Some(app),
        root,
    }
}

/// Turn a panic into a readable message in every mounted dialog instead of
/// a dead dialog (the module cannot continue after a panic: it aborts).
fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let detail = info.to_string();
            ROOTS.with(|roots| {
                if let Ok(roots) = roots.try_borrow() {
                    for (root, template) in roots.iter() {
                        root.set_text_content(None);
                        if let Some(doc) = root.owner_document() {
                            if let Ok(p) = doc.create_element("p") {
                                p.set_class_name("jp-UserSharing-error");
                                let _ = p.set_attribute("role", "alert");
                                p.set_text_content(Some(&crate::strings::fill(
                                    template,
                                    &[&detail],
                                )));
                                let _ = root.append_child(&p);
                            }
                        }
                        let _ = root.set_attribute("data-state", Status::Panic.as_str());
                    }
                }
            });
        }));
    });
}

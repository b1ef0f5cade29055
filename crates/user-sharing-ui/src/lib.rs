//! The user sharing dialog, written with Yew and compiled to WebAssembly.
//!
//! The TypeScript shim calls [`mount`] with the dialog body's element and a
//! configuration object, and calls [`MountHandle::unmount`] when the dialog
//! closes. This crate is the only one that touches the DOM; it never knows
//! JupyterLab, and the hub's wire format lives in `hub_sharing`.
#![forbid(unsafe_code)]

/// The allocator: TLSF (constant-time allocation and free, pools that
/// coalesce, in-place realloc), 6 KB smaller in the wasm than Rust's default
/// dlmalloc. Not `SmallGlobalTlsf`: without coalescing, lists of thousands
/// of shares would leave memory in pieces.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::GlobalTlsf = rlsf::GlobalTlsf::new();

pub mod actions;
pub mod components;
pub mod focus;
pub mod host;
pub mod json;
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

/// What the panic hook needs of one mounted dialog.
struct Mounted {
    root: Element,
    /// The translated "internal error" template.
    internal: String,
    /// The shim's `onPanic` callback.
    on_panic: Option<js_sys::Function>,
}

thread_local! {
    /// The mounted dialogs, for the panic hook.
    static ROOTS: RefCell<Vec<Mounted>> = const { RefCell::new(Vec::new()) };
}

/// A mounted dialog; `unmount()` removes it and stops its work.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<App>>,
    root: Element,
    /// The owner's hub link, marked open (no prefetch) until unmounted.
    owner: Option<Rc<session::Hub>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Remove the dialog's content. Safe to call more than once.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        if let Some(hub) = self.owner.take() {
            hub.set_open(false);
        }
        let root = self.root.clone();
        ROOTS.with(|roots| roots.borrow_mut().retain(|m| m.root != root));
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
    let owner = match session.as_deref() {
        Ok(Session {
            view: View::Owner(hub),
            ..
        }) => {
            hub.start_first_load();
            hub.set_open(true);
            Some(hub.clone())
        }
        _ => None,
    };
    let (internal, on_panic) = match &session {
        Ok(session) => (
            session.config.strings.error_internal.clone(),
            session.config.on_panic.clone(),
        ),
        Err(_) => (strings::INTERNAL_FAILED.to_owned(), None),
    };
    ROOTS.with(|roots| {
        roots.borrow_mut().push(Mounted {
            root: root.clone(),
            internal,
            on_panic,
        })
    });
    let app =
        yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { session }).render();
    MountHandle {
        app: Some(app),
        root,
        owner,
    }
}

/// Start the next open's load before the click: the shim calls this when
/// the owner opens the menu holding the dialog's command, or highlights the
/// command in the palette. `config` is the object `mount` gets. Only the
/// owner's view loads anything, and nothing while a dialog is open (it has
/// its own load; the palette still shows the command after running it).
#[wasm_bindgen]
pub fn prefetch(config: JsValue) {
    install_panic_hook();
    if let Ok(config) = Config::from_js(&config) {
        if let View::Owner(hub) = Session::new(config).view {
            hub.prefetch();
        }
    }
}

/// Turn a panic into a readable message instead of a dead dialog (see
/// [`show_panic`]).
fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        std::panic::set_hook(Box::new(|info| show_panic(&info.to_string())));
    });
}

/// What the panic hook does: every mounted dialog says that it hit an
/// internal error and that the page must be reloaded, and the shim is told
/// (`onPanic`), so that it drops this wasm instance: after a panic the
/// module aborts and its memory cannot be trusted, so the next open must
/// start from a new instance. Public for the component tests only.
#[doc(hidden)]
pub fn show_panic(detail: &str) {
    ROOTS.with(|roots| {
        let Ok(roots) = roots.try_borrow() else {
            return;
        };
        for mounted in roots.iter() {
            let root = &mounted.root;
            root.set_text_content(None);
            if let Some(doc) = root.owner_document() {
                if let Ok(p) = doc.create_element("p") {
                    p.set_class_name("jp-UserSharing-error");
                    let _ = p.set_attribute("role", "alert");
                    p.set_text_content(Some(&crate::strings::fill(&mounted.internal, &[detail])));
                    let _ = root.append_child(&p);
                }
            }
            let _ = root.set_attribute("data-state", Status::Panic.as_str());
            if let Some(on_panic) = &mounted.on_panic {
                let _ = on_panic.call0(&JsValue::NULL);
            }
        }
    });
}

//! One mounted dialog's session with the hub: which view the visitor gets,
//! and for the owner the hub API, the authenticated client, the first load
//! (started by `mount`, before Yew's first render) and the page memory of
//! earlier opens of the dialog.
//!
//! The page memory is kept per server under a typed [`ServerKey`], in this
//! page only: never written to storage, settings or URLs.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::{mpsc, oneshot};
use hub_sharing::{server_api_url, ApiError, HubApi, HubInfo, HubUser, Share, ShareCode};

use crate::host::Config;
use crate::state::{Capability, Lists, NewLink};
use crate::transport::{all_items, decode, page_items, Client};

/// Which server the dialog manages: the key of its page memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerKey {
    /// The hub API's base URL (two hubs may have the same user names).
    pub api_base: String,
    /// The server's owner.
    pub owner: String,
    /// The server's name; empty for the default server.
    pub name: String,
}

/// The answer of a capability check started ahead (by a prefetch): the
/// capability and whether the token may look names up; `None` if it failed.
type CapabilityAnswer = oneshot::Receiver<Option<(Capability, bool)>>;

/// The key of a capability check: the server and the token that was checked.
#[derive(Clone, PartialEq, Eq)]
struct CapabilityKey {
    server: ServerKey,
    token: String,
}

thread_local! {
    /// Capability results: checked once per page.
    static CAPABILITY: RefCell<Vec<(CapabilityKey, (Capability, bool))>> = const { RefCell::new(Vec::new()) };
    /// Links created in this page, so reopening the dialog still shows them.
    static LINKS: RefCell<Vec<(ServerKey, Vec<NewLink>)>> = const { RefCell::new(Vec::new()) };
    /// The last lists the hub gave, shown (marked as being updated) while the
    /// next open reloads them.
    static LISTS: RefCell<Vec<(ServerKey, Lists)>> = const { RefCell::new(Vec::new()) };
    /// A load started before the dialog opened (see [`Hub::prefetch`]).
    static PREFETCHED: RefCell<Option<Prefetched>> = const { RefCell::new(None) };
    /// The owner's dialogs open now, by server and token.
    static OPEN: RefCell<Vec<CapabilityKey>> = const { RefCell::new(Vec::new()) };
}

/// How long a load started ahead of the open (the menu opened, the command
/// was highlighted) is taken as this open's own: a person opening the menu
/// clicks its item within a second or two, and an older answer would be
/// shown as live.
pub const PREFETCH_FRESH_MS: f64 = 10_000.0;

/// A load started before the dialog opened, for the next `mount` to take.
struct Prefetched {
    key: CapabilityKey,
    started_ms: f64,
    lists: Pending,
    capability: Option<CapabilityAnswer>,
}

/// The value stored under `key` in a small association list.
fn find<K: PartialEq, T: Clone>(list: &[(K, T)], key: &K) -> Option<T> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// Store `value` under `key`, replacing an older value.
fn put<K: PartialEq, T>(list: &mut Vec<(K, T)>, key: K, value: T) {
    list.retain(|(k, _)| k != &key);
    list.push((key, value));
}

/// Forget the lists of every server (component tests start from a blank
/// page memory with it; the links and the capability checks are kept).
pub fn forget_lists() {
    LISTS.with(|l| l.borrow_mut().clear());
}

/// Which view the visitor gets, decided from the page facts alone.
#[derive(Clone)]
pub enum View {
    /// Not running under JupyterHub.
    NoHub,
    /// Someone else's server shared with the visitor, and the visitor's
    /// link to the hub (to leave it).
    Invitee(Rc<Hub>),
    /// The owner: the management view, and its link to the hub.
    Owner(Rc<Hub>),
}

/// One mounted dialog: the host's configuration and the view it gets.
pub struct Session {
    /// Page facts, settings, strings and the shim's callbacks.
    pub config: Rc<Config>,
    /// The view, with the owner's hub link.
    pub view: View,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config)
    }
}

impl Session {
    /// The session for a configuration.
    pub fn new(config: Config) -> Session {
        let view = match HubApi::new(&config.hub_host, &config.hub_prefix, &config.origin) {
            None => View::NoHub,
            Some(api) if !config.is_owner() => View::Invitee(Rc::new(Hub::new(api, &config))),
            Some(api) => View::Owner(Rc::new(Hub::new(api, &config))),
        };
        Session {
            config: Rc::new(config),
            view,
        }
    }
}

/// A part of the lists of one load, as it arrives.
#[derive(Debug)]
pub enum ListPart {
    /// A page more of the people list, and the number of people the hub
    /// announces (a hint).
    Page(Vec<Share>, Option<u64>),
    /// The people list is complete.
    Done,
    /// The people list could not be loaded (maybe after some pages).
    Failed(ApiError),
    /// The share codes, or why they could not be loaded.
    Codes(Result<Vec<ShareCode>, ApiError>),
}

/// Both lists of one load, on their way: each is fetched by a task of its
/// own, which sends its parts here (the people list a page at a time: a
/// long list need not be complete to show its first screen). Dropping the
/// receiver stops the people list's task asking for more pages.
pub type Pending = mpsc::UnboundedReceiver<ListPart>;

/// The owner's link to the hub: the API, the client and the server.
pub struct Hub {
    /// The hub API.
    pub api: HubApi,
    /// The authenticated HTTP client.
    pub client: Client,
    /// The server this dialog manages.
    pub server: ServerKey,
    token: String,
    /// The server extension's API base (`{origin}{baseUrl}user-sharing/api/`).
    server_api: (String, String),
    first_load: RefCell<Option<Pending>>,
    /// The capability check a prefetch started, for the first open to wait for.
    capability_check: RefCell<Option<CapabilityAnswer>>,
}

impl Hub {
    fn new(api: HubApi, config: &Config) -> Hub {
        Hub {
            server: ServerKey {
                api_base: api.base().to_owned(),
                owner: config.hub_server_user.clone(),
                name: config.hub_server_name.clone(),
            },
            client: Client::new(&config.token, config.request_timeout_ms),
            token: config.token.clone(),
            server_api: (config.origin.clone(), config.base_url.clone()),
            api,
            first_load: RefCell::default(),
            capability_check: RefCell::default(),
        }
    }

    /// The server's list of people with access.
    pub fn shares_url(&self) -> String {
        self.api.shares_url(&self.server.owner, &self.server.name)
    }

    /// The server's list of share codes.
    pub fn share_codes_url(&self) -> String {
        self.api
            .share_codes_url(&self.server.owner, &self.server.name)
    }

    fn server_url(&self, path: &str) -> String {
        server_api_url(&self.server_api.0, &self.server_api.1, path)
    }

    /// Ask the server to end at once the access of whoever's share went
    /// (`POST user-sharing/api/evict`). Its own check does it within
    /// seconds anyway.
    pub async fn evict(&self) -> Result<(), ApiError> {
        let url = self.server_url("evict");
        self.client
            .send(crate::transport::Method::Post, &url, None)
            .await
            .map(drop)
    }

    /// Start fetching both lists (in parallel).
    fn fetch_lists(&self) -> Pending {
        let (shares_tx, parts) = mpsc::unbounded();
        let codes_tx = shares_tx.clone();
        let (client, url) = (self.client.clone(), self.shares_url());
        wasm_bindgen_futures::spawn_local(async move {
            let mut failed = Ok(());
            let result = client
                .pages(&url, &mut |json, total| match page_items::<Share>(json) {
                    Ok(items) => shares_tx
                        .unbounded_send(ListPart::Page(items, total))
                        .is_ok(),
                    Err(e) => {
                        failed = Err(e);
                        false
                    }
                })
                .await;
            let _ = shares_tx.unbounded_send(match result.and(failed) {
                Ok(()) => ListPart::Done,
                Err(e) => ListPart::Failed(e),
            });
        });
        let (client, url) = (self.client.clone(), self.share_codes_url());
        wasm_bindgen_futures::spawn_local(async move {
            let codes = client
                .all_pages(&url)
                .await
                .and_then(all_items::<ShareCode>);
            let _ = codes_tx.unbounded_send(ListPart::Codes(codes));
        });
        parts
    }

    /// Start the first load from `mount`, before Yew's first render: on a
    /// first open that render, which compiles much of the wasm, takes about
    /// 20 ms, and the requests go out before it instead of after it.
    /// A load (and capability check) that [`Hub::prefetch`] started less
    /// than [`PREFETCH_FRESH_MS`] ago for this server and token is taken
    /// instead of a new one.
    pub fn start_first_load(&self) {
        let key = self.capability_key();
        let now = js_sys::Date::now();
        let prefetched = PREFETCHED
            .with(|p| p.borrow_mut().take())
            .filter(|p| p.key == key && now - p.started_ms < PREFETCH_FRESH_MS);
        let lists = match prefetched {
            Some(p) => {
                *self.capability_check.borrow_mut() = p.capability;
                p.lists
            }
            None => self.fetch_lists(),
        };
        *self.first_load.borrow_mut() = Some(lists);
    }

    /// Start the load of the next open before it happens: the shim calls
    /// this when the owner opens the menu holding the dialog's command (or
    /// highlights it in the command palette), so the hub's answers are on
    /// their way, or in, by the click. Does nothing while an earlier
    /// prefetch is still fresh.
    /// Nothing either while a dialog of this server is open: it has its own
    /// load (the palette still highlights the command it just ran).
    pub fn prefetch(self: &Rc<Self>) {
        let key = self.capability_key();
        if OPEN.with(|o| o.borrow().contains(&key)) {
            return;
        }
        let now = js_sys::Date::now();
        let fresh = PREFETCHED.with(|p| {
            p.borrow()
                .as_ref()
                .is_some_and(|p| p.key == key && now - p.started_ms < PREFETCH_FRESH_MS)
        });
        if fresh {
            return;
        }
        let lists = self.fetch_lists();
        let capability = self.known_capability().is_none().then(|| {
            let (tx, rx) = oneshot::channel();
            let hub = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = tx.send(hub.check_capability().await);
            });
            rx
        });
        PREFETCHED.with(|p| {
            *p.borrow_mut() = Some(Prefetched {
                key,
                started_ms: now,
                lists,
                capability,
            })
        });
    }

    /// The owner's view of this server is shown (`true`) or gone (`false`).
    pub fn set_open(&self, open: bool) {
        let key = self.capability_key();
        OPEN.with(|o| {
            let mut o = o.borrow_mut();
            if open {
                o.push(key);
            } else if let Some(i) = o.iter().position(|k| *k == key) {
                o.remove(i);
            }
        });
    }

    /// The capability check a prefetch started for this open, if any.
    pub fn take_capability_check(&self) -> Option<CapabilityAnswer> {
        self.capability_check.borrow_mut().take()
    }

    /// A load of both lists: the one `mount` started if nobody took it yet,
    /// else a new one.
    pub fn load(&self) -> Pending {
        let first = self.first_load.borrow_mut().take();
        first.unwrap_or_else(|| self.fetch_lists())
    }

    /// What an earlier open of the dialog in this page knew about this
    /// server: the links created, and the last lists the hub gave.
    pub fn remembered(&self) -> (Vec<NewLink>, Option<Lists>) {
        let links = LINKS.with(|l| find(&l.borrow(), &self.server).unwrap_or_default());
        let lists = LISTS.with(|l| find(&l.borrow(), &self.server));
        (links, lists)
    }

    /// Remember the links of this server for the next open.
    pub fn remember_links(&self, links: &[NewLink]) {
        LINKS.with(|l| put(&mut l.borrow_mut(), self.server.clone(), links.to_vec()));
    }

    /// Remember the hub's latest lists of this server for the next open.
    pub fn remember_lists(&self, lists: Lists) {
        LISTS.with(|l| put(&mut l.borrow_mut(), self.server.clone(), lists));
    }

    fn capability_key(&self) -> CapabilityKey {
        CapabilityKey {
            server: self.server.clone(),
            token: self.token.clone(),
        }
    }

    /// The result of an earlier capability check in this page, if any.
    pub fn known_capability(&self) -> Option<(Capability, bool)> {
        let key = self.capability_key();
        CAPABILITY.with(|c| find(&c.borrow(), &key))
    }

    /// Check that the hub is 5+ and the token may manage sharing of this
    /// server, and whether the hub has the security fixes of its sharing
    /// pages, and whether it may share by name (the token may look names
    /// up); remember the result for the page. `None` when the check
    /// itself failed: the list loads report that in their own words.
    pub async fn check_capability(&self) -> Option<(Capability, bool)> {
        let mut by_name = false;
        let info = self.client.get_value(&self.api.root_url()).await;
        let info = info.and_then(decode::<HubInfo>);
        let capability = match info {
            Ok(info) if !info.supports_sharing() => Capability::OldHub(info.version),
            Err(ApiError::NotFound { .. }) => Capability::OldHub("< 5".to_owned()),
            Err(_) => return None,
            Ok(info) => match (self.client.get_value(&self.api.user_url()).await)
                .and_then(decode::<HubUser>)
            {
                Ok(user) if user.can_share(&self.server.owner, &self.server.name) => {
                    by_name = user.can_share_by_name();
                    if info.has_sharing_security_fixes() {
                        Capability::Ok
                    } else {
                        Capability::Unpatched(info.version)
                    }
                }
                Ok(_) => Capability::NoScope,
                Err(_) => return None,
            },
        };
        let key = self.capability_key();
        let known = (capability, by_name);
        CAPABILITY.with(|c| put(&mut c.borrow_mut(), key, known.clone()));
        Some(known)
    }
}

//! The owner's actions: each runs its requests, then reports to the reducer.
//! After every change both lists are reloaded from the hub.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use hub_sharing::{
    create_share_code_body, revoke_share_body, ApiError, HubApi, HubInfo, HubUser, Share, ShareCode,
};
use wasm_bindgen::JsCast;
use yew::UseReducerDispatcher;

use futures::channel::oneshot;

use crate::components::app::{mode, Ctx, Mode};
use crate::messages::{failure_text, outcome_text};
use crate::state::{Action, Capability, Lists, NewLink, Op, Outcome, State};
use crate::transport::Method;

thread_local! {
    /// Capability results per hub/server/token: checked once per page.
    static CAPABILITY: RefCell<Vec<(String, Capability)>> = const { RefCell::new(Vec::new()) };
    /// Links created in this page per server, so reopening the dialog still
    /// shows them. Memory only: never written to storage, settings or URLs.
    static LINKS: RefCell<Vec<(String, Vec<NewLink>)>> = const { RefCell::new(Vec::new()) };
    /// The last lists the hub gave per server, shown (marked as being
    /// updated) while the next open reloads them. Memory only.
    static LISTS: RefCell<Vec<(String, Lists)>> = const { RefCell::new(Vec::new()) };
}

/// The value stored under `key` in a small association list.
fn find<T: Clone>(list: &[(String, T)], key: &str) -> Option<T> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

/// Store `value` under `key`, replacing an older value.
fn put<T>(list: &mut Vec<(String, T)>, key: String, value: T) {
    list.retain(|(k, _)| k != &key);
    list.push((key, value));
}

/// What an action needs: the context, the API, the reducer and the load
/// counter of this mounted dialog.
#[derive(Clone)]
pub struct Env {
    /// Page facts, client, strings.
    pub ctx: Ctx,
    /// The hub API.
    pub api: HubApi,
    /// The reducer.
    pub dispatch: UseReducerDispatcher<State>,
    /// Last load number handed out.
    pub loads: Rc<Cell<u64>>,
    /// Set while a change runs: checked synchronously, so even two clicks
    /// delivered before the next render start only one change.
    pub busy: Rc<Cell<bool>>,
}

impl PartialEq for Env {
    fn eq(&self, other: &Self) -> bool {
        self.ctx == other.ctx && Rc::ptr_eq(&self.loads, &other.loads)
    }
}

impl Env {
    fn owner(&self) -> &str {
        &self.ctx.config.hub_server_user
    }

    fn server(&self) -> &str {
        &self.ctx.config.hub_server_name
    }

    fn key(&self) -> String {
        server_key(&self.api, self.owner(), self.server())
    }
}

/// The key of one server's memories.
fn server_key(api: &HubApi, owner: &str, server: &str) -> String {
    format!("{}\u{0}{owner}\u{0}{server}", api.base())
}

/// What an earlier open of the dialog in this page knew about this server:
/// the links created, and the last lists the hub gave.
pub fn remembered(api: &HubApi, owner: &str, server: &str) -> (Vec<NewLink>, Option<Lists>) {
    let key = server_key(api, owner, server);
    let links = LINKS.with(|l| find(&l.borrow(), &key).unwrap_or_default());
    let lists = LISTS.with(|l| find(&l.borrow(), &key));
    (links, lists)
}

/// Remember the links of this server for the next open.
pub fn remember_links(env: &Env, links: &[NewLink]) {
    LINKS.with(|l| put(&mut l.borrow_mut(), env.key(), links.to_vec()));
}

/// Forget the lists of every server (component tests start from a blank
/// page memory with it; the links and the capability checks are kept).
pub fn forget_lists() {
    LISTS.with(|l| l.borrow_mut().clear());
}

/// Remember the hub's latest lists of this server for the next open.
pub fn remember_lists(env: &Env, lists: Lists) {
    LISTS.with(|l| put(&mut l.borrow_mut(), env.key(), lists));
}

/// Both lists of one load, on their way: each is fetched by a task of its
/// own, which sends its answer here.
#[derive(Debug)]
pub struct Pending {
    shares: oneshot::Receiver<Result<Vec<Share>, ApiError>>,
    codes: oneshot::Receiver<Result<Vec<ShareCode>, ApiError>>,
}

/// Start fetching both lists of `owner`'s `server` (in parallel).
fn fetch_lists(ctx: &Ctx, api: &HubApi, owner: &str, server: &str) -> Pending {
    let (shares_tx, shares) = oneshot::channel();
    let (codes_tx, codes) = oneshot::channel();
    let (client, url) = (ctx.client.clone(), api.shares_url(owner, server));
    wasm_bindgen_futures::spawn_local(async move {
        let _ = shares_tx.send(client.get_all::<Share>(&url).await);
    });
    let (client, url) = (ctx.client.clone(), api.share_codes_url(owner, server));
    wasm_bindgen_futures::spawn_local(async move {
        let _ = codes_tx.send(client.get_all::<ShareCode>(&url).await);
    });
    Pending { shares, codes }
}

/// Start the first load of an owner's dialog from `mount`, before Yew's
/// first render (nothing for an invitee or outside JupyterHub): on a first
/// open that render, which compiles much of the wasm, takes about 20 ms, and
/// the requests go out before it instead of after it. The first [`reload`]
/// takes this load.
pub fn prefetch(ctx: &Ctx) {
    if let Mode::Owner(api) = mode(ctx) {
        let pending = fetch_lists(
            ctx,
            &api,
            &ctx.config.hub_server_user,
            &ctx.config.hub_server_name,
        );
        *ctx.prefetch.borrow_mut() = Some(pending);
    }
}

/// Reload both lists in parallel (load number `n` from the counter); the
/// first reload of a dialog takes the load [`prefetch`] started.
pub fn reload(env: &Env) {
    let n = env.loads.get() + 1;
    env.loads.set(n);
    env.dispatch.dispatch(Action::LoadStarted(n));
    let pending = env.ctx.prefetch.borrow_mut().take();
    let Pending { shares, codes } =
        pending.unwrap_or_else(|| fetch_lists(&env.ctx, &env.api, env.owner(), env.server()));
    deliver(env, n, shares, Action::SharesLoaded);
    deliver(env, n, codes, Action::CodesLoaded);
}

/// Report one list of load `n` to the reducer when its answer comes.
fn deliver<T: 'static>(
    env: &Env,
    n: u64,
    answer: oneshot::Receiver<Result<Vec<T>, ApiError>>,
    loaded: fn(u64, Vec<T>) -> Action,
) {
    let dispatch = env.dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // a fetch task always answers; a dropped sender would be a bug
        match answer.await.unwrap_or(Err(ApiError::Network)) {
            Ok(items) => dispatch.dispatch(loaded(n, items)),
            Err(e) => dispatch.dispatch(Action::LoadFailed(n, e)),
        }
    });
}

/// Check once per page that the hub is 5+ and the token may manage
/// sharing of this server, and whether the hub has the security fixes of
/// its sharing pages. A failed check says nothing: the list loads
/// report the failure in their own words.
pub fn check_capability(env: &Env) {
    let key = format!("{}\u{0}{}", env.key(), env.ctx.config.token);
    if let Some(known) = CAPABILITY.with(|c| find(&c.borrow(), &key)) {
        env.dispatch.dispatch(Action::Capability(known));
        return;
    }
    let env = env.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let client = &env.ctx.client;
        let info = client.get_json::<HubInfo>(&env.api.root_url()).await;
        let capability = match info {
            Ok(info) if !info.supports_sharing() => Capability::OldHub(info.version),
            Err(ApiError::NotFound { .. }) => Capability::OldHub("< 5".to_owned()),
            Err(_) => return,
            Ok(info) => match client.get_json::<HubUser>(&env.api.user_url()).await {
                Ok(user) if user.can_share(env.owner(), env.server()) => {
                    if info.has_sharing_security_fixes() {
                        Capability::Ok
                    } else {
                        Capability::Unpatched(info.version)
                    }
                }
                Ok(_) => Capability::NoScope,
                Err(_) => return,
            },
        };
        CAPABILITY.with(|c| put(&mut c.borrow_mut(), key, capability.clone()));
        env.dispatch.dispatch(Action::Capability(capability));
    });
}

/// Run a change: mark it busy, run `work`, report, reload.
fn run_op<F>(env: &Env, op: Op, work: F)
where
    F: std::future::Future<Output = Result<Option<Outcome>, ApiError>> + 'static,
{
    if env.busy.replace(true) {
        return;
    }
    env.dispatch.dispatch(Action::OpStarted(op.clone()));
    let env = env.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let config = &env.ctx.config;
        let result = work.await;
        env.busy.set(false);
        match result {
            Ok(outcome) => {
                if let Some(outcome) = &outcome {
                    announce(config, outcome);
                }
                env.dispatch.dispatch(Action::OpDone(outcome));
            }
            Err(e) => {
                config.notify("error", &failure_text(config, &op, &e));
                env.dispatch.dispatch(Action::OpFailed(e));
            }
        }
        reload(&env);
    });
}

/// Generate invite link valid for `lifetime` seconds.
pub fn generate(env: &Env, lifetime: u64) {
    let url = env.api.share_codes_url(env.owner(), env.server());
    let inner = env.clone();
    run_op(env, Op::Generate, async move {
        let code: ShareCode = inner
            .ctx
            .client
            .post_json(&url, create_share_code_body(lifetime))
            .await?;
        let link = code.link(&inner.api).ok_or_else(|| ApiError::Malformed {
            detail: "the answer has no accept_url".to_owned(),
        })?;
        inner.dispatch.dispatch(Action::LinkCreated(NewLink {
            id: code.id,
            created_at: code.created_at,
            url: link,
            expires_at: code.expires_at,
            after_load: 0,
        }));
        Ok(None)
    });
}

/// Revoke all share links of this server.
pub fn revoke_links(env: &Env) {
    let url = env.api.share_codes_url(env.owner(), env.server());
    let inner = env.clone();
    run_op(env, Op::RevokeLinks, async move {
        inner.ctx.client.send(Method::Delete, &url, None).await?;
        Ok(Some(Outcome::LinksRevoked))
    });
}

/// Revoke one user's or group's access.
///
/// The hub answers 200 `{}` both when it revoked the share and when it does
/// not know the name (a user renamed since the list was loaded): only its
/// list after the change tells. If that list still has the share (same
/// name, or same kind and grant time under a new name), nothing was
/// revoked. If the list cannot be read, the hub's answer stands; the reload
/// that follows every change shows the truth either way.
pub fn revoke_share(env: &Env, share: &Share) {
    let url = env.api.shares_url(env.owner(), env.server());
    let name = share.display_name().to_owned();
    let body = revoke_share_body(share);
    let inner = env.clone();
    let share = share.clone();
    run_op(env, Op::RevokeShare(name.clone()), async move {
        let body = body.ok_or_else(|| ApiError::Malformed {
            detail: "the share names no user or group".to_owned(),
        })?;
        let client = &inner.ctx.client;
        client.send(Method::Patch, &url, Some(body)).await?;
        let after = client.get_all::<Share>(&url).await;
        Ok(Some(if still_listed(after, &share) {
            Outcome::NothingRevoked(name)
        } else {
            Outcome::ShareRevoked(name)
        }))
    });
}

/// Whether the hub's list `after` a revocation still has `share`.
fn still_listed(after: Result<Vec<Share>, ApiError>, share: &Share) -> bool {
    after.is_ok_and(|after| after.iter().any(|s| same_share(s, share)))
}

/// Whether `a` and `b` are the same grant: same kind, and the same name or
/// (for a renamed user or group) the same grant time.
fn same_share(a: &Share, b: &Share) -> bool {
    a.is_group() == b.is_group()
        && (a.display_name() == b.display_name()
            || (!b.created_at.is_empty() && a.created_at == b.created_at))
}

/// Tell JupyterLab's notification centre about an outcome.
fn announce(config: &crate::config::Config, outcome: &Outcome) {
    let kind = if outcome.is_failure() {
        "error"
    } else {
        "success"
    };
    config.notify(kind, &outcome_text(config, outcome));
}

/// Revoke All users.
pub fn revoke_all(env: &Env) {
    let url = env.api.shares_url(env.owner(), env.server());
    let inner = env.clone();
    run_op(env, Op::RevokeAllShares, async move {
        inner.ctx.client.send(Method::Delete, &url, None).await?;
        Ok(Some(Outcome::AllRevoked))
    });
}

/// Copy a link to the clipboard, on the owner's click only, and say
/// whether it happened: `navigator.clipboard.writeText` (secure pages),
/// else, or if it is refused, the link's own field (`field_id`) is selected
/// and copied with `execCommand("copy")`. No `copy` event listener is ever
/// added, so nothing can put the link on a later Ctrl+C. When both fail,
/// the link stays selected in its field for the keyboard.
pub fn copy(env: &Env, text: &str, field_id: &str) {
    let written = clipboard_write_text(text);
    let (env, field_id) = (env.clone(), field_id.to_owned());
    wasm_bindgen_futures::spawn_local(async move {
        let written = match written {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        let ok = written || copy_from_field(&field_id);
        let outcome = if ok {
            Outcome::Copied
        } else {
            Outcome::CopyFailed
        };
        announce(&env.ctx.config, &outcome);
        env.dispatch.dispatch(Action::Announce(outcome));
    });
}

/// `navigator.clipboard.writeText(text)`, or `None` where the page has no
/// asynchronous clipboard (plain http on a name other than localhost).
fn clipboard_write_text(text: &str) -> Option<js_sys::Promise> {
    let clipboard = web_sys::window()?.navigator().clipboard();
    (!clipboard.is_undefined()).then(|| clipboard.write_text(text))
}

/// Focus and select the field `id`, then `document.execCommand("copy")`:
/// true if the browser says it copied.
fn copy_from_field(id: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(field) = document
        .get_element_by_id(id)
        .and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return false;
    };
    let _ = field.focus();
    field.select();
    document
        .unchecked_into::<web_sys::HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false)
}

//! The owner's actions: each runs its requests, then reports to the reducer.
//! After every change both lists are reloaded from the hub.
//!
//! The [`Guard`] answers, at the moment of a click or a timer tick and before
//! any render, whether something may start: one change at a time, no reload
//! over a running one. The reducer's [`State`] holds what the owner sees.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::StreamExt;
use hub_sharing::{
    create_share_code_body_with, had_access_already, lab_file_path, link_with_next,
    revoke_share_body, ApiError, Ends, Grantee, GranteeKind, LeaveError, Level, LinkAccess,
    NameError, Share, ShareCode,
};
use yew::UseReducerDispatcher;

use crate::host::{self, clear_field, Config, Notice, SHARE_FIELD_ID};
use crate::messages::{failure_text, outcome_text};
use crate::session::{Hub, ListPart, Pending};
use crate::state::{has_own_share, Action, Confirm, NewLink, Op, Outcome, State};
use crate::transport::{all_items, decode, Method};

/// While a long list arrives, how often the table takes in the pages
/// received since it last did (ms): often enough to show progress, rarely
/// enough that sorting and rendering stay a small part of the time.
pub const SHOW_EVERY_MS: f64 = 100.0;

/// The synchronous bookkeeping of one owner view: whether a change runs,
/// and which load is the latest and how many of its lists are still out.
/// Read and written on the click itself, so even two clicks delivered
/// before the next render start only one change.
#[derive(Debug, Default)]
pub struct Guard {
    busy: Cell<bool>,
    load: Cell<u64>,
    waiting: Cell<u8>,
    /// The server enforces access levels (its answer, once per open).
    levels: Cell<bool>,
    /// What the next link allows, as last picked.
    access: Cell<LinkAccess>,
    /// Who else was connected at the last change; `None` before the first.
    online: RefCell<Option<Vec<String>>>,
}

impl Guard {
    /// Mark a change as running; false if one already runs.
    fn start_change(&self) -> bool {
        !self.busy.replace(true)
    }

    fn end_change(&self) {
        self.busy.set(false);
    }

    /// Number a new load of both lists.
    fn start_load(&self) -> u64 {
        let n = self.load.get() + 1;
        self.load.set(n);
        self.waiting.set(2);
        n
    }

    /// One list of load `n` answered.
    fn answered(&self, n: u64) {
        if n == self.load.get() {
            self.waiting.set(self.waiting.get().saturating_sub(1));
        }
    }

    /// Whether the latest load still waits for an answer.
    pub fn loading(&self) -> bool {
        self.waiting.get() > 0
    }

    /// Whether a change runs.
    pub fn busy(&self) -> bool {
        self.busy.get()
    }
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

/// A change at the hub the owner asked for, as [`Actions::perform`] makes
/// it.
enum Change {
    /// Generate a link: the request's body, and the path of the file the
    /// link opens, if any.
    Generate { body: String, path: Option<String> },
    /// One request with no body (revoke links, Revoke All users), then the
    /// server's eviction if `evict`; announced as `outcome` of whether
    /// that ended access at once.
    Request {
        method: Method,
        url: String,
        evict: bool,
        outcome: fn(bool) -> Outcome,
    },
    /// Share with a user or group; `held` is the list shown.
    Share {
        grantee: Grantee,
        body: String,
        held: Option<Rc<Vec<Share>>>,
    },
    /// Revoke one share, then evict (if `levels`) and check the hub's list.
    RevokeShare { share: Share, levels: bool },
}

/// Everything the owner can do in one mounted dialog. Only the owner's view
/// makes one.
#[derive(Clone)]
pub struct Actions {
    hub: Rc<Hub>,
    config: Rc<Config>,
    dispatch: UseReducerDispatcher<State>,
    guard: Rc<Guard>,
}

impl PartialEq for Actions {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.guard, &other.guard)
    }
}

impl Actions {
    /// The actions of one owner view.
    pub fn new(hub: Rc<Hub>, config: Rc<Config>, dispatch: UseReducerDispatcher<State>) -> Self {
        Actions {
            hub,
            config,
            dispatch,
            guard: Rc::default(),
        }
    }

    /// Reload both lists in parallel; the first reload of a dialog takes the
    /// load `mount` started.
    pub fn reload(&self) {
        let n = self.guard.start_load();
        self.dispatch.dispatch(Action::LoadStarted(n));
        self.deliver(n, self.hub.load());
    }

    /// Report both lists of load `n` to the reducer as they arrive.
    /// The first load of an open shows the people list's first page at
    /// once and then more every [`SHOW_EVERY_MS`] (a long list need not be
    /// complete to show its first screen); later loads (Refresh, after a
    /// change) keep the complete list on screen until the new one is
    /// complete. A newer load drops this one, and its task stops asking for
    /// pages.
    fn deliver(&self, n: u64, mut parts: Pending) {
        let (dispatch, guard) = (self.dispatch.clone(), self.guard.clone());
        let stream = n == 1;
        wasm_bindgen_futures::spawn_local(async move {
            let (mut batch, mut total, mut shown, mut last) = (Vec::new(), None, 0, 0.0);
            let mut lists = 2;
            while lists > 0 {
                // the fetch tasks always end with Done or Failed, and Codes
                let part = parts
                    .next()
                    .await
                    .unwrap_or(ListPart::Failed(ApiError::Network));
                if guard.load.get() != n {
                    return;
                }
                let action = match part {
                    ListPart::Page(items, announced) => {
                        batch.extend(items);
                        total = announced.or(total);
                        let now = js_sys::Date::now();
                        // the first page, and the one after it (the newest
                        // people: pages come from the end), at once
                        if stream && (shown < 2 || now - last >= SHOW_EVERY_MS) {
                            dispatch.dispatch(Action::SharesArrived(
                                n,
                                std::mem::take(&mut batch),
                                total,
                            ));
                            shown += 1;
                            last = now;
                        }
                        continue;
                    }
                    ListPart::Done => Action::SharesLoaded(n, std::mem::take(&mut batch)),
                    ListPart::Failed(e) => Action::SharesFailed(n, e),
                    ListPart::Codes(Ok(codes)) => Action::CodesLoaded(n, codes),
                    ListPart::Codes(Err(e)) => Action::LoadFailed(n, e),
                };
                lists -= 1;
                guard.answered(n);
                dispatch.dispatch(action);
            }
        });
    }

    /// Refresh: a reload, unless one is running (the button keeps the
    /// focus, marked aria-disabled, and its clicks are ignored).
    pub fn refresh(&self) {
        if !self.guard.loading() {
            self.reload();
        }
    }

    /// An auto-refresh tick: a reload, unless a load or a change runs.
    pub fn tick(&self) {
        if !self.guard.loading() && !self.guard.busy() {
            self.reload();
        }
    }

    /// Check once per page that the hub is 5+ and the token may manage
    /// sharing of this server. A failed check says nothing: the list loads
    /// report the failure in their own words.
    pub fn check_capability(&self) {
        if let Some((known, by_name)) = self.hub.known_capability() {
            self.dispatch.dispatch(Action::Capability(known, by_name));
            return;
        }
        let started = self.hub.take_capability_check();
        let (hub, dispatch) = (self.hub.clone(), self.dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let checked = match started {
                Some(answer) => answer.await.ok().flatten(),
                None => hub.check_capability().await,
            };
            if let Some((capability, by_name)) = checked {
                dispatch.dispatch(Action::Capability(capability, by_name));
            }
        });
    }

    /// Whether the server enforces access levels (the page config says):
    /// then links carry the owner's choice, and a revocation ends access at
    /// once.
    pub fn check_server_access(&self) {
        let on = self.config.access_levels;
        self.guard.levels.set(on);
        self.dispatch.dispatch(Action::Levels(on));
    }

    /// The owner picked what invitees of the next link can do.
    pub fn choose_level(&self, level: Level) {
        self.choose_access(LinkAccess {
            level,
            ..self.guard.access.get()
        });
    }

    /// The owner picked when access through the next link ends.
    pub fn choose_ends(&self, ends: Ends) {
        self.choose_access(LinkAccess {
            ends,
            ..self.guard.access.get()
        });
    }

    fn choose_access(&self, access: LinkAccess) {
        self.guard.access.set(access);
        self.dispatch.dispatch(Action::ChooseAccess(access));
    }

    /// After a revocation at the hub: the server ends the revoked people's
    /// access at once (its own check would, within seconds); true when it
    /// did. A failure here changes nothing the owner can act on: the
    /// revocation stands, and the message does not say "at once".
    async fn evict(hub: &Hub, levels: bool) -> bool {
        levels && hub.evict().await.is_ok()
    }

    /// Run a change: mark it busy, make it ([`Actions::perform`]), report,
    /// reload.
    fn run(&self, op: Op, change: Change) {
        if !self.guard.start_change() {
            return;
        }
        self.dispatch.dispatch(Action::OpStarted(op.clone()));
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = this.perform(change).await;
            this.guard.end_change();
            match result {
                Ok(outcome) => {
                    if let Some(outcome) = &outcome {
                        this.announce(outcome);
                    }
                    this.dispatch.dispatch(Action::OpDone(outcome));
                }
                Err(e) => {
                    this.config
                        .notify(Notice::Error, &failure_text(&this.config, &op, &e));
                    this.dispatch.dispatch(Action::OpFailed(e));
                }
            }
            this.reload();
        });
    }

    /// The requests of a change, and what came of it. One function over
    /// [`Change`] rather than a future per action: one state machine in
    /// the wasm.
    async fn perform(&self, change: Change) -> Result<Option<Outcome>, ApiError> {
        let hub = &self.hub;
        match change {
            Change::Generate { body, path } => {
                let url = hub.share_codes_url();
                let code: ShareCode =
                    decode(hub.client.send(Method::Post, &url, Some(body)).await?)?;
                let mut link = code.link(&hub.api).ok_or_else(|| ApiError::Malformed {
                    detail: "the answer has no accept_url".to_owned(),
                })?;
                let server_url = code.server.as_ref().and_then(|s| s.url.as_deref());
                if let Some(next) = path.zip(server_url).and_then(|(p, u)| lab_file_path(u, &p)) {
                    link = link_with_next(&link, &next);
                }
                self.dispatch.dispatch(Action::LinkCreated(NewLink {
                    id: code.id,
                    created_at: code.created_at,
                    url: link,
                    expires_at: code.expires_at,
                    after_load: 0,
                }));
                Ok(None)
            }
            Change::Request {
                method,
                url,
                evict,
                outcome,
            } => {
                hub.client.send(method, &url, None).await?;
                let ended = Self::evict(hub, evict).await;
                Ok(Some(outcome(ended)))
            }
            Change::Share {
                grantee,
                body,
                held,
            } => {
                let url = hub.shares_url();
                let answer: Share = decode(hub.client.send(Method::Post, &url, Some(body)).await?)?;
                clear_field(SHARE_FIELD_ID);
                if held.is_some_and(|held| had_access_already(&held, &answer)) {
                    return Ok(Some(Outcome::HadAccess(grantee)));
                }
                // the hub tells nobody: the owner gets the address to send
                let server = answer.server.unwrap_or_default();
                let address = server.full_url.unwrap_or_else(|| {
                    hub.api
                        .absolute_url(server.url.as_deref().unwrap_or_default())
                });
                Ok(Some(Outcome::Shared(grantee, address)))
            }
            Change::RevokeShare { share, levels } => {
                let name = share.display_name().to_owned();
                let body = revoke_share_body(&share).ok_or_else(|| ApiError::Malformed {
                    detail: "the share names no user or group".to_owned(),
                })?;
                let url = hub.shares_url();
                hub.client.send(Method::Patch, &url, Some(body)).await?;
                let ended = Self::evict(hub, levels).await;
                let after = hub.client.all_pages(&url).await.and_then(all_items);
                Ok(Some(if still_listed(after, &share) {
                    Outcome::NothingRevoked(name)
                } else {
                    Outcome::ShareRevoked(name, ended)
                }))
            }
        }
    }

    /// Generate invite link valid for `lifetime` seconds.
    /// On a server that enforces access levels the link carries the access
    /// picked ([`LinkAccess::scopes`]); elsewhere it is made as before.
    /// With `open_file`, the link carries JupyterHub's `next`: the current
    /// document in this JupyterLab, under the server's URL as the hub
    /// reports it, so the invitee lands on that file.
    pub fn generate(&self, lifetime: u64, open_file: bool) {
        let path = open_file.then(|| self.config.current_path.clone());
        let scopes = if self.guard.levels.get() {
            self.guard.access.get().scopes()
        } else {
            Vec::new()
        };
        let body = create_share_code_body_with(lifetime, &scopes);
        self.run(Op::Generate, Change::Generate { body, path });
    }

    /// Revoke all share links of this server.
    pub fn revoke_links(&self) {
        let url = self.hub.share_codes_url();
        self.request(Op::RevokeLinks, url, false, |_| Outcome::LinksRevoked);
    }

    /// A change that is one `DELETE url`, then (with `evict`) the server's
    /// eviction, announced as `outcome` of whether that ended access at
    /// once.
    fn request(&self, op: Op, url: String, evict: bool, outcome: fn(bool) -> Outcome) {
        let method = Method::Delete;
        let change = Change::Request {
            method,
            url,
            evict,
            outcome,
        };
        self.run(op, change);
    }

    /// Revoke one invite link (`DELETE share-codes/...?id=`); the hub
    /// answers 404 for a link it no longer has.
    pub fn revoke_link(&self, id: &str) {
        let server = &self.hub.server;
        let url = self
            .hub
            .api
            .share_code_by_id_url(&server.owner, &server.name, id);
        let op = Op::RevokeLink(id.to_owned());
        self.request(op, url, false, |_| Outcome::LinkRevoked);
    }

    /// Who else is connected now changed (`names`). Someone who connects
    /// whom the list does not name has most likely just accepted a link:
    /// the lists are reloaded. Those connected when the dialog opens (such
    /// as admins) are taken as they are.
    pub fn online(&self, names: Vec<String>) {
        let before = self.guard.online.replace(Some(names.clone()));
        if let (Some(before), Some(lists)) = (before, self.hub.remembered().1) {
            if names
                .iter()
                .any(|n| !before.contains(n) && !has_own_share(&lists.shares, n))
            {
                self.reload();
            }
        }
        self.dispatch.dispatch(Action::Online(names));
    }

    /// Share with a user or group by name (`POST shares/...` with
    /// `{"user"}` or `{"group"}`); `held` is the list shown, which tells a
    /// new share from one the hub already had (it answers both alike).
    pub fn share_with(&self, kind: GranteeKind, typed: &str, held: Option<Rc<Vec<Share>>>) {
        let grantee = match Grantee::new(kind, typed, &self.hub.server.owner) {
            Ok(grantee) => grantee,
            Err(NameError::Empty) => return self.refuse(Outcome::NameNeeded),
            Err(NameError::Yourself) => return self.refuse(Outcome::OwnServer),
        };
        let op = Op::Share(grantee.clone());
        let body = grantee.body();
        self.run(
            op,
            Change::Share {
                grantee,
                body,
                held,
            },
        );
    }

    /// A change refused before any request: said in the status line.
    fn refuse(&self, outcome: Outcome) {
        self.dispatch.dispatch(Action::Announce(outcome));
    }

    /// Revoke one user's or group's access.
    ///
    /// The hub answers 200 `{}` both when it revoked the share and when it
    /// does not know the name (a user renamed since the list was loaded):
    /// only its list after the change tells. If that list still has the
    /// share (same name, or same kind and grant time under a new name),
    /// nothing was revoked. If the list cannot be read, the hub's answer
    /// stands; the reload that follows every change shows the truth either
    /// way.
    pub fn revoke_share(&self, share: &Share) {
        let op = Op::RevokeShare(share.display_name().to_owned());
        let levels = self.guard.levels.get();
        let share = share.clone();
        self.run(op, Change::RevokeShare { share, levels });
    }

    /// Revoke All users.
    pub fn revoke_all(&self) {
        let url = self.hub.shares_url();
        let levels = self.guard.levels.get();
        self.request(Op::RevokeAllShares, url, levels, Outcome::AllRevoked);
    }

    /// Copy a link to the clipboard, on the owner's click only, and say
    /// whether it happened (see [`host::copy`]); `field_id` is the id of the
    /// link's own field.
    pub fn copy(&self, text: &str, field_id: &str) {
        let copying = host::copy(text, field_id);
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = if copying.await {
                Outcome::Copied
            } else {
                Outcome::CopyFailed
            };
            this.announce(&outcome);
            this.dispatch.dispatch(Action::Announce(outcome));
        });
    }

    /// Tell JupyterLab's notification centre about an outcome.
    fn announce(&self, outcome: &Outcome) {
        let kind = if outcome.is_failure() {
            Notice::Error
        } else {
            Notice::Success
        };
        self.config
            .notify(kind, &outcome_text(&self.config, outcome));
    }

    /// Ask the owner to confirm; ignored while a change runs.
    pub fn ask(&self, question: Confirm) {
        if !self.guard.busy() {
            self.dispatch.dispatch(Action::AskConfirm(question));
        }
    }

    /// The owner said no to the question.
    pub fn cancel(&self) {
        self.dispatch.dispatch(Action::CancelConfirm);
    }

    /// The owner picked a lifetime for the next link.
    pub fn choose_lifetime(&self, seconds: u64) {
        self.dispatch.dispatch(Action::ChooseLifetime(seconds));
    }
}

/// The invitee `me` gives up their own access to the server
/// (`DELETE users/{me}/shared/{owner}/{server}`, allowed by the
/// `users:shares!user` scope of the invitee's token).
pub async fn leave(hub: &Hub, me: &str) -> Result<(), LeaveError> {
    let url = hub
        .api
        .user_shared_url(me, &hub.server.owner, &hub.server.name);
    hub.client.send(Method::Delete, &url, None).await?;
    Ok(())
}

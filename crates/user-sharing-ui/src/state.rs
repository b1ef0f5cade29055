//! The dialog's state as a reducer: every change is an [`Action`].
//!
//! Loads are numbered: an answer from an older load than the latest one
//! started is dropped, so a slow answer never overwrites a newer one. Only
//! one change (generate, revoke) runs at a time, and after each the lists are
//! reloaded: what is shown is always the hub's answer, never a guess.

use std::rc::Rc;

use hub_sharing::{
    sort_codes_newest_first, sort_newest_first, ApiError, Grantee, LinkAccess, Share, ShareCode,
};
use yew::Reducible;

/// An invite link created in this page (the hub never returns the code
/// again, so it is kept in memory only, never stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLink {
    /// The share code's id (`sc_N`).
    pub id: String,
    /// Its creation time, to tell it from a later code reusing the id.
    pub created_at: String,
    /// The full link to hand out.
    pub url: String,
    /// Expiry (ISO 8601), if the hub gave one.
    pub expires_at: Option<String>,
    /// The latest load number when it was created: only a later load's list
    /// can tell that it is gone.
    pub after_load: u64,
}

/// A change the owner asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Generate invite link.
    Generate,
    /// Revoke all share links.
    RevokeLinks,
    /// Revoke one link; its id.
    RevokeLink(String),
    /// Revoke one share; the display name.
    RevokeShare(String),
    /// Share with a named user or group.
    Share(Grantee),
    /// Revoke All users.
    RevokeAllShares,
}

/// A question waiting for the owner's confirmation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Revoke all share links?
    RevokeLinks,
    /// Revoke All users?
    RevokeAllShares,
}

/// What the capability check found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Capability {
    /// Not known yet (or the check itself failed: the list loads report that).
    #[default]
    Unknown,
    /// Sharing can be managed.
    Ok,
    /// Sharing can be managed, but the hub lacks the security fixes of its
    /// sharing pages (older than 5.5.1); its version.
    Unpatched(String),
    /// The hub is older than 5; its version.
    OldHub(String),
    /// The token lacks the `shares` scope for this server.
    NoScope,
}

/// A short outcome shown in the status line (`aria-live`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A link was copied.
    Copied,
    /// Copying failed.
    CopyFailed,
    /// All links revoked.
    LinksRevoked,
    /// One link revoked.
    LinkRevoked,
    /// Shared with a user or group; the server's address to send them.
    Shared(Grantee, String),
    /// The user or group had access already.
    HadAccess(Grantee),
    /// Share was pressed with no name typed.
    NameNeeded,
    /// The owner typed their own name.
    OwnServer,
    /// One share revoked; the name, and whether the server ended the
    /// access at once (access levels: the eviction answered).
    ShareRevoked(String, bool),
    /// The hub answered the revocation of one share, yet still lists it
    /// (it answers 200 `{}` for a name it does not know, e.g. a renamed
    /// user); the name.
    NothingRevoked(String),
    /// All shares revoked; whether the server ended the access at once.
    AllRevoked(bool),
}

impl Outcome {
    /// Whether the owner's wish was not fulfilled (shown as an alert).
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Outcome::CopyFailed
                | Outcome::NothingRevoked(_)
                | Outcome::NameNeeded
                | Outcome::OwnServer
        )
    }
}

/// Everything the owner's view knows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// People with access (newest first); `None` before the first load.
    /// Shared, not copied: the reducer clones the state on every action.
    pub shares: Option<Rc<Vec<Share>>>,
    /// Active share codes as the hub lists them (without the codes).
    pub codes: Option<Rc<Vec<ShareCode>>>,
    /// True while the lists shown are the ones kept from an earlier open of
    /// the dialog in this page, not yet confirmed by this open's load.
    pub remembered: bool,
    /// Links created in this page, newest first.
    pub new_links: Vec<NewLink>,
    /// Error of the latest load of either list.
    pub error: Option<ApiError>,
    /// Number of the latest load started.
    pub load: u64,
    /// Lists still loading in the latest load (0, 1 or 2).
    pub pending: u8,
    /// While the people shown are only the first pages of a long list: how
    /// many are in, and how many the hub announced.
    pub progress: Option<Progress>,
    /// The latest load has shown pages of its own: further pages add to
    /// them (else its first page replaces the list shown).
    appending: bool,
    /// The people shown come from a load of this open of the dialog (not
    /// from an earlier open's memory).
    pub shares_live: bool,
    /// The change running now, if any.
    pub busy: Option<Op>,
    /// The last change that failed, and why.
    pub op_error: Option<(Op, ApiError)>,
    /// A question awaiting confirmation.
    pub confirm: Option<Confirm>,
    /// The last outcome to announce.
    pub outcome: Option<Outcome>,
    /// Result of the capability check.
    pub capability: Capability,
    /// The check found that the token may not look up user or group names:
    /// sharing by name would be refused, so its form is not shown.
    pub no_name_lookup: bool,
    /// Lifetime picked in the dialog for the next link (seconds), if any.
    pub lifetime: Option<u64>,
    /// The server enforces access levels and ends revoked access at once.
    pub levels: bool,
    /// What the next link lets invitees do, and for how long.
    pub link_access: LinkAccess,
    /// The hub names of the other people connected now; `None` when
    /// JupyterLab cannot tell (no jupyter-collaboration).
    pub online: Option<Rc<Vec<String>>>,
    /// The dialog's first frame is painted. Until then the people table
    /// holds a screenful of rows (the list remembered from the last open is
    /// on screen within a frame of the click); then its whole page.
    pub painted: bool,
}

/// How far a long list of people has arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// People received so far.
    pub loaded: usize,
    /// The number the hub announced (a hint: it may change meanwhile).
    pub total: Option<u64>,
}

impl Progress {
    /// The number to show as the whole: the hub's, never below what is in.
    pub fn total(&self) -> usize {
        self.total
            .map_or(self.loaded, |t| usize::try_from(t).unwrap_or(usize::MAX))
            .max(self.loaded)
    }
}

/// The two lists of one load, as remembered between opens of the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lists {
    /// People with access, newest first.
    pub shares: Rc<Vec<Share>>,
    /// Active share codes, newest first.
    pub codes: Rc<Vec<ShareCode>>,
}

/// Everything that can happen to [`State`].
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Load `n` of both lists started.
    LoadStarted(u64),
    /// Load `n` returned more shares (a page or a few), and the number the
    /// hub announces; more follow.
    SharesArrived(u64, Vec<Share>, Option<u64>),
    /// Load `n` returned its last shares: the list is complete.
    SharesLoaded(u64, Vec<Share>),
    /// The share list of load `n` failed (maybe after some pages).
    SharesFailed(u64, ApiError),
    /// Load `n` returned the share codes.
    CodesLoaded(u64, Vec<ShareCode>),
    /// One request of load `n` failed.
    LoadFailed(u64, ApiError),
    /// The capability check finished; and whether the token may look up
    /// names (share by name).
    Capability(Capability, bool),
    /// A change started; ignored while another runs.
    OpStarted(Op),
    /// The running change succeeded, with what to announce.
    OpDone(Option<Outcome>),
    /// The running change failed.
    OpFailed(ApiError),
    /// The hub created an invite link.
    LinkCreated(NewLink),
    /// Ask for confirmation.
    AskConfirm(Confirm),
    /// The owner said no.
    CancelConfirm,
    /// Announce an outcome (copy).
    Announce(Outcome),
    /// The server said whether it enforces access levels.
    Levels(bool),
    /// The owner picked what the next link allows.
    ChooseAccess(LinkAccess),
    /// The owner picked a lifetime for the next link.
    ChooseLifetime(u64),
    /// Who else is connected now changed.
    Online(Vec<String>),
    /// The dialog's first frame is painted.
    Painted,
}

/// Value of the root's `data-state` attribute (also used by tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not running under JupyterHub.
    NoHub,
    /// The visitor is an invitee.
    Invitee,
    /// The shim's configuration could not be read.
    BadConfig,
    /// The dialog hit an internal error (a panic).
    Panic,
    /// Nothing loaded yet, or a reload is running.
    Loading,
    /// The lists shown are the hub's latest answer.
    Ready,
    /// The latest load failed (older data may still be shown, marked stale).
    Error,
    /// The hub or the token cannot manage sharing.
    Unsupported,
}

impl Status {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NoHub => "no-hub",
            Status::Invitee => "invitee",
            Status::BadConfig => "error",
            Status::Panic => "panic",
            Status::Loading => "loading",
            Status::Ready => "ready",
            Status::Error => "error",
            Status::Unsupported => "unsupported",
        }
    }
}

impl State {
    /// A state starting with links kept from an earlier open of the dialog.
    pub fn with_links(new_links: Vec<NewLink>) -> State {
        State {
            new_links,
            ..State::default()
        }
    }

    /// A state starting with what an earlier open of the dialog in this page
    /// knew: its links and its last lists, shown (marked as being updated)
    /// until this open's load answers.
    pub fn remembered(new_links: Vec<NewLink>, lists: Option<Lists>) -> State {
        let mut state = State::with_links(new_links);
        if let Some(lists) = lists {
            state.shares = Some(lists.shares);
            state.codes = Some(lists.codes);
            state.remembered = true;
        }
        state
    }

    /// Both lists of the latest successful load, to remember for the next
    /// open; `None` unless both are the hub's answer to this open.
    pub fn lists(&self) -> Option<Lists> {
        match (&self.shares, &self.codes) {
            (Some(shares), Some(codes)) if !self.remembered && self.error.is_none() => {
                Some(Lists {
                    shares: shares.clone(),
                    codes: codes.clone(),
                })
            }
            _ => None,
        }
    }

    /// Summarise for the `data-state` attribute.
    pub fn status(&self) -> Status {
        if matches!(self.capability, Capability::OldHub(_) | Capability::NoScope) {
            Status::Unsupported
        } else if self.pending > 0 || self.remembered {
            // remembered lists are not the hub's answer to this open, even
            // in the first render, before this open's load has started
            Status::Loading
        } else if self.error.is_some() {
            Status::Error
        } else if self.shares.is_some() {
            Status::Ready
        } else {
            Status::Loading
        }
    }

    /// What the rows of the people table are, for its `data-rows`:
    /// `partial` (the first pages of this open's load, more coming),
    /// `complete` (this open's load, all in) or `remembered` (from an
    /// earlier open, until this open's first page).
    pub fn rows_state(&self) -> &'static str {
        if self.progress.is_some() {
            "partial"
        } else if self.shares_live {
            "complete"
        } else {
            "remembered"
        }
    }

    /// Add shares of the latest load: its first ones replace the list shown.
    fn add_shares(&mut self, shares: Vec<Share>) {
        let mut all = match (&self.shares, self.appending) {
            (Some(shown), true) => {
                let mut all = Vec::with_capacity(shown.len() + shares.len());
                all.extend(shown.iter().cloned());
                all.extend(shares);
                all
            }
            _ => shares,
        };
        sort_newest_first(&mut all);
        self.shares = Some(Rc::new(all));
        self.appending = true;
        self.shares_live = true;
    }

    /// Whether a reload is running.
    pub fn loading(&self) -> bool {
        self.pending > 0 || self.remembered
    }

    /// True when lists are shown but the latest load failed.
    pub fn is_stale(&self) -> bool {
        self.error.is_some() && (self.shares.is_some() || self.codes.is_some())
    }

    /// When the latest load has answered in full, the lists shown are no
    /// longer the remembered ones: they are the hub's answer or, if the load
    /// failed, stale (and shown as such).
    fn settle(&mut self) {
        if self.pending == 0 {
            self.remembered = false;
        }
    }

    /// Drop remembered links the hub no longer lists (revoked elsewhere,
    /// expired and cleaned up).
    fn reconcile_links(&mut self, load: u64) {
        if let Some(codes) = &self.codes {
            self.new_links.retain(|l| {
                l.after_load >= load
                    || codes
                        .iter()
                        .any(|c| c.id == l.id && c.created_at == l.created_at)
            });
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::LoadStarted(n) => {
                if n <= self.load {
                    return self;
                }
                next.load = n;
                next.pending = 2;
                next.error = None;
                next.appending = false;
            }
            Action::SharesArrived(n, shares, total) => {
                if n != self.load {
                    return self;
                }
                next.add_shares(shares);
                let loaded = next.shares.as_ref().map_or(0, |s| s.len());
                next.progress = Some(Progress { loaded, total });
            }
            Action::SharesLoaded(n, shares) => {
                if n != self.load {
                    return self;
                }
                next.add_shares(shares);
                next.progress = None;
                next.appending = false;
                next.pending = next.pending.saturating_sub(1);
                next.settle();
            }
            Action::SharesFailed(n, error) => {
                if n != self.load {
                    return self;
                }
                next.progress = None;
                next.appending = false;
                next.error = Some(error);
                next.pending = next.pending.saturating_sub(1);
                next.settle();
            }
            Action::CodesLoaded(n, mut codes) => {
                if n != self.load {
                    return self;
                }
                sort_codes_newest_first(&mut codes);
                next.codes = Some(Rc::new(codes));
                next.reconcile_links(n);
                next.pending = next.pending.saturating_sub(1);
                next.settle();
            }
            Action::LoadFailed(n, error) => {
                if n != self.load {
                    return self;
                }
                next.error = Some(error);
                next.pending = next.pending.saturating_sub(1);
                next.settle();
            }
            Action::Capability(c, by_name) => {
                next.capability = c;
                next.no_name_lookup = !by_name;
            }
            Action::OpStarted(op) => {
                if self.busy.is_some() {
                    return self;
                }
                next.busy = Some(op);
                next.op_error = None;
                next.outcome = None;
                next.confirm = None;
            }
            Action::OpDone(outcome) => {
                if matches!(self.busy, Some(Op::RevokeLinks)) {
                    next.new_links.clear();
                }
                next.busy = None;
                next.outcome = outcome;
            }
            Action::OpFailed(error) => {
                if let Some(op) = next.busy.take() {
                    next.op_error = Some((op, error));
                }
            }
            Action::LinkCreated(mut link) => {
                link.after_load = self.load;
                next.new_links.insert(0, link);
            }
            Action::AskConfirm(c) => {
                next.confirm = Some(c);
                next.outcome = None;
            }
            Action::CancelConfirm => next.confirm = None,
            Action::Announce(outcome) => next.outcome = Some(outcome),
            Action::ChooseLifetime(seconds) => next.lifetime = Some(seconds),
            Action::Levels(on) => next.levels = on,
            Action::ChooseAccess(access) => next.link_access = access,
            Action::Online(names) => next.online = Some(Rc::new(names)),
            Action::Painted => next.painted = true,
        }
        Rc::new(next)
    }
}

/// Whether a share names the user `name` (a group's members are not known).
pub fn has_own_share(shares: &[Share], name: &str) -> bool {
    shares
        .iter()
        .any(|share| !share.is_group() && share.display_name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(name: &str, created: &str) -> Share {
        Share {
            user: Some(hub_sharing::Named {
                name: name.to_owned(),
            }),
            kind: Some("user".to_owned()),
            created_at: created.to_owned(),
            ..Share::default()
        }
    }

    fn code(id: &str, created: &str) -> ShareCode {
        ShareCode {
            id: id.to_owned(),
            created_at: created.to_owned(),
            ..ShareCode::default()
        }
    }

    fn link(id: &str, created: &str) -> NewLink {
        NewLink {
            id: id.into(),
            created_at: created.into(),
            url: format!("u/{id}"),
            expires_at: None,
            after_load: 0,
        }
    }

    fn apply(state: Rc<State>, actions: Vec<Action>) -> Rc<State> {
        actions.into_iter().fold(state, |s, a| s.reduce(a))
    }

    #[test]
    fn a_load_sorts_newest_first_and_is_ready_when_both_lists_arrived() {
        let s = apply(
            Rc::default(),
            vec![
                Action::LoadStarted(1),
                Action::SharesLoaded(
                    1,
                    vec![
                        share("old", "2026-01-01T00:00:00Z"),
                        share("new", "2026-02-01T00:00:00Z"),
                    ],
                ),
            ],
        );
        assert_eq!(s.status(), Status::Loading);
        let s = s.reduce(Action::CodesLoaded(1, vec![]));
        assert_eq!(s.status(), Status::Ready);
        let names: Vec<_> = s
            .shares
            .as_ref()
            .unwrap()
            .iter()
            .map(|s| s.display_name().to_owned())
            .collect();
        assert_eq!(names, ["new", "old"]);
    }

    #[test]
    fn a_late_answer_of_an_older_load_is_dropped() {
        let s = apply(
            Rc::default(),
            vec![
                Action::LoadStarted(1),
                Action::LoadStarted(2),
                Action::SharesLoaded(2, vec![share("b", "2026-01-01T00:00:00Z")]),
                Action::SharesLoaded(1, vec![]),
            ],
        );
        assert_eq!(s.shares.as_ref().unwrap().len(), 1);
    }

    #[test]
    fn a_failed_reload_keeps_the_last_list_marked_stale() {
        let s = apply(
            Rc::default(),
            vec![
                Action::LoadStarted(1),
                Action::SharesLoaded(1, vec![share("b", "2026-01-01T00:00:00Z")]),
                Action::CodesLoaded(1, vec![]),
                Action::LoadStarted(2),
                Action::CodesLoaded(2, vec![]),
                Action::LoadFailed(2, ApiError::Network),
            ],
        );
        assert_eq!(s.status(), Status::Error);
        assert!(s.is_stale());
        assert_eq!(s.shares.as_ref().unwrap().len(), 1);
    }

    #[test]
    fn only_one_change_runs_at_a_time() {
        let s = apply(
            Rc::default(),
            vec![
                Action::OpStarted(Op::Generate),
                Action::OpStarted(Op::RevokeAllShares),
            ],
        );
        assert_eq!(s.busy, Some(Op::Generate));
        let s = s.reduce(Action::OpFailed(ApiError::Timeout));
        assert_eq!(s.busy, None);
        assert_eq!(s.op_error, Some((Op::Generate, ApiError::Timeout)));
    }

    #[test]
    fn links_the_hub_no_longer_lists_are_forgotten() {
        let s = apply(
            Rc::new(State::with_links(vec![
                link("sc_1", "t1"),
                link("sc_2", "t2"),
            ])),
            vec![
                Action::LoadStarted(1),
                Action::CodesLoaded(1, vec![code("sc_2", "t2"), code("sc_1", "t9")]),
            ],
        );
        assert_eq!(s.new_links, vec![link("sc_2", "t2")]);
    }

    #[test]
    fn a_list_loaded_before_a_link_was_created_does_not_drop_it() {
        let s = apply(
            Rc::default(),
            vec![
                Action::LoadStarted(1),
                Action::LinkCreated(link("sc_1", "t1")),
                Action::CodesLoaded(1, vec![]),
            ],
        );
        assert_eq!(s.new_links.len(), 1);
        let s = apply(
            s,
            vec![Action::LoadStarted(2), Action::CodesLoaded(2, vec![])],
        );
        assert!(s.new_links.is_empty());
    }

    #[test]
    fn revoking_all_links_forgets_them() {
        let s = apply(
            Rc::new(State::with_links(vec![link("sc_1", "t1")])),
            vec![
                Action::OpStarted(Op::RevokeLinks),
                Action::OpDone(Some(Outcome::LinksRevoked)),
            ],
        );
        assert!(s.new_links.is_empty());
        assert_eq!(s.outcome, Some(Outcome::LinksRevoked));
    }

    #[test]
    fn remembered_lists_show_until_this_opens_load_answers_in_full() {
        let lists = Lists {
            shares: Rc::new(vec![share("bob", "2026-01-01T00:00:00Z")]),
            codes: Rc::new(vec![]),
        };
        let s = Rc::new(State::remembered(vec![], Some(lists)));
        assert!(s.remembered);
        // even before the load starts (the first render)
        assert_eq!(s.status(), Status::Loading);
        assert!(s.loading());
        assert_eq!(s.shares.as_ref().unwrap().len(), 1);
        // not the hub's answer to this open: nothing to remember from it
        assert_eq!(s.lists(), None);
        let s = apply(
            s,
            vec![Action::LoadStarted(1), Action::SharesLoaded(1, vec![])],
        );
        assert_eq!(s.status(), Status::Loading);
        assert!(s.remembered, "the codes shown are still the old ones");
        let s = s.reduce(Action::CodesLoaded(1, vec![]));
        assert!(!s.remembered);
        assert_eq!(s.status(), Status::Ready);
        assert!(s.shares.as_ref().unwrap().is_empty());
        assert!(s.lists().is_some());
    }

    #[test]
    fn remembered_lists_after_a_failed_load_are_stale() {
        let lists = Lists {
            shares: Rc::new(vec![share("bob", "2026-01-01T00:00:00Z")]),
            codes: Rc::new(vec![]),
        };
        let s = apply(
            Rc::new(State::remembered(vec![], Some(lists))),
            vec![
                Action::LoadStarted(1),
                Action::LoadFailed(1, ApiError::Network),
                Action::CodesLoaded(1, vec![]),
            ],
        );
        assert!(!s.remembered);
        assert!(s.is_stale());
        assert_eq!(s.status(), Status::Error);
        assert_eq!(s.lists(), None, "a failed load is not remembered");
    }

    #[test]
    fn a_missing_scope_makes_the_view_unsupported() {
        let s = State::default().into();
        let s = apply(s, vec![Action::Capability(Capability::NoScope, false)]);
        assert_eq!(s.status(), Status::Unsupported);
    }
}

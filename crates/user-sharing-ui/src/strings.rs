//! The user-visible strings of the dialog.
//!
//! The shim owns the catalogue: it passes every string through JupyterLab's
//! translator (domain `jupyterlab_user_sharing`) and hands the result in as
//! `config.strings`. The English texts written here are compiled in only
//! with the `english` feature (component and native tests turn it on through
//! the crate's dev-dependency on itself): the shipped wasm takes every text
//! from the shim and carries no second copy, and a catalogue that lacks a
//! text stops the dialog with the list of missing keys (see
//! [`Strings::from_js`]). Placeholders are `%1`, `%2`, filled by [`fill`];
//! sentences are never built from fragments.

use wasm_bindgen::JsValue;

/// The dialog's message when its configuration cannot be read, in English
/// in every build: then there may be no translated text to show.
pub const CONFIG_FAILED: &str = "The user sharing dialog could not start: %1";

/// The dialog's message after a panic when no translated text is at hand.
pub const INTERNAL_FAILED: &str = "The user sharing dialog hit an internal error: %1. Reload the page to use it again; if it happens again, please report it.";

macro_rules! strings {
    ($( $(#[$doc:meta])* $field:ident = $english:expr; )*) => {
        /// Translated strings, keyed by camelCase field names on the JS side.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Strings {
            $( $(#[$doc])* pub $field: String, )*
        }

        impl Default for Strings {
            /// The English texts with the `english` feature; else empty
            /// (only placeholders until the shim's catalogue is read).
            fn default() -> Self {
                Strings::read(None, &mut Vec::new())
            }
        }

        impl Strings {
            /// Every field empty.
            const EMPTY: Strings = Strings { $( $field: String::new(), )* };

            /// The field names, in declaration order.
            pub const FIELDS: &'static [&'static str] = &[$( stringify!($field), )*];

            /// The English texts, in declaration order.
            #[cfg(feature = "english")]
            const ENGLISH: &'static [&'static str] = &[$( $english, )*];

            /// Each field's name and text, in declaration order.
            pub fn entries(&self) -> Vec<(&'static str, &str)> {
                vec![$( (stringify!($field), self.$field.as_str()), )*]
            }

            /// Read the catalogue object passed by the shim. A key that is
            /// missing or not a string keeps its English text with the
            /// `english` feature; without it, the catalogue is refused with
            /// the missing keys named. (Read with `Reflect` in one loop
            /// rather than serde or one inlined lookup per field: far less
            /// wasm for 140 fields.)
            pub fn from_js(catalogue: &JsValue) -> Result<Strings, String> {
                let mut missing = Vec::new();
                let strings = Strings::read(Some(catalogue).filter(|c| c.is_object()), &mut missing);
                if missing.is_empty() {
                    Ok(strings)
                } else {
                    Err(fill("the translated strings lack %1", &[&missing.join(", ")]))
                }
            }

            /// Each field from `catalogue`, else its fallback (see
            /// [`fallback`]); the keys without a text are added to
            /// `missing`. One loop over the table: a literal or a lookup
            /// per field would cost ~30 bytes of wasm each.
            fn read(catalogue: Option<&JsValue>, missing: &mut Vec<String>) -> Strings {
                // a copy of a constant: one block copy, not three stores a field
                let mut strings = Self::EMPTY;
                let slots = [$( &mut strings.$field, )*];
                for (i, (slot, field)) in slots.into_iter().zip(Self::FIELDS).enumerate() {
                    let key = camel_case(field);
                    *slot = match catalogue.and_then(|c| lookup(c, &key)) {
                        Some(text) => text,
                        None => fallback(i, key, missing),
                    };
                }
                strings
            }
        }

        /// The English text of field `i` (the `english` feature).
        #[cfg(feature = "english")]
        fn fallback(i: usize, _key: String, _missing: &mut Vec<String>) -> String {
            Strings::ENGLISH[i].to_owned()
        }

        /// No English text in this build: `key` is missing.
        #[cfg(not(feature = "english"))]
        fn fallback(_i: usize, key: String, missing: &mut Vec<String>) -> String {
            missing.push(key);
            String::new()
        }
    };
}

/// The string at `key` in `catalogue`, if any.
fn lookup(catalogue: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(catalogue, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// `needs_hub` -> `needsHub`.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

strings! {
    /// Shown while the first answer from the hub is awaited.
    loading = "Loading…";
    /// Outside JupyterHub (plain `jupyter lab`).
    needs_hub = "User sharing needs JupyterHub. This JupyterLab is not running on a JupyterHub, so there is no one to share it with.";
    /// Heading over the list of people with access.
    people_heading = "People with access";
    /// Empty state of that list.
    no_shares = "No one else has access to this server yet.";
    /// Table header: the user or group name.
    column_name = "User or group";
    /// Table header: when access was granted.
    column_granted = "Access granted";
    /// Table header over who is connected now (with jupyter-collaboration).
    column_online = "Connected";
    /// Marks a person connected to this server right now.
    online_now = "Online now";
    /// A row of someone connected now whom no share of their own lets in
    /// (an admin, a member of a shared group, or someone revoked whose open
    /// page still works for a moment), in the "Access granted" column.
    no_own_share = "No share: an admin, a member of a shared group, or just revoked";
    /// A group entry; %1 is the group name.
    group_entry = "%1 (group)";
    /// Accessible caption of the table.
    table_caption = "Users and groups who can open this server";
    /// Invitee view; %1 is the owner's name.
    invitee = "This server belongs to %1 and was shared with you. Only %1 can manage who has access.";
    /// Invitee view: the button giving up one's own access.
    leave_server = "Leave this server";
    /// Its confirmation; %1 is the owner's name.
    confirm_leave = "Leave %1's server? Your access ends now; only a new invitation from %1 brings you back.";
    /// The confirming button.
    confirm_leave_yes = "Leave";
    /// While the hub removes the invitee's access.
    leaving = "Leaving…";
    /// Done; %1 is the owner's name.
    left_server = "You no longer have access to %1's server. Taking you to the hub's home page…";
    /// The hub holds no share of the invitee's own (access through a group, or gone already); %1 is the owner's name.
    leave_no_share = "You cannot leave this server yourself: your access comes through a group, or it has already ended. Only %1 can remove a group's access.";
    /// The token may not end its owner's access; %1 is the owner's name.
    leave_not_allowed = "This hub does not let you leave shared servers yourself. Ask %1 or your hub administrator to remove your access.";
    /// Any other failure; %1 is the reason.
    leave_failed = "Could not leave this server. %1";
    /// Button reloading the list.
    refresh = "Refresh";
    /// Button reloading the page to log in again.
    reload_page = "Reload page";
    /// Button retrying after an error.
    retry = "Try again";
    /// Shown above data kept from before a failed reload.
    stale = "The list below may be out of date: it is the last one loaded.";
    /// Shown over the lists kept from an earlier open while they reload.
    updating = "Updating from the hub…";
    /// Accessible name of the page buttons under a long table.
    pages_label = "Pages of the list";
    /// %1 = first row shown, %2 = last row shown, %3 = number of rows.
    page_range = "%1–%2 of %3";
    /// Button to the previous page of the table.
    previous_page = "Previous";
    /// Button to the next page of the table.
    next_page = "Next";
    /// Label of the search field over a long table.
    filter_label = "Find a user or group";
    /// No row matches the search; %1 = what was typed.
    no_match = "No user or group matches “%1”.";
    /// %1 = local date and time, %2 = relative time ("5 minutes ago").
    granted_at = "%1 (%2)";
    /// Heading of the invite-link section.
    links_heading = "Invite links";
    /// Button creating a share code.
    generate_link = "Generate invite link";
    /// Label of the lifetime picker.
    link_lifetime_label = "Valid for";
    /// Button copying a link.
    copy_link = "Copy link";
    /// Confirmation after copying.
    link_copied = "Link copied to the clipboard.";
    /// Copy failed; the link is left selected in its field.
    copy_failed = "The link could not be copied. It is selected in its field: copy it with the keyboard.";
    /// Label of the field holding a new link.
    link_label = "Invite link";
    /// %1 = local expiry time, %2 = relative ("in 59 minutes").
    link_expires = "Valid until %1 (%2). Anyone on this hub who has this link can use it until then.";
    /// An expired link.
    link_expired = "This link has expired.";
    /// Accessible caption of the table of the hub's invite links.
    links_caption = "Invite links of this server, newest first";
    /// Column: when a link was made.
    column_created = "Created";
    /// Column: when a link stops working.
    column_expires = "Expires";
    /// Column: how many times a link was accepted.
    column_uses = "Uses";
    /// Column: when a link was last accepted.
    column_last_used = "Last used";
    /// A link not accepted yet.
    never_used = "Not yet";
    /// A link's expiry or creation time: %1 local time, %2 relative ("in 42 minutes").
    time_and_relative = "%1 (%2)";
    /// Label of the name field of "share with a user or group".
    share_with_label = "Share with a user or group";
    /// Accessible name of the user/group choice.
    grantee_kind = "The name is of a";
    /// The choice: a user.
    kind_user = "User";
    /// The choice: a group.
    kind_group = "Group";
    /// The button sharing with the name typed.
    share_button = "Share";
    /// Share pressed with no name.
    name_needed = "Type the name of a user or group of this hub, then press Share.";
    /// The owner typed their own name.
    own_server = "This is your own server: you have access already.";
    /// Shared with a user; %1 the user, %2 the server's address.
    shared_user = "%1 can now open this server. The hub does not tell them: send them its address, %2";
    /// Shared with a group; %1 the group. (JupyterHub 5.5 and 6.1 leave a
    /// group share out of its members' browser tokens: they are refused.)
    shared_group = "The hub now lists the group %1. Note that this JupyterHub does not let a group's members open a shared server from their browser: share with each member by name, or send them an invite link.";
    /// The user or group had access already; %1 the name.
    had_access = "%1 already had access to this server.";
    /// No such user; %1 the name.
    no_such_user = "There is no user %1 on this hub. Check the spelling: user names are usually lowercase.";
    /// No such group; %1 the name.
    no_such_group = "There is no group %1 on this hub. Check the spelling.";
    /// The token may not look up users by name.
    cannot_look_up_users = "This hub does not let you share with users by name. Send an invite link instead, or ask your hub administrator to allow sharing by name.";
    /// The token may not look up groups by name.
    cannot_look_up_groups = "This hub does not let you share with groups by name. Send an invite link instead, or ask your hub administrator to allow sharing by name.";
    /// Any other failure; %1 the name, %2 the reason.
    share_failed = "Could not share with %1. %2";
    /// The checkbox making the next link open the current document; %1 its file name.
    open_after_accepting = "Open %1 after accepting";
    /// Button revoking one link.
    revoke_link = "Revoke link";
    /// Accessible name of that button; %1 is when the link was created.
    revoke_link_label = "Revoke the link created %1";
    /// Why only some links can be copied.
    links_full_url_note = "The hub shows a link only once, when it is made: only links made in this window can be copied.";
    /// No share codes at the hub.
    active_links_none = "There are no active invite links.";
    /// Button deleting every share code.
    revoke_links = "Revoke all share links";
    /// Confirmation question for revoking all links.
    confirm_revoke_links = "Revoke every invite link of this server? People who already accepted keep their access.";
    /// Done message.
    links_revoked = "All invite links were revoked; they no longer work.";
    /// One link revoked.
    link_revoked = "The invite link was revoked; it no longer works.";
    /// Column header of the action column.
    column_action = "Action";
    /// Button revoking one user or group.
    revoke = "Revoke";
    /// Accessible label of that button; %1 = name.
    revoke_label = "Revoke access of %1";
    /// Button revoking everyone.
    revoke_all = "Revoke All users";
    /// Confirmation question for revoking everyone.
    confirm_revoke_all = "Revoke the access of every user and group listed here?";
    /// Confirm button of a confirmation.
    confirm_yes = "Yes, revoke";
    /// Cancel button of a confirmation.
    confirm_no = "Cancel";
    /// %1 = name.
    share_revoked = "Access of %1 was revoked. Pages they already have open can keep working for a few minutes.";
    /// The hub still lists a share after revoking it (it does not know the
    /// name any more, e.g. a renamed user); %1 = the name.
    nothing_revoked = "Nothing was revoked: JupyterHub did not recognise %1 (renamed?) and still lists that access. Revoke it in the refreshed list.";
    /// Done message.
    all_revoked = "Everyone's access was revoked. Pages they already have open can keep working for a few minutes.";
    /// %1 = name; the server ended their access at once (access levels).
    share_ended = "Access of %1 was revoked and ended at once, open kernels, terminals and documents included.";
    /// Done message; the server ended everyone's access at once (access levels).
    all_ended = "Everyone's access was revoked and ended at once, open kernels, terminals and documents included.";
    /// Failed action; %1 = the error sentence.
    generate_failed = "The invite link could not be created. %1";
    /// Failed action; %1 = the error sentence.
    revoke_links_failed = "The invite links could not be revoked. %1";
    /// Revoking one link failed; %1 is the reason.
    revoke_link_failed = "The invite link could not be revoked. %1";
    /// The hub no longer had that link.
    link_already_gone = "That invite link had already expired or been revoked.";
    /// Failed action; %1 = name, %2 = the error sentence.
    revoke_failed = "The access of %1 could not be revoked. %2";
    /// Failed action; %1 = the error sentence.
    revoke_all_failed = "Access could not be revoked. %1";
    /// The one line over the warnings, which opens them (a disclosure).
    warnings_summary = "Before you share: what invitees can do, and how links and revoking work";
    /// Warning: what sharing gives.
    warning_files = "Everyone you share with can open, change and delete every file on this server and run code in it. Do not keep secrets (passwords, keys, tokens) here while it is shared.";
    /// Warning: how links work.
    warning_links = "An invite link works for anyone on this hub who has it, as many times as they like, until it expires or you revoke it.";
    /// Warning: revocation delay.
    warning_revocation = "A revoked user may keep access for a few minutes, and kernels they opened keep running, until you stop the server (File -> Hub Control Panel). Stopping the server ends everyone's access.";
    /// Label of the access-level picker of the next link.
    invitees_can = "Invitees can";
    /// Access level: full access (the default).
    level_edit = "Edit and run code";
    /// Access level: read and download only.
    level_view = "View only";
    /// Label of when the next link's access ends; also a column of the table.
    access_ends = "Access ends";
    /// Access ends when the server stops (the default).
    ends_when_server_stops = "When the server stops";
    /// Access ends a time after each person accepted; %1 = e.g. "4 hours".
    ends_after = "%1 after accepting";
    /// Column: what each person can do.
    column_access = "Access";
    /// A person with full access.
    can_edit = "Can edit and run";
    /// A person with view-only access.
    can_view = "Can view";
    /// Warning where the server enforces access levels (replaces the revocation-delay warning).
    warning_revocation_at_once = "When you revoke someone here, this server ends their access at once, open kernels, terminals and documents included. People invited View only cannot change files or run code: the server refuses.";
    /// Warning where the server enforces access levels: what each level gives (replaces the first warning).
    warning_files_levels = "People invited to Edit and run code can open, change and delete every file on this server and run code in it; people invited View only can open, read and download every file. Do not keep secrets (passwords, keys, tokens) here while it is shared.";
    /// The link lifetime setting is out of range; %1 = seconds.
    lifetime_invalid = "The invite link lifetime setting (%1 seconds) is outside what JupyterHub accepts (1 minute to 1 year). Change it in Settings -> User sharing.";
    /// Hub too old; %1 = version.
    hub_too_old = "This JupyterHub (version %1) is too old for user sharing: it needs JupyterHub 5 or newer. Ask your hub administrator to upgrade.";
    /// Hub older than 5.5.1 (sharing works, the fixes are missing); %1 = version.
    hub_unpatched = "This JupyterHub (version %1) lacks the security fixes of 5.4.5 and 5.5.1 for invitations: a link could run someone else's code in the browser of whoever opens it. Ask your hub administrator to upgrade before you share.";
    /// Missing share scope; followed by the config lines.
    missing_scope = "This hub does not allow JupyterLab to manage sharing yet. Ask your hub administrator to add these lines to jupyterhub_config.py and restart your server:";
    /// fetch() rejected.
    error_network = "Could not reach JupyterHub. Check your network connection, then try again.";
    /// The request timed out.
    error_timeout = "JupyterHub did not answer in time. Try again in a moment.";
    /// HTML (login page, proxy page) where JSON was expected.
    error_not_json = "JupyterHub answered with a web page instead of data; your session has probably expired. Reload the page to log in again.";
    /// The API answered with the proxy's "not found" page on a server with
    /// its own host (per-user subdomains).
    error_no_hub_route = "JupyterHub's API does not answer on this server's own address. Ask your hub administrator to keep JupyterHub.hub_routespec at its default, \"/\".";
    /// 403 Missing or invalid credentials.
    error_invalid_credentials = "Your JupyterHub session has expired or is not valid. Reload the page to log in again.";
    /// 403 missing the shares scope; %1 = the hub's message.
    error_missing_scope = "This hub does not let you manage sharing from JupyterLab. Ask your hub administrator to enable user sharing. (Hub message: %1)";
    /// 404; %1 = the hub's message.
    error_not_found = "JupyterHub could not find this server's sharing settings. The server may have been removed, or the hub may be older than version 5. (Hub message: %1)";
    /// 400; %1 = the hub's message.
    error_bad_request = "JupyterHub refused the request: %1";
    /// 5xx; %1 = HTTP status.
    error_server = "JupyterHub had a problem (HTTP %1). Try again in a moment.";
    /// Any other status; %1 = HTTP status.
    error_unexpected = "JupyterHub gave an unexpected answer (HTTP %1).";
    /// 2xx with a body we cannot read; %1 = details.
    error_malformed = "JupyterHub's answer could not be read: %1";
    /// The shim passed a configuration that could not be read; %1 = details.
    error_config = CONFIG_FAILED;
    /// A bug in the dialog (panic); %1 = details.
    error_internal = INTERNAL_FAILED;
}

macro_rules! plurals {
    ($( $(#[$doc:meta])* $phrase:ident = $key:literal, $one:literal, $many:literal; )*) => {
        /// A counted phrase. The shim translates it with `trans._n` under its
        /// [`key`](Plural::key); the English forms here are compiled in only
        /// with the `english` feature, for tests without a shim.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Plural {
            $( $(#[$doc])* $phrase, )*
        }

        impl Plural {
            /// Every phrase, in declaration order.
            pub const ALL: &'static [Plural] = &[$( Plural::$phrase, )*];

            /// The key the shim's plural callback knows the phrase by.
            pub fn key(self) -> &'static str {
                match self { $( Plural::$phrase => $key, )* }
            }

            /// The English singular and plural templates (`%1` = the count).
            #[cfg(feature = "english")]
            pub fn english(self) -> (&'static str, &'static str) {
                match self { $( Plural::$phrase => ($one, $many), )* }
            }
        }
    };
}

plurals! {
    /// The number of active invite links.
    ActiveLinks = "activeLinks", "%1 active invite link.", "%1 active invite links.";
    /// How often the links were accepted.
    TimesAccepted = "timesAccepted", "Accepted %1 time in all.", "Accepted %1 times in all.";
    /// A lifetime in seconds.
    Seconds = "seconds", "%1 second", "%1 seconds";
    /// A lifetime in minutes.
    Minutes = "minutes", "%1 minute", "%1 minutes";
    /// A lifetime in hours.
    Hours = "hours", "%1 hour", "%1 hours";
    /// A lifetime in days.
    Days = "days", "%1 day", "%1 days";
    /// A lifetime in weeks.
    Weeks = "weeks", "%1 week", "%1 weeks";
    /// A long list of people arriving; counted by %3, the number the hub
    /// announced (%1 as a bare number); %2 is the number received so far.
    LoadingPeople = "loadingPeople", "Loading %2 of %3…", "Loading %2 of %3…";
    /// Search and pages while a long list arrives; counted by %2, the number
    /// received so far (%1 as a bare number).
    PartialSearch = "partialSearch",
        "Search and pages cover the %2 user or group loaded so far, not yet everyone.",
        "Search and pages cover the %2 users and groups loaded so far, not yet everyone.";
}

/// The English form of a counted phrase, used when the shim gives no plural
/// callback (the `english` feature).
#[cfg(feature = "english")]
pub fn english_plural(phrase: Plural, n: u64, args: &[&str]) -> String {
    let (one, many) = phrase.english();
    let n_text = n.to_string();
    let mut all = vec![n_text.as_str()];
    all.extend_from_slice(args);
    fill(if n == 1 { one } else { many }, &all)
}

/// Replace `%1`, `%2`, ... in a translated template.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                if d >= 1 && (d as usize) <= args.len() {
                    chars.next();
                    out.push_str(args[d as usize - 1]);
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_numbered_placeholders() {
        assert_eq!(fill("%1 (%2)", &["a", "b"]), "a (b)");
        assert_eq!(fill("%1 and %1", &["x"]), "x and x");
        assert_eq!(fill("100% sure %2", &["x"]), "100% sure %2");
    }

    #[test]
    fn keys_are_camel_case() {
        assert_eq!(camel_case("needs_hub"), "needsHub");
        assert_eq!(camel_case("error_not_json"), "errorNotJson");
        assert_eq!(camel_case("refresh"), "refresh");
    }

    #[test]
    #[cfg(feature = "english")]
    fn english_plurals() {
        assert_eq!(english_plural(Plural::Minutes, 1, &[]), "1 minute");
        assert_eq!(english_plural(Plural::Minutes, 5, &[]), "5 minutes");
        assert_eq!(english_plural(Plural::Days, 0, &[]), "0 days");
    }
}

//! "Invite links": generate, copy, and revoke all share links.

use std::rc::Rc;

use hub_sharing::{Ends, Level, LinkAccess, ShareCode};
use yew::prelude::*;

use crate::components::confirm_bar::confirm_bar;
use crate::components::generate_row::{generate_row, GenerateRowProps};
use crate::components::link_summary::{link_summary, ActiveLinks};
use crate::components::link_table::link_table;
use crate::components::new_link::new_link;
use crate::components::parts::{click, Button};
use crate::focus::{self, use_keep_focus};
use crate::host::Host;
use crate::state::NewLink;
use crate::strings::fill;

/// Properties of [`LinksPanel`].
#[derive(Properties, PartialEq)]
pub struct LinksPanelProps {
    /// Links created in this page, newest first.
    pub new_links: Vec<NewLink>,
    /// The hub's share codes; `None` before the first load.
    pub codes: Option<Rc<Vec<ShareCode>>>,
    /// The lifetime of the next link (picked, else the setting's); `None`
    /// when the setting is out of the hub's range.
    pub lifetime: Option<u64>,
    /// The time now on the hub's clock (ms since the epoch).
    pub now: i64,
    /// A change runs.
    #[prop_or_default]
    pub busy: bool,
    /// "Revoke all share links?" is asked.
    #[prop_or_default]
    pub confirming: bool,
    /// The owner picked a lifetime.
    pub on_pick: Callback<u64>,
    /// Generate a link valid for this many seconds.
    pub on_generate: Callback<(u64, bool)>,
    /// What the next link allows; `None` where the server does not enforce
    /// access levels.
    #[prop_or_default]
    pub access: Option<LinkAccess>,
    /// The owner picked what invitees of the next link can do.
    #[prop_or_default]
    pub on_level: Callback<Level>,
    /// The owner picked when their access ends.
    #[prop_or_default]
    pub on_ends: Callback<Ends>,
    /// Copy a link: the link, and the id of its field.
    pub on_copy: Callback<(String, String)>,
    /// Revoke the link with this id.
    pub on_revoke_link: Callback<String>,
    /// Ask before revoking every link.
    pub on_ask_revoke: Callback<()>,
    /// Revoke every link (confirmed).
    pub on_revoke: Callback<()>,
    /// Do not revoke.
    pub on_cancel: Callback<()>,
}

/// The invite-link section of the owner's view.
#[function_component(LinksPanel)]
pub fn links_panel(props: &LinksPanelProps) -> Html {
    let config = use_context::<Host>().expect("the host config is provided by App");
    let s = &config.strings;
    let keep = use_keep_focus(
        ".jp-UserSharing-revokeLinks",
        &[".jp-UserSharing-generate", "#jp-UserSharing-lifetime"],
    );
    use_copy_takes_focus(&keep.section, props.new_links.first());
    let now = props.now;
    let active = props.codes.as_ref().map(|c| ActiveLinks::of(c, now));
    let nothing_to_revoke = active.is_none_or(|a| a.count == 0) && props.new_links.is_empty();
    html! {
        <section class="jp-UserSharing-section" aria-labelledby="jp-UserSharing-links"
            ref={keep.section} onfocusin={keep.onfocusin} onfocusout={keep.onfocusout}>
            <div class="jp-UserSharing-sectionHeader">
                <h3 id="jp-UserSharing-links">{ s.links_heading.clone() }</h3>
            </div>
            { generate_row(&config, GenerateRowProps {
                lifetime: props.lifetime,
                busy: props.busy,
                on_pick: props.on_pick.clone(),
                on_generate: props.on_generate.clone(),
                access: props.access,
                on_level: props.on_level.clone(),
                on_ends: props.on_ends.clone(),
            }) }
            if props.lifetime.is_none() {
                <p class="jp-UserSharing-error" role="alert">
                    { fill(&s.lifetime_invalid, &[&config.link_lifetime_text()]) }
                </p>
            }
            { for props.new_links.iter().map(|link| new_link(&config, link, &props.on_copy, now)) }
            { link_summary(&config, active) }
            if let Some(codes) = &props.codes {
                { link_table(&config, codes, now, props.busy, &props.on_revoke_link) }
            }
            if props.confirming {
                { confirm_bar(&config, s.confirm_revoke_links.clone(), None, &props.on_revoke, &props.on_cancel) }
            } else {
                { Button::new("jp-mod-styled jp-mod-warn jp-UserSharing-revokeLinks", &s.revoke_links,
                    click(&props.on_ask_revoke)).disabled(nothing_to_revoke).busy(props.busy).html() }
            }
        </section>
    }
}

/// A new link: its Copy link button takes the focus from Generate (the next
/// thing to do), unless the owner has moved on meanwhile.
#[hook]
fn use_copy_takes_focus(section: &NodeRef, newest: Option<&NewLink>) {
    let section = section.clone();
    let newest = newest.map(|l| (l.id.clone(), l.created_at.clone()));
    let before = use_mut_ref(|| None::<Option<(String, String)>>);
    use_effect_with(newest, move |newest| {
        let previous = before.borrow_mut().replace(newest.clone());
        if let (Some(previous), Some(_), Some(el)) =
            (previous, newest, section.cast::<web_sys::Element>())
        {
            let generate = el.query_selector(".jp-UserSharing-generate").ok().flatten();
            if &previous != newest
                && (focus::lost() || generate.is_some_and(|g| focus::has_focus(&g)))
            {
                focus::focus_first(&el, &[".jp-UserSharing-copy"]);
            }
        }
    });
}

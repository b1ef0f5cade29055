//! "Invite links": generate, copy, and revoke all share links.

use yew::prelude::*;

use crate::actions::{self, Env};
use crate::components::app::Ctx;
use crate::components::confirm_bar::ConfirmBar;
use crate::config::{checked_lifetime, LIFETIME_CHOICES};
use crate::focus::{self, busy_attr, use_keep_focus};
use crate::messages::{duration_label, link_expiry};
use crate::state::{Action, Confirm, State};
use crate::strings::fill;

/// Properties of [`LinksPanel`].
#[derive(Properties, PartialEq)]
pub struct LinksPanelProps {
    /// The reducer state.
    pub state: State,
    /// Where actions run.
    pub env: Env,
}

/// The invite-link section of the owner's view.
#[function_component(LinksPanel)]
pub fn links_panel(props: &LinksPanelProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx is provided by App");
    let s = &ctx.config.strings;
    let state = &props.state;
    let busy = state.busy.is_some();
    // The lifetime picked in the dialog, else the setting's.
    let lifetime = state.lifetime.or_else(|| ctx.config.link_lifetime());
    let mut choices: Vec<u64> = LIFETIME_CHOICES.to_vec();
    if let Some(l) = lifetime {
        if !choices.contains(&l) {
            choices.push(l);
            choices.sort_unstable();
        }
    }
    let on_pick = {
        let dispatch = props.env.dispatch.clone();
        Callback::from(move |e: Event| {
            let picked = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|select| select.value().parse::<u64>().ok())
                .and_then(|s| checked_lifetime(s as f64));
            if let Some(seconds) = picked {
                dispatch.dispatch(Action::ChooseLifetime(seconds));
            }
        })
    };
    let now = ctx.client.hub_now_ms();
    let keep = use_keep_focus(
        ".jp-UserSharing-revokeLinks",
        &[".jp-UserSharing-generate", "#jp-UserSharing-lifetime"],
    );
    // A new link: its Copy link button takes the focus from Generate (the
    // next thing to do), unless the owner has moved on meanwhile.
    {
        let section = keep.section.clone();
        let newest = state
            .new_links
            .first()
            .map(|l| (l.id.clone(), l.created_at.clone()));
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
    let generate = {
        let env = props.env.clone();
        Callback::from(move |_| {
            if let Some(lifetime) = lifetime {
                actions::generate(&env, lifetime);
            }
        })
    };
    let ask_revoke = {
        let env = props.env.clone();
        Callback::from(move |_| {
            if !env.busy.get() {
                env.dispatch
                    .dispatch(Action::AskConfirm(Confirm::RevokeLinks));
            }
        })
    };
    let revoke = {
        let env = props.env.clone();
        Callback::from(move |()| actions::revoke_links(&env))
    };
    let cancel = {
        let dispatch = props.env.dispatch.clone();
        Callback::from(move |()| dispatch.dispatch(Action::CancelConfirm))
    };

    let active: Vec<_> = state
        .codes
        .iter()
        .flat_map(|codes| codes.iter())
        .filter(|c| !c.is_expired(now))
        .collect();
    let accepted: u64 = active.iter().map(|c| c.exchange_count).sum();
    let summary = match (&state.codes, active.len()) {
        (None, _) => html! {},
        (Some(_), 0) => {
            html! { <p class="jp-UserSharing-linkSummary">{ s.active_links_none.clone() }</p> }
        }
        (Some(_), n) => html! {
            <p class="jp-UserSharing-linkSummary">
                { ctx.config.plural("activeLinks", n as u64) }{ " " }{ ctx.config.plural("timesAccepted", accepted) }
            </p>
        },
    };

    html! {
        <section class="jp-UserSharing-section" aria-labelledby="jp-UserSharing-links"
            ref={keep.section} onfocusin={keep.onfocusin} onfocusout={keep.onfocusout}>
            <div class="jp-UserSharing-sectionHeader">
                <h3 id="jp-UserSharing-links">{ s.links_heading.clone() }</h3>
            </div>
            <div class="jp-UserSharing-generateRow">
                <label for="jp-UserSharing-lifetime">{ s.link_lifetime_label.clone() }</label>
                // the wrapper draws the drop-down arrow JupyterLab's
                // `jp-mod-styled` select lacks (`appearance: none`)
                <span class="jp-UserSharing-selectWrap">
                <select id="jp-UserSharing-lifetime" class="jp-mod-styled jp-UserSharing-lifetimeSelect" onchange={on_pick} disabled={busy}>
                    if lifetime.is_none() {
                        <option value="" selected=true disabled=true>{ "—" }</option>
                    }
                    { for choices.iter().map(|&c| html! {
                        <option value={c.to_string()} selected={lifetime == Some(c)}>
                            { duration_label(&ctx.config, c) }
                        </option>
                    }) }
                </select>
                </span>
                <button type="button" class="jp-mod-styled jp-mod-accept jp-UserSharing-generate"
                    onclick={generate} disabled={lifetime.is_none()} aria-disabled={busy_attr(busy)}>
                    { s.generate_link.clone() }
                </button>
            </div>
            if lifetime.is_none() {
                <p class="jp-UserSharing-error" role="alert">
                    { fill(&s.lifetime_invalid, &[&ctx.config.link_lifetime_text()]) }
                </p>
            }
            { for state.new_links.iter().map(|link| {
                let input_id = format!("jp-UserSharing-link-{}", link.id);
                let copy = {
                    let env = props.env.clone();
                    let url = link.url.clone();
                    let field = input_id.clone();
                    Callback::from(move |_| actions::copy(&env, &url, &field))
                };
                let expiry = link.expires_at.as_deref().map(|e| link_expiry(&ctx.config, e, now));
                html! {
                    <div class="jp-UserSharing-link" key={format!("{}:{}", link.id, link.created_at)}>
                        <label for={input_id.clone()}>{ s.link_label.clone() }</label>
                        <div class="jp-UserSharing-linkRow">
                            <input id={input_id} class="jp-mod-styled jp-UserSharing-linkInput" type="text" readonly=true value={link.url.clone()} />
                            <button type="button" class="jp-mod-styled jp-UserSharing-copy" onclick={copy}>
                                { s.copy_link.clone() }
                            </button>
                        </div>
                        if let Some(expiry) = expiry {
                            <p class="jp-UserSharing-expiry">{ expiry }</p>
                        }
                    </div>
                }
            }) }
            { summary }
            if state.confirm == Some(Confirm::RevokeLinks) {
                <ConfirmBar question={s.confirm_revoke_links.clone()} on_yes={revoke} on_no={cancel} />
            } else {
                <button type="button" class="jp-mod-styled jp-mod-warn jp-UserSharing-revokeLinks"
                    onclick={ask_revoke} disabled={active.is_empty() && state.new_links.is_empty()}
                    aria-disabled={busy_attr(busy)}>
                    { s.revoke_links.clone() }
                </button>
            }
        </section>
    }
}

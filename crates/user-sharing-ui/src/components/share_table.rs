//! The table of users and groups who accepted an invitation.

use hub_sharing::Share;
use yew::prelude::*;

use crate::actions::{self, Env};
use crate::components::app::Ctx;
use crate::messages::{granted_at, now_ms};
use crate::strings::fill;

/// Properties of [`ShareTable`].
#[derive(Properties, PartialEq)]
pub struct ShareTableProps {
    /// Shares, already sorted newest first.
    pub shares: Vec<Share>,
    /// Where actions run.
    pub env: Env,
    /// Whether a change is running (Revoke buttons aria-disabled: they keep
    /// the focus, and `actions` ignores their clicks).
    pub busy: bool,
}

/// A real `<table>` with a caption and column headers. Names are rendered as
/// text nodes only, never as markup.
#[function_component(ShareTable)]
pub fn share_table(props: &ShareTableProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx is provided by App");
    let s = &ctx.config.strings;
    let now = now_ms();
    html! {
        <table class="jp-UserSharing-table">
            <caption class="jp-UserSharing-caption">{ s.table_caption.clone() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ s.column_name.clone() }</th>
                    <th scope="col">{ s.column_granted.clone() }</th>
                    <th scope="col"><span class="jp-UserSharing-visuallyHidden">{ s.column_action.clone() }</span></th>
                </tr>
            </thead>
            <tbody>
                { for props.shares.iter().map(|share| {
                    let name = if share.is_group() {
                        fill(&s.group_entry, &[share.display_name()])
                    } else {
                        share.display_name().to_owned()
                    };
                    let revoke = {
                        let env = props.env.clone();
                        let share = share.clone();
                        Callback::from(move |_| actions::revoke_share(&env, &share))
                    };
                    html! {
                        <tr>
                            <th scope="row" class="jp-UserSharing-name">{ name.clone() }</th>
                            <td class="jp-UserSharing-time">{ granted_at(&ctx.config, &share.created_at, now) }</td>
                            <td>
                                <button type="button" class="jp-mod-styled jp-mod-warn jp-UserSharing-revoke"
                                    aria-label={fill(&s.revoke_label, &[&name])} onclick={revoke} aria-disabled={crate::focus::busy_attr(props.busy)}>
                                    { s.revoke.clone() }
                                </button>
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

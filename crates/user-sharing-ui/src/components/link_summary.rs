//! How many invite links are active, and how often they were accepted.

use hub_sharing::ShareCode;
use yew::prelude::*;

use crate::components::parts::p;
use crate::host::Config;
use crate::strings::Plural;

/// The active links among the hub's share codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActiveLinks {
    /// Links not expired.
    pub count: usize,
    /// Times they were accepted, in all.
    pub accepted: u64,
}

impl ActiveLinks {
    /// Count the codes not expired at `now` (ms).
    pub fn of(codes: &[ShareCode], now: i64) -> ActiveLinks {
        codes
            .iter()
            .filter(|c| !c.is_expired(now))
            .fold(ActiveLinks::default(), |sum, c| ActiveLinks {
                count: sum.count + 1,
                accepted: sum.accepted + c.exchange_count,
            })
    }
}

/// "2 active invite links. Accepted 3 times in all."; nothing before the
/// hub listed the links (`active` is `None`). (A view function, not a
/// component: one fewer component type in the wasm.)
pub fn link_summary(config: &Config, active: Option<ActiveLinks>) -> Html {
    match active {
        None => html! {},
        Some(ActiveLinks { count: 0, .. }) => html! {
            { p("jp-UserSharing-linkSummary", config.strings.active_links_none.clone()) }
        },
        Some(ActiveLinks { count, accepted }) => html! {
            <p class="jp-UserSharing-linkSummary">
                { config.plural(Plural::ActiveLinks, count as u64) }{ " " }{ config.plural(Plural::TimesAccepted, accepted) }
            </p>
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(expires_at: Option<&str>, exchange_count: u64) -> ShareCode {
        ShareCode {
            expires_at: expires_at.map(str::to_owned),
            exchange_count,
            ..ShareCode::default()
        }
    }

    #[test]
    fn expired_links_are_not_counted_nor_their_acceptances() {
        let now = hub_sharing::parse_timestamp_ms("2026-01-01T12:00:00Z").unwrap();
        let codes = [
            code(Some("2026-01-01T13:00:00Z"), 2),
            code(Some("2026-01-01T11:00:00Z"), 5),
            code(None, 1),
        ];
        assert_eq!(
            ActiveLinks::of(&codes, now),
            ActiveLinks {
                count: 2,
                accepted: 3
            }
        );
    }
}

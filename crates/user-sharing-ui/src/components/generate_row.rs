//! "Valid for" and "Generate invite link"; on a server that enforces access
//! levels also "Invitees can" and "Access ends".

use hub_sharing::{Ends, Level, LinkAccess, ENDS_AFTER_HOURS};
use yew::prelude::*;

use crate::components::intent::Intent;
use crate::components::parts::{option, picker, Button};
use crate::host::{checked_lifetime, Config, LIFETIME_CHOICES};
use crate::messages::duration_label;
use crate::strings::fill;

/// The lifetimes offered: the usual choices, and the current one if it is
/// not among them (a setting of, say, 2 hours).
pub fn lifetime_choices(lifetime: Option<u64>) -> Vec<u64> {
    let mut choices = LIFETIME_CHOICES.to_vec();
    if let Some(l) = lifetime.filter(|l| !choices.contains(l)) {
        choices.push(l);
        choices.sort_unstable();
    }
    choices
}

/// The picker and the button, on one row: `lifetime` is that of the next
/// link (`None` when the setting is out of the hub's range and nothing was
/// picked), `busy` that a change runs (Generate keeps the focus,
/// aria-disabled), `access` what the next link allows (`None` where the
/// server does not enforce access levels: no pickers, links give full
/// access, as always). (A view function, not a component: one fewer
/// component type in the wasm.)
pub fn generate_row(
    config: &Config,
    lifetime: Option<u64>,
    busy: bool,
    access: Option<LinkAccess>,
    on: &Callback<Intent>,
) -> Html {
    let s = &config.strings;
    let on_pick = {
        let on = on.clone();
        Callback::from(move |e: Event| {
            let picked = picked(&e)
                .and_then(|value| value.parse::<u64>().ok())
                .and_then(|s| checked_lifetime(s as f64));
            if let Some(seconds) = picked {
                on.emit(Intent::Pick(seconds));
            }
        })
    };
    let generate = {
        let on = on.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(lifetime) = lifetime {
                on.emit(Intent::Generate(lifetime, open_file_ticked(&e)));
            }
        })
    };
    html! {
        <>
        if let Some(access) = access {
            { access_pickers(config, access, busy, on) }
        }
        <div class="jp-UserSharing-generateRow">
            { picker("jp-UserSharing-lifetime", "jp-mod-styled jp-UserSharing-lifetimeSelect",
                s.link_lifetime_label.clone(), on_pick, busy, html! {
                <>
                    if lifetime.is_none() {
                        <option value="" selected=true disabled=true>{ "—" }</option>
                    }
                    { for lifetime_choices(lifetime).into_iter().map(|c| {
                        option(c.to_string().into(), lifetime == Some(c), duration_label(config, c))
                    }) }
                </>
            }) }
            { Button::new("jp-mod-styled jp-mod-accept jp-UserSharing-generate", &s.generate_link, generate)
                .disabled(lifetime.is_none()).busy(busy).html() }
        </div>
        if let Some(name) = file_name(&config.current_path) {
            <label class="jp-UserSharing-openFile">
                <input type="checkbox" id="jp-UserSharing-openFile" />
                { fill(&s.open_after_accepting, &[name]) }
            </label>
        }
        </>
    }
}

/// The value of the `<select>` an event came from.
fn picked(e: &Event) -> Option<String> {
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|select| select.value())
}

/// "Invitees can" (Edit and run code, View only) and "Access ends" (When the
/// server stops, or N hours after accepting), on one row.
/// Each picker reports only its own choice: two picks before a render must
/// not undo each other.
fn access_pickers(config: &Config, access: LinkAccess, busy: bool, on: &Callback<Intent>) -> Html {
    let s = &config.strings;
    let on_level = on.reform(|e: Event| {
        Intent::Level(if picked(&e).as_deref() == Some("view") {
            Level::View
        } else {
            Level::Edit
        })
    });
    let on_ends = on.reform(|e: Event| {
        Intent::Ends(
            picked(&e)
                .and_then(|v| v.parse::<u32>().ok())
                .map_or(Ends::WhenServerStops, Ends::AfterHours),
        )
    });
    let ends_hours = match access.ends {
        Ends::AfterHours(hours) => Some(hours),
        Ends::WhenServerStops => None,
    };
    html! {
        <div class="jp-UserSharing-generateRow jp-UserSharing-accessRow">
            { picker("jp-UserSharing-level", "jp-mod-styled", s.invitees_can.clone(), on_level, busy, html! {
                <>
                    { option("edit".into(), access.level == Level::Edit, s.level_edit.clone()) }
                    { option("view".into(), access.level == Level::View, s.level_view.clone()) }
                </>
            }) }
            { picker("jp-UserSharing-ends", "jp-mod-styled", s.access_ends.clone(), on_ends, busy, html! {
                <>
                    { option("".into(), ends_hours.is_none(), s.ends_when_server_stops.clone()) }
                    { for ENDS_AFTER_HOURS.iter().map(|&hours| option(hours.to_string().into(),
                        ends_hours == Some(hours),
                        fill(&s.ends_after, &[&duration_label(config, u64::from(hours) * 3_600)]))) }
                </>
            }) }
        </div>
    }
}

/// The last part of a document's path, `None` when there is no document.
fn file_name(path: &str) -> Option<&str> {
    path.rsplit('/').find(|part| !part.is_empty())
}

/// Whether "Open ... after accepting", next to the clicked button, is ticked.
/// (Read from the page on the click: the browser's own checkbox.)
fn open_file_ticked(e: &MouseEvent) -> bool {
    e.target_dyn_into::<web_sys::Element>()
        .and_then(|button| button.closest(".jp-UserSharing-section").ok().flatten())
        .and_then(|section| {
            section
                .query_selector("#jp-UserSharing-openFile")
                .ok()
                .flatten()
        })
        .and_then(|checkbox| js_sys::Reflect::get(&checkbox, &"checked".into()).ok())
        .is_some_and(|checked| checked.as_bool() == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lifetime_outside_the_usual_choices_is_offered_in_its_place() {
        assert_eq!(lifetime_choices(Some(3_600)), LIFETIME_CHOICES.to_vec());
        assert_eq!(lifetime_choices(None), LIFETIME_CHOICES.to_vec());
        assert_eq!(
            lifetime_choices(Some(7_200)),
            [900, 3_600, 7_200, 14_400, 86_400, 604_800]
        );
    }
}

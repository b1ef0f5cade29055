//! **Share with a user or group**: a name, User or Group, and **Share**.

use hub_sharing::GranteeKind;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::intent::Intent;
use crate::components::parts::label_for;
use crate::focus::busy_attr;
use crate::host::{Config, SHARE_FIELD_ID};

/// The form; it asks for [`Intent::Share`] with the kind and the name as
/// typed (checked by the action). The fields are the browser's own (uncontrolled), read on
/// submit: Enter in the name field shares too. (A view function, not a
/// component: one fewer component type in the wasm.)
pub fn share_form(config: &Config, busy: bool, on: &Callback<Intent>) -> Html {
    let s = &config.strings;
    let submit = on.reform(|e: SubmitEvent| {
        e.prevent_default();
        let form = e.target_dyn_into::<web_sys::Element>();
        let value = |selector: &str| {
            form.as_ref()
                .and_then(|f| f.query_selector(selector).ok().flatten())
                .and_then(|el| js_sys::Reflect::get(&el, &JsValue::from_str("value")).ok())
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        let kind = match value("input[name=kind]:checked").as_str() {
            "group" => GranteeKind::Group,
            _ => GranteeKind::User,
        };
        Intent::Share(kind, value("#jp-UserSharing-grantee"))
    });
    html! {
        <form class="jp-UserSharing-shareForm" onsubmit={submit}>
            { label_for(SHARE_FIELD_ID.into(), s.share_with_label.clone()) }
            <div class="jp-UserSharing-shareRow">
                <input id={SHARE_FIELD_ID} name="grantee" type="text"
                    class="jp-mod-styled jp-UserSharing-grantee" autocomplete="off" spellcheck="false" />
                <fieldset class="jp-UserSharing-kind">
                    <legend class="jp-UserSharing-visuallyHidden">{ s.grantee_kind.clone() }</legend>
                    <label><input type="radio" name="kind" value="user" checked=true />{ s.kind_user.clone() }</label>
                    <label><input type="radio" name="kind" value="group" />{ s.kind_group.clone() }</label>
                </fieldset>
                <button type="submit" class="jp-mod-styled jp-mod-accept jp-UserSharing-share"
                    aria-disabled={busy_attr(busy)}>
                    { s.share_button.clone() }
                </button>
            </div>
        </form>
    }
}

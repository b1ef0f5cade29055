//! An invite link created in this page: the link, Copy link, its expiry.

use std::rc::Rc;

use yew::prelude::*;

use crate::host::Config;
use crate::messages::{link_expiry, now_ms};
use crate::state::NewLink;

/// Properties of [`NewLinkItem`].
#[derive(Properties, PartialEq)]
pub struct NewLinkItemProps {
    /// The link.
    pub link: NewLink,
    /// Copy this text to the clipboard.
    pub on_copy: Callback<String>,
}

/// The link in a read-only field, with its Copy link button.
#[function_component(NewLinkItem)]
pub fn new_link_item(props: &NewLinkItemProps) -> Html {
    let config = use_context::<Rc<Config>>().expect("the host config is provided by App");
    let s = &config.strings;
    let link = &props.link;
    let input_id = format!("jp-UserSharing-link-{}", link.id);
    let copy = {
        let url = link.url.clone();
        props.on_copy.reform(move |_: MouseEvent| url.clone())
    };
    let expiry = link
        .expires_at
        .as_deref()
        .map(|e| link_expiry(&config, e, now_ms()));
    html! {
        <div class="jp-UserSharing-link">
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
}

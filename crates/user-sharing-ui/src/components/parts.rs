//! Markup that recurs across the dialog, built by one plain function each.
//!
//! Every element written in `html!` is expanded where it stands: its
//! attribute table, its listener box and its children are constructed inline
//! in the component's render function, so twenty buttons are twenty copies of
//! that code in the wasm. The functions here are not generic and never
//! inlined: the construction exists once, and a call site is a few
//! arguments.

use std::rc::Rc;

use yew::html::{onchange, onclick};
use yew::prelude::*;
use yew::virtual_dom::{AttributeOrProperty, Attributes, Listener, VTag};

use crate::focus::KeepFocus;

/// A `<button type="button">` with a text label. Built with [`Button::new`]
/// and the setters below, rendered by [`Button::html`].
pub struct Button<'a> {
    class: &'static str,
    label: &'a str,
    onclick: Callback<MouseEvent>,
    busy: bool,
    disabled: bool,
    aria_label: Option<String>,
    node_ref: NodeRef,
}

impl<'a> Button<'a> {
    /// A button with these classes (all of them, space-separated), this
    /// label, and this click.
    pub fn new(class: &'static str, label: &'a str, onclick: Callback<MouseEvent>) -> Self {
        Button {
            class,
            label,
            onclick,
            busy: false,
            disabled: false,
            aria_label: None,
            node_ref: NodeRef::default(),
        }
    }

    /// `aria-disabled="true"` while `busy`: the button keeps the focus, and
    /// whoever handles the click ignores it (see `crate::focus`).
    pub fn busy(mut self, busy: bool) -> Self {
        self.busy = busy;
        self
    }

    /// The `disabled` attribute when `disabled`.
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    /// An `aria-label`: what the button does, in full (the row it acts on).
    pub fn aria_label(mut self, label: String) -> Self {
        self.aria_label = Some(label);
        self
    }

    /// The element, for the focus.
    pub fn node_ref(mut self, node_ref: NodeRef) -> Self {
        self.node_ref = node_ref;
        self
    }

    /// The button.
    #[inline(never)]
    pub fn html(self) -> Html {
        let mut tag = VTag::new(AttrValue::Static("button"));
        tag.node_ref = self.node_ref;
        tag.attributes = Attributes::Dynamic {
            keys: &["type", "class", "aria-label", "aria-disabled", "disabled"],
            values: Box::new([
                Some(AttributeOrProperty::Static("button")),
                Some(AttributeOrProperty::Static(self.class)),
                self.aria_label
                    .map(|label| AttributeOrProperty::Attribute(label.into())),
                self.busy.then_some(AttributeOrProperty::Static("true")),
                self.disabled
                    .then_some(AttributeOrProperty::Static("disabled")),
            ]),
        };
        let listener: Rc<dyn Listener> = Rc::new(onclick::Wrapper::new(self.onclick));
        tag.set_listeners(Box::new([Some(listener)]));
        tag.add_child(Html::from(self.label));
        tag.into()
    }
}

/// An element `tag` with these attributes and one text node.
#[inline(never)]
fn text_element(tag: &'static str, attributes: Attributes, text: String) -> Html {
    let mut element = VTag::new(AttrValue::Static(tag));
    element.attributes = attributes;
    element.add_child(Html::from(text));
    element.into()
}

/// `class` (every class, space-separated) as the only attribute.
fn class(class: &'static str) -> Attributes {
    Attributes::Dynamic {
        keys: &["class"],
        values: Box::new([Some(AttributeOrProperty::Static(class))]),
    }
}

/// `<p class={class}>{text}</p>`.
#[inline(never)]
pub fn p(class_name: &'static str, text: String) -> Html {
    text_element("p", class(class_name), text)
}

/// `<p class="jp-UserSharing-error" role="alert">{text}</p>`: a failure,
/// announced at once.
#[inline(never)]
pub fn alert(text: String) -> Html {
    const ALERT: &[(&str, AttributeOrProperty)] = &[
        ("class", AttributeOrProperty::Static("jp-UserSharing-error")),
        ("role", AttributeOrProperty::Static("alert")),
    ];
    text_element("p", Attributes::Static(ALERT), text)
}

/// `<th scope="col">{text}</th>`: a column's header.
#[inline(never)]
pub fn column(text: String) -> Html {
    const COLUMN: &[(&str, AttributeOrProperty)] = &[("scope", AttributeOrProperty::Static("col"))];
    text_element("th", Attributes::Static(COLUMN), text)
}

/// `<td class={class}>{text}</td>`: a cell of a row.
#[inline(never)]
pub fn cell(class_name: &'static str, text: String) -> Html {
    text_element("td", class(class_name), text)
}

/// `<label for={id}>{text}</label>`.
#[inline(never)]
pub fn label_for(id: AttrValue, text: String) -> Html {
    html! { <label for={id}>{ text }</label> }
}

/// `<option value={value} selected={selected}>{text}</option>`.
#[inline(never)]
pub fn option(value: AttrValue, selected: bool, text: String) -> Html {
    html! { <option {value} {selected}>{ text }</option> }
}

/// A drop-down with its label: `<label for={id}>`, then the `<select>`
/// (`id`, `class`, its `options`, disabled while `disabled`) in the wrapper
/// that draws the arrow JupyterLab's `jp-mod-styled` select lacks
/// (`appearance: none`).
#[inline(never)]
pub fn picker(
    id: &'static str,
    class: &'static str,
    label: String,
    onchange: Callback<Event>,
    disabled: bool,
    options: Html,
) -> Html {
    let mut select = VTag::new(AttrValue::Static("select"));
    select.attributes = Attributes::Dynamic {
        keys: &["id", "class", "disabled"],
        values: Box::new([
            Some(AttributeOrProperty::Static(id)),
            Some(AttributeOrProperty::Static(class)),
            disabled.then_some(AttributeOrProperty::Static("disabled")),
        ]),
    };
    let listener: Rc<dyn Listener> = Rc::new(onchange::Wrapper::new(onchange));
    select.set_listeners(Box::new([Some(listener)]));
    select.add_child(options);
    html! {
        <>
            { label_for(AttrValue::Static(id), label) }
            <span class="jp-UserSharing-selectWrap">{ Html::from(select) }</span>
        </>
    }
}

/// A section of the owner's view: `<section>` labelled by its heading
/// (`<h3 id={id}>{heading}</h3>`, followed in the header by `header`), then
/// `body`; `keep` keeps the keyboard focus in it.
#[inline(never)]
pub fn section(
    id: &'static str,
    heading: String,
    header: Html,
    keep: &KeepFocus,
    body: Html,
) -> Html {
    html! {
        <section class="jp-UserSharing-section" aria-labelledby={id}
            ref={keep.section.clone()} onfocusin={keep.onfocusin.clone()} onfocusout={keep.onfocusout.clone()}>
            <div class="jp-UserSharing-sectionHeader">
                <h3 {id}>{ heading }</h3>
                { header }
            </div>
            { body }
        </section>
    }
}

/// `<th scope="row" class={class}>{text}</th>`: what a row is about.
#[inline(never)]
pub fn row_header(class_name: &'static str, text: String) -> Html {
    text_element(
        "th",
        Attributes::Dynamic {
            keys: &["scope", "class"],
            values: Box::new([
                Some(AttributeOrProperty::Static("row")),
                Some(AttributeOrProperty::Static(class_name)),
            ]),
        },
        text,
    )
}

/// `<caption class="jp-UserSharing-caption">{text}</caption>`.
#[inline(never)]
pub fn caption(text: String) -> Html {
    text_element("caption", class("jp-UserSharing-caption"), text)
}

/// The header of a table's action column: its name for screen readers
/// only (`<th scope="col">` with a visually hidden `<span>`).
#[inline(never)]
pub fn action_column(text: String) -> Html {
    html! {
        <th scope="col"><span class="jp-UserSharing-visuallyHidden">{ text }</span></th>
    }
}

/// `<p class={class} role="status">{text}</p>`: news announced politely.
#[inline(never)]
pub fn status(class_name: &'static str, text: String) -> Html {
    text_element(
        "p",
        Attributes::Dynamic {
            keys: &["class", "role"],
            values: Box::new([
                Some(AttributeOrProperty::Static(class_name)),
                Some(AttributeOrProperty::Static("status")),
            ]),
        },
        text,
    )
}

/// `<li>{text}</li>`.
#[inline(never)]
pub fn li(text: String) -> Html {
    text_element("li", Attributes::Static(&[]), text)
}

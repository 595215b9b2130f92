//! Small form pieces shared by pages.
use crate::api::ApiFailure;
use crate::i18n::{I18n, Key, Lang};
use leptos::prelude::*;

/// A form's refusal in the page's words, never the server's English sentence: the field the
/// server named, by the label the form shows for it (`label`; a row of a list, `phones.1`, by
/// the list's), and what it expects where the form cannot show that itself (`hint`); any other
/// failure by its code.
pub fn refusal_text(
    failure: &ApiFailure,
    label: impl Fn(&str) -> Option<Key>,
    hint: impl Fn(&str) -> Option<Key>,
    lang: Lang,
) -> String {
    let Some(path) = failure.refused_field() else {
        return failure.message_key().text(lang).to_owned();
    };
    let field = path.split('.').next().unwrap_or(path);
    let named = label(field).map_or(field, |key| key.text(lang));
    let check = Key::ErrCheckField.text(lang).replace("{field}", named);
    match hint(field) {
        Some(hint) => format!("{check} {}", hint.text(lang)),
        None => check,
    }
}

/// What a text field is: its id, label, input type, maximum length and whether it must be filled.
#[derive(Clone, Copy)]
pub struct TextField {
    pub id: &'static str,
    pub label: Key,
    pub kind: &'static str,
    pub max: &'static str,
    pub required: bool,
}

impl TextField {
    pub const fn new(id: &'static str, label: Key, kind: &'static str, max: &'static str) -> Self {
        Self {
            id,
            label,
            kind,
            max,
            required: false,
        }
    }

    pub const fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }

    /// A labelled input bound to `value`.
    pub fn view(self, i18n: I18n, value: RwSignal<String>) -> impl IntoView {
        view! {
            <div class="field">
                <label for=self.id>{move || i18n.t(self.label)}</label>
                <input id=self.id type=self.kind maxlength=self.max required=self.required prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    }
}

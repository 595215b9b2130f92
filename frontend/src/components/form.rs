//! Small form pieces shared by pages.
use crate::i18n::{I18n, Key};
use leptos::prelude::*;

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

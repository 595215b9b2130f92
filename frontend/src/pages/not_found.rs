use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Key::NotFoundTitle testid="not-found">
            <p><A href="/">{move || i18n.t(Key::NotFoundText)}</A></p>
        </Page>
    }
}

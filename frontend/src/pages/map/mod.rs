//! `/kaart` — the public social map.
use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;

#[component]
pub fn MapPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Key::MapTitle testid="map">
            <p class="lead">{move || i18n.t(Key::MapIntro)}</p>
            <p class="notice">{move || i18n.t(Key::ModuleComing)}</p>
        </Page>
    }
}

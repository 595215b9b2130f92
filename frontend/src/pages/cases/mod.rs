//! `/bord` — the case board (professionals and coordinators).
use crate::components::page::{Page, RequireSection};
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::auth::Section;

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Key::BoardTitle testid="board">
            <RequireSection section=Section::Board>
                <p class="lead">{move || i18n.t(Key::BoardIntro)}</p>
                <p class="notice">{move || i18n.t(Key::ModuleComing)}</p>
            </RequireSection>
        </Page>
    }
}

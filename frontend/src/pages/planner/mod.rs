//! `/planner` — the support-pyramid planner (managers and coordinators).
use crate::components::page::{Page, RequireSection};
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::auth::Section;

#[component]
pub fn PlannerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Key::PlannerTitle testid="planner">
            <RequireSection section=Section::Planner>
                <p class="lead">{move || i18n.t(Key::PlannerIntro)}</p>
                <p class="notice">{move || i18n.t(Key::ModuleComing)}</p>
            </RequireSection>
        </Page>
    }
}

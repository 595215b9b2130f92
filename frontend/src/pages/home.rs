use crate::components::page::Page;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let card = move |href: &'static str, title: Key, text: Key| {
        view! {
            <li class="card">
                <h2><A href=href>{move || i18n.t(title)}</A></h2>
                <p>{move || i18n.t(text)}</p>
            </li>
        }
    };
    view! {
        <Page title=Key::HomeTitle testid="home">
            <p class="tagline">{move || i18n.t(Key::Tagline)}</p>
            <p class="lead">{move || i18n.t(Key::HomeIntro)}</p>
            <ul class="cards">
                {card("/kaart", Key::NavMap, Key::HomeMapText)}
                {card("/bord", Key::NavBoard, Key::HomeBoardText)}
                {card("/planner", Key::NavPlanner, Key::HomePlannerText)}
            </ul>
        </Page>
    }
}

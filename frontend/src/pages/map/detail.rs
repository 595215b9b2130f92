//! `/kaart/dienst/:id` — one service: what happens there, for whom, how to get there, cost,
//! hours, languages, accessibility, contact, when it was last checked, and where.
use super::ask::AskForm;
use super::leaflet::ResultsMap;
use super::{financing_text, km, referral_text, term_names};
use crate::api;
use crate::i18n::{Key, use_i18n};
use chrono::NaiveTime;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::map::labels::{self, LANGUAGE, SUPPORT_LEVEL};
use shared::map::{ServiceDetail, Term};
use uuid::Uuid;

#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| Uuid::parse_str(&v).ok())));
    let terms = LocalResource::new(api::map::terms);
    let detail = LocalResource::new(move || {
        let (id, english) = (id.get(), i18n.english());
        async move {
            match id {
                Some(id) => api::map::service(id, english).await.ok(),
                None => None,
            }
        }
    });
    view! {
        <section class="page service-page" data-testid="service-page">
            <p class="no-print"><A href="/kaart">{move || i18n.t(Key::ServiceBack)}</A></p>
            <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let terms = terms.await.unwrap_or_default();
                    match detail.await {
                        Some(d) => view! { <Detail detail=d terms=terms /> }.into_any(),
                        None => view! {
                            <Title text=move || i18n.t(Key::ServiceNotFound).to_string() />
                            <h1>{i18n.t(Key::ServiceNotFound)}</h1>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Opening hours as a parent reads them: "maandag tot en met vrijdag: 09:00 – 12:00".
pub(super) fn hours_text(
    days: &[String],
    opens: NaiveTime,
    closes: NaiveTime,
    english: bool,
) -> String {
    format!(
        "{}: {} – {}",
        labels::days(days, english),
        opens.format("%H:%M"),
        closes.format("%H:%M")
    )
}

#[component]
fn Detail(detail: ServiceDetail, terms: Vec<Term>) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.english();
    let card = detail.card.clone();
    let title = card.name.clone();
    let needs = term_names(&terms, &card.needs, english);
    let types = term_names(&terms, &card.service_types, english);
    let languages = card
        .languages
        .iter()
        .map(|l| labels::label(&LANGUAGE, l, english))
        .collect::<Vec<_>>()
        .join(", ");
    let hours = detail
        .hours
        .iter()
        .map(|h| view! { <li>{hours_text(&h.days, h.opens, h.closes, english)}</li> })
        .collect_view();
    let no_hours = detail.hours.is_empty();
    let phones = detail
        .phones
        .iter()
        .map(|p| {
            let tel = format!("tel:{}", p.number.replace(' ', ""));
            view! { <li class="flow">{i18n.t(Key::ServicePhone)}": "<a href=tel>{p.number.clone()}</a>{p.description.clone().map(|d| format!(" ({d})"))}</li> }
        })
        .collect_view();
    let places = card
        .places
        .iter()
        .map(|p| {
            let address = [p.street.clone(), p.postcode.clone(), p.city.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li class="flow" data-testid="service-place">
                    <strong>{p.name.clone()}</strong><br />{address}
                    {p.accessibility.clone().map(|a| view! { <br /><span>{i18n.t(Key::ServiceAccess)}": "{a}</span> })}
                    {p.directions().map(|href| view! { <br /><a href=href data-testid="place-directions">{i18n.t(Key::ServiceDirections)}</a> })}
                </li>
            }
        })
        .collect_view();
    let checked = match card.assured_date {
        Some(d) => shared::time::day_words(d, english),
        None => i18n.t(Key::ServiceNeverChecked).to_owned(),
    };
    let closed = detail.status == "temporarily closed";
    view! {
        <Title text=title.clone() />
        <h1 data-testid="service-name">{title}</h1>
        <p class="org">{i18n.t(Key::ServiceOrganisation)}": "{card.organisation.clone()}</p>
        {closed.then(|| view! { <p class="error" role="status">{i18n.t(Key::ServiceClosed)}</p> })}
        {card.stale.then(|| view! { <p class="warnings" data-testid="service-stale">{i18n.t(Key::ServiceStaleWarning)}</p> })}
        <div class="service-sections">
            <section>
                <h2>{i18n.t(Key::ServiceWhat)}</h2>
                <p data-testid="service-description">{card.description.clone()}</p>
                <p class="muted">{types}{(!needs.is_empty()).then(|| format!(" · {needs}"))}</p>
                <p>{labels::label(&SUPPORT_LEVEL, &card.support_level, english).to_owned()}</p>
            </section>
            <section>
                <h2>{i18n.t(Key::ServiceForWhom)}</h2>
                <p>{labels::age_range(card.minimum_age, card.maximum_age, english)}</p>
                {detail.eligibility.clone().map(|e| view! { <p>{e}</p> })}
            </section>
            <section>
                <h2>{i18n.t(Key::ServiceHow)}</h2>
                <p data-testid="service-referral"><strong>{referral_text(i18n, &card)}</strong></p>
                {detail.application_process.clone().map(|a| view! { <p>{a}</p> })}
                {card.wait_weeks.map(|w| view! { <p>{i18n.t(Key::MapWait)}": "{if w == 0 { i18n.t(Key::MapNoWait).to_owned() } else { shared::map::labels::weeks(w, i18n.english()) }}</p> })}
            </section>
            <section>
                <h2>{i18n.t(Key::ServiceCost)}</h2>
                <p>{financing_text(english, &card)}</p>
                {detail.fees.clone().map(|f| view! { <p>{f}</p> })}
            </section>
            <section>
                <h2>{i18n.t(Key::ServiceHours)}</h2>
                <ul class="plain-list">{hours}</ul>
                {no_hours.then(|| view! { <p>{i18n.t(Key::ServiceNoHours)}</p> })}
            </section>
            <section>
                <h2>{i18n.t(Key::ServiceLanguages)}</h2>
                <p>{languages}</p>
            </section>
            <section>
                <h2>{i18n.t(Key::ServiceContact)}</h2>
                <ul class="plain-list">
                    {phones}
                    {detail.email.clone().map(|e| view! { <li class="flow">{i18n.t(Key::ServiceEmail)}": "<a href=format!("mailto:{e}")>{e.clone()}</a></li> })}
                    {detail.url.clone().map(|u| view! { <li class="flow">{i18n.t(Key::ServiceWebsite)}": "<a href=u.clone() rel="noopener">{u.clone()}</a></li> })}
                </ul>
            </section>
            <section>
                <h2>{i18n.t(Key::ServiceWhere)}</h2>
                <ul class="plain-list">{places}</ul>
                {card.distance_km.map(|d| view! { <p>{km(d, english)}</p> })}
            </section>
        </div>
        <div class="service-map"><ResultsMap cards=vec![detail.card.clone()] /></div>
        <p class="muted" data-testid="service-checked">{i18n.t(Key::ServiceChecked)}": "{checked}</p>
        <AskForm service=card.id organisation=card.organisation.clone() />
    }
}

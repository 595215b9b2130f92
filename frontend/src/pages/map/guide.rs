//! `/kaart/wegwijzer` — "Welke hulp past bij mijn kind?": four plain questions, then a short list
//! with why each service fits. The answers stay in this page; nothing is stored.
use super::{AGES, km, postcode_refused};
use crate::api;
use crate::components::page::Page;
use crate::i18n::{I18n, Key, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::map::guide::{Answers, Reason, shortlist};
use shared::map::labels::{self, LANGUAGE};
use shared::map::search::SearchQuery;
use shared::map::{ServiceCard, Term};

fn reason_text(i18n: I18n, reason: &Reason, terms: &[Term], answers: &Answers) -> String {
    let english = i18n.english();
    match reason {
        Reason::Age => {
            let age = answers
                .age_months
                .map(|a| labels::age(a as i32, english))
                .unwrap_or_default();
            i18n.t(Key::GuideWhyAge).replace("{age}", &age)
        }
        Reason::Need(code) => {
            let name = terms
                .iter()
                .find(|t| &t.code == code)
                // Mid-sentence: "Helpt bij gedrag", "Helps with behaviour".
                .map(|t| if english { &t.name_en } else { &t.name }.to_lowercase())
                .unwrap_or_else(|| code.clone());
            i18n.t(Key::GuideWhyNeed).replace("{need}", &name)
        }
        Reason::Language(code) => i18n
            .t(Key::GuideWhyLanguage)
            .replace("{language}", labels::label(&LANGUAGE, code, english)),
        Reason::Near(distance) => i18n
            .t(Key::GuideWhyNear)
            .replace("{km}", &km(*distance, english)),
        Reason::NoReferral => i18n.t(Key::MapNoReferral).to_owned(),
        Reason::ShortWait(0) => i18n.t(Key::MapNoWait).to_owned(),
        Reason::ShortWait(w) => i18n
            .t(Key::GuideWhyWait)
            .replace("{weeks}", &shared::map::labels::weeks(*w, i18n.english())),
    }
}

#[component]
pub fn GuidePage() -> impl IntoView {
    let i18n = use_i18n();
    let age = RwSignal::new(String::new());
    let needs = RwSignal::new(Vec::<String>::new());
    let postcode = RwSignal::new(String::new());
    let language = RwSignal::new(String::new());
    let terms = LocalResource::new(api::map::terms);
    let results =
        RwSignal::new(None::<Result<(Answers, Vec<(ServiceCard, Vec<Reason>)>), api::ApiFailure>>);
    let ask = Action::new_local(move |answers: &(Answers, SearchQuery)| {
        let (answers, query) = answers.clone();
        async move {
            let found = api::map::search(&query)
                .await
                .map(|r| (answers.clone(), shortlist(r.results, &answers, 5)));
            results.set(Some(found));
        }
    });
    let postcode_wrong = Memo::new(move |_| {
        results.with(|r| matches!(r, Some(Err(f)) if f.refused_field() == Some("postcode")))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let answers = Answers {
            age_months: age.get_untracked().parse().ok(),
            needs: needs.get_untracked(),
            language: Some(language.get_untracked()).filter(|l| !l.is_empty()),
        };
        let query = SearchQuery {
            age: Some(age.get_untracked()).filter(|a| !a.is_empty()),
            need: Some(answers.needs.join(",")).filter(|n| !n.is_empty()),
            postcode: Some(postcode.get_untracked().trim().to_owned()).filter(|p| !p.is_empty()),
            per_page: Some("50".to_owned()),
            lang: i18n.english().then(|| "en".to_owned()),
            ..SearchQuery::default()
        };
        ask.dispatch((answers, query));
    };
    let age_options = move || {
        let english = i18n.english();
        AGES.iter()
            .map(|m| view! { <option value=m.to_string()>{labels::age(*m, english)}</option> })
            .collect_view()
    };
    let language_options = move || {
        let english = i18n.english();
        LANGUAGE
            .iter()
            .map(|(code, nl, en)| view! { <option value=*code>{if english { *en } else { *nl }}</option> })
            .collect_view()
    };
    view! {
        <Page title=Key::GuideTitle testid="guide">
            <p class="lead">{move || i18n.t(Key::GuideIntro)}</p>
            <form class="guide-form" on:submit=submit data-testid="guide-form">
                <div class="field">
                    <label for="g-age">{move || format!("1. {}", i18n.t(Key::GuideAge))}</label>
                    <select id="g-age" required on:change=move |ev| age.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(Key::GuideChoose)}</option>
                        {age_options}
                    </select>
                </div>
                <fieldset class="filter-group">
                    <legend>{move || format!("2. {}", i18n.t(Key::MapFilterNeed))}</legend>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            terms.await.unwrap_or_default().into_iter().filter(|t| t.taxonomy == "need").map(|t| {
                                let id = format!("g-need-{}", t.code);
                                let code = t.code.clone();
                                let label = move || if i18n.english() { t.name_en.clone() } else { t.name.clone() };
                                view! {
                                    <div class="field-check">
                                        <input type="checkbox" id=id.clone() on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            needs.update(|n| { n.retain(|c| *c != code); if on { n.push(code.clone()); } });
                                        } />
                                        <label for=id>{label}</label>
                                    </div>
                                }
                            }).collect_view()
                        })}
                    </Transition>
                </fieldset>
                <div class="field">
                    <label for="g-postcode">{move || format!("3. {}", i18n.t(Key::MapPostcode))}</label>
                    <input id="g-postcode" autocomplete="postal-code" maxlength="60"
                        aria-invalid=move || postcode_wrong.get().then_some("true")
                        aria-describedby=move || postcode_wrong.get().then_some("g-error")
                        on:input=move |ev| postcode.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="g-language">{move || format!("4. {}", i18n.t(Key::GuideLanguage))}</label>
                    <select id="g-language" on:change=move |ev| language.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(Key::GuideChoose)}</option>
                        {language_options}
                    </select>
                </div>
                <button type="submit" class="button-primary" data-testid="guide-submit">{move || i18n.t(Key::GuideShow)}</button>
            </form>
            <section aria-live="polite" data-testid="guide-results">
                {move || results.get().map(|r| match r {
                    Err(f) => {
                        // The postcode is the only answer the server can refuse.
                        let text = match f.refused_field() {
                            Some("postcode") => postcode_refused(i18n, &postcode.get_untracked()),
                            _ => i18n.t(f.message_key()).to_owned(),
                        };
                        view! { <p class="error" role="alert" id="g-error" data-testid="guide-error">{text}</p> }.into_any()
                    }
                    Ok((_, list)) if list.is_empty() => view! { <p class="notice">{i18n.t(Key::MapNoResults)}</p> }.into_any(),
                    Ok((answers, list)) => {
                        let known = terms.get().and_then(|t| t.ok()).unwrap_or_default();
                        view! {
                            <h2>{i18n.t(Key::GuideShortlist)}</h2>
                            <ol class="service-list">
                                {list.into_iter().map(|(card, reasons)| {
                                    let why = reasons.iter().map(|r| view! { <li>{reason_text(i18n, r, &known, &answers)}</li> }).collect_view();
                                    view! {
                                        <li class="service-card" data-testid="guide-result">
                                            <h3><A href=format!("/kaart/dienst/{}", card.id)>{card.name.clone()}</A></h3>
                                            <p class="org">{card.organisation.clone()}</p>
                                            <p><strong>{i18n.t(Key::GuideWhy)}</strong></p>
                                            <ul class="why">{why}</ul>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                })}
            </section>
        </Page>
    }
}

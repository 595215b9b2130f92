//! What the child needs, on the case page: concerns, VE indication, need category, level of
//! support and mentor. Changed at the version on screen; when someone else was first, the page
//! says so and shows the latest.
use super::case_content::CaseScope;
use crate::api::{self, ApiFailure};
use crate::i18n::{I18n, Key, use_i18n};
use leptos::prelude::*;
use shared::cases::{CaseDetail, CaseProfile, NeedCategory, SupportLevel};
use shared::error::ErrorCode;
use uuid::Uuid;

const NEEDS: [(NeedCategory, Key); 3] = [
    (NeedCategory::CatchUp, Key::NeedCatchUp),
    (NeedCategory::Fits, Key::NeedFits),
    (NeedCategory::NotFitting, Key::NeedNotFitting),
];
const LEVELS: [(SupportLevel, Key); 4] = [
    (SupportLevel::Basis, Key::LevelBasis),
    (SupportLevel::OnGroup, Key::LevelOnGroup),
    (SupportLevel::OutsideGroup, Key::LevelOutsideGroup),
    (SupportLevel::OutsideRegular, Key::LevelOutsideRegular),
];

/// The wire name of a value ("catch_up"), as the form's `<option value>`.
fn wire(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// A `<select>` over `choices` with "not decided" first.
fn choice<T: Copy + serde::Serialize + 'static>(
    i18n: I18n,
    id: &'static str,
    label: Key,
    choices: &'static [(T, Key)],
    value: RwSignal<String>,
) -> impl IntoView {
    let options = choices
        .iter()
        .map(|(v, key)| {
            let v = wire(*v);
            let selected = value.get_untracked() == v;
            view! { <option value=v selected=selected>{move || i18n.t(*key)}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{move || i18n.t(label)}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{move || i18n.t(Key::ProfileUnknown)}</option>
                {options}
            </select>
        </div>
    }
}

#[component]
pub fn Profile(detail: CaseDetail, scope: CaseScope) -> impl IntoView {
    let i18n = use_i18n();
    let case = detail.card.id;
    let version = detail.card.version;
    let concerns = RwSignal::new(detail.card.concerns.clone());
    let ve = RwSignal::new(detail.card.ve_indication);
    let need = RwSignal::new(detail.card.need_category.map(wire).unwrap_or_default());
    let level = RwSignal::new(detail.card.support_level.map(wire).unwrap_or_default());
    let mentor = RwSignal::new(detail.mentor_id.map(|m| m.to_string()).unwrap_or_default());
    let save = Action::new_local(move |profile: &CaseProfile| {
        let profile = profile.clone();
        async move {
            let outcome = match api::cases::update_profile(case, &profile).await {
                Ok(_) => (true, Key::ProfileSaved),
                Err(ApiFailure::Api(body)) if body.code == ErrorCode::Conflict => {
                    (false, Key::ProfileConflict)
                }
                Err(f) => (false, f.message_key()),
            };
            scope.message.set(Some(outcome));
            scope.refresh.update(|n| *n += 1);
        }
    });
    let mentors = detail
        .team
        .iter()
        .map(|m| {
            let selected = detail.mentor_id == Some(m.user_id);
            view! { <option value=m.user_id.to_string() selected=selected>{m.name.clone()}</option> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">{move || i18n.t(Key::ProfileTitle)}</h2>
            <form class="inline-form" data-testid="profile-form" on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(CaseProfile {
                    expected_version: version,
                    concerns: concerns.get_untracked(),
                    ve_indication: ve.get_untracked(),
                    need_category: parse(&need.get_untracked()),
                    support_level: parse(&level.get_untracked()),
                    mentor_id: Uuid::parse_str(&mentor.get_untracked()).ok(),
                });
            }>
                <fieldset>
                    <legend>{move || i18n.t(Key::SignalConcerns)}</legend>
                    {super::concern_boxes(i18n, "profile", concerns)}
                </fieldset>
                <div class="field field-check">
                    <input id="profile-ve" type="checkbox" checked=ve.get_untracked()
                        on:change=move |ev| ve.set(event_target_checked(&ev)) />
                    <label for="profile-ve">{move || i18n.t(Key::SignalVe)}</label>
                </div>
                {choice(i18n, "profile-need", Key::ProfileNeed, &NEEDS, need)}
                {choice(i18n, "profile-level", Key::ProfileLevel, &LEVELS, level)}
                <div class="field">
                    <label for="profile-mentor">{move || i18n.t(Key::ProfileMentor)}</label>
                    <select id="profile-mentor" on:change=move |ev| mentor.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(Key::ProfileNoMentor)}</option>
                        {mentors}
                    </select>
                </div>
                <button type="submit" class="button-plain" data-testid="profile-save">{move || i18n.t(Key::ProfileSave)}</button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_travel_by_their_wire_names() {
        assert_eq!(wire(NeedCategory::NotFitting), "not_fitting");
        assert_eq!(
            parse::<SupportLevel>("outside_regular"),
            Some(SupportLevel::OutsideRegular)
        );
        assert_eq!(parse::<SupportLevel>(""), None, "not decided");
    }
}

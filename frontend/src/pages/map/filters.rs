//! The filter panel: checkboxes with the number of results each would keep. On a phone it folds
//! into a sheet the visitor opens; every change becomes the URL.
use super::MapState;
use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;
use shared::map::labels::{self, FINANCING, LANGUAGE, SUPPORT_LEVEL};
use shared::map::search::SearchQuery;
use shared::map::{FacetCount, Facets, Term};

/// The list parameter with `value` switched on or off.
pub fn toggle(list: &Option<String>, value: &str, on: bool) -> Option<String> {
    let mut values: Vec<&str> = list
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|v| !v.is_empty() && *v != value)
        .collect();
    if on {
        values.push(value);
    }
    (!values.is_empty()).then(|| values.join(","))
}

fn selected(list: &Option<String>, value: &str) -> bool {
    list.as_deref()
        .is_some_and(|l| l.split(',').any(|v| v == value))
}

fn count(facets: &[FacetCount], value: &str) -> i64 {
    facets
        .iter()
        .find(|f| f.value == value)
        .map_or(0, |f| f.count)
}

type Slot = fn(&mut SearchQuery) -> &mut Option<String>;

/// One group of checkboxes for the list parameter `slot`.
fn group(
    state: MapState,
    id: &'static str,
    legend: Key,
    slot: Slot,
    options: Vec<(String, String, i64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut current = state.query.get_untracked();
    let chosen = slot(&mut current).clone();
    let boxes = options
        .into_iter()
        .filter(|(value, _, n)| *n > 0 || selected(&chosen, value))
        .map(|(value, label, n)| {
            let checked = selected(&chosen, &value);
            let input_id = format!("f-{id}-{value}");
            let for_id = input_id.clone();
            view! {
                <div class="field-check">
                    <input type="checkbox" id=input_id checked=checked data-testid=format!("filter-{id}-{value}")
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.update(|q| {
                                let list = slot(q);
                                *list = toggle(list, &value, on);
                            });
                        } />
                    <label for=for_id>{label}<span class="count">{format!(" ({n})")}</span></label>
                </div>
            }
        })
        .collect::<Vec<_>>();
    // A group with nothing to choose is left out (a heading over nothing).
    (!boxes.is_empty()).then(|| {
        view! {
            <fieldset class="filter-group">
                <legend>{move || i18n.t(legend)}</legend>
                {boxes}
            </fieldset>
        }
    })
}

fn flag(state: MapState, id: &'static str, label: Key, slot: Slot, n: i64) -> impl IntoView {
    let i18n = use_i18n();
    let mut current = state.query.get_untracked();
    let checked = slot(&mut current).as_deref() == Some("true");
    let input_id = format!("f-{id}");
    view! {
        <div class="field-check">
            <input type="checkbox" id=input_id.clone() checked=checked data-testid=format!("filter-{id}")
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    state.update(|q| *slot(q) = on.then(|| "true".to_owned()));
                } />
            <label for=input_id>{move || i18n.t(label)}<span class="count">{format!(" ({n})")}</span></label>
        </div>
    }
}

#[component]
pub fn Filters(state: MapState, terms: Vec<Term>, facets: Facets) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.english();
    let term_options = |taxonomy: &str, counts: &[FacetCount]| -> Vec<(String, String, i64)> {
        terms
            .iter()
            .filter(|t| t.taxonomy == taxonomy)
            .map(|t| {
                let name = if english {
                    t.name_en.clone()
                } else {
                    t.name.clone()
                };
                (t.code.clone(), name, count(counts, &t.code))
            })
            .collect()
    };
    let label_options =
        |table: &[labels::Label], counts: &[FacetCount]| -> Vec<(String, String, i64)> {
            table
                .iter()
                .map(|(code, nl, en)| {
                    let name = if english { *en } else { *nl };
                    (code.to_string(), name.to_owned(), count(counts, code))
                })
                .collect()
        };
    let active = {
        let q = state.query.get_untracked();
        [
            &q.need,
            &q.service_type,
            &q.language,
            &q.financing,
            &q.no_referral,
            &q.level,
            &q.open_now,
        ]
        .iter()
        .filter(|v| v.is_some())
        .count()
    };
    let language = state.query.get_untracked().language;
    let languages = LANGUAGE
        .iter()
        .filter(|(code, _, _)| count(&facets.language, code) > 0 || selected(&language, code))
        .map(|(code, nl, en)| {
            let n = count(&facets.language, code);
            let is_selected = selected(&language, code);
            view! { <option value=*code selected=is_selected>{format!("{} ({n})", if english { en } else { nl })}</option> }
        })
        .collect_view();
    // Open on wide screens, a folded sheet on phones (the page decides at first paint).
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 900.0);
    view! {
        <details class="map-filters" open=wide data-testid="map-filters">
            <summary>{move || i18n.t(Key::MapFilters)}{(active > 0).then(|| format!(" ({active})"))}</summary>
            <div class="filter-body">
                <fieldset class="filter-group">
                    <legend>{move || i18n.t(Key::MapFilterOther)}</legend>
                    {flag(state, "no-referral", Key::MapNoReferral, |q| &mut q.no_referral, facets.no_referral)}
                    {flag(state, "open-now", Key::MapOpenNow, |q| &mut q.open_now, facets.open_now)}
                </fieldset>
                {group(state, "need", Key::MapFilterNeed, |q| &mut q.need, term_options("need", &facets.need))}
                {group(state, "type", Key::MapFilterType, |q| &mut q.service_type, term_options("service_type", &facets.service_type))}
                {group(state, "financing", Key::MapFilterFinancing, |q| &mut q.financing, label_options(&FINANCING, &facets.financing))}
                {group(state, "level", Key::MapFilterLevel, |q| &mut q.level, label_options(&SUPPORT_LEVEL, &facets.support_level))}
                <div class="field">
                    <label for="f-language">{move || i18n.t(Key::MapFilterLanguage)}</label>
                    <select id="f-language" data-testid="filter-language" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.update(|q| q.language = (!value.is_empty()).then_some(value));
                    }>
                        <option value="">{move || i18n.t(Key::MapAnyLanguage)}</option>
                        {languages}
                    </select>
                </div>
                {(active > 0).then(|| view! {
                    <button type="button" class="button-plain" data-testid="filters-clear" on:click=move |_| state.update(|q| {
                        *q = SearchQuery { q: q.q.take(), postcode: q.postcode.take(), radius: q.radius.take(), age: q.age.take(), birth_date: q.birth_date.take(), ..SearchQuery::default() };
                    })>{move || i18n.t(Key::MapClearFilters)}</button>
                })}
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_adds_and_removes_one_value() {
        let none = None;
        assert_eq!(toggle(&none, "gedrag", true).as_deref(), Some("gedrag"));
        let two = Some("gedrag,motoriek".to_owned());
        assert_eq!(toggle(&two, "gedrag", false).as_deref(), Some("motoriek"));
        assert_eq!(toggle(&Some("gedrag".into()), "gedrag", false), None);
        assert_eq!(
            toggle(&two, "gedrag", true).as_deref(),
            Some("motoriek,gedrag")
        );
        assert!(selected(&two, "motoriek"));
        assert!(!selected(&two, "moto"));
    }
}

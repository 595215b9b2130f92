//! `/kaart` — the public social map: a search box, filters with counts, the results as an
//! accessible list (and on a map). Everything the visitor chose lives in the URL, so a search can
//! be shared, bookmarked, printed and gone back to.
mod ask;
mod changes;
mod detail;
mod filters;
mod guide;
pub(crate) mod leaflet;
mod manage;
mod manage_more;
mod refusal;

pub use detail::ServicePage;
pub use guide::GuidePage;
pub use manage::ManagePage;

use crate::api;
use crate::components::page::Page;
use crate::i18n::{I18n, Key, use_i18n};
use filters::Filters;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::map::labels::{self, FINANCING, REFERRAL};
use shared::map::search::SearchQuery;
use shared::map::{SearchResponse, ServiceCard, Term};

/// Ages a parent can pick, in months.
const AGES: [i32; 12] = [0, 3, 6, 9, 12, 18, 24, 30, 36, 42, 48, 60];
/// The distance limits a visitor can choose from their postcode (km); the API takes any from 0.1 to 100.
const RADII: [u32; 4] = [2, 5, 10, 25];

/// The search of the current URL, and a way to go to another one.
#[derive(Clone, Copy)]
pub struct MapState {
    pub query: Memo<SearchQuery>,
    pub go: Callback<SearchQuery>,
}

impl MapState {
    /// Goes to the search changed by `change`, back on its first page.
    pub fn update(&self, change: impl FnOnce(&mut SearchQuery)) {
        let mut next = self.query.get_untracked();
        change(&mut next);
        next.page = None;
        self.go.run(next);
    }
}

/// "1,2 km" in Dutch, "1.2 km" in English.
pub fn km(distance: f64, english: bool) -> String {
    format!("{} km", shared::numbers::decimal(distance, 1, english))
}

#[component]
pub fn MapPage() -> impl IntoView {
    let i18n = use_i18n();
    let raw = use_query_map();
    let written = Memo::new(move |_| raw.with(|q| SearchQuery::from_lookup(|k| q.get(k))));
    // A language or "gratis" in the text is searched as the filter it is, and shown as one.
    let query = Memo::new(move |_| {
        let english = i18n.english();
        written.with(|w| w.filters_from_text(english).unwrap_or_else(|| w.clone()))
    });
    let navigate = use_navigate();
    let to = move |next: &SearchQuery, replace: bool| {
        let qs = next.to_query_string();
        let href = if qs.is_empty() {
            "/kaart".to_owned()
        } else {
            format!("/kaart?{qs}")
        };
        navigate(
            &href,
            leptos_router::NavigateOptions {
                scroll: false,
                replace,
                ..Default::default()
            },
        );
    };
    let go = {
        let to = to.clone();
        Callback::new(move |next: SearchQuery| to(&next, false))
    };
    let replace = {
        let to = to.clone();
        move |next: &SearchQuery| to(next, true)
    };
    Effect::new(move || {
        if written.with(|w| query.with(|q| w != q)) {
            to(&query.get(), true);
        }
    });
    let state = MapState { query, go };
    let terms = LocalResource::new(api::map::terms);
    let results = LocalResource::new(move || {
        let mut q = query.get();
        q.lang = i18n.english().then(|| "en".to_owned());
        async move { api::map::search(&q).await }
    });
    // A place named among the words ("logopedie in Geldrop") was searched from: it moves to the
    // postcode field, where the visitor sees it and can change it.
    Effect::new(move || {
        let named = results.with(|r| match r {
            Some(Ok(found)) => found.place_in_text.clone(),
            _ => None,
        });
        if let Some(named) = named {
            replace(&query.with_untracked(|q| q.from_place(&named)));
        }
    });
    // The search's field the server refused, if any (only the postcode is the form's own).
    let refused = Memo::new(move |_| {
        results.with(|r| match r {
            Some(Err(f)) => f.refused_field().map(str::to_owned),
            _ => None,
        })
    });
    let postcode_refused =
        Signal::derive(move || refused.with(|f| f.as_deref() == Some("postcode")));
    view! {
        <Page title=Key::MapTitle testid="map">
            <p class="lead">{move || i18n.t(Key::MapIntro)}</p>
            <SearchForm state=state postcode_refused=postcode_refused />
            <div class="map-layout">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let terms = terms.await.unwrap_or_default();
                        results.await.ok().map(|r| view! { <Filters state=state terms=terms facets=r.facets /> })
                    })}
                </Transition>
                <section class="map-results" aria-labelledby="map-results-title">
                    <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
                        {move || Suspend::new(async move {
                            match results.await {
                                Ok(r) => view! { <Results state=state response=r /> }.into_any(),
                                Err(f) => view! {
                                    <h2 id="map-results-title" class="visually-hidden">{i18n.t(Key::MapSearchButton)}</h2>
                                    <SearchFailure failure=f postcode=query.with_untracked(|q| q.postcode.clone()) />
                                }.into_any(),
                            }
                        })}
                    </Transition>
                </section>
            </div>
        </Page>
    }
}

/// Why a search has no results, in the page's words (never the server's English): a postcode
/// that is not one, or one we do not know (the postcode field is marked and described by this);
/// a link whose query is not right (with a way to start again); otherwise what went wrong.
#[component]
fn SearchFailure(failure: api::ApiFailure, postcode: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let field = failure.refused_field().map(str::to_owned);
    let start_again = field.as_deref().is_some_and(|f| f != "postcode");
    let text = move || match field.as_deref() {
        None => i18n.t(failure.message_key()).to_owned(),
        Some("postcode") => postcode_refused(i18n, postcode.as_deref().unwrap_or_default()),
        Some(_) => i18n.t(Key::MapLinkInvalid).to_owned(),
    };
    view! {
        <p class="error" role="alert" id="map-error" data-testid="map-error">
            {text}
            {start_again.then(|| view! { " "<A href="/kaart">{move || i18n.t(Key::MapStartAgain)}</A> })}
        </p>
    }
}

/// Why the server refused the postcode or place `given`: it is neither, or not one of the
/// region's.
fn postcode_refused(i18n: I18n, given: &str) -> String {
    if shared::map::postcode_area(given).is_some() {
        i18n.t(Key::MapPostcodeUnknown)
            .replace("{postcode}", given.trim())
    } else if shared::map::places::place_key(given).is_some() {
        i18n.t(Key::MapPlaceUnknown)
            .replace("{place}", given.trim())
    } else {
        i18n.t(Key::MapPostcodeInvalid).to_owned()
    }
}

#[component]
fn SearchForm(
    state: MapState,
    /// The server refused the postcode searched for: the field is marked, and described by why.
    postcode_refused: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = state.query.get_untracked();
    let text = RwSignal::new(current.q.clone().unwrap_or_default());
    let postcode = RwSignal::new(current.postcode.clone().unwrap_or_default());
    let age = RwSignal::new(current.age.clone().unwrap_or_default());
    let radius = RwSignal::new(current.radius.clone().unwrap_or_default());
    // Back/forward and links change the URL: the form follows (only changes: what was typed
    // into the prerendered frame before the app started stays).
    Effect::watch(
        move || state.query.get(),
        move |q, _, _| {
            text.set(q.q.clone().unwrap_or_default());
            postcode.set(q.postcode.clone().unwrap_or_default());
            age.set(q.age.clone().unwrap_or_default());
            radius.set(q.radius.clone().unwrap_or_default());
        },
        false,
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.update(|q| {
            q.q = Some(text.get_untracked());
            q.postcode = Some(postcode.get_untracked());
            q.age = Some(age.get_untracked());
            q.radius = Some(radius.get_untracked());
            q.birth_date = None;
            for slot in [&mut q.q, &mut q.postcode, &mut q.age, &mut q.radius] {
                if slot.as_deref().is_some_and(|v| v.trim().is_empty()) {
                    *slot = None;
                }
            }
            // A distance limit needs a place to measure from.
            if q.postcode.is_none() {
                q.radius = None;
            }
            // A new place sorts by distance unless the visitor chose otherwise.
            if q.sort.as_deref() == Some("distance") && q.postcode.is_none() {
                q.sort = None;
            }
        });
    };
    let age_options = move || {
        let english = i18n.english();
        // An age typed among the words or in a link that is not one of the choices ("20
        // maanden", "6 jaar") is one as well: the field shows what is searched for.
        let mut ages = AGES.to_vec();
        if let Some(other) = age
            .with(|a| a.parse::<i32>().ok())
            .filter(|m| (0..=shared::map::MAX_AGE_MONTHS as i32).contains(m) && !AGES.contains(m))
        {
            ages.insert(ages.partition_point(|m| *m < other), other);
        }
        ages.into_iter()
            .map(|m| {
                let label = if m == 60 {
                    format!("{}+", labels::age(m, english))
                } else {
                    labels::age(m, english)
                };
                view! { <option value=m.to_string() selected=move || age.get() == m.to_string()>{label}</option> }
            })
            .collect_view()
    };
    // Submitted before the app has started (in the prerendered frame), the form goes to the
    // URL the app would go to: its fields carry the query's names.
    view! {
        <p><A href="/kaart/wegwijzer" attr:class="guided-link" attr:data-testid="guided-link">{move || i18n.t(Key::MapGuidedLink)}</A></p>
        <form class="map-search" role="search" action="/kaart" on:submit=submit data-testid="map-search">
            <div class="field field-wide">
                <label for="map-q">{move || i18n.t(Key::MapSearchLabel)}</label>
                <input id="map-q" name="q" type="search" data-testid="map-q" aria-describedby="map-q-hint" maxlength="200"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                <span id="map-q-hint" class="hint">{move || i18n.t(Key::MapSearchHint)}</span>
            </div>
            <div class="field">
                <label for="map-postcode">{move || i18n.t(Key::MapPostcode)}</label>
                <input id="map-postcode" name="postcode" data-testid="map-postcode" autocomplete="postal-code" maxlength="60"
                    aria-invalid=move || postcode_refused.get().then_some("true")
                    aria-describedby=move || postcode_refused.get().then_some("map-error")
                    prop:value=move || postcode.get() on:input=move |ev| postcode.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="map-radius">{move || i18n.t(Key::MapRadius)}</label>
                <select id="map-radius" name="radius" data-testid="map-radius" aria-describedby="map-radius-hint"
                    disabled=move || postcode.get().trim().is_empty()
                    on:change=move |ev| radius.set(event_target_value(&ev))>
                    <option value="" selected=move || radius.get().is_empty()>{move || i18n.t(Key::MapRadiusAny)}</option>
                    {RADII.iter().map(|km| view! {
                        <option value=km.to_string() selected=move || radius.get() == km.to_string()>
                            {move || i18n.t(Key::MapRadiusWithin).replace("{n}", &km.to_string())}
                        </option>
                    }).collect_view()}
                </select>
                <span id="map-radius-hint" class="hint">{move || i18n.t(Key::MapRadiusHint)}</span>
            </div>
            <div class="field">
                <label for="map-age">{move || i18n.t(Key::MapAge)}</label>
                <select id="map-age" name="age" data-testid="map-age" on:change=move |ev| age.set(event_target_value(&ev))>
                    <option value="" selected=move || age.get().is_empty()>{move || i18n.t(Key::MapAgeAny)}</option>
                    {age_options}
                </select>
            </div>
            <button type="submit" class="button-primary" data-testid="map-submit">{move || i18n.t(Key::MapSearchButton)}</button>
        </form>
    }
}

thread_local! {
    /// Whether the next results drawn take the focus (at their heading).
    static FOCUS_RESULTS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A search that found nothing, and the ways on: the same search without its filters or at any
/// distance, where any question can go (from the same place, for the same age), and the guided
/// search.
#[component]
fn NoResults(state: MapState, query: SearchQuery) -> impl IntoView {
    let i18n = use_i18n();
    let way = |next: Option<SearchQuery>, testid: &'static str, key: Key| {
        next.map(|next| {
            view! {
                <button type="button" class="button-plain" data-testid=testid on:click=move |_| {
                    // The button goes with the results it stands in: the keyboard goes on at
                    // the new results' heading.
                    FOCUS_RESULTS.set(true);
                    state.go.run(next.clone());
                }>{move || i18n.t(key)}</button>
            }
        })
    };
    let fewer = way(
        query.without_filters(i18n.english()),
        "map-without-filters",
        Key::MapWithoutFilters,
    );
    let wider = way(
        query.at_any_distance(),
        "map-any-distance",
        Key::MapAnyDistance,
    );
    let front_door = way(
        query.front_door(i18n.english()),
        "map-front-door",
        Key::MapFrontDoor,
    );
    let any = fewer.is_some() || wider.is_some();
    view! {
        <div class="notice" data-testid="map-empty">
            <p>{move || i18n.t(Key::MapNoResults)}</p>
            {any.then(|| view! {
                <p>{move || i18n.t(Key::MapSearchWider)}</p>
                <div class="actions">{fewer}{wider}</div>
            })}
            {front_door.map(|button| view! {
                <p>{move || i18n.t(Key::MapFrontDoorIntro)}</p>
                <div class="actions">{button}</div>
            })}
            <p>{move || i18n.t(Key::MapNoResultsGuide)}" "
                <A href="/kaart/wegwijzer">{move || i18n.t(Key::MapGuidedLink)}</A></p>
        </div>
    }
}

#[component]
fn Results(state: MapState, response: SearchResponse) -> impl IntoView {
    let i18n = use_i18n();
    let query = state.query.get_untracked();
    let total = response.total;
    let page = response.page;
    let pages =
        ((total + i64::from(response.per_page) - 1) / i64::from(response.per_page)).max(1) as u32;
    let place = response.origin.as_ref().and_then(|o| o.place.clone());
    let radius = query.radius.clone();
    let has_text = query.has_words(i18n.english());
    let has_origin = response.origin.is_some();
    let sort = query.sort.clone().unwrap_or_else(|| {
        if has_text {
            "relevance"
        } else if has_origin {
            "distance"
        } else {
            "name"
        }
        .to_owned()
    });
    let sort_options = [
        ("relevance", Key::MapSortRelevance, has_text),
        ("distance", Key::MapSortDistance, has_origin),
        ("wait", Key::MapSortWait, true),
        ("name", Key::MapSortName, true),
    ]
    .into_iter()
    .filter(|(_, _, possible)| *possible)
    .map(|(value, key, _)| {
        let selected = sort == value;
        view! { <option value=value selected=selected>{move || i18n.t(key)}</option> }
    })
    .collect_view();
    let map_cards = response.results.clone();
    // The map is beside the list on wide screens (when there is anything to put on it); on a
    // phone the visitor opens it.
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 1100.0);
    let show_map = RwSignal::new(wide && total > 0);
    let cards = response
        .results
        .into_iter()
        .map(|card| view! { <ResultCard card=card /> })
        .collect_view();
    let go_page = move |p: u32| {
        let mut next = state.query.get_untracked();
        next.page = (p > 1).then(|| p.to_string());
        state.go.run(next);
    };
    let has_previous = page > 1;
    let has_next = page < pages;
    if FOCUS_RESULTS.take() {
        request_animation_frame(|| crate::app::focus_element("map-results-title"));
    }
    view! {
        <div class="results-head">
            <h2 id="map-results-title" data-testid="map-total" aria-live="polite" tabindex="-1">
                {move || format!("{total} {}", i18n.t(if total == 1 { Key::MapOneResult } else { Key::MapResults }))}
                {place.map(|p| match &radius {
                    Some(km) => format!(" {} {p}", i18n.t(Key::MapWithinOf).replace("{n}", km)),
                    None => format!(" {} {p}", i18n.t(Key::MapNear)),
                })}
            </h2>
            // Only more than one result has an order to choose.
            {(total > 1).then(|| view! {
                <div class="field field-inline">
                    <label for="map-sort">{move || i18n.t(Key::MapSort)}</label>
                    <select id="map-sort" data-testid="map-sort" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.update(|q| q.sort = Some(value));
                    }>{sort_options}</select>
                </div>
            })}
        </div>
        // Words that say home is not safe: where to call, before anything found.
        {response.unsafe_at_home.then(|| view! {
            <p class="notice notice-safety" data-testid="map-safety">
                <strong>{move || i18n.t(Key::MapSafetyAsk)}</strong>" "
                {move || i18n.t(Key::MapSafetyCall)}" "<a href="tel:08002000">"0800 2000"</a>". "
                {move || i18n.t(Key::MapSafetyWhen)}" "<a href="tel:112">"112"</a>"."
            </p>
        })}
        {response.searched_for.map(|meant| {
            let typed = query.q.clone().unwrap_or_default();
            view! {
                <p class="notice" data-testid="map-searched-for">
                    {move || {
                        let said = if shared::map::search::written_apart(&typed, &meant) { Key::MapSearchedJoined } else { Key::MapSearchedFor };
                        i18n.t(said).replace("{typed}", &typed).replace("{meant}", &meant)
                    }}
                </p>
            }
        })}
        {(total > 0).then(|| view! {
            <button type="button" class="button-plain map-toggle" data-testid="map-toggle"
                aria-pressed=move || show_map.get().to_string() on:click=move |_| show_map.update(|s| *s = !*s)>
                {move || i18n.t(Key::MapShowMap)}
            </button>
        })}
        {(total == 0).then(|| view! { <NoResults state=state query=query.clone() /> })}
        <div class="results-body" class:with-map=move || show_map.get()>
            <ol class="service-list" data-testid="service-list">{cards}</ol>
            {move || show_map.get().then(|| view! { <leaflet::ResultsMap cards=map_cards.clone() /> })}
        </div>
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label=move || i18n.t(Key::MapResultsNav)>
                <button type="button" class="button-plain" disabled=!has_previous on:click=move |_| go_page(page - 1)>{move || i18n.t(Key::MapPrevious)}</button>
                <span>{move || format!("{} {page} / {pages}", i18n.t(Key::MapPageOf))}</span>
                <button type="button" class="button-plain" data-testid="map-next" disabled=!has_next on:click=move |_| go_page(page + 1)>{move || i18n.t(Key::MapNext)}</button>
            </nav>
        })}
    }
}

/// How a family gets there, in a few words.
pub fn referral_text(i18n: I18n, card: &ServiceCard) -> String {
    let english = i18n.english();
    if card.no_referral_needed() {
        i18n.t(Key::MapNoReferral).to_owned()
    } else if card.referral.is_empty() {
        i18n.t(Key::MapReferralViaPartner).to_owned()
    } else {
        card.referral
            .iter()
            .map(|r| labels::label(&REFERRAL, r, english).to_owned())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

pub fn financing_text(english: bool, card: &ServiceCard) -> String {
    card.financing
        .iter()
        .map(|f| labels::label(&FINANCING, f, english))
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn term_names(terms: &[Term], codes: &[String], english: bool) -> String {
    terms
        .iter()
        .filter(|t| codes.contains(&t.code))
        .map(|t| {
            if english {
                t.name_en.as_str()
            } else {
                t.name.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn ResultCard(card: ServiceCard) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/kaart/dienst/{}", card.id);
    let c = card.clone();
    let facts = move || {
        let english = i18n.english();
        let wait = match c.wait_weeks {
            Some(0) => Some(i18n.t(Key::MapNoWait).to_owned()),
            Some(w) => Some(labels::weeks(w, english)),
            None => None,
        };
        view! {
            <dl class="facts">
                <div><dt>{i18n.t(Key::MapFor)}</dt><dd>{labels::age_range(c.minimum_age, c.maximum_age, english)}</dd></div>
                <div><dt>{i18n.t(Key::MapCost)}</dt><dd>{financing_text(english, &c)}</dd></div>
                <div><dt>{i18n.t(Key::MapReferral)}</dt><dd data-testid="card-referral">{referral_text(i18n, &c)}</dd></div>
                {c.distance_km.map(|d| view! { <div><dt>{i18n.t(Key::MapDistance)}</dt><dd>{km(d, english)}</dd></div> })}
                {wait.map(|w| view! { <div><dt>{i18n.t(Key::MapWait)}</dt><dd data-testid="card-wait">{w}</dd></div> })}
            </dl>
        }
    };
    let open = card.open_now;
    let stale = card.stale;
    view! {
        <li class="service-card" data-testid="service-card" data-service=card.id.to_string()>
            <h3><A href=href>{card.name.clone()}</A></h3>
            <p class="org">{card.organisation.clone()}</p>
            <p class="badges">
                {open.then(|| view! { <span class="badge consent-ok">{move || i18n.t(Key::MapOpenNow)}</span> })}
                {stale.then(|| view! { <span class="badge overdue-soft">{move || i18n.t(Key::MapStale)}</span> })}
            </p>
            <p class="summary">{card.description.clone()}</p>
            {facts}
        </li>
    }
}

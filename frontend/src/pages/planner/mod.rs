//! `/planner` — the support-pyramid planner (managers and coordinators) and `/planner/vergelijk`.
mod compare;
mod inputs;
mod pyramid;
mod results;

pub use compare::ComparePage;

use crate::api::{self, ApiFailure};
use crate::components::download::download_text;
use crate::components::page::{Page, RequireSection};
use crate::i18n::{Key, Lang, use_i18n};
use crate::session::use_session;
use inputs::Inputs;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use pyramid::Pyramid;
use results::{Results, text};
use shared::auth::{Role, Section};
use shared::error::ErrorCode;
use shared::planner::presets;
use shared::planner::report::to_csv;
use shared::planner::saved::{NewScenario, Scenario, UpdateScenario};
use shared::planner::scenario::compute;
use uuid::Uuid;

#[component]
pub fn PlannerPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let scenario_id = move || {
        query
            .with(|q| q.get("scenario"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    let preset_id = move || {
        query
            .with(|q| q.get("preset"))
            .unwrap_or_else(|| "standaard".into())
    };
    // The scenarios ticked for comparison outlive the editor (opening another scenario, or going
    // back to one, makes a new editor): what was ticked meanwhile stays ticked.
    let selected = RwSignal::new(Vec::<Uuid>::new());
    // The saved scenario the editor on screen holds. A save puts the new scenario in the URL; the
    // editor that saved it stays (with its "saved" line and focus) instead of being loaded anew.
    let shown = StoredValue::new(None::<Uuid>);
    let wanted = Memo::new_owning(move |prev: Option<(Option<Uuid>, String)>| {
        let next = (scenario_id(), preset_id());
        let kept = next.0.is_some() && next.0 == shown.get_value();
        let changed = !kept && prev.as_ref() != Some(&next);
        (next, changed)
    });
    // A new editor (with fresh state) whenever the URL names another scenario or preset.
    let loaded = LocalResource::new(move || {
        let (id, preset) = wanted.get();
        async move {
            match id {
                Some(id) => api::planner::load(id).await.map(Some),
                None => Ok(None),
            }
            .map(|saved| (saved, preset))
        }
    });
    view! {
        <Page title=Key::PlannerTitle testid="planner">
            <RequireSection section=Section::Planner>
                <p class="lead no-print">{move || i18n.t(Key::PlannerIntro)}</p>
                <Transition fallback=move || view! { <p>{i18n.t(Key::Loading)}</p> }>
                    {move || Suspend::new(async move {
                        match loaded.await {
                            Ok((saved, preset)) => view! { <Editor saved=saved preset=preset selected=selected shown=shown /> }.into_any(),
                            Err(failure) => view! {
                                <p class="error" role="alert">{i18n.t(failure.message_key())}</p>
                            }.into_any(),
                        }
                    })}
                </Transition>
            </RequireSection>
        </Page>
    }
}

fn failure_key(failure: &ApiFailure) -> Key {
    if failure.code() == Some(ErrorCode::Conflict) {
        Key::PlannerConflict
    } else {
        failure.message_key()
    }
}

#[component]
fn Editor(
    saved: Option<Scenario>,
    preset: String,
    selected: RwSignal<Vec<Uuid>>,
    shown: StoredValue<Option<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    shown.set_value(saved.as_ref().map(|s| s.id));
    let session = use_session();
    let navigate = use_navigate();
    let start = presets::find(&preset).map_or_else(presets::default_input, |p| (p.input)());
    let initial = saved
        .as_ref()
        .map_or_else(|| start.clone(), |s| s.input.clone());
    let input = RwSignal::new(initial);
    let result = Memo::new(move |_| input.with(|i| i.validate().map(|()| compute(i))));
    let invalid = Memo::new(move |_| result.with(|r| r.as_ref().err().map(|e| e.field)));
    let name = RwSignal::new(saved.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let current = RwSignal::new(saved);
    // "Undo changes" goes back to the scenario as last saved, or to the starting point it came
    // from (picking the same starting point again changes nothing in the list).
    let start = StoredValue::new(start);
    let unchanged = move || {
        current.with(|saved| match saved {
            Some(s) => input.with(|i| *i == s.input),
            None => start.with_value(|p| input.with(|i| i == p)),
        })
    };
    let status = RwSignal::new(None::<(bool, Key)>);
    let refresh = RwSignal::new(0u32);

    let managed: Vec<(Uuid, String)> = session.me.with_untracked(|me| {
        me.iter()
            .flat_map(|me| me.memberships.iter())
            .filter(|m| m.role == Role::Manager)
            .filter_map(|m| {
                Some((
                    m.municipality_id?,
                    m.municipality_name.clone().unwrap_or_default(),
                ))
            })
            .collect()
    });
    let can_save = !managed.is_empty();
    // Where the live counts come from: the first municipality the user manages or coordinates.
    let counts_municipality: Option<Uuid> = session.me.with_untracked(|me| {
        me.iter()
            .flat_map(|me| me.memberships.iter())
            .filter(|m| matches!(m.role, Role::Manager | Role::Coordinator))
            .find_map(|m| m.municipality_id)
    });
    let live = RwSignal::new(None::<shared::cases::TierCounts>);
    let take_counts = Action::new_local(move |_: &()| async move {
        let Some(municipality) = counts_municipality else {
            return;
        };
        match api::planner::live_counts(municipality).await {
            Ok(counts) => {
                input.update(|i| {
                    shared::planner::scenario::apply_live_counts(i, &counts);
                });
                live.set(Some(counts));
                status.set(Some((true, Key::PlannerLiveApplied)));
            }
            Err(f) => status.set(Some((false, failure_key(&f)))),
        }
    });
    let municipality = RwSignal::new(
        current
            .with_untracked(|s| s.as_ref().map(|s| s.municipality_id))
            .or(managed.first().map(|m| m.0)),
    );
    let scenarios = LocalResource::new(move || {
        refresh.track();
        async move {
            if can_save {
                api::planner::list().await
            } else {
                Ok(Vec::new())
            }
        }
    });

    let save = Action::new_local({
        let navigate = navigate.clone();
        move |_: &()| {
            let navigate = navigate.clone();
            let body_input = input.get_untracked();
            let body_name = name.get_untracked();
            let existing = current.get_untracked();
            let target = municipality.get_untracked();
            async move {
                let outcome = match existing {
                    Some(s) => {
                        let change = UpdateScenario {
                            name: body_name,
                            input: body_input,
                            expected_version: s.version,
                        };
                        api::planner::update(s.id, &change).await
                    }
                    None => {
                        let Some(municipality_id) = target else {
                            return;
                        };
                        api::planner::create(&NewScenario {
                            municipality_id,
                            name: body_name,
                            input: body_input,
                        })
                        .await
                    }
                };
                match outcome {
                    Ok(s) => {
                        status.set(Some((true, Key::PlannerSaved)));
                        let is_new = current.get_untracked().is_none();
                        current.set(Some(s.clone()));
                        refresh.update(|n| *n += 1);
                        if is_new {
                            // The unsaved page is gone: the saved scenario takes its place in
                            // the history, and this editor stays on screen for it.
                            shown.set_value(Some(s.id));
                            navigate(
                                &format!("/planner?scenario={}", s.id),
                                NavigateOptions {
                                    replace: true,
                                    ..Default::default()
                                },
                            );
                        }
                    }
                    Err(f) => status.set(Some((false, failure_key(&f)))),
                }
            }
        }
    });
    let duplicate = Action::new_local({
        let navigate = navigate.clone();
        move |_: &()| {
            let navigate = navigate.clone();
            let id = current.get_untracked().map(|s| s.id);
            async move {
                let Some(id) = id else { return };
                match api::planner::duplicate(id).await {
                    Ok(copy) => navigate(
                        &format!("/planner?scenario={}", copy.id),
                        Default::default(),
                    ),
                    Err(f) => status.set(Some((false, failure_key(&f)))),
                }
            }
        }
    });
    let remove = Action::new_local({
        let navigate = navigate.clone();
        move |_: &()| {
            let navigate = navigate.clone();
            let id = current.get_untracked().map(|s| s.id);
            async move {
                let Some(id) = id else { return };
                match api::planner::remove(id).await {
                    Ok(()) => navigate("/planner", Default::default()),
                    Err(f) => status.set(Some((false, failure_key(&f)))),
                }
            }
        }
    });
    let confirm_remove = move |_| {
        let ok = window()
            .confirm_with_message(i18n.t(Key::PlannerConfirmDelete))
            .unwrap_or(false);
        if ok {
            remove.dispatch(());
        }
    };
    let export = move |_| {
        if let Ok(r) = result.get_untracked() {
            let label = Some(name.get_untracked())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "Scenario".into());
            let csv = to_csv(&[label], &[r], i18n.lang() == Lang::En);
            let _ = download_text("zorgroute-scenario.csv", "text/csv;charset=utf-8", &csv);
        }
    };
    let share_url = move || {
        current.with(|s| {
            s.as_ref().map(|s| {
                let origin = window().location().origin().unwrap_or_default();
                format!("{origin}/planner?scenario={}", s.id)
            })
        })
    };

    let preset_select = {
        let navigate = navigate.clone();
        let options = presets::ALL
            .iter()
            .map(|p| {
                let name = (p.name)();
                view! { <option value=p.id>{move || text(i18n, &name)}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for="preset">{move || i18n.t(Key::PlannerPreset)}</label>
                <select id="preset" data-testid="preset" prop:value=preset.clone()
                    on:change=move |ev| navigate(&format!("/planner?preset={}", event_target_value(&ev)), Default::default())>
                    {options}
                </select>
            </div>
        }
    };

    // What the list says when it has no scenarios, or could not be loaded (instead of an empty
    // list that looks like none were saved).
    let saved_list = move || {
        scenarios.get().map(|list| {
            let list = match list {
                Err(f) => return view! { <li class="error">{i18n.t(f.message_key())}</li> }.into_any(),
                Ok(list) if list.is_empty() => {
                    return view! { <li class="muted">{i18n.t(Key::PlannerSavedNone)}</li> }.into_any();
                }
                Ok(list) => list,
            };
            list.into_iter()
                .map(|s| {
                    let id = s.id;
                    let box_id = format!("cmp-{id}");
                    view! {
                        <li class="saved-item">
                            <input type="checkbox" id=box_id.clone() data-testid="compare-pick"
                                prop:checked=move || selected.with(|v| v.contains(&id))
                                on:change=move |ev| selected.update(|v| {
                                    v.retain(|x| *x != id);
                                    if event_target_checked(&ev) { v.push(id) }
                                }) />
                            <label for=box_id class="visually-hidden">{format!("{} — {}", i18n.t(Key::PlannerCompare), s.name)}</label>
                            <A href=format!("/planner?scenario={id}")>{s.name.clone()}</A>
                            <span class="muted saved-meta">{move || {
                                let day = crate::components::time::local_day(s.updated_at, i18n.english());
                                let changed = match &s.updated_by {
                                    Some(who) => i18n.t(Key::PlannerChangedBy).replace("{who}", who),
                                    None => i18n.t(Key::PlannerChangedOn).to_owned(),
                                };
                                // The day in one piece, not "07-" at a line's end.
                                let (before, after) = changed.split_once("{day}").unwrap_or((&changed, ""));
                                view! {
                                    {format!("{} · {before}", s.municipality_name)}
                                    <time datetime=s.updated_at.to_rfc3339()>{day}</time>
                                    {after.to_owned()}
                                }
                            }}</span>
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    let compare_href = move || {
        let ids: Vec<String> = selected.with(|v| v.iter().map(Uuid::to_string).collect());
        format!("/planner/vergelijk?ids={}", ids.join(","))
    };
    let compare_ready = move || (2..=4).contains(&selected.with(Vec::len));

    view! {
        <div class="planner">
            <section class="scenario-bar no-print" aria-label=move || i18n.t(Key::PlannerScenario)>
                {preset_select}
                <div class="field">
                    <label for="scenario-name">{move || i18n.t(Key::PlannerName)}</label>
                    <input id="scenario-name" data-testid="scenario-name" type="text" maxlength="120"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                {(managed.len() > 1).then(|| {
                    let options = managed.iter().map(|(id, n)| view! { <option value=id.to_string()>{n.clone()}</option> }).collect_view();
                    view! {
                        <div class="field">
                            <label for="municipality">{move || i18n.t(Key::PlannerMunicipality)}</label>
                            <select id="municipality" prop:value=move || municipality.get().map(|m| m.to_string()).unwrap_or_default()
                                on:change=move |ev| municipality.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                                {options}
                            </select>
                        </div>
                    }
                })}
                <div class="actions">
                    {can_save.then(|| view! {
                        <button type="button" class="button-primary" data-testid="save"
                            on:click=move |_| { save.dispatch(()); }>{move || i18n.t(Key::PlannerSave)}</button>
                        <button type="button" class="button-plain" data-testid="duplicate"
                            disabled=move || current.with(Option::is_none)
                            on:click=move |_| { duplicate.dispatch(()); }>{move || i18n.t(Key::PlannerDuplicate)}</button>
                        <button type="button" class="button-plain" data-testid="delete"
                            disabled=move || current.with(Option::is_none)
                            on:click=confirm_remove>{move || i18n.t(Key::PlannerDelete)}</button>
                    })}
                    <button type="button" class="button-plain" data-testid="undo" disabled=unchanged
                        on:click=move |_| {
                            let back = current.with(|saved| saved.as_ref().map(|s| s.input.clone()));
                            input.set(back.unwrap_or_else(|| start.get_value()));
                            status.set(Some((true, Key::PlannerUndone)));
                        }>{move || i18n.t(Key::PlannerUndo)}</button>
                    <button type="button" class="button-plain" data-testid="export-csv" on:click=export>
                        {move || i18n.t(Key::PlannerExportCsv)}
                    </button>
                    <button type="button" class="button-plain" on:click=move |_| { let _ = window().print(); }>
                        {move || i18n.t(Key::PlannerPrint)}
                    </button>
                </div>
                {counts_municipality.is_some().then(|| view! {
                    <button type="button" class="button-plain" data-testid="live-counts"
                        on:click=move |_| { take_counts.dispatch(()); }>{move || i18n.t(Key::PlannerLiveCounts)}</button>
                })}
                {(!can_save).then(|| view! { <p class="hint">{move || i18n.t(Key::PlannerOnlyManagersSave)}</p> })}
                {move || live.get().map(|c| view! {
                    <p class="hint" data-testid="live-counts-summary">
                        {format!("{}: {} · VE {} · {} {}", i18n.t(Key::PlannerLiveOpen), c.open_cases, c.ve_indicated, i18n.t(Key::PlannerTierExtraShort), c.extra_support)}
                    </p>
                })}
                <p role="status" data-testid="planner-status">
                    {move || status.get().map(|(ok, key)| view! { <span class=if ok { "ok" } else { "error" }>{i18n.t(key)}</span> })}
                </p>
                {move || share_url().map(|url| view! {
                    <div class="field">
                        <label for="share-link">{i18n.t(Key::PlannerShareLink)}</label>
                        <input id="share-link" type="text" readonly prop:value=url />
                    </div>
                })}
                {can_save.then(|| view! {
                    <details class="saved" open>
                        <summary>{move || i18n.t(Key::PlannerSavedScenarios)}</summary>
                        <ul class="saved-list" data-testid="saved-list">
                            <Transition fallback=|| ()>{saved_list}</Transition>
                        </ul>
                        <Show when=compare_ready fallback=move || view! { <p class="hint">{i18n.t(Key::PlannerCompareHint)}</p> }>
                            <A href=compare_href attr:class="button-secondary" attr:data-testid="compare-link">
                                {move || i18n.t(Key::PlannerCompare)}
                            </A>
                        </Show>
                    </details>
                })}
            </section>
            <div class="planner-grid">
                <div class="planner-inputs no-print">
                    <Pyramid input=input />
                    <Inputs input=input invalid=invalid />
                </div>
                <Results result=result />
            </div>
        </div>
    }
}

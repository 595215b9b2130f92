//! `/planner/vergelijk?ids=a,b,c` — two to four saved scenarios side by side, differences marked.
use super::results::text;
use crate::api;
use crate::components::download::download_text;
use crate::components::page::{Page, RequireSection, when_loaded};
use crate::components::table::ScrollTable;
use crate::i18n::{Key, Lang, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::auth::Section;
use shared::planner::report::{Change, Figure, Verdict, key_figures, to_csv};
use shared::planner::saved::Scenario;
use shared::planner::scenario::{ScenarioResult, compute};
use uuid::Uuid;

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let ids = move || {
        let ids = query
            .with(|q| q.get("ids"))
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| Uuid::parse_str(s).ok())
            .take(4)
            .collect::<Vec<_>>();
        // One alone is nothing to compare.
        if ids.len() < 2 { Vec::new() } else { ids }
    };
    let loaded = LocalResource::new(move || {
        let ids = ids();
        async move {
            let mut out = Vec::new();
            for id in ids {
                out.push(api::planner::load(id).await?);
            }
            Ok::<_, api::ApiFailure>(out)
        }
    });
    view! {
        <Page title=Key::PlannerCompareTitle testid="planner-compare">
            <RequireSection section=Section::Planner>
                <p class="no-print"><A href="/planner">{move || i18n.t(Key::PlannerBack)}</A></p>
                // Fewer than two (an address typed or kept without them) is nothing to compare:
                // the page says how to choose them instead of showing an empty table.
                <Show when=move || !ids().is_empty()
                    fallback=move || view! { <p class="hint" data-testid="compare-empty">{move || i18n.t(Key::PlannerCompareNone)}</p> }>
                    {when_loaded(loaded, |list| view! { <CompareTable scenarios=list /> }.into_any())}
                </Show>
            </RequireSection>
        </Page>
    }
}

#[component]
fn CompareTable(scenarios: Vec<Scenario>) -> impl IntoView {
    let i18n = use_i18n();
    let results: Vec<ScenarioResult> = scenarios.iter().map(|s| compute(&s.input)).collect();
    let names: Vec<String> = scenarios.iter().map(|s| s.name.clone()).collect();
    let columns: Vec<Vec<Figure>> = results.iter().map(key_figures).collect();
    let header = names
        .iter()
        .map(|n| view! { <th scope="col">{n.clone()}</th> })
        .collect_view();
    let rows = columns
        .first()
        .map(|first| {
            first
                .iter()
                .enumerate()
                .map(|(row, figure)| {
                    let label = figure.label.clone();
                    let cells = columns
                        .iter()
                        .enumerate()
                        .map(|(col, column)| {
                            let f = &column[row];
                            let change = if col == 0 { Change::Same } else { f.change_from(&first[row]) };
                            let (class, marker, sr) = match change {
                                Change::Higher => ("diff diff-up", " ▲", Key::PlannerHigher),
                                Change::Lower => ("diff diff-down", " ▼", Key::PlannerLower),
                                Change::Same => ("", "", Key::PlannerSame),
                            };
                            // Green or red only where less is plainly better (cost, warnings).
                            let class = match f.verdict(change) {
                                Some(Verdict::Better) => format!("{class} better"),
                                Some(Verdict::Worse) => format!("{class} worse"),
                                None => class.to_string(),
                            };
                            view! {
                                <td class=class>
                                    {let f = f.clone(); move || f.display(i18n.english())}
                                    {(change != Change::Same).then(|| view! {
                                        <span aria-hidden="true">{marker}</span>
                                        <span class="visually-hidden">{move || format!(" ({})", i18n.t(sr))}</span>
                                    })}
                                </td>
                            }
                        })
                        .collect_view();
                    view! { <tr data-testid=format!("row-{}", figure.key)><th scope="row">{move || text(i18n, &label)}</th>{cells}</tr> }
                })
                .collect_view()
        });
    let export = move |_| {
        let csv = to_csv(&names, &results, i18n.lang() == Lang::En);
        let _ = download_text("zorgroute-vergelijking.csv", "text/csv;charset=utf-8", &csv);
    };
    view! {
        <div class="actions no-print">
            <button type="button" class="button-primary" data-testid="export-csv" on:click=export>{move || i18n.t(Key::PlannerExportCsv)}</button>
            <button type="button" class="button-plain" on:click=move |_| { let _ = window().print(); }>{move || i18n.t(Key::PlannerPrint)}</button>
        </div>
        <p class="hint">{move || i18n.t(Key::PlannerCompareExplain)}</p>
        <ScrollTable label=Key::PlannerCompareTitle class="compare" testid="compare-table">
            <thead><tr><th scope="col">{move || i18n.t(Key::PlannerFigure)}</th>{header}</tr></thead>
            <tbody>{rows}</tbody>
        </ScrollTable>
    }
}

//! `/bord/inzicht` — flow of the care route: how long children wait for the best-fitting place
//! (the seed's baseline: ten months), where they wait, and how the route fills and empties.
use super::months;
use crate::api;
use crate::components::download::download_text;
use crate::components::page::{Page, RequireSection, when_loaded};
use crate::components::table::{ScrollTable, labelled_cell};
use crate::i18n::{Key, use_i18n};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::auth::Role;
use shared::auth::Section;
use shared::cases::metrics::{MetricsReport, to_csv};
use shared::cases::{Outcome, stage_label};
use shared::time::day_text;
use uuid::Uuid;

const PALETTE: [&str; 8] = [
    "#0b5c63", "#3f8f96", "#7fb8bd", "#b7791f", "#d69e2e", "#8a5a9e", "#4a5563", "#1e6b34",
];

/// Stacked areas, one per stage, over the weekly flow points (SVG path strings), oldest at left.
pub fn cfd_paths(report: &MetricsReport, width: f64, height: f64) -> Vec<String> {
    let points = &report.metrics.flow;
    let stages = report.stages.len();
    if points.is_empty() || stages == 0 {
        return Vec::new();
    }
    let max = points
        .iter()
        .map(|p| p.counts.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let x = |i: usize| {
        if points.len() == 1 {
            0.0
        } else {
            width * i as f64 / (points.len() - 1) as f64
        }
    };
    // Cumulative from the last stage (done) at the bottom up to the first stage on top.
    let cumulative = |i: usize, upto: usize| -> f64 {
        points[i].counts[upto..].iter().map(|&c| f64::from(c)).sum()
    };
    (0..stages)
        .map(|s| {
            let top: Vec<String> = (0..points.len())
                .map(|i| {
                    format!(
                        "{:.1},{:.1}",
                        x(i),
                        height - height * cumulative(i, s) / max
                    )
                })
                .collect();
            let bottom: Vec<String> = (0..points.len())
                .rev()
                .map(|i| {
                    format!(
                        "{:.1},{:.1}",
                        x(i),
                        height - height * cumulative(i, s + 1) / max
                    )
                })
                .collect();
            format!("M{} L{} Z", top.join(" L"), bottom.join(" L"))
        })
        .collect()
}

/// A month of the throughput ("2026-03") as its short name and year: ("mrt", "2026"), or
/// ("Mar", "2026") in English.
fn month_name(month: &str, english: bool) -> (&'static str, &str) {
    const NL: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (year, number) = month.split_once('-').unwrap_or((month, ""));
    let index = number.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
    (if english { EN } else { NL }[index], year)
}

/// The page's (and the API's) parameters: whose route, over which period.
const FIELDS: [&str; 3] = ["municipality_id", "from", "to"];

#[component]
pub fn InsightPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let report = LocalResource::new(move || {
        let asked = query.with(|q| super::query_string(&FIELDS, |k| q.get(k)));
        async move { api::cases::metrics(&asked).await }
    });
    // The form lives beside the figures, not in them: a choice made while figures load is kept.
    let period = Period::default();
    Effect::new(move || {
        if let Some(Ok(r)) = report.get() {
            period.follow(&r);
        }
    });
    view! {
        <Page title=Key::InsightTitle testid="insight">
            <RequireSection section=Section::Board>
                <p class="no-print"><A href="/bord">{move || i18n.t(Key::CaseBack)}</A></p>
                <p class="lead">{move || i18n.t(Key::InsightIntro)}</p>
                <Show when=move || period.shown.get()><PeriodForm period /></Show>
                {when_loaded(report, |r| view! { <InsightView report=r /> }.into_any())}
            </RequireSection>
        </Page>
    }
}

#[component]
fn InsightView(report: MetricsReport) -> impl IntoView {
    let i18n = use_i18n();
    let m = report.metrics.clone();
    // The lead time's median and 85th percentile (days), in months in the page's language.
    let lead = m.lead_time.as_ref().map(|l| (l.median_days, l.p85_days));
    let lead_text = move |pick: fn((f64, f64)) -> f64| {
        lead.map_or_else(|| "–".to_owned(), |l| months(pick(l), i18n.english()))
    };
    let (width, height) = (640.0, 240.0);
    let paths = cfd_paths(&report, width, height);
    let areas = paths
        .into_iter()
        .enumerate()
        .map(|(i, d)| view! { <path d=d fill=PALETTE[i % PALETTE.len()] stroke="#fff" stroke-width="0.5" /> })
        .collect_view();
    let legend = report
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <li><span class="swatch" style:background-color=PALETTE[i % PALETTE.len()]></span>{s.label(i18n.english()).to_owned()}</li>
            }
        })
        .collect_view();
    let (first, last) = (
        m.flow.first().map(|p| p.date),
        m.flow.last().map(|p| p.date),
    );
    let period = move || {
        let day = |d: Option<chrono::NaiveDate>| {
            d.map(|d| day_text(d, i18n.english())).unwrap_or_default()
        };
        format!("{} – {}", day(first), day(last))
    };
    let max_month = m
        .throughput
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = m
        .throughput
        .iter()
        .enumerate()
        .map(|(i, (month, n))| {
            let h = 100.0 * f64::from(*n) / f64::from(max_month);
            let x = i as f64 * 34.0;
            // The month's short name, and the year under the first month and each January.
            let year = (i == 0 || month.ends_with("-01")).then(|| month[..4].to_owned());
            let month = month.clone();
            view! {
                <g>
                    <rect x=x y=110.0 - h width="26" height=h class="bar" />
                    <text x=x + 13.0 y=124 text-anchor="middle" class="bar-label">{move || month_name(&month, i18n.english()).0}</text>
                    {year.map(|y| view! { <text x=x + 13.0 y=138 text-anchor="middle" class="bar-label">{y}</text> })}
                    <text x=x + 13.0 y=106.0 - h text-anchor="middle" class="bar-value">{*n}</text>
                </g>
            }
        })
        .collect_view();
    let bars_width = (m.throughput.len() as f64 * 34.0).max(34.0);
    let month_rows = m
        .throughput
        .iter()
        .map(|(month, n)| {
            let month = month.clone();
            view! {
                <tr>
                    <th scope="row">{move || { let (name, year) = month_name(&month, i18n.english()); format!("{name} {year}") }}</th>
                    <td class="num">{*n}</td>
                </tr>
            }
        })
        .collect_view();
    let stage_rows = m
        .stages
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{stage_label(&s.key, &s.name, i18n.english()).to_owned()}</th>
                    {labelled_cell(i18n, Key::InsightMedianDays, Some("num"), format!("{:.0}", s.median_days))}
                    {labelled_cell(i18n, Key::InsightWip, Some("num"), s.wip)}
                    {labelled_cell(i18n, Key::InsightAging, Some("num"), format!("{:.0}", s.aging_median_days))}
                </tr>
            }
        })
        .collect_view();
    let lead_rows = |rows: &[shared::cases::metrics::LeadTime], name: &dyn Fn(&str) -> String| {
        rows.iter()
            .map(|l| {
                let (median, p85) = (l.median_days, l.p85_days);
                view! {
                    <tr>
                        <th scope="row">{name(&l.group)}</th>
                        {labelled_cell(i18n, Key::InsightCases, Some("num"), l.cases)}
                        {labelled_cell(i18n, Key::InsightMedianMonths, Some("num"), move || months(median, i18n.english()))}
                        {labelled_cell(i18n, Key::InsightP85Months, Some("num"), move || months(p85, i18n.english()))}
                    </tr>
                }
            })
            .collect_view()
    };
    // An outcome by its name (the metrics group by its code), a location as it is named.
    let outcome_name = move |code: &str| {
        serde_json::from_value::<Outcome>(serde_json::Value::String(code.to_owned())).map_or_else(
            |_| code.to_owned(),
            |o| i18n.t(super::outcome_key(o)).to_owned(),
        )
    };
    let by_outcome = lead_rows(&m.lead_time_by_outcome, &outcome_name);
    let by_location = lead_rows(&m.lead_time_by_location, &str::to_owned);
    let flow_rows = m
        .flow
        .iter()
        .map(|p| {
            let cells = p
                .counts
                .iter()
                .map(|c| view! { <td class="num">{*c}</td> })
                .collect_view();
            let day = p.date;
            view! { <tr><th scope="row">{move || day_text(day, i18n.english())}</th>{cells}</tr> }
        })
        .collect_view();
    let stage_heads = report
        .stages
        .iter()
        .map(|s| view! { <th scope="col">{s.label(i18n.english()).to_owned()}</th> })
        .collect_view();
    let csv_report = report.clone();
    let export = move |_| {
        let csv = to_csv(
            &csv_report.metrics,
            &csv_report.stages,
            i18n.english(),
            &outcome_name,
        );
        let _ = download_text("zorgroute-doorlooptijd.csv", "text/csv;charset=utf-8", &csv);
    };
    let lead_head = move || {
        view! {
            <thead><tr>
                <th scope="col">{i18n.t(Key::InsightGroup)}</th>
                <th scope="col">{i18n.t(Key::InsightCases)}</th>
                <th scope="col">{i18n.t(Key::InsightMedianMonths)}</th>
                <th scope="col">{i18n.t(Key::InsightP85Months)}</th>
            </tr></thead>
        }
    };
    view! {
        <dl class="figures" data-testid="insight-figures">
            <div class="figure"><dt>{move || i18n.t(Key::InsightLeadMedian)}</dt><dd data-testid="lead-median">{move || lead_text(|(median, _)| median)}</dd></div>
            <div class="figure"><dt>{move || i18n.t(Key::InsightLeadP85)}</dt><dd>{move || lead_text(|(_, p85)| p85)}</dd></div>
            <div class="figure"><dt>{move || i18n.t(Key::InsightClosedPastTen)}</dt><dd>{format!("{:.0}%", m.closed_past_ten_months * 100.0)}</dd></div>
            <div class="figure"><dt>{move || i18n.t(Key::InsightOpenPastTen)}</dt><dd>{format!("{:.0}%", m.open_past_ten_months * 100.0)}</dd></div>
        </dl>
        <div class="actions no-print">
            <button type="button" class="button-primary" data-testid="export-metrics" on:click=export>{move || i18n.t(Key::PlannerExportCsv)}</button>
            <button type="button" class="button-plain" on:click=move |_| { let _ = window().print(); }>{move || i18n.t(Key::PlannerPrint)}</button>
        </div>
        <h2>{move || i18n.t(Key::InsightCfd)}</h2>
        <figure class="chart">
            <svg viewBox=format!("0 0 {width} {height}") class="cfd" data-testid="cfd" role="img"
                aria-label=move || format!("{} {}", i18n.t(Key::InsightCfd), period())>
                {areas}
            </svg>
            <figcaption>
                <span>{period}</span>
                <ul class="legend">{legend}</ul>
            </figcaption>
        </figure>
        <details>
            <summary>{move || i18n.t(Key::InsightCfdTable)}</summary>
            <ScrollTable label=Key::InsightCfdTable><thead><tr><th scope="col">{move || i18n.t(Key::InsightWeek)}</th>{stage_heads}</tr></thead><tbody>{flow_rows}</tbody></ScrollTable>
        </details>
        <h2>{move || i18n.t(Key::InsightThroughput)}</h2>
        <svg viewBox=format!("-8 -14 {} 158", bars_width + 16.0) class="throughput" role="img" aria-label=move || i18n.t(Key::InsightThroughput)>{bars}</svg>
        <details>
            <summary>{move || i18n.t(Key::InsightThroughputTable)}</summary>
            <ScrollTable label=Key::InsightThroughputTable testid="throughput-table">
                <thead><tr><th scope="col">{move || i18n.t(Key::InsightMonth)}</th><th scope="col">{move || i18n.t(Key::InsightClosed)}</th></tr></thead>
                <tbody>{month_rows}</tbody>
            </ScrollTable>
        </details>
        <h2>{move || i18n.t(Key::InsightStages)}</h2>
        <ScrollTable label=Key::InsightStages testid="stage-table" class="stack">
            <thead><tr>
                <th scope="col">{move || i18n.t(Key::CaseStage)}</th>
                <th scope="col">{move || i18n.t(Key::InsightMedianDays)}</th>
                <th scope="col">{move || i18n.t(Key::InsightWip)}</th>
                <th scope="col">{move || i18n.t(Key::InsightAging)}</th>
            </tr></thead>
            <tbody>{stage_rows}</tbody>
        </ScrollTable>
        <h2>{move || i18n.t(Key::InsightByOutcome)}</h2>
        <ScrollTable label=Key::InsightByOutcome class="stack">{lead_head}<tbody>{by_outcome}</tbody></ScrollTable>
        <h2>{move || i18n.t(Key::InsightByLocation)}</h2>
        <ScrollTable label=Key::InsightByLocation class="stack">{lead_head}<tbody>{by_location}</tbody></ScrollTable>
    }
}

/// What the period form holds: whose route and which first and last day. It follows the figures
/// shown (their own period, the last 18 months unless another was chosen) until the user changes
/// a field; what they chose stays until they ask for it, even while other figures load.
#[derive(Clone, Copy, Default)]
struct Period {
    municipality: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    edited: RwSignal<bool>,
    shown: RwSignal<bool>,
}

impl Period {
    fn follow(self, report: &MetricsReport) {
        if !self.edited.get_untracked() {
            self.municipality.set(report.municipality_id.to_string());
            self.from.set(report.metrics.from.to_string());
            self.to.set(report.metrics.to.to_string());
        }
        self.shown.set(true);
    }
}

/// Whose route and which period the figures are about: the municipalities the user coordinates
/// (a choice when there are several) and the first and last day, kept in the URL.
#[component]
fn PeriodForm(period: Period) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let mut coordinated: Vec<(Uuid, String)> = use_session().me.with_untracked(|me| {
        me.iter()
            .flat_map(|me| &me.memberships)
            .filter(|m| m.role == Role::Coordinator)
            .filter_map(|m| Some((m.municipality_id?, m.municipality_name.clone()?)))
            .collect()
    });
    coordinated.sort_by(|a, b| a.1.cmp(&b.1));
    coordinated.dedup();
    let Period {
        municipality,
        from,
        to,
        edited,
        ..
    } = period;
    let today = shared::time::dutch_date(chrono::Utc::now()).to_string();
    let coordinated_choice = coordinated.len() > 1;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let search = super::query_string(&FIELDS, |k| match k {
            "municipality_id" if coordinated_choice => Some(municipality.get_untracked()),
            "from" => Some(from.get_untracked()),
            "to" => Some(to.get_untracked()),
            _ => None,
        });
        edited.set(false);
        navigate(&format!("/bord/inzicht{search}"), Default::default());
    };
    view! {
        <form class="filters no-print" role="search" aria-label=move || i18n.t(Key::InsightPeriod) on:submit=submit on:input=move |_| edited.set(true) on:change=move |_| edited.set(true) data-testid="insight-period">
            {coordinated_choice.then(|| view! {
                <div class="field">
                    <label for="insight-municipality">{move || i18n.t(Key::PlannerMunicipality)}</label>
                    <select id="insight-municipality" prop:value=move || municipality.get() on:change=move |ev| municipality.set(event_target_value(&ev))>
                        {coordinated.into_iter().map(|(id, name)| {
                            let id = id.to_string();
                            view! { <option selected=id == municipality.get_untracked() value=id>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="insight-from">{move || i18n.t(Key::LogbookFrom)}</label>
                <input id="insight-from" type="date" required min=shared::time::FIRST_DAY max=move || to.get() bind:value=from />
            </div>
            <div class="field">
                <label for="insight-to">{move || i18n.t(Key::LogbookTo)}</label>
                <input id="insight-to" type="date" required min=move || from.get() max=today bind:value=to />
            </div>
            <button type="submit" class="button-primary" data-testid="insight-show">{move || i18n.t(Key::InsightShow)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_named_in_the_pages_language() {
        assert_eq!(month_name("2026-03", false), ("mrt", "2026"));
        assert_eq!(month_name("2025-12", true), ("Dec", "2025"));
        assert_eq!(month_name("2026-05", false), ("mei", "2026"));
    }
}

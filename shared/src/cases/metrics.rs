//! Flow metrics of the care route: lead time from first signal to best-fitting place, time per
//! stage, the cumulative flow, throughput and what is waiting now. Pure: the server feeds it the
//! history, the browser draws the result.
use super::{Outcome, Stage};
use crate::time::dutch_date;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The seed document's baseline: ten months from signal to place (≈ 304 days).
pub const TEN_MONTHS_DAYS: i64 = 304;

/// One case's path, as the metrics need it (no identity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseFlow {
    pub first_signal_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub outcome: Option<Outcome>,
    pub location: Option<String>,
    /// (stage, entered at), in order.
    pub history: Vec<(Uuid, DateTime<Utc>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadTime {
    pub group: String,
    pub cases: usize,
    pub median_days: f64,
    pub p85_days: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageFigures {
    pub stage: Uuid,
    /// The stage's key and name, for its label ([`super::stage_label`]).
    #[serde(default)]
    pub key: String,
    pub name: String,
    /// Median days spent in the stage (completed stays).
    pub median_days: f64,
    /// Cases in the stage now.
    pub wip: usize,
    /// Median days the current cases have been in the stage.
    pub aging_median_days: f64,
}

/// Cases per stage on one date (the cumulative flow diagram's column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowPoint {
    pub date: NaiveDate,
    /// In stage order.
    pub counts: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowMetrics {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub closed_cases: usize,
    pub open_cases: usize,
    pub lead_time: Option<LeadTime>,
    pub lead_time_by_outcome: Vec<LeadTime>,
    pub lead_time_by_location: Vec<LeadTime>,
    /// Share (0–1) of closed cases whose route took longer than ten months.
    pub closed_past_ten_months: f64,
    /// Share (0–1) of open cases already waiting longer than ten months.
    pub open_past_ten_months: f64,
    pub stages: Vec<StageFigures>,
    pub throughput: Vec<(String, u32)>,
    pub flow: Vec<FlowPoint>,
}

/// The value below which `p` (0–1) of the sorted values lie (linear interpolation).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64)
}

fn days(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    (b - a).num_seconds() as f64 / 86_400.0
}

fn lead(group: String, mut values: Vec<f64>) -> Option<LeadTime> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(LeadTime {
        group,
        cases: values.len(),
        median_days: percentile(&values, 0.5),
        p85_days: percentile(&values, 0.85),
    })
}

/// The stage a case was in at the end of `date` (None before its first signal or after closing
/// into nothing).
fn stage_on(case: &CaseFlow, date: NaiveDate) -> Option<Uuid> {
    case.history
        .iter()
        .take_while(|(_, at)| dutch_date(*at) <= date)
        .last()
        .map(|(stage, _)| *stage)
}

/// Computes every figure for cases whose route touches `from..=to`; `now` is the current moment.
pub fn compute(
    stages: &[Stage],
    cases: &[CaseFlow],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> FlowMetrics {
    let closed: Vec<&CaseFlow> = cases
        .iter()
        .filter(|c| {
            c.closed_at
                .is_some_and(|d| (from..=to).contains(&dutch_date(d)))
        })
        .collect();
    let open: Vec<&CaseFlow> = cases.iter().filter(|c| c.closed_at.is_none()).collect();
    let lead_of = |c: &CaseFlow| {
        c.closed_at
            .map(|end| days(c.first_signal_at, end))
            .unwrap_or(0.0)
    };

    let mut by_outcome: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut by_location: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for c in &closed {
        let outcome = c.outcome.and_then(|o| {
            serde_json::to_value(o)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
        });
        by_outcome
            .entry(outcome.unwrap_or_else(|| "other".into()))
            .or_default()
            .push(lead_of(c));
        by_location
            .entry(c.location.clone().unwrap_or_else(|| "–".into()))
            .or_default()
            .push(lead_of(c));
    }
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };

    // Time per stage: completed stays (entered → next entry).
    let mut stays: BTreeMap<Uuid, Vec<f64>> = BTreeMap::new();
    for c in cases {
        for pair in c.history.windows(2) {
            stays
                .entry(pair[0].0)
                .or_default()
                .push(days(pair[0].1, pair[1].1));
        }
    }
    let stage_figures = stages
        .iter()
        .map(|s| {
            let mut done = stays.remove(&s.id).unwrap_or_default();
            done.sort_by(f64::total_cmp);
            let mut ages: Vec<f64> = open
                .iter()
                .filter_map(|c| {
                    c.history
                        .last()
                        .filter(|(stage, _)| *stage == s.id)
                        .map(|(_, at)| days(*at, now))
                })
                .collect();
            ages.sort_by(f64::total_cmp);
            StageFigures {
                stage: s.id,
                key: s.key.clone(),
                name: s.name.clone(),
                median_days: percentile(&done, 0.5),
                wip: ages.len(),
                aging_median_days: percentile(&ages, 0.5),
            }
        })
        .collect();

    // Throughput per month in the period.
    let mut months: BTreeMap<String, u32> = BTreeMap::new();
    let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while month <= to {
        months.insert(format!("{:04}-{:02}", month.year(), month.month()), 0);
        month = if month.month() == 12 {
            NaiveDate::from_ymd_opt(month.year() + 1, 1, 1).unwrap_or(to + Duration::days(1))
        } else {
            NaiveDate::from_ymd_opt(month.year(), month.month() + 1, 1)
                .unwrap_or(to + Duration::days(1))
        };
    }
    for c in &closed {
        if let Some(end) = c.closed_at.map(dutch_date) {
            *months
                .entry(format!("{:04}-{:02}", end.year(), end.month()))
                .or_default() += 1;
        }
    }

    // Cumulative flow: weekly columns of cases per stage (terminal stage accumulates).
    let mut flow = Vec::new();
    let mut date = from;
    loop {
        let counts = stages
            .iter()
            .map(|s| {
                cases
                    .iter()
                    .filter(|c| stage_on(c, date) == Some(s.id))
                    .count() as u32
            })
            .collect();
        flow.push(FlowPoint { date, counts });
        if date >= to {
            break;
        }
        date = (date + Duration::days(7)).min(to);
    }

    FlowMetrics {
        from,
        to,
        closed_cases: closed.len(),
        open_cases: open.len(),
        lead_time: lead("all".into(), closed.iter().map(|c| lead_of(c)).collect()),
        lead_time_by_outcome: by_outcome
            .into_iter()
            .filter_map(|(g, v)| lead(g, v))
            .collect(),
        lead_time_by_location: by_location
            .into_iter()
            .filter_map(|(g, v)| lead(g, v))
            .collect(),
        closed_past_ten_months: share(
            closed
                .iter()
                .filter(|c| lead_of(c) > TEN_MONTHS_DAYS as f64)
                .count(),
            closed.len(),
        ),
        open_past_ten_months: share(
            open.iter()
                .filter(|c| days(c.first_signal_at, now) > TEN_MONTHS_DAYS as f64)
                .count(),
            open.len(),
        ),
        stages: stage_figures,
        throughput: months.into_iter().collect(),
        flow,
    }
}

/// The metrics as CSV, as the page shows them, in its language (Dutch decimals "12,5" — a
/// Dutch spreadsheet reads "12.5" as 125): the key figures, the lead times by outcome and by
/// location, the stages, the throughput per month, and the flow per week. `outcome` names an
/// outcome's code in that language.
pub fn to_csv(
    m: &FlowMetrics,
    stages: &[Stage],
    english: bool,
    outcome: &dyn Fn(&str) -> String,
) -> String {
    use crate::csv::row;
    use crate::numbers::decimal;
    let say = |nl: &'static str, en: &'static str| if english { en } else { nl };
    let days = |v: f64| decimal(v, 1, english);
    let share = |v: f64| decimal(v * 100.0, 1, english);
    let mut figures = vec![
        ("Periode van", "Period from", m.from.to_string()),
        ("Periode tot en met", "Period to", m.to.to_string()),
    ];
    if let Some(l) = &m.lead_time {
        figures.push((
            "Doorlooptijd, mediaan (dagen)",
            "Lead time, median (days)",
            days(l.median_days),
        ));
        figures.push((
            "Doorlooptijd, 85e percentiel (dagen)",
            "Lead time, 85th percentile (days)",
            days(l.p85_days),
        ));
    }
    figures.extend([
        (
            "Afgeronde routes",
            "Routes completed",
            m.closed_cases.to_string(),
        ),
        (
            "Lopende routes",
            "Routes under way",
            m.open_cases.to_string(),
        ),
        (
            "Afgerond na meer dan 10 maanden (%)",
            "Completed after more than 10 months (%)",
            share(m.closed_past_ten_months),
        ),
        (
            "Lopend langer dan 10 maanden (%)",
            "Under way for more than 10 months (%)",
            share(m.open_past_ten_months),
        ),
    ]);
    let mut out = row(&[say("Kengetal", "Figure"), say("Waarde", "Value")]);
    for (nl, en, value) in figures {
        out += &row(&[say(nl, en).to_owned(), value]);
    }
    let lead_block =
        |out: &mut String, head: &str, rows: &[LeadTime], name: &dyn Fn(&str) -> String| {
            out.push('\n');
            *out += &row(&[
                head,
                say("Routes", "Routes"),
                say("Mediaan (dagen)", "Median (days)"),
                say("85e percentiel (dagen)", "85th percentile (days)"),
            ]);
            for l in rows {
                *out += &row(&[
                    name(&l.group),
                    l.cases.to_string(),
                    days(l.median_days),
                    days(l.p85_days),
                ]);
            }
        };
    lead_block(
        &mut out,
        say("Uitstroom naar", "Outcome"),
        &m.lead_time_by_outcome,
        outcome,
    );
    lead_block(
        &mut out,
        say("Locatie", "Location"),
        &m.lead_time_by_location,
        &str::to_owned,
    );
    out.push('\n');
    out += &row(&[
        say("Fase", "Stage"),
        say("Mediaan dagen in de fase", "Median days in the stage"),
        say("Nu in de fase", "In the stage now"),
        say(
            "Mediaan dagen nu in de fase",
            "Median days in the stage so far",
        ),
    ]);
    for s in &m.stages {
        out += &row(&[
            super::stage_label(&s.key, &s.name, english).to_owned(),
            days(s.median_days),
            s.wip.to_string(),
            days(s.aging_median_days),
        ]);
    }
    out.push('\n');
    out += &row(&[say("Maand", "Month"), say("Afgerond", "Completed")]);
    for (month, n) in &m.throughput {
        out += &row(&[month.clone(), n.to_string()]);
    }
    out.push('\n');
    let mut head = vec![say("Week van", "Week of").to_owned()];
    head.extend(stages.iter().map(|s| s.label(english).to_owned()));
    out += &row(&head);
    for p in &m.flow {
        let mut cells = vec![p.date.to_string()];
        cells.extend(p.counts.iter().map(u32::to_string));
        out += &row(&cells);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn stage(n: u128, terminal: bool) -> Stage {
        Stage {
            id: Uuid::from_u128(n),
            key: format!("s{n}"),
            name: format!("S{n}"),
            position: n as i32,
            wip_limit: None,
            requires_consent: false,
            terminal,
        }
    }

    fn at(days: i64) -> DateTime<Utc> {
        DateTime::UNIX_EPOCH + Duration::days(20_000 + days)
    }

    fn case(start: i64, steps: &[(u128, i64)], closed: Option<i64>) -> CaseFlow {
        CaseFlow {
            first_signal_at: at(start),
            closed_at: closed.map(at),
            outcome: closed.map(|_| Outcome::RegularGroup),
            location: Some("Korein".into()),
            history: steps
                .iter()
                .map(|(s, d)| (Uuid::from_u128(*s), at(*d)))
                .collect(),
        }
    }

    #[test]
    fn percentiles_interpolate() {
        let v = [10.0, 20.0, 30.0, 40.0];
        assert_eq!(percentile(&v, 0.5), 25.0);
        assert_eq!(percentile(&v, 0.0), 10.0);
        assert_eq!(percentile(&v, 1.0), 40.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }

    #[test]
    fn lead_times_stage_times_flow_and_ten_month_share() {
        let stages = [stage(1, false), stage(2, false), stage(3, true)];
        let cases = [
            case(0, &[(1, 0), (2, 10), (3, 100)], Some(100)),
            case(0, &[(1, 0), (2, 30), (3, 400)], Some(400)),
            case(50, &[(1, 50), (2, 60)], None),
        ];
        let from = dutch_date(at(0));
        let to = dutch_date(at(420));
        let m = compute(&stages, &cases, from, to, at(420));
        assert_eq!((m.closed_cases, m.open_cases), (2, 1));
        let lead = m.lead_time.clone().unwrap();
        assert_eq!(lead.median_days, 250.0);
        assert_eq!(m.closed_past_ten_months, 0.5);
        assert_eq!(
            m.open_past_ten_months, 1.0,
            "the open case has waited 370 days"
        );
        assert_eq!(m.stages[0].median_days, 10.0, "stays in S1: 10, 30, 10");
        assert_eq!(m.stages[1].wip, 1);
        assert_eq!(m.stages[1].aging_median_days, 360.0);
        assert_eq!(m.flow.first().unwrap().counts, vec![2, 0, 0]);
        assert_eq!(m.flow.last().unwrap().counts, vec![0, 1, 2]);
        let total_closed: u32 = m.throughput.iter().map(|(_, n)| n).sum();
        assert_eq!(total_closed, 2);
    }

    #[test]
    fn the_csv_has_the_pages_figures_in_its_language() {
        let mut stages = [stage(1, false), stage(2, false), stage(3, true)];
        stages[0].name = "=Signalering".into();
        let cases = [
            case(0, &[(1, 0), (2, 10), (3, 100)], Some(100)),
            case(0, &[(1, 0), (2, 31), (3, 401)], Some(401)),
            case(50, &[(1, 50), (2, 60)], None),
        ];
        let m = compute(
            &stages,
            &cases,
            dutch_date(at(0)),
            dutch_date(at(420)),
            at(420),
        );
        let outcome = |code: &str| format!("<{code}>");
        let nl = to_csv(&m, &stages, false, &outcome);
        let lines: Vec<&str> = nl.lines().collect();
        assert_eq!(lines[0], "Kengetal;Waarde");
        assert!(
            lines.contains(&"Doorlooptijd, mediaan (dagen);250,5"),
            "{nl}"
        );
        assert!(
            lines.contains(&"Afgerond na meer dan 10 maanden (%);50,0"),
            "{nl}"
        );
        assert!(lines.contains(&"Afgeronde routes;2"), "{nl}");
        assert!(lines.contains(&"<regular_group>;2;250,5;355,9"), "{nl}");
        assert!(lines.contains(&"Korein;2;250,5;355,9"), "{nl}");
        // A stage named like a formula stays text, in the stages and the flow alike.
        assert!(lines.contains(&"'=Signalering;10,0;0;0,0"), "{nl}");
        assert!(lines.contains(&"Week van;'=Signalering;S2;S3"), "{nl}");
        let en = to_csv(&m, &stages, true, &outcome);
        assert!(en.starts_with("Figure;Value\n"));
        assert!(en.contains("Lead time, median (days);250.5\n"), "{en}");
    }
}

/// `GET /api/cases/metrics`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetricsReport {
    pub municipality_id: Uuid,
    pub stages: Vec<Stage>,
    pub metrics: FlowMetrics,
}

//! The result panel: key figures, warnings, groups, staff, costs and financing, each explaining
//! how it was computed.
use crate::components::table::{ScrollTable, column_heads, labelled_cell};
use crate::i18n::{I18n, Key, Lang, use_i18n};
use leptos::prelude::*;
use shared::numbers::{decimal, thousands};
use shared::planner::Text;
use shared::planner::report::{euro, key_figures};
use shared::planner::scenario::{
    CostItem, FundingSource, GroupKind, InputError, ScenarioResult, StaffRole,
};

pub fn text(i18n: I18n, t: &Text) -> String {
    match i18n.lang() {
        Lang::Nl => t.nl.clone(),
        Lang::En => t.en.clone(),
    }
}

fn group_key(kind: GroupKind) -> Key {
    match kind {
        GroupKind::Basis => Key::PlannerGroupBasis,
        GroupKind::Ve => Key::PlannerGroupVe,
        GroupKind::Plus => Key::PlannerGroupPlus,
        GroupKind::Dreumes => Key::PlannerGroupDreumes,
    }
}

fn role_key(role: StaffRole) -> Key {
    match role {
        StaffRole::Pm => Key::PlannerRolePm,
        StaffRole::Beleidsmedewerker => Key::PlannerRoleBeleid,
        StaffRole::Consultant => Key::PlannerRoleConsultant,
        StaffRole::KindCoach => Key::PlannerRoleKindCoach,
        StaffRole::Coach => Key::PlannerRoleCoach,
    }
}

pub fn cost_key(item: CostItem) -> Key {
    match item {
        CostItem::BasisGroups => Key::PlannerCostBasis,
        CostItem::VeGroups => Key::PlannerCostVe,
        CostItem::ExtraPm => Key::PlannerCostExtraPm,
        CostItem::PlusGroups => Key::PlannerCostPlus,
        CostItem::Dreumes => Key::PlannerCostDreumes,
        CostItem::BeleidVe => Key::PlannerCostBeleidVe,
        CostItem::BeleidGeneral => Key::PlannerCostBeleidGeneral,
        CostItem::Consultant => Key::PlannerCostConsultant,
        CostItem::KindCoach => Key::PlannerCostKindCoach,
        CostItem::Coach => Key::PlannerCostCoach,
        CostItem::OutsideGroup => Key::PlannerCostOutsideGroup,
        CostItem::OutsideRegular => Key::PlannerCostOutsideRegular,
    }
}

pub fn source_label(i18n: I18n, s: FundingSource) -> &'static str {
    match s {
        FundingSource::Own => i18n.t(Key::PlannerSourceOwn),
        other => other.label(),
    }
}

/// The head of a table of figures: the rows' column, the figures' columns, and the explanations'
/// (named for a screen reader only).
fn head(i18n: I18n, columns: &'static [Key]) -> impl IntoView {
    view! {
        <thead><tr>
            {column_heads(i18n, columns)}
            <th scope="col"><span class="visually-hidden">{move || i18n.t(Key::PlannerHow)}</span></th>
        </tr></thead>
    }
}

/// "How was this computed?" disclosure.
fn how(i18n: I18n, t: Text) -> impl IntoView {
    view! {
        <details class="how">
            <summary>{move || i18n.t(Key::PlannerHow)}</summary>
            <p>{move || text(i18n, &t)}</p>
        </details>
    }
}

#[component]
pub fn Results(result: Memo<Result<ScenarioResult, InputError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || match result.get() {
        // Which field (by its label) and why, in the page's language; the field itself is
        // marked invalid and described by this message.
        Err(e) => {
            let label = super::inputs::field_label(e.field)
                .map(|key| format!("{}: ", i18n.t(key).trim_end_matches(':')));
            view! {
                <p class="error" role="alert" id="planner-invalid" data-testid="planner-invalid">
                    {i18n.t(Key::PlannerInvalid)}". "{label}{text(i18n, &e.text)}
                </p>
            }
            .into_any()
        }
        Ok(r) => view! { <ResultView r=r /> }.into_any(),
    }
}

#[component]
fn ResultView(r: ScenarioResult) -> impl IntoView {
    let i18n = use_i18n();
    let figures = key_figures(&r);
    let headline = ["groups", "fte_total", "cost_total", "cost_per_child"]
        .into_iter()
        .filter_map(|k| figures.iter().find(|f| f.key == k).cloned())
        .map(|f| {
            let label = f.label.clone();
            let testid = format!("figure-{}", f.key);
            view! {
                <div class="figure" data-testid=testid>
                    <dt>{move || text(i18n, &label)}</dt>
                    <dd>{move || f.display(i18n.english())}</dd>
                </div>
            }
        })
        .collect_view();
    let warnings = r
        .warnings
        .iter()
        .map(|w| {
            let t = w.text.clone();
            view! { <li>{move || text(i18n, &t)}</li> }
        })
        .collect_view();
    let has_warnings = !r.warnings.is_empty();
    let groups = r
        .groups
        .iter()
        .filter(|g| g.groups > 0)
        .map(|g| {
            let key = group_key(g.kind);
            let hours = g.pm_hours_per_week;
            view! {
                <tr>
                    <th scope="row">{move || i18n.t(key)}</th>
                    {labelled_cell(i18n, Key::PlannerGroupCount, None, g.groups)}
                    {labelled_cell(i18n, Key::PlannerChildren, None, g.children)}
                    {labelled_cell(i18n, Key::PlannerPerGroup, None, g.children_per_group)}
                    {labelled_cell(i18n, Key::PlannerStaffPerGroup, None, g.staff_per_group)}
                    {labelled_cell(i18n, Key::PlannerPmHoursWeek, None, move || decimal(hours, 1, i18n.english()))}
                    <td>{how(i18n, g.how.clone())}</td>
                </tr>
            }
        })
        .collect_view();
    let staff = r
        .staff
        .iter()
        .filter(|s| s.hours_per_year > 0.0)
        .map(|s| {
            let key = role_key(s.role);
            let (week, year, fte) = (s.hours_per_week, s.hours_per_year, s.fte);
            view! {
                <tr>
                    <th scope="row">{move || i18n.t(key)}</th>
                    {labelled_cell(i18n, Key::PlannerHoursWeek, None, move || decimal(week, 1, i18n.english()))}
                    {labelled_cell(i18n, Key::PlannerHoursYear, None, move || thousands(year.round() as i64, i18n.english()))}
                    {labelled_cell(i18n, Key::PlannerFte, None, move || decimal(fte, 2, i18n.english()))}
                    <td>{how(i18n, s.how.clone())}</td>
                </tr>
            }
        })
        .collect_view();
    let costs = r
        .costs
        .iter()
        .map(|c| {
            let key = cost_key(c.item);
            let (source, amount) = (c.source, c.amount);
            view! {
                <tr>
                    <th scope="row">{move || i18n.t(key)}</th>
                    {labelled_cell(i18n, Key::PlannerSource, None, move || source_label(i18n, source))}
                    {labelled_cell(i18n, Key::PlannerAmount, Some("num"), move || euro(amount, i18n.english()))}
                    <td>{how(i18n, c.how.clone())}</td>
                </tr>
            }
        })
        .collect_view();
    let max_source = r
        .cost_by_source
        .iter()
        .map(|(_, a)| *a)
        .fold(0.0, f64::max)
        .max(1.0);
    // Bars of HTML, so their words keep the page's size on a phone (an SVG's shrink with it).
    let bars = r
        .cost_by_source
        .iter()
        .map(|(source, amount)| {
            let (source, amount) = (*source, *amount);
            let share = format!("{:.1}%", 100.0 * amount / max_source);
            view! {
                <li>
                    <span class="hbar-label">{move || source_label(i18n, source)}</span>" "
                    <span class="hbar-track" aria-hidden="true"><span class="hbar" style:width=share></span></span>" "
                    <span class="hbar-value">{move || euro(amount, i18n.english())}</span>
                </li>
            }
        })
        .collect_view();
    let tiers = r.children.how.clone();
    let ve_check = r.ve.clone();
    view! {
        <section class="results" aria-live="polite" data-testid="planner-results">
            <h2>{move || i18n.t(Key::PlannerResults)}</h2>
            <dl class="figures">{headline}</dl>
            {has_warnings.then(|| view! {
                <div class="warnings" role="status" data-testid="planner-warnings">
                    <h3>{move || i18n.t(Key::PlannerWarnings)}</h3>
                    <ul>{warnings}</ul>
                </div>
            })}
            <p>{move || text(i18n, &tiers)}</p>
            <h3>{move || i18n.t(Key::PlannerGroups)}</h3>
            <ScrollTable label=Key::PlannerGroups class="stack">
                {head(i18n, &[
                    Key::PlannerGroupKind,
                    Key::PlannerGroupCount,
                    Key::PlannerChildren,
                    Key::PlannerPerGroup,
                    Key::PlannerStaffPerGroup,
                    Key::PlannerPmHoursWeek,
                ])}
                <tbody>{groups}</tbody>
            </ScrollTable>
            <h3>{move || i18n.t(Key::PlannerStaff)}</h3>
            <ScrollTable label=Key::PlannerStaff testid="staff-table" class="stack">
                {head(i18n, &[Key::PlannerRole, Key::PlannerHoursWeek, Key::PlannerHoursYear, Key::PlannerFte])}
                <tbody>{staff}</tbody>
            </ScrollTable>
            <h3>{move || i18n.t(Key::PlannerVeHours)}</h3>
            <p data-testid="ve-check">
                {move || format!(
                    "{:.0} / 960 — {}",
                    ve_check.hours_over_18_months,
                    if ve_check.reached { i18n.t(Key::PlannerVeReached) } else { i18n.t(Key::PlannerVeNotReached) }
                )}
            </p>
            {how(i18n, r.ve.how.clone())}
            <h3>{move || i18n.t(Key::PlannerCosts)}</h3>
            <ScrollTable label=Key::PlannerCosts class="stack">
                {head(i18n, &[Key::PlannerCostItem, Key::PlannerSource, Key::PlannerAmount])}
                <tbody>{costs}</tbody>
            </ScrollTable>
            <h3>{move || i18n.t(Key::PlannerFinancing)}</h3>
            <ul class="hbars" data-testid="financing-bars">{bars}</ul>
        </section>
    }
}

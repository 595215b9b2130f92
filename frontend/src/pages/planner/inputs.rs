//! The scenario's input fields. Every change recomputes at once in the browser.
use super::results::{cost_key, source_label};
use crate::i18n::{I18n, Key, use_i18n};
use leptos::prelude::*;
use shared::planner::scenario::{
    CostItem, Dreumes, FundingSource, KindCoach, PlusGroup, ScenarioInput,
};

/// A labelled number field bound to one value of the input.
fn number(
    i18n: I18n,
    id: &'static str,
    label: Key,
    (min, max, step): (f64, f64, f64),
    get: Signal<f64>,
    set: Callback<f64>,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{move || i18n.t(label)}</label>
            <input
                id=id
                data-testid=id
                type="number"
                inputmode="decimal"
                min=min
                max=max
                step=step
                prop:value=move || get.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).replace(',', ".").parse::<f64>() {
                        set.run(v)
                    }
                }
            />
        </div>
    }
    .into_any()
}

/// A checkbox that switches an optional intervention on (with its defaults) or off.
fn toggle(
    i18n: I18n,
    id: &'static str,
    label: Key,
    on: Signal<bool>,
    set: Callback<bool>,
) -> AnyView {
    view! {
        <div class="field field-check">
            <input id=id data-testid=id type="checkbox" prop:checked=on on:change=move |ev| set.run(event_target_checked(&ev)) />
            <label for=id>{move || i18n.t(label)}</label>
        </div>
    }
    .into_any()
}

macro_rules! bind {
    ($input:ident, $($path:ident).+) => {
        (
            Signal::derive(move || $input.with(|i| i.$($path).+ as f64)),
            Callback::new(move |v: f64| $input.update(|i| i.$($path).+ = v as _)),
        )
    };
}

macro_rules! bind_opt {
    ($input:ident, $opt:ident, $field:ident) => {
        (
            Signal::derive(move || {
                $input.with(|i| i.interventions.$opt.map_or(0.0, |x| x.$field as f64))
            }),
            Callback::new(move |v: f64| {
                $input.update(|i| {
                    if let Some(x) = i.interventions.$opt.as_mut() {
                        x.$field = v as _
                    }
                })
            }),
        )
    };
}

/// Where a cost item's funding source lives in the input.
type SourceField = fn(&mut ScenarioInput) -> &mut FundingSource;

const FINANCED: [(CostItem, SourceField); 12] = [
    (CostItem::BasisGroups, |i| &mut i.financing.basis_groups),
    (CostItem::VeGroups, |i| &mut i.financing.ve_groups),
    (CostItem::ExtraPm, |i| &mut i.financing.extra_pm),
    (CostItem::PlusGroups, |i| &mut i.financing.plus_groups),
    (CostItem::Dreumes, |i| &mut i.financing.dreumes),
    (CostItem::BeleidVe, |i| &mut i.financing.beleid_ve),
    (CostItem::BeleidGeneral, |i| &mut i.financing.beleid_general),
    (CostItem::Consultant, |i| &mut i.financing.consultant),
    (CostItem::KindCoach, |i| &mut i.financing.kind_coach),
    (CostItem::Coach, |i| &mut i.financing.coach),
    (CostItem::OutsideGroup, |i| &mut i.financing.outside_group),
    (CostItem::OutsideRegular, |i| {
        &mut i.financing.outside_regular
    }),
];

/// The snake_case wire name of a serde enum value.
fn wire(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[component]
pub fn Inputs(input: RwSignal<ScenarioInput>) -> impl IntoView {
    let i18n = use_i18n();
    let pct = (0.0, 100.0, 0.5);
    let whole = (0.0, 100_000.0, 1.0);
    let hours = (0.0, 168.0, 0.5);
    let euros = (0.0, 1_000_000.0, 1.0);

    let (g, s) = bind!(input, toddlers_age2);
    let age2 = number(i18n, "toddlers-age2", Key::PlannerAge2, whole, g, s);
    let (g, s) = bind!(input, toddlers_age3);
    let age3 = number(i18n, "toddlers-age3", Key::PlannerAge3, whole, g, s);
    let (g, s) = bind!(input, ve_share_pct);
    let ve = number(i18n, "ve-share", Key::PlannerTierVe, pct, g, s);
    let (g, s) = bind!(input, extra_share_pct);
    let extra = number(i18n, "extra-share", Key::PlannerTierExtra, pct, g, s);
    let (g, s) = bind!(input, extra_levels.on_group_pct);
    let on_group = number(i18n, "level-on-group", Key::PlannerLevelOnGroup, pct, g, s);
    let (g, s) = bind!(input, extra_levels.outside_group_pct);
    let outside_group = number(
        i18n,
        "level-outside-group",
        Key::PlannerLevelOutsideGroup,
        pct,
        g,
        s,
    );
    let (g, s) = bind!(input, extra_levels.outside_regular_pct);
    let outside_regular = number(
        i18n,
        "level-outside-regular",
        Key::PlannerLevelOutsideRegular,
        pct,
        g,
        s,
    );
    let (g, s) = bind!(input, extra_categories.catch_up_pct);
    let catch_up = number(i18n, "cat-catch-up", Key::PlannerCatCatchUp, pct, g, s);
    let (g, s) = bind!(input, extra_categories.fits_pct);
    let fits = number(i18n, "cat-fits", Key::PlannerCatFits, pct, g, s);
    let (g, s) = bind!(input, extra_categories.not_fitting_pct);
    let not_fitting = number(
        i18n,
        "cat-not-fitting",
        Key::PlannerCatNotFitting,
        pct,
        g,
        s,
    );
    let (g, s) = bind!(input, opening.hours_per_day);
    let hours_day = number(
        i18n,
        "hours-per-day",
        Key::PlannerHoursPerDay,
        (0.5, 24.0, 0.5),
        g,
        s,
    );
    let (g, s) = bind!(input, opening.ve_days_per_week);
    let ve_days = number(i18n, "ve-days", Key::PlannerVeDays, (0.5, 7.0, 0.5), g, s);
    let (g, s) = bind!(input, opening.basis_days_per_week);
    let basis_days = number(
        i18n,
        "basis-days",
        Key::PlannerBasisDays,
        (0.5, 7.0, 0.5),
        g,
        s,
    );
    let (g, s) = bind!(input, opening.weeks_per_year);
    let weeks = number(i18n, "weeks", Key::PlannerWeeks, (1.0, 53.0, 1.0), g, s);
    let (g, s) = bind!(input, locations);
    let locations = number(i18n, "locations", Key::PlannerLocations, whole, g, s);
    let (g, s) = bind!(input, group_size);
    let group_size = number(
        i18n,
        "group-size",
        Key::PlannerGroupSize,
        (1.0, 16.0, 1.0),
        g,
        s,
    );

    let smaller = toggle(
        i18n,
        "smaller-groups",
        Key::PlannerSmallerGroups,
        Signal::derive(move || input.with(|i| i.interventions.smaller_ve_groups.is_some())),
        Callback::new(move |on: bool| {
            input.update(|i| i.interventions.smaller_ve_groups = on.then_some(12))
        }),
    );
    let smaller_size = number(
        i18n,
        "smaller-size",
        Key::PlannerSmallerSize,
        (1.0, 16.0, 1.0),
        Signal::derive(move || {
            input.with(|i| f64::from(i.interventions.smaller_ve_groups.unwrap_or(16)))
        }),
        Callback::new(move |v: f64| {
            input.update(|i| {
                if i.interventions.smaller_ve_groups.is_some() {
                    i.interventions.smaller_ve_groups = Some(v as u32)
                }
            })
        }),
    );
    let (g, s) = bind!(input, interventions.extra_pm_hours_per_ve_group);
    let extra_pm = number(i18n, "extra-pm", Key::PlannerExtraPm, hours, g, s);
    let (g, s) = bind!(input, interventions.plus_consultant_hours_per_group);
    let consultant = number(i18n, "consultant", Key::PlannerConsultant, hours, g, s);
    let (g, s) = bind!(input, interventions.coach_hours_per_location);
    let coach = number(i18n, "coach", Key::PlannerCoach, hours, g, s);
    let plus = toggle(
        i18n,
        "plus-group",
        Key::PlannerPlusGroup,
        Signal::derive(move || input.with(|i| i.interventions.plus_group.is_some())),
        Callback::new(move |on: bool| {
            input.update(|i| {
                i.interventions.plus_group = on.then_some(PlusGroup { size: 8, staff: 2 })
            })
        }),
    );
    let (g, s) = bind_opt!(input, plus_group, size);
    let plus_size = number(
        i18n,
        "plus-size",
        Key::PlannerPlusSize,
        (1.0, 16.0, 1.0),
        g,
        s,
    );
    let (g, s) = bind_opt!(input, plus_group, staff);
    let plus_staff = number(
        i18n,
        "plus-staff",
        Key::PlannerPlusStaff,
        (1.0, 8.0, 1.0),
        g,
        s,
    );
    let kind_coach = toggle(
        i18n,
        "kind-coach",
        Key::PlannerKindCoach,
        Signal::derive(move || input.with(|i| i.interventions.kind_coach.is_some())),
        Callback::new(move |on: bool| {
            input.update(|i| {
                i.interventions.kind_coach = on.then_some(KindCoach {
                    fte: 0.5,
                    per_groups: 10,
                })
            })
        }),
    );
    let (g, s) = bind_opt!(input, kind_coach, fte);
    let kc_fte = number(
        i18n,
        "kind-coach-fte",
        Key::PlannerKindCoachFte,
        (0.0, 10.0, 0.1),
        g,
        s,
    );
    let (g, s) = bind_opt!(input, kind_coach, per_groups);
    let kc_per = number(
        i18n,
        "kind-coach-per",
        Key::PlannerKindCoachPer,
        (1.0, 1000.0, 1.0),
        g,
        s,
    );
    let dreumes = toggle(
        i18n,
        "dreumes",
        Key::PlannerDreumes,
        Signal::derive(move || input.with(|i| i.interventions.dreumes.is_some())),
        Callback::new(move |on: bool| {
            input.update(|i| {
                i.interventions.dreumes = on.then_some(Dreumes {
                    children: 16,
                    group_size: 8,
                    sessions_per_week: 2.0,
                    hours_per_session: 3.0,
                })
            })
        }),
    );
    let (g, s) = bind_opt!(input, dreumes, children);
    let d_children = number(
        i18n,
        "dreumes-children",
        Key::PlannerDreumesChildren,
        whole,
        g,
        s,
    );
    let (g, s) = bind_opt!(input, dreumes, group_size);
    let d_size = number(
        i18n,
        "dreumes-size",
        Key::PlannerDreumesSize,
        (1.0, 16.0, 1.0),
        g,
        s,
    );

    let (g, s) = bind!(input, contract_hours_per_fte);
    let contract = number(
        i18n,
        "contract-hours",
        Key::PlannerContractHours,
        (1.0, 60.0, 0.5),
        g,
        s,
    );
    let (g, s) = bind!(input, hourly_costs.pm);
    let cost_pm = number(i18n, "cost-pm", Key::PlannerRolePm, euros, g, s);
    let (g, s) = bind!(input, hourly_costs.beleidsmedewerker);
    let cost_beleid = number(i18n, "cost-beleid", Key::PlannerRoleBeleid, euros, g, s);
    let (g, s) = bind!(input, hourly_costs.consultant);
    let cost_consultant = number(
        i18n,
        "cost-consultant",
        Key::PlannerRoleConsultant,
        euros,
        g,
        s,
    );
    let (g, s) = bind!(input, hourly_costs.coach);
    let cost_coach = number(i18n, "cost-coach", Key::PlannerRoleCoach, euros, g, s);
    let (g, s) = bind!(input, child_costs.outside_group);
    let cost_og = number(
        i18n,
        "cost-outside-group",
        Key::PlannerCostOutsideGroup,
        euros,
        g,
        s,
    );
    let (g, s) = bind!(input, child_costs.outside_regular);
    let cost_or = number(
        i18n,
        "cost-outside-regular",
        Key::PlannerCostOutsideRegular,
        euros,
        g,
        s,
    );

    let financing = FINANCED
        .into_iter()
        .map(|(item, field)| {
            let id = format!("fin-{}", wire(item));
            let options = FundingSource::ALL
                .into_iter()
                .map(|s| view! { <option value=wire(s)>{move || source_label(i18n, s)}</option> })
                .collect_view();
            let current = move || input.with(|i| wire(*field(&mut i.clone())));
            view! {
                <div class="field">
                    <label for=id.clone()>{move || i18n.t(cost_key(item))}</label>
                    <select id=id prop:value=current on:change=move |ev| {
                        if let Ok(source) = serde_json::from_value::<FundingSource>(serde_json::Value::String(event_target_value(&ev))) {
                            input.update(|i| *field(i) = source);
                        }
                    }>{options}</select>
                </div>
            }
        })
        .collect_view();

    view! {
        <div class="inputs">
            <fieldset>
                <legend>{move || i18n.t(Key::PlannerToddlers)}</legend>
                {age2}{age3}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(Key::PlannerTiers)}</legend>
                {ve}{extra}
                <p class="hint">{move || i18n.t(Key::PlannerLevels)}</p>
                {on_group}{outside_group}{outside_regular}
                <p class="hint">{move || i18n.t(Key::PlannerCategories)}</p>
                {catch_up}{fits}{not_fitting}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(Key::PlannerOpening)}</legend>
                {hours_day}{ve_days}{basis_days}{weeks}{locations}{group_size}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(Key::PlannerInterventions)}</legend>
                {smaller}
                <div hidden=move || !(input.with(|i| i.interventions.smaller_ve_groups.is_some()))>{smaller_size}</div>
                {extra_pm}{consultant}{coach}
                {plus}
                <div hidden=move || !(input.with(|i| i.interventions.plus_group.is_some()))>{plus_size}{plus_staff}</div>
                {kind_coach}
                <div hidden=move || !(input.with(|i| i.interventions.kind_coach.is_some()))>{kc_fte}{kc_per}</div>
                {dreumes}
                <div hidden=move || !(input.with(|i| i.interventions.dreumes.is_some()))>{d_children}{d_size}</div>
            </fieldset>
            <details>
                <summary>{move || i18n.t(Key::PlannerCostsInput)}</summary>
                <fieldset>
                    <legend>{move || i18n.t(Key::PlannerHourlyCosts)}</legend>
                    {contract}{cost_pm}{cost_beleid}{cost_consultant}{cost_coach}{cost_og}{cost_or}
                </fieldset>
            </details>
            <details>
                <summary>{move || i18n.t(Key::PlannerFinancing)}</summary>
                <fieldset>
                    <legend>{move || i18n.t(Key::PlannerWhoPays)}</legend>
                    {financing}
                </fieldset>
            </details>
        </div>
    }
}

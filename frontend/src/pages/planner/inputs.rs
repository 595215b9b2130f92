//! The scenario's input fields. Every change recomputes at once in the browser.
use super::results::{cost_key, source_label};
use crate::i18n::{I18n, Key, use_i18n};
use leptos::prelude::*;
use shared::planner::scenario::{
    CostItem, Dreumes, FundingSource, KindCoach, PlusGroup, ScenarioInput,
};

/// Every number field: the value's path in the input (as validation names it), the element's
/// id, its label.
const FIELDS: &[(&str, &str, Key)] = &[
    ("toddlers_age2", "toddlers-age2", Key::PlannerAge2),
    ("toddlers_age3", "toddlers-age3", Key::PlannerAge3),
    ("ve_share_pct", "ve-share", Key::PlannerTierVe),
    ("extra_share_pct", "extra-share", Key::PlannerTierExtra),
    (
        "extra_levels.on_group_pct",
        "level-on-group",
        Key::PlannerLevelOnGroup,
    ),
    (
        "extra_levels.outside_group_pct",
        "level-outside-group",
        Key::PlannerLevelOutsideGroup,
    ),
    (
        "extra_levels.outside_regular_pct",
        "level-outside-regular",
        Key::PlannerLevelOutsideRegular,
    ),
    (
        "extra_categories.catch_up_pct",
        "cat-catch-up",
        Key::PlannerCatCatchUp,
    ),
    ("extra_categories.fits_pct", "cat-fits", Key::PlannerCatFits),
    (
        "extra_categories.not_fitting_pct",
        "cat-not-fitting",
        Key::PlannerCatNotFitting,
    ),
    (
        "opening.hours_per_day",
        "hours-per-day",
        Key::PlannerHoursPerDay,
    ),
    ("opening.ve_days_per_week", "ve-days", Key::PlannerVeDays),
    (
        "opening.basis_days_per_week",
        "basis-days",
        Key::PlannerBasisDays,
    ),
    ("opening.weeks_per_year", "weeks", Key::PlannerWeeks),
    ("locations", "locations", Key::PlannerLocations),
    ("group_size", "group-size", Key::PlannerGroupSize),
    (
        "interventions.extra_pm_hours_per_ve_group",
        "extra-pm",
        Key::PlannerExtraPm,
    ),
    (
        "interventions.plus_consultant_hours_per_group",
        "consultant",
        Key::PlannerConsultant,
    ),
    (
        "interventions.coach_hours_per_location",
        "coach",
        Key::PlannerCoach,
    ),
    (
        "contract_hours_per_fte",
        "contract-hours",
        Key::PlannerContractHours,
    ),
    ("hourly_costs.pm", "cost-pm", Key::PlannerRolePm),
    (
        "hourly_costs.beleidsmedewerker",
        "cost-beleid",
        Key::PlannerRoleBeleid,
    ),
    (
        "hourly_costs.consultant",
        "cost-consultant",
        Key::PlannerRoleConsultant,
    ),
    ("hourly_costs.coach", "cost-coach", Key::PlannerRoleCoach),
    (
        "child_costs.outside_group",
        "cost-outside-group",
        Key::PlannerCostOutsideGroup,
    ),
    (
        "child_costs.outside_regular",
        "cost-outside-regular",
        Key::PlannerCostOutsideRegular,
    ),
    (
        "interventions.plus_group.size",
        "plus-size",
        Key::PlannerPlusSize,
    ),
    (
        "interventions.plus_group.staff",
        "plus-staff",
        Key::PlannerPlusStaff,
    ),
    (
        "interventions.kind_coach.fte",
        "kind-coach-fte",
        Key::PlannerKindCoachFte,
    ),
    (
        "interventions.kind_coach.per_groups",
        "kind-coach-per",
        Key::PlannerKindCoachPer,
    ),
    (
        "interventions.dreumes.children",
        "dreumes-children",
        Key::PlannerDreumesChildren,
    ),
    (
        "interventions.dreumes.group_size",
        "dreumes-size",
        Key::PlannerDreumesSize,
    ),
    (
        "interventions.smaller_ve_groups",
        "smaller-size",
        Key::PlannerSmallerSize,
    ),
];

/// The label of a value (or of a group of values) validation names.
pub fn field_label(field: &str) -> Option<Key> {
    match field {
        "extra_levels" => Some(Key::PlannerLevels),
        "extra_categories" => Some(Key::PlannerCategories),
        "interventions.plus_group" => Some(Key::PlannerPlusGroup),
        _ => FIELDS
            .iter()
            .find(|(f, ..)| *f == field)
            .map(|(.., key)| *key),
    }
}

/// Whether the field at `path` is (part of) what validation named.
fn names(invalid: Option<&str>, path: &str) -> bool {
    invalid.is_some_and(|field| {
        path == field
            || path
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// A labelled number field bound to one value of the input; marked invalid (and described by
/// the planner's message) while validation names it. Its id and label are its row of `FIELDS`
/// (a unit test checks every field has one).
fn number(
    i18n: I18n,
    invalid: Memo<Option<&'static str>>,
    path: &'static str,
    (min, max, step): (f64, f64, f64),
    (get, set): (Signal<f64>, Callback<f64>),
) -> Option<AnyView> {
    let (_, id, label) = *FIELDS.iter().find(|(f, ..)| *f == path)?;
    let wrong = move || invalid.with(|f| names(*f, path));
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
                aria-invalid=move || wrong().then_some("true")
                aria-describedby=move || wrong().then_some("planner-invalid")
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
    .into()
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
pub fn Inputs(
    input: RwSignal<ScenarioInput>,
    /// The field validation names, if any.
    invalid: Memo<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = move |path, range, bound| number(i18n, invalid, path, range, bound);
    let pct = (0.0, 100.0, 0.5);
    let whole = (0.0, 100_000.0, 1.0);
    let hours = (0.0, 168.0, 0.5);
    let euros = (0.0, 1_000_000.0, 1.0);

    let age2 = number("toddlers_age2", whole, bind!(input, toddlers_age2));
    let age3 = number("toddlers_age3", whole, bind!(input, toddlers_age3));
    let ve = number("ve_share_pct", pct, bind!(input, ve_share_pct));
    let extra = number("extra_share_pct", pct, bind!(input, extra_share_pct));
    let on_group = number(
        "extra_levels.on_group_pct",
        pct,
        bind!(input, extra_levels.on_group_pct),
    );
    let outside_group = number(
        "extra_levels.outside_group_pct",
        pct,
        bind!(input, extra_levels.outside_group_pct),
    );
    let outside_regular = number(
        "extra_levels.outside_regular_pct",
        pct,
        bind!(input, extra_levels.outside_regular_pct),
    );
    let catch_up = number(
        "extra_categories.catch_up_pct",
        pct,
        bind!(input, extra_categories.catch_up_pct),
    );
    let fits = number(
        "extra_categories.fits_pct",
        pct,
        bind!(input, extra_categories.fits_pct),
    );
    let not_fitting = number(
        "extra_categories.not_fitting_pct",
        pct,
        bind!(input, extra_categories.not_fitting_pct),
    );
    let hours_day = number(
        "opening.hours_per_day",
        (0.5, 24.0, 0.5),
        bind!(input, opening.hours_per_day),
    );
    let ve_days = number(
        "opening.ve_days_per_week",
        (0.5, 7.0, 0.5),
        bind!(input, opening.ve_days_per_week),
    );
    let basis_days = number(
        "opening.basis_days_per_week",
        (0.5, 7.0, 0.5),
        bind!(input, opening.basis_days_per_week),
    );
    let weeks = number(
        "opening.weeks_per_year",
        (1.0, 53.0, 1.0),
        bind!(input, opening.weeks_per_year),
    );
    let locations = number("locations", whole, bind!(input, locations));
    let group_size = number("group_size", (1.0, 16.0, 1.0), bind!(input, group_size));

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
        "interventions.smaller_ve_groups",
        (1.0, 16.0, 1.0),
        (
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
        ),
    );
    let extra_pm = number(
        "interventions.extra_pm_hours_per_ve_group",
        hours,
        bind!(input, interventions.extra_pm_hours_per_ve_group),
    );
    let consultant = number(
        "interventions.plus_consultant_hours_per_group",
        hours,
        bind!(input, interventions.plus_consultant_hours_per_group),
    );
    let coach = number(
        "interventions.coach_hours_per_location",
        hours,
        bind!(input, interventions.coach_hours_per_location),
    );
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
    let plus_size = number(
        "interventions.plus_group.size",
        (1.0, 16.0, 1.0),
        bind_opt!(input, plus_group, size),
    );
    let plus_staff = number(
        "interventions.plus_group.staff",
        (1.0, 8.0, 1.0),
        bind_opt!(input, plus_group, staff),
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
    let kc_fte = number(
        "interventions.kind_coach.fte",
        (0.0, 10.0, 0.1),
        bind_opt!(input, kind_coach, fte),
    );
    let kc_per = number(
        "interventions.kind_coach.per_groups",
        (1.0, 1000.0, 1.0),
        bind_opt!(input, kind_coach, per_groups),
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
    let d_children = number(
        "interventions.dreumes.children",
        whole,
        bind_opt!(input, dreumes, children),
    );
    let d_size = number(
        "interventions.dreumes.group_size",
        (1.0, 16.0, 1.0),
        bind_opt!(input, dreumes, group_size),
    );

    let contract = number(
        "contract_hours_per_fte",
        (1.0, 60.0, 0.5),
        bind!(input, contract_hours_per_fte),
    );
    let cost_pm = number("hourly_costs.pm", euros, bind!(input, hourly_costs.pm));
    let cost_beleid = number(
        "hourly_costs.beleidsmedewerker",
        euros,
        bind!(input, hourly_costs.beleidsmedewerker),
    );
    let cost_consultant = number(
        "hourly_costs.consultant",
        euros,
        bind!(input, hourly_costs.consultant),
    );
    let cost_coach = number(
        "hourly_costs.coach",
        euros,
        bind!(input, hourly_costs.coach),
    );
    let cost_og = number(
        "child_costs.outside_group",
        euros,
        bind!(input, child_costs.outside_group),
    );
    let cost_or = number(
        "child_costs.outside_regular",
        euros,
        bind!(input, child_costs.outside_regular),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_field_has_its_row_and_every_row_a_field() {
        let source: String = include_str!("inputs.rs")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let called: Vec<&str> = source
            .split("number(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(called.len(), FIELDS.len());
        for path in called {
            assert!(FIELDS.iter().any(|(f, ..)| *f == path), "{path} has no row");
        }
    }

    #[test]
    fn a_group_names_each_of_its_fields() {
        assert!(names(Some("extra_levels"), "extra_levels.on_group_pct"));
        assert!(names(Some("group_size"), "group_size"));
        assert!(!names(Some("group_size"), "group_size_x"));
        assert!(!names(
            Some("interventions.plus_group"),
            "interventions.plus_groups.size"
        ));
        assert!(!names(None, "group_size"));
        assert_eq!(field_label("extra_levels"), Some(Key::PlannerLevels));
        assert_eq!(
            field_label("opening.weeks_per_year"),
            Some(Key::PlannerWeeks)
        );
        assert_eq!(field_label("interventions.dreumes.hours_per_session"), None);
    }
}

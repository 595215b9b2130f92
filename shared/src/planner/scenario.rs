//! A planning scenario: the pyramid's tiers → groups, staff, hours, cost and financing.
use super::bkr::{self, AgeCounts};
use super::report::euro;
use super::rules::{VE_2022, VeRules};
use super::{Text, ve};
use crate::error::FieldError;
use crate::numbers::{decimal, quantity, short, thousands};
use serde::{Deserialize, Serialize};

/// Who pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FundingSource {
    /// Onderwijsachterstandenbeleid (municipal OAB budget)
    Oab,
    Jeugdwet,
    /// Zorgverzekeringswet
    Zvw,
    /// Wet langdurige zorg (exceptional)
    Wlz,
    /// The provider's own budget / parents' fees
    Own,
}

impl FundingSource {
    pub const ALL: [FundingSource; 5] =
        [Self::Oab, Self::Jeugdwet, Self::Zvw, Self::Wlz, Self::Own];

    pub fn label(self) -> &'static str {
        match self {
            Self::Oab => "OAB",
            Self::Jeugdwet => "Jeugdwet",
            Self::Zvw => "Zvw",
            Self::Wlz => "Wlz",
            Self::Own => "Eigen budget",
        }
    }
}

/// Shares of the extra-support tier by level of support (percent, sum 100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelShares {
    /// Support on the group or location (logopedie on location, Peuteropvang Plus …).
    pub on_group_pct: f64,
    /// Support outside the group (child stays in the group; therapy elsewhere).
    pub outside_group_pct: f64,
    /// Outside regular childcare (MKD, ontwikkelcentrum): no seat in our groups.
    pub outside_regular_pct: f64,
}

/// Shares of the extra-support tier by need category (percent, sum 100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryShares {
    /// inhaalbaar: extra stimulation closes the delay
    pub catch_up_pct: f64,
    /// inpasbaar: fits within the group with support
    pub fits_pct: f64,
    /// niet-inpasbaar: needs a smaller plus group or a place outside regular childcare
    pub not_fitting_pct: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Opening {
    pub hours_per_day: f64,
    /// Days a week VE and plus groups run (VE children need about 16 hours a week).
    pub ve_days_per_week: f64,
    /// Days a week a toddler without VE indication attends (regular peuteropvang).
    pub basis_days_per_week: f64,
    pub weeks_per_year: f64,
}

/// PeuterPlus / plus group: a small group with more staff (local policy, e.g. 8 : 2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlusGroup {
    pub size: u32,
    pub staff: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindCoach {
    pub fte: f64,
    /// One `fte` per this many groups.
    pub per_groups: u32,
}

/// Dreumesarrangement: 1.5–2.5-year-olds from very vulnerable families.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dreumes {
    pub children: u32,
    pub group_size: u32,
    pub sessions_per_week: f64,
    pub hours_per_session: f64,
}

/// Local-policy interventions, each optional.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interventions {
    /// Smaller VE groups (e.g. 10–12 instead of 16).
    pub smaller_ve_groups: Option<u32>,
    /// Extra PM on each VE group, hours per week.
    pub extra_pm_hours_per_ve_group: f64,
    /// Peuteropvang Plus: youth-care consultant hours per VE group per week.
    pub plus_consultant_hours_per_group: f64,
    pub plus_group: Option<PlusGroup>,
    pub kind_coach: Option<KindCoach>,
    /// External coach on every location (Geldrop-Mierlo), hours per location per week.
    pub coach_hours_per_location: f64,
    pub dreumes: Option<Dreumes>,
}

/// Hourly cost (employer cost, euro) per role.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HourlyCosts {
    pub pm: f64,
    pub beleidsmedewerker: f64,
    pub consultant: f64,
    pub coach: f64,
}

/// Yearly cost per child (euro) for support that is not staff in our groups.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChildCosts {
    pub outside_group: f64,
    pub outside_regular: f64,
}

/// Which source pays each cost item.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Financing {
    pub basis_groups: FundingSource,
    pub ve_groups: FundingSource,
    pub extra_pm: FundingSource,
    pub plus_groups: FundingSource,
    pub dreumes: FundingSource,
    pub beleid_ve: FundingSource,
    pub beleid_general: FundingSource,
    pub consultant: FundingSource,
    pub kind_coach: FundingSource,
    pub coach: FundingSource,
    pub outside_group: FundingSource,
    pub outside_regular: FundingSource,
}

/// Everything a scenario is computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScenarioInput {
    /// Toddlers aged 2 in scope (counts are signed so a negative one can be refused by name).
    pub toddlers_age2: i64,
    pub toddlers_age3: i64,
    /// Share with a VE indication (middle tier), percent.
    pub ve_share_pct: f64,
    /// Share needing support beyond VE (top tier), percent.
    pub extra_share_pct: f64,
    pub extra_levels: LevelShares,
    pub extra_categories: CategoryShares,
    pub opening: Opening,
    pub locations: i64,
    /// Maximum size of a regular (basis) group.
    pub group_size: i64,
    pub interventions: Interventions,
    /// Contract hours per week of one FTE.
    pub contract_hours_per_fte: f64,
    pub hourly_costs: HourlyCosts,
    pub child_costs: ChildCosts,
    pub financing: Financing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Basis,
    Ve,
    Plus,
    Dreumes,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupLine {
    pub kind: GroupKind,
    pub groups: u32,
    pub children: u32,
    /// Largest group of this kind.
    pub children_per_group: u32,
    pub capacity: u32,
    pub staff_per_group: u32,
    pub pm_hours_per_week: f64,
    pub how: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Pm,
    Beleidsmedewerker,
    Consultant,
    KindCoach,
    Coach,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffLine {
    pub role: StaffRole,
    pub hours_per_week: f64,
    pub hours_per_year: f64,
    pub fte: f64,
    pub how: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CostItem {
    BasisGroups,
    VeGroups,
    ExtraPm,
    PlusGroups,
    Dreumes,
    BeleidVe,
    BeleidGeneral,
    Consultant,
    KindCoach,
    Coach,
    OutsideGroup,
    OutsideRegular,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CostLine {
    pub item: CostItem,
    pub source: FundingSource,
    pub amount: f64,
    pub how: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierCounts {
    pub total: u32,
    pub basis: u32,
    pub ve: u32,
    pub extra: u32,
    pub extra_on_group: u32,
    pub extra_outside_group: u32,
    pub extra_outside_regular: u32,
    pub not_fitting: u32,
    pub in_plus_groups: u32,
    pub how: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    RatioBreach,
    GroupAboveMaximum,
    VeHoursNotReached,
    ChildrenWithoutPlace,
    GroupNotAllowed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Warning {
    pub code: WarningCode,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VeCheck {
    pub counted_hours_per_week: f64,
    pub hours_over_18_months: f64,
    pub required_hours_per_week: f64,
    pub reached: bool,
    pub how: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScenarioResult {
    pub children: TierCounts,
    pub groups: Vec<GroupLine>,
    pub staff: Vec<StaffLine>,
    pub costs: Vec<CostLine>,
    pub total_cost: f64,
    pub cost_per_child: f64,
    pub cost_by_source: Vec<(FundingSource, f64)>,
    pub total_groups: u32,
    pub pm_fte: f64,
    pub unused_seats: u32,
    pub ve: VeCheck,
    pub warnings: Vec<Warning>,
}

impl ScenarioResult {
    /// FTE over all roles.
    pub fn total_fte(&self) -> f64 {
        self.staff.iter().map(|s| s.fte).sum()
    }
}

/// Input the engine cannot plan with: the field (a dotted path into the input) and why, in both
/// languages — the API answers with the English, the planner page says it in its own language.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub field: &'static str,
    pub text: Text,
}

impl From<InputError> for FieldError {
    fn from(e: InputError) -> Self {
        FieldError::new(e.field, e.text.en)
    }
}

fn invalid(field: &'static str, nl: impl Into<String>, en: impl Into<String>) -> InputError {
    InputError {
        field,
        text: Text::new(nl, en),
    }
}

/// A limit in words: 1000000 → "1.000.000" in Dutch, "1,000,000" in English.
fn limit(max: f64) -> (String, String) {
    let n = max.round() as i64;
    (thousands(n, false), thousands(n, true))
}

fn pct(field: &'static str, v: f64) -> Result<(), InputError> {
    if !v.is_finite() || !(0.0..=100.0).contains(&v) {
        return Err(invalid(
            field,
            "Vul een percentage in van 0 tot 100.",
            "Enter a percentage from 0 to 100.",
        ));
    }
    Ok(())
}

fn sums_to_100(field: &'static str, parts: &[f64]) -> Result<(), InputError> {
    let sum: f64 = parts.iter().sum();
    if (sum - 100.0).abs() > 0.01 {
        return Err(invalid(
            field,
            format!(
                "Samen moet dit 100% zijn. Nu is het {}%.",
                decimal(sum, 1, false)
            ),
            format!(
                "Together these must make 100%. Now they make {}%.",
                decimal(sum, 1, true)
            ),
        ));
    }
    Ok(())
}

fn count(field: &'static str, v: i64, max: i64) -> Result<u32, InputError> {
    if !(0..=max).contains(&v) {
        let (nl, en) = limit(max as f64);
        return Err(invalid(
            field,
            format!("Vul een heel getal in van 0 tot {nl}."),
            format!("Enter a whole number from 0 to {en}."),
        ));
    }
    Ok(v as u32)
}

fn non_negative(field: &'static str, v: f64, max: f64) -> Result<(), InputError> {
    if !v.is_finite() || !(0.0..=max).contains(&v) {
        let (nl, en) = limit(max);
        return Err(invalid(
            field,
            format!("Vul een getal in van 0 tot {nl}."),
            format!("Enter a number from 0 to {en}."),
        ));
    }
    Ok(())
}

fn positive(field: &'static str, v: f64, max: f64) -> Result<(), InputError> {
    if !v.is_finite() || v <= 0.0 || v > max {
        let (nl, en) = limit(max);
        return Err(invalid(
            field,
            format!("Vul een getal in boven 0, tot en met {nl}."),
            format!("Enter a number above 0, up to {en}."),
        ));
    }
    Ok(())
}

fn at_least_one(field: &'static str) -> InputError {
    invalid(field, "Vul minstens 1 in.", "Enter at least 1.")
}

impl ScenarioInput {
    /// Refuses input the engine cannot plan with, naming the field and saying why.
    pub fn validate(&self) -> Result<(), InputError> {
        count("toddlers_age2", self.toddlers_age2, 1_000_000)?;
        count("toddlers_age3", self.toddlers_age3, 1_000_000)?;
        pct("ve_share_pct", self.ve_share_pct)?;
        pct("extra_share_pct", self.extra_share_pct)?;
        if self.ve_share_pct + self.extra_share_pct > 100.0 {
            return Err(invalid(
                "extra_share_pct",
                "VE-indicatie en extra ondersteuning zijn samen meer dan 100%.",
                "VE indication and extra support together make more than 100%.",
            ));
        }
        let l = &self.extra_levels;
        pct("extra_levels.on_group_pct", l.on_group_pct)?;
        pct("extra_levels.outside_group_pct", l.outside_group_pct)?;
        pct("extra_levels.outside_regular_pct", l.outside_regular_pct)?;
        sums_to_100(
            "extra_levels",
            &[l.on_group_pct, l.outside_group_pct, l.outside_regular_pct],
        )?;
        let c = &self.extra_categories;
        pct("extra_categories.catch_up_pct", c.catch_up_pct)?;
        pct("extra_categories.fits_pct", c.fits_pct)?;
        pct("extra_categories.not_fitting_pct", c.not_fitting_pct)?;
        sums_to_100(
            "extra_categories",
            &[c.catch_up_pct, c.fits_pct, c.not_fitting_pct],
        )?;
        positive("opening.hours_per_day", self.opening.hours_per_day, 24.0)?;
        positive(
            "opening.ve_days_per_week",
            self.opening.ve_days_per_week,
            7.0,
        )?;
        positive(
            "opening.basis_days_per_week",
            self.opening.basis_days_per_week,
            7.0,
        )?;
        positive("opening.weeks_per_year", self.opening.weeks_per_year, 53.0)?;
        count("locations", self.locations, 10_000)?;
        if count("group_size", self.group_size, 16)? == 0 {
            return Err(at_least_one("group_size"));
        }
        let i = &self.interventions;
        if let Some(size) = i.smaller_ve_groups
            && size == 0
        {
            return Err(at_least_one("interventions.smaller_ve_groups"));
        }
        non_negative(
            "interventions.extra_pm_hours_per_ve_group",
            i.extra_pm_hours_per_ve_group,
            168.0,
        )?;
        non_negative(
            "interventions.plus_consultant_hours_per_group",
            i.plus_consultant_hours_per_group,
            168.0,
        )?;
        non_negative(
            "interventions.coach_hours_per_location",
            i.coach_hours_per_location,
            168.0,
        )?;
        if let Some(p) = i.plus_group
            && (p.size == 0 || p.staff == 0)
        {
            return Err(at_least_one("interventions.plus_group"));
        }
        if let Some(k) = i.kind_coach {
            non_negative("interventions.kind_coach.fte", k.fte, 100.0)?;
            if k.per_groups == 0 {
                return Err(at_least_one("interventions.kind_coach.per_groups"));
            }
        }
        if let Some(d) = i.dreumes {
            if d.group_size == 0 {
                return Err(at_least_one("interventions.dreumes.group_size"));
            }
            non_negative(
                "interventions.dreumes.sessions_per_week",
                d.sessions_per_week,
                14.0,
            )?;
            non_negative(
                "interventions.dreumes.hours_per_session",
                d.hours_per_session,
                12.0,
            )?;
        }
        positive("contract_hours_per_fte", self.contract_hours_per_fte, 60.0)?;
        let h = &self.hourly_costs;
        non_negative("hourly_costs.pm", h.pm, 1000.0)?;
        non_negative(
            "hourly_costs.beleidsmedewerker",
            h.beleidsmedewerker,
            1000.0,
        )?;
        non_negative("hourly_costs.consultant", h.consultant, 1000.0)?;
        non_negative("hourly_costs.coach", h.coach, 1000.0)?;
        non_negative(
            "child_costs.outside_group",
            self.child_costs.outside_group,
            1_000_000.0,
        )?;
        non_negative(
            "child_costs.outside_regular",
            self.child_costs.outside_regular,
            1_000_000.0,
        )?;
        Ok(())
    }
}

fn share(n: u32, pct: f64) -> u32 {
    (f64::from(n) * pct / 100.0).round() as u32
}

/// Splits `children` over groups of at most `size`: (groups, largest group).
/// An hourly rate or a cost per child: whole euros when it has no cents ("€ 42"), else with them
/// ("€ 42,50").
fn money(v: f64, english: bool) -> String {
    if v.fract() == 0.0 {
        euro(v, english)
    } else {
        format!("€\u{a0}{}", decimal(v, 2, english))
    }
}

fn split(children: u32, size: u32) -> (u32, u32) {
    if children == 0 || size == 0 {
        return (0, 0);
    }
    let groups = children.div_ceil(size);
    (groups, children.div_ceil(groups))
}

/// A toddler group of `n` children with the scenario's age mix.
fn toddler_mix(n: u32, age2_fraction: f64) -> AgeCounts {
    let age2 = (f64::from(n) * age2_fraction).round() as u32;
    AgeCounts::new(0, 0, age2.min(n), n - age2.min(n))
}

struct Builder<'a> {
    input: &'a ScenarioInput,
    rules: &'a VeRules,
    warnings: Vec<Warning>,
}

impl Builder<'_> {
    fn warn(&mut self, code: WarningCode, nl: String, en: String) {
        self.warnings.push(Warning {
            code,
            text: Text::new(nl, en),
        });
    }

    /// Groups of toddlers under BKR and (for VE and plus groups) the VE ratio.
    fn toddler_groups(
        &mut self,
        kind: GroupKind,
        children: u32,
        size: u32,
        age2_fraction: f64,
        fixed_staff: Option<u32>,
    ) -> GroupLine {
        let (label_nl, label_en, is_ve) = match kind {
            GroupKind::Basis => ("basisgroep", "basic group", false),
            GroupKind::Ve => ("VE-groep", "VE group", true),
            GroupKind::Plus => ("plusgroep", "plus group", true),
            GroupKind::Dreumes => ("dreumesgroep", "toddler-arrangement group", false),
        };
        let max = if is_ve { self.rules.group_max } else { 16 };
        if size > max {
            self.warn(
                WarningCode::GroupAboveMaximum,
                format!("Een {label_nl} van {size} kinderen is groter dan het maximum van {max}."),
                format!("A {label_en} of {size} children exceeds the maximum of {max}."),
            );
        }
        let (groups, per_group) = split(children, size);
        let bkr = bkr::required_staff(&toddler_mix(per_group, age2_fraction));
        if !bkr.feasible {
            self.warn(
                WarningCode::GroupNotAllowed,
                format!("Een {label_nl} van {per_group} kinderen mag niet volgens de BKR."),
                format!("A {label_en} of {per_group} children is not allowed under the BKR."),
            );
        }
        let ve_staff = if is_ve {
            ve::staff_for_children(self.rules, per_group)
        } else {
            0
        };
        let needed = bkr.required_staff.max(ve_staff);
        let staff = match fixed_staff {
            Some(s) => {
                if s < needed {
                    self.warn(
                        WarningCode::RatioBreach,
                        format!(
                            "Een {label_nl} van {per_group} kinderen met {} haalt de ratio niet: nodig is {needed}.",
                            quantity(s, "medewerker", "medewerkers", false)
                        ),
                        format!("A {label_en} of {per_group} children with {s} staff breaches the ratio: {needed} needed."),
                    );
                }
                s
            }
            None => needed,
        };
        let o = &self.input.opening;
        let days = if kind == GroupKind::Basis {
            o.basis_days_per_week
        } else {
            o.ve_days_per_week
        };
        let open_hours = o.hours_per_day * days;
        let pm_hours = f64::from(groups * staff) * open_hours;
        let rule = if is_ve { "BKR en VE (1 op 8)" } else { "BKR" };
        let rule_en = if is_ve { "BKR and VE (1 per 8)" } else { "BKR" };
        GroupLine {
            kind,
            groups,
            children,
            children_per_group: per_group,
            capacity: groups * size,
            staff_per_group: staff,
            pm_hours_per_week: pm_hours,
            how: Text::each(|en| {
                let (open, pm) = (decimal(open_hours, 1, en), decimal(pm_hours, 1, en));
                if en {
                    let children = quantity(children, "child", "children", en);
                    let groups = quantity(groups, "group", "groups", en);
                    format!(
                        "{children} in groups of at most {size} = {groups} of at most {per_group}; \
                         {staff} staff per group ({rule_en}) × {open} opening hours a week = {pm} hours."
                    )
                } else {
                    let children = quantity(children, "kind", "kinderen", en);
                    let groups = quantity(groups, "groep", "groepen", en);
                    let staff = quantity(staff, "medewerker", "medewerkers", en);
                    format!(
                        "{children} in groepen van max. {size} = {groups} van max. {per_group}; \
                         {staff} per groep ({rule}) × {open} uur open per week = {pm} uur."
                    )
                }
            }),
        }
    }
}

/// Computes a validated scenario. Call [`ScenarioInput::validate`] first; invalid input is clamped.
pub fn compute(input: &ScenarioInput) -> ScenarioResult {
    compute_with(input, &VE_2022)
}

pub fn compute_with(input: &ScenarioInput, rules: &VeRules) -> ScenarioResult {
    let a2 = input.toddlers_age2.max(0) as u32;
    let a3 = input.toddlers_age3.max(0) as u32;
    let total = a2 + a3;
    let age2_fraction = if total == 0 {
        0.5
    } else {
        f64::from(a2) / f64::from(total)
    };
    let opening = input.opening;
    let weeks = opening.weeks_per_year;
    let mut b = Builder {
        input,
        rules,
        warnings: Vec::new(),
    };

    // The pyramid.
    let extra = share(total, input.extra_share_pct).min(total);
    let ve_only = share(total, input.ve_share_pct).min(total - extra);
    let basis = total - extra - ve_only;
    let outside_regular = share(extra, input.extra_levels.outside_regular_pct).min(extra);
    let outside_group =
        share(extra, input.extra_levels.outside_group_pct).min(extra - outside_regular);
    let on_group = extra - outside_regular - outside_group;
    let in_groups = on_group + outside_group;
    let not_fitting = share(in_groups, input.extra_categories.not_fitting_pct).min(in_groups);
    let plus = b.input.interventions.plus_group;
    let in_plus = if plus.is_some() { not_fitting } else { 0 };
    if plus.is_none() && not_fitting > 0 {
        b.warn(
            WarningCode::ChildrenWithoutPlace,
            if not_fitting == 1 {
                "1 niet-inpasbaar kind zit zonder passende plek in een VE-groep; overweeg een plusgroep.".to_owned()
            } else {
                format!("{not_fitting} niet-inpasbare kinderen zitten zonder passende plek in een VE-groep; overweeg een plusgroep.")
            },
            if not_fitting == 1 {
                "1 child who does not fit stays in a VE group without a fitting place; consider a plus group.".to_owned()
            } else {
                format!("{not_fitting} children who do not fit stay in a VE group without a fitting place; consider a plus group.")
            },
        );
    }
    let children = TierCounts {
        total,
        basis,
        ve: ve_only,
        extra,
        extra_on_group: on_group,
        extra_outside_group: outside_group,
        extra_outside_regular: outside_regular,
        not_fitting,
        in_plus_groups: in_plus,
        how: Text::each(|en| {
            let [total, extra, ve, basis] =
                [total, extra, ve_only, basis].map(|n| thousands(n.into(), en));
            let (extra_pct, ve_pct) = (
                short(input.extra_share_pct, en),
                short(input.ve_share_pct, en),
            );
            if en {
                format!(
                    "{total} toddlers: {extra} extra support ({extra_pct}%), {ve} VE ({ve_pct}%), {basis} basic. \
                     Of the extra support: {on_group} on the group, {outside_group} outside the group, \
                     {outside_regular} outside regular childcare; {not_fitting} do not fit."
                )
            } else {
                format!(
                    "{total} peuters: {extra} extra ondersteuning ({extra_pct}%), {ve} VE ({ve_pct}%), {basis} basis. \
                     Van de extra ondersteuning: {on_group} op de groep, {outside_group} buiten de groep, \
                     {outside_regular} buiten de reguliere opvang; {not_fitting} niet-inpasbaar."
                )
            }
        }),
    };

    // Groups.
    let group_size = input.group_size.clamp(1, 16) as u32;
    let ve_size = input
        .interventions
        .smaller_ve_groups
        .unwrap_or(rules.group_max);
    let mut groups = vec![
        b.toddler_groups(GroupKind::Basis, basis, group_size, age2_fraction, None),
        b.toddler_groups(
            GroupKind::Ve,
            ve_only + in_groups - in_plus,
            ve_size,
            age2_fraction,
            None,
        ),
    ];
    if let Some(p) = plus {
        groups.push(b.toddler_groups(
            GroupKind::Plus,
            in_plus,
            p.size,
            age2_fraction,
            Some(p.staff),
        ));
    }
    let mut dreumes_hours = 0.0;
    if let Some(d) = input.interventions.dreumes {
        let (groups_of, per_group) = split(d.children, d.group_size);
        let staff = bkr::required_staff(&AgeCounts::new(0, per_group, 0, 0)).required_staff;
        dreumes_hours = f64::from(groups_of * staff) * d.sessions_per_week * d.hours_per_session;
        groups.push(GroupLine {
            kind: GroupKind::Dreumes,
            groups: groups_of,
            children: d.children,
            children_per_group: per_group,
            capacity: groups_of * d.group_size,
            staff_per_group: staff,
            pm_hours_per_week: dreumes_hours,
            how: Text::each(|en| {
                let size = d.group_size;
                let (sessions, hours) = (short(d.sessions_per_week, en), short(d.hours_per_session, en));
                let week = decimal(dreumes_hours, 1, en);
                if en {
                    let children = quantity(d.children, "young toddler", "young toddlers", en);
                    let groups = quantity(groups_of, "group", "groups", en);
                    format!(
                        "{children} in groups of at most {size} = {groups}; {staff} staff (BKR 1–2 years) × \
                         {sessions} sessions × {hours} hours = {week} hours a week."
                    )
                } else {
                    let children = quantity(d.children, "dreumes", "dreumesen", en);
                    let groups = quantity(groups_of, "groep", "groepen", en);
                    let staff = quantity(staff, "medewerker", "medewerkers", en);
                    format!(
                        "{children} in groepen van max. {size} = {groups}; {staff} (BKR 1–2 jaar) × \
                         {sessions} dagdelen × {hours} uur = {week} uur per week."
                    )
                }
            }),
        });
    }
    let ve_groups = groups
        .iter()
        .find(|g| g.kind == GroupKind::Ve)
        .map_or(0, |g| g.groups);
    let total_groups: u32 = groups.iter().map(|g| g.groups).sum();
    let seats: u32 = groups.iter().map(|g| g.capacity).sum();
    let placed: u32 = groups.iter().map(|g| g.children).sum();

    // Staff.
    let contract = input.contract_hours_per_fte.max(f64::MIN_POSITIVE);
    let i = &input.interventions;
    let extra_pm = f64::from(ve_groups) * i.extra_pm_hours_per_ve_group;
    let group_pm: f64 = groups.iter().map(|g| g.pm_hours_per_week).sum();
    let pm_week = group_pm + extra_pm;
    let pm_fte = pm_week / contract;
    let ve_children = ve_only + in_groups;
    let beleid_ve = ve::beleid_ve_hours(rules, ve_children);
    let locations = input.locations.max(0) as u32;
    let beleid_general = ve::beleid_general_hours(rules, locations, pm_fte);
    let beleid_year = beleid_ve + beleid_general;
    let consultant_week = f64::from(ve_groups) * i.plus_consultant_hours_per_group;
    let kind_coach_fte = i.kind_coach.map_or(0.0, |k| {
        k.fte * f64::from(total_groups) / f64::from(k.per_groups.max(1))
    });
    let coach_week = f64::from(locations) * i.coach_hours_per_location;
    let line = |role, week: f64, how: Text| StaffLine {
        role,
        hours_per_week: week,
        hours_per_year: week * weeks,
        fte: week / contract,
        how,
    };
    let staff = vec![
        line(
            StaffRole::Pm,
            pm_week,
            Text::each(|en| {
                let (group, extra) = (decimal(group_pm, 1, en), decimal(extra_pm, 1, en));
                let contract = short(contract, en);
                if en {
                    format!(
                        "Group hours {group} + extra PM {extra} hours a week; FTE = hours / {contract} contract hours."
                    )
                } else {
                    format!(
                        "Groepsuren {group} + extra PM {extra} uur per week; FTE = uren / {contract} contracturen."
                    )
                }
            }),
        ),
        StaffLine {
            role: StaffRole::Beleidsmedewerker,
            hours_per_week: beleid_year / 52.0,
            hours_per_year: beleid_year,
            fte: beleid_year / (contract * 52.0),
            how: Text::each(|en| {
                let [per_child, per_location, per_fte] = [
                    rules.beleid_hours_per_ve_child,
                    rules.beleid_hours_per_location,
                    rules.beleid_hours_per_fte,
                ]
                .map(|v| short(v, en));
                let children = thousands(ve_children.into(), en);
                let (ve, general) = (decimal(beleid_ve, 0, en), decimal(beleid_general, 0, en));
                let fte = decimal(pm_fte, 1, en);
                if en {
                    format!(
                        "VE: {per_child} h × {children} VE children = {ve} h; general: {per_location} h × {locations} locations + \
                         {per_fte} h × {fte} FTE PM = {general} h a year."
                    )
                } else {
                    format!(
                        "VE: {per_child} uur × {children} VE-kinderen = {ve} uur; algemeen: {per_location} uur × {locations} locaties + \
                         {per_fte} uur × {fte} FTE PM = {general} uur per jaar."
                    )
                }
            }),
        },
        line(
            StaffRole::Consultant,
            consultant_week,
            Text::each(|en| {
                let hours = short(i.plus_consultant_hours_per_group, en);
                if en {
                    format!("Peuteropvang Plus: {hours} h × {ve_groups} VE groups a week.")
                } else {
                    format!("Peuteropvang Plus: {hours} uur × {ve_groups} VE-groepen per week.")
                }
            }),
        ),
        line(
            StaffRole::KindCoach,
            kind_coach_fte * contract,
            Text::each(|en| {
                let fte = decimal(kind_coach_fte, 2, en);
                if en {
                    format!("Child coach: {fte} FTE for {total_groups} groups.")
                } else {
                    format!("Kind-coach: {fte} FTE voor {total_groups} groepen.")
                }
            }),
        ),
        line(
            StaffRole::Coach,
            coach_week,
            Text::each(|en| {
                let hours = short(i.coach_hours_per_location, en);
                if en {
                    format!("External coach: {hours} h × {locations} locations a week.")
                } else {
                    format!("Externe coach: {hours} uur × {locations} locaties per week.")
                }
            }),
        ),
    ];

    // VE hours.
    let counted =
        ve::counted_hours_per_week(rules, opening.hours_per_day, opening.ve_days_per_week);
    let over_period = ve::hours_over_period(rules, counted, weeks);
    let required = ve::required_hours_per_week(rules, weeks);
    let reached = over_period + 1e-9 >= rules.hours_total;
    if !reached && ve_children > 0 {
        b.warn(
            WarningCode::VeHoursNotReached,
            format!(
                "VE-uren niet gehaald: {} van {} uur in 18 maanden.",
                decimal(over_period, 0, false),
                short(rules.hours_total, false)
            ),
            format!(
                "VE hours not reached: {} of {} hours in 18 months.",
                decimal(over_period, 0, true),
                short(rules.hours_total, true)
            ),
        );
    }
    let ve_check = VeCheck {
        counted_hours_per_week: counted,
        hours_over_18_months: over_period,
        required_hours_per_week: required,
        reached,
        how: Text::each(|en| {
            let [days, open, max, counted, weeks, norm] = [
                opening.ve_days_per_week,
                opening.hours_per_day,
                rules.max_counted_hours_per_day,
                counted,
                weeks,
                rules.hours_total,
            ]
            .map(|v| short(v, en));
            let total = decimal(over_period, 0, en);
            if en {
                format!(
                    "{days} days × min({open} h, {max}) = {counted} h a week × {weeks} weeks × 1.5 years = {total} h (norm {norm})."
                )
            } else {
                format!(
                    "{days} dagen × min({open} uur, {max}) = {counted} uur per week × {weeks} weken × 1,5 jaar = {total} uur (norm {norm})."
                )
            }
        }),
    };

    // Costs.
    let f = &input.financing;
    let h = &input.hourly_costs;
    let pm_cost = |hours_week: f64| hours_week * weeks * h.pm;
    let group_hours = |kind| {
        groups
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| g.pm_hours_per_week)
            .sum::<f64>()
    };
    let cost = |item, source, amount: f64, how: Text| CostLine {
        item,
        source,
        amount,
        how,
    };
    // Hours a week over the year's weeks at an hourly rate; `who` names whose rate it is.
    let weekly = |hours: f64, rate: f64, who: &str| {
        Text::each(|en| {
            let (hours, weeks, rate) = (decimal(hours, 1, en), short(weeks, en), money(rate, en));
            if en {
                format!("{hours} h × {weeks} weeks × {rate}{who}")
            } else {
                format!("{hours} uur × {weeks} weken × {rate}{who}")
            }
        })
    };
    let pm =
        |item, source, hours: f64| cost(item, source, pm_cost(hours), weekly(hours, h.pm, " PM"));
    let beleid = |item, source, hours: f64| {
        let how = Text::each(|en| {
            let (hours, rate) = (decimal(hours, 0, en), money(h.beleidsmedewerker, en));
            if en {
                format!("{hours} h × {rate}")
            } else {
                format!("{hours} uur × {rate}")
            }
        });
        cost(item, source, hours * h.beleidsmedewerker, how)
    };
    let per_child = |item, source, children: u32, amount: f64| {
        let how = Text::each(|en| {
            let (children, amount) = (thousands(children.into(), en), money(amount, en));
            if en {
                format!("{children} children × {amount} a year")
            } else {
                format!("{children} kinderen × {amount} per jaar")
            }
        });
        cost(item, source, f64::from(children) * amount, how)
    };
    let kind_coach = Text::each(|en| {
        let (fte, contract, rate) = (
            decimal(kind_coach_fte, 2, en),
            short(contract, en),
            money(h.coach, en),
        );
        if en {
            format!("{fte} FTE × {contract} h × 52 weeks × {rate}")
        } else {
            format!("{fte} FTE × {contract} uur × 52 weken × {rate}")
        }
    });
    let mut costs = vec![
        pm(
            CostItem::BasisGroups,
            f.basis_groups,
            group_hours(GroupKind::Basis),
        ),
        pm(CostItem::VeGroups, f.ve_groups, group_hours(GroupKind::Ve)),
        pm(CostItem::ExtraPm, f.extra_pm, extra_pm),
        pm(
            CostItem::PlusGroups,
            f.plus_groups,
            group_hours(GroupKind::Plus),
        ),
        pm(CostItem::Dreumes, f.dreumes, dreumes_hours),
        beleid(CostItem::BeleidVe, f.beleid_ve, beleid_ve),
        beleid(CostItem::BeleidGeneral, f.beleid_general, beleid_general),
        cost(
            CostItem::Consultant,
            f.consultant,
            consultant_week * weeks * h.consultant,
            weekly(consultant_week, h.consultant, ""),
        ),
        cost(
            CostItem::KindCoach,
            f.kind_coach,
            kind_coach_fte * contract * 52.0 * h.coach,
            kind_coach,
        ),
        cost(
            CostItem::Coach,
            f.coach,
            coach_week * weeks * h.coach,
            weekly(coach_week, h.coach, ""),
        ),
        per_child(
            CostItem::OutsideGroup,
            f.outside_group,
            outside_group,
            input.child_costs.outside_group,
        ),
        per_child(
            CostItem::OutsideRegular,
            f.outside_regular,
            outside_regular,
            input.child_costs.outside_regular,
        ),
    ];
    costs.retain(|c| c.amount > 0.0);
    let total_cost: f64 = costs.iter().map(|c| c.amount).sum();
    let cost_by_source = FundingSource::ALL
        .into_iter()
        .map(|s| {
            (
                s,
                costs
                    .iter()
                    .filter(|c| c.source == s)
                    .map(|c| c.amount)
                    .sum::<f64>(),
            )
        })
        .filter(|(_, amount)| *amount > 0.0)
        .collect();

    ScenarioResult {
        children,
        groups,
        staff,
        costs,
        total_cost,
        cost_per_child: if total == 0 {
            0.0
        } else {
            total_cost / f64::from(total)
        },
        cost_by_source,
        total_groups,
        pm_fte,
        unused_seats: seats.saturating_sub(placed),
        ve: ve_check,
        warnings: b.warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::presets;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn base() -> ScenarioInput {
        presets::default_input()
    }

    #[test]
    fn financing_totals_equal_total_cost_for_every_preset() {
        for preset in presets::ALL {
            let input = (preset.input)();
            input.validate().unwrap();
            let r = compute(&input);
            let by_source: f64 = r.cost_by_source.iter().map(|(_, a)| a).sum();
            assert!((by_source - r.total_cost).abs() < 1e-6, "{}", preset.id);
            assert!(r.total_cost > 0.0);
            let placed: u32 = r.groups.iter().map(|g| g.children).sum::<u32>()
                - r.groups
                    .iter()
                    .filter(|g| g.kind == GroupKind::Dreumes)
                    .map(|g| g.children)
                    .sum::<u32>();
            assert_eq!(
                placed,
                r.children.total - r.children.extra_outside_regular,
                "{}",
                preset.id
            );
        }
    }

    #[test]
    fn a_bigger_ve_tier_needs_more_staff_and_money() {
        let mut input = base();
        input.ve_share_pct = 20.0;
        let low = compute(&input);
        input.ve_share_pct = 25.0;
        let high = compute(&input);
        assert!(high.pm_fte >= low.pm_fte);
        assert!(high.total_fte() > low.total_fte());
        assert!(high.total_cost > low.total_cost);
        let beleid = |r: &ScenarioResult| {
            r.staff
                .iter()
                .find(|s| s.role == StaffRole::Beleidsmedewerker)
                .unwrap()
                .hours_per_year
        };
        assert!(beleid(&high) > beleid(&low));
    }

    #[test]
    fn tiers_add_up() {
        let mut input = base();
        input.toddlers_age2 = 100;
        input.toddlers_age3 = 100;
        input.ve_share_pct = 20.0;
        input.extra_share_pct = 5.0;
        let r = compute(&input);
        let c = &r.children;
        assert_eq!(c.total, 200);
        assert_eq!(c.extra, 10);
        assert_eq!(c.ve, 40);
        assert_eq!(c.basis, 150);
        assert_eq!(
            c.extra_on_group + c.extra_outside_group + c.extra_outside_regular,
            c.extra
        );
    }

    #[test]
    fn smaller_groups_mean_more_groups() {
        let mut input = base();
        input.interventions.smaller_ve_groups = None;
        let regular = compute(&input);
        input.interventions.smaller_ve_groups = Some(10);
        let smaller = compute(&input);
        let ve = |r: &ScenarioResult| {
            r.groups
                .iter()
                .find(|g| g.kind == GroupKind::Ve)
                .unwrap()
                .groups
        };
        assert!(ve(&smaller) > ve(&regular));
    }

    #[test]
    fn one_child_or_group_is_singular() {
        let texts: Vec<Text> = presets::ALL
            .iter()
            .flat_map(|p| {
                let r = compute(&(p.input)());
                let groups = r.groups.into_iter().map(|g| g.how);
                groups
                    .chain(r.warnings.into_iter().map(|w| w.text))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(
            texts
                .iter()
                .any(|t| t.nl.starts_with("1 niet-inpasbaar kind zit ")
                    && t.en.starts_with("1 child who does not fit stays ")),
            "a preset has one child without a place"
        );
        for t in &texts {
            for plural in ["(en)", "(s)", " 1 groepen", " 1 medewerkers", "= 1 groups"] {
                assert!(!t.nl.contains(plural) && !t.en.contains(plural), "{t:?}");
            }
        }
    }

    #[test]
    fn explanations_write_figures_as_each_language_does() {
        let mut input = presets::default_input();
        input.hourly_costs.pm = 42.5;
        input.toddlers_age2 *= 10;
        input.toddlers_age3 *= 10;
        let r = compute(&input);
        assert!(
            r.children.how.nl.starts_with("4.000 peuters"),
            "{}",
            r.children.how.nl
        );
        assert!(
            r.children.how.en.starts_with("4,000 toddlers"),
            "{}",
            r.children.how.en
        );
        let how = |item| &r.costs.iter().find(|c| c.item == item).unwrap().how;
        let ve = how(CostItem::VeGroups);
        assert!(
            ve.nl.ends_with(" uur × 40 weken × €\u{a0}42,50 PM"),
            "{}",
            ve.nl
        );
        assert!(
            ve.en.ends_with(" h × 40 weeks × €\u{a0}42.50 PM"),
            "{}",
            ve.en
        );
        let hours = ve.nl.split(' ').next().unwrap();
        assert!(hours.contains(',') && hours.len() > 5, "{hours}");
        let outside = how(CostItem::OutsideRegular);
        assert!(
            outside.nl.ends_with("kinderen × €\u{a0}30.000 per jaar"),
            "{}",
            outside.nl
        );
        assert!(
            outside.en.ends_with("children × €\u{a0}30,000 a year"),
            "{}",
            outside.en
        );
        assert!(r.ve.how.nl.contains("× 1,5 jaar"), "{}", r.ve.how.nl);
    }

    #[test]
    fn warnings_for_breaches_and_unmet_ve_hours() {
        let mut input = base();
        input.interventions.plus_group = Some(PlusGroup { size: 12, staff: 1 });
        input.extra_categories = CategoryShares {
            catch_up_pct: 0.0,
            fits_pct: 0.0,
            not_fitting_pct: 100.0,
        };
        input.opening = Opening {
            hours_per_day: 8.0,
            ve_days_per_week: 2.0,
            basis_days_per_week: 2.0,
            weeks_per_year: 40.0,
        };
        input.interventions.smaller_ve_groups = Some(18);
        let r = compute(&input);
        let codes: Vec<WarningCode> = r.warnings.iter().map(|w| w.code).collect();
        assert!(codes.contains(&WarningCode::RatioBreach), "{codes:?}");
        assert!(codes.contains(&WarningCode::VeHoursNotReached), "{codes:?}");
        assert!(codes.contains(&WarningCode::GroupAboveMaximum), "{codes:?}");
        assert!(!r.ve.reached);

        input.interventions.plus_group = None;
        let r = compute(&input);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.code == WarningCode::ChildrenWithoutPlace)
        );
    }

    #[test]
    fn validation_names_the_field() {
        type Change = Box<dyn Fn(&mut ScenarioInput)>;
        let cases: Vec<(&str, Change)> = vec![
            ("toddlers_age2", Box::new(|i| i.toddlers_age2 = -1)),
            ("ve_share_pct", Box::new(|i| i.ve_share_pct = 120.0)),
            (
                "extra_share_pct",
                Box::new(|i| {
                    i.ve_share_pct = 90.0;
                    i.extra_share_pct = 20.0;
                }),
            ),
            (
                "extra_levels",
                Box::new(|i| i.extra_levels.on_group_pct = 10.0),
            ),
            (
                "contract_hours_per_fte",
                Box::new(|i| i.contract_hours_per_fte = 0.0),
            ),
            (
                "opening.weeks_per_year",
                Box::new(|i| i.opening.weeks_per_year = f64::NAN),
            ),
            ("group_size", Box::new(|i| i.group_size = 17)),
            (
                "interventions.plus_group",
                Box::new(|i| i.interventions.plus_group = Some(PlusGroup { size: 8, staff: 0 })),
            ),
        ];
        for (field, change) in cases {
            let mut input = base();
            change(&mut input);
            assert_eq!(input.validate().unwrap_err().field, field);
        }
        base().validate().unwrap();
    }

    #[test]
    fn validation_says_why_in_both_languages() {
        let text = |change: &dyn Fn(&mut ScenarioInput)| {
            let mut input = base();
            change(&mut input);
            input.validate().unwrap_err().text
        };
        let sum = text(&|i| {
            i.extra_levels.on_group_pct = 33.0;
            i.extra_levels.outside_group_pct = 50.0;
            i.extra_levels.outside_regular_pct = 0.0;
        });
        assert_eq!(sum.nl, "Samen moet dit 100% zijn. Nu is het 83,0%.");
        assert_eq!(
            sum.en,
            "Together these must make 100%. Now they make 83.0%."
        );
        let count = text(&|i| i.toddlers_age3 = 2_000_000);
        assert_eq!(count.nl, "Vul een heel getal in van 0 tot 1.000.000.");
        assert_eq!(count.en, "Enter a whole number from 0 to 1,000,000.");
        let over = text(&|i| {
            i.ve_share_pct = 60.0;
            i.extra_share_pct = 50.0;
        });
        assert!(over.nl.starts_with("VE-indicatie en extra ondersteuning"));
        // The API keeps answering in English.
        let mut input = base();
        input.group_size = 0;
        let field = FieldError::from(input.validate().unwrap_err());
        assert_eq!(
            (field.field.as_str(), field.message.as_str()),
            ("group_size", "Enter at least 1.")
        );
    }

    #[test]
    fn empty_scenario_costs_nothing() {
        let mut input = base();
        input.toddlers_age2 = 0;
        input.toddlers_age3 = 0;
        input.locations = 0;
        input.interventions = Interventions::default();
        let r = compute(&input);
        assert_eq!(r.total_groups, 0);
        assert_eq!(r.total_cost, 0.0);
        assert_eq!(r.cost_per_child, 0.0);
    }
}

/// Takes the tier shares from the case board's live counts: VE and extra-support children as a
/// share of the toddlers in the scenario, and the split of extra support by level and category
/// where the board has any. Returns false (and changes nothing) when there are no toddlers.
pub fn apply_live_counts(input: &mut ScenarioInput, counts: &crate::cases::TierCounts) -> bool {
    let total = (input.toddlers_age2 + input.toddlers_age3) as f64;
    if total <= 0.0 {
        return false;
    }
    let pct = |n: i64, of: f64| ((n as f64 / of * 100.0) * 2.0).round() / 2.0;
    input.extra_share_pct = pct(counts.extra_support, total).min(100.0);
    input.ve_share_pct = pct(counts.ve_indicated, total).min(100.0 - input.extra_share_pct);
    if counts.extra_support > 0 {
        let of = counts.extra_support as f64;
        let on_group = pct(counts.extra_on_group, of);
        let outside_group = pct(counts.extra_outside_group, of);
        input.extra_levels = LevelShares {
            on_group_pct: on_group,
            outside_group_pct: outside_group,
            outside_regular_pct: 100.0 - on_group - outside_group,
        };
    }
    let categorised = counts.catch_up + counts.fits + counts.not_fitting;
    if categorised > 0 {
        let of = categorised as f64;
        let catch_up = pct(counts.catch_up, of);
        let fits = pct(counts.fits, of);
        input.extra_categories = CategoryShares {
            catch_up_pct: catch_up,
            fits_pct: fits,
            not_fitting_pct: 100.0 - catch_up - fits,
        };
    }
    true
}

#[cfg(test)]
mod live_count_tests {
    use super::*;
    use crate::cases::TierCounts;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn live_counts_become_shares_that_still_validate() {
        let mut input = crate::planner::presets::default_input();
        let counts = TierCounts {
            municipality_id: uuid::Uuid::nil(),
            open_cases: 30,
            ve_indicated: 60,
            extra_support: 12,
            extra_on_group: 6,
            extra_outside_group: 4,
            extra_outside_regular: 2,
            catch_up: 3,
            fits: 6,
            not_fitting: 3,
            as_of: chrono::DateTime::UNIX_EPOCH,
        };
        assert!(apply_live_counts(&mut input, &counts));
        assert_eq!(input.ve_share_pct, 15.0);
        assert_eq!(input.extra_share_pct, 3.0);
        assert_eq!(input.extra_levels.on_group_pct, 50.0);
        assert_eq!(input.extra_categories.fits_pct, 50.0);
        input.validate().unwrap();

        input.toddlers_age2 = 0;
        input.toddlers_age3 = 0;
        assert!(!apply_live_counts(&mut input, &counts));
    }
}

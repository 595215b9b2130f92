//! Starting points from the seed documents. Toddler numbers are round illustrative figures, not
//! municipal statistics; every figure can be changed in the planner.
use super::Text;
use super::scenario::*;

pub struct Preset {
    pub id: &'static str,
    pub name: fn() -> Text,
    pub input: fn() -> ScenarioInput,
}

/// A neutral scenario: 400 toddlers, 20% VE, 3% extra support, four mornings of four hours.
pub fn default_input() -> ScenarioInput {
    use FundingSource::*;
    ScenarioInput {
        toddlers_age2: 200,
        toddlers_age3: 200,
        ve_share_pct: 20.0,
        extra_share_pct: 3.0,
        extra_levels: LevelShares {
            on_group_pct: 50.0,
            outside_group_pct: 35.0,
            outside_regular_pct: 15.0,
        },
        extra_categories: CategoryShares {
            catch_up_pct: 50.0,
            fits_pct: 35.0,
            not_fitting_pct: 15.0,
        },
        opening: Opening {
            hours_per_day: 4.0,
            ve_days_per_week: 4.0,
            basis_days_per_week: 2.0,
            weeks_per_year: 40.0,
        },
        locations: 8,
        group_size: 16,
        interventions: Interventions::default(),
        contract_hours_per_fte: 36.0,
        hourly_costs: HourlyCosts {
            pm: 42.0,
            beleidsmedewerker: 55.0,
            consultant: 75.0,
            coach: 65.0,
        },
        child_costs: ChildCosts {
            outside_group: 3_500.0,
            outside_regular: 30_000.0,
        },
        financing: Financing {
            basis_groups: Own,
            ve_groups: Oab,
            extra_pm: Oab,
            plus_groups: Jeugdwet,
            dreumes: Oab,
            beleid_ve: Oab,
            beleid_general: Own,
            consultant: Jeugdwet,
            kind_coach: Oab,
            coach: Oab,
            outside_group: Zvw,
            outside_regular: Jeugdwet,
        },
    }
}

fn heerlen() -> ScenarioInput {
    let mut i = default_input();
    i.toddlers_age2 = 700;
    i.toddlers_age3 = 700;
    i.locations = 18;
    i.interventions = Interventions {
        smaller_ve_groups: Some(12),
        extra_pm_hours_per_ve_group: 8.0,
        plus_consultant_hours_per_group: 2.0,
        kind_coach: Some(KindCoach {
            fte: 0.5,
            per_groups: 10,
        }),
        ..Interventions::default()
    };
    i
}

fn s_hertogenbosch() -> ScenarioInput {
    let mut i = default_input();
    i.toddlers_age2 = 750;
    i.toddlers_age3 = 750;
    i.locations = 24;
    i.interventions = Interventions {
        plus_group: Some(PlusGroup { size: 8, staff: 2 }),
        // Vliegende Brigade: speech therapist and orthopedagogue observing on location.
        coach_hours_per_location: 1.5,
        dreumes: Some(Dreumes {
            children: 24,
            group_size: 8,
            sessions_per_week: 2.0,
            hours_per_session: 3.0,
        }),
        ..Interventions::default()
    };
    i
}

fn geldrop_mierlo() -> ScenarioInput {
    let mut i = default_input();
    i.toddlers_age2 = 190;
    i.toddlers_age3 = 190;
    i.locations = 9;
    i.interventions = Interventions {
        coach_hours_per_location: 4.0,
        ..Interventions::default()
    };
    i
}

pub const ALL: [Preset; 4] = [
    Preset {
        id: "standaard",
        name: || Text::new("Standaard (400 peuters)", "Standard (400 toddlers)"),
        input: default_input,
    },
    Preset {
        id: "heerlen",
        name: || {
            Text::new(
                "Heerlen: Peuteropvang Plus, kleinere groepen, extra PM, kind-coach",
                "Heerlen: Peuteropvang Plus, smaller groups, extra PM, child coach",
            )
        },
        input: heerlen,
    },
    Preset {
        id: "s-hertogenbosch",
        name: || {
            Text::new(
                "'s-Hertogenbosch: PeuterPlus 8:2, dreumesarrangement, Vliegende Brigade",
                "'s-Hertogenbosch: PeuterPlus 8:2, toddler arrangement, Flying Brigade",
            )
        },
        input: s_hertogenbosch,
    },
    Preset {
        id: "geldrop-mierlo",
        name: || {
            Text::new(
                "Geldrop-Mierlo: externe coach op alle locaties",
                "Geldrop-Mierlo: external coach on all locations",
            )
        },
        input: geldrop_mierlo,
    },
];

pub fn find(id: &str) -> Option<&'static Preset> {
    ALL.iter().find(|p| p.id == id)
}

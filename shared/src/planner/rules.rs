//! Dutch staffing rules as data, each with its source, so a correction is a data change.

/// One row of Bijlage 1: a group whose children's ages span `from..to` years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BkrBand {
    pub from: u8,
    pub to: u8,
    /// Maximum children with 1, 2, 3 … staff. Where the decree gives a range (e.g. "13–15"),
    /// the upper figure is stored and formula Z decides for the specific composition.
    pub max_children: &'static [u32],
    pub note: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BkrRules {
    pub version: &'static str,
    pub source: &'static str,
    pub verified_against_law: bool,
    pub bands: &'static [BkrBand],
    /// Maximum stamgroep size.
    pub group_max: u32,
    /// Maximum for a group of only 0-year-olds.
    pub baby_group_max: u32,
}

impl BkrRules {
    pub fn band(&self, from: u8, to: u8) -> Option<&BkrBand> {
        self.bands.iter().find(|b| b.from == from && b.to == to)
    }
}

/// Besluit kwaliteit kinderopvang, Bijlage 1 (day care), as in the official calculator 1ratio.nl.
pub const BKR_2023: BkrRules = BkrRules {
    version: "BKR dagopvang 2023-01-01",
    source: "Besluit kwaliteit kinderopvang, Bijlage 1 (BWBR0040420); rekentool 1ratio.nl",
    verified_against_law: false,
    group_max: 16,
    baby_group_max: 12,
    bands: &[
        BkrBand {
            from: 0,
            to: 1,
            max_children: &[3, 6, 9, 12],
            note: "",
        },
        BkrBand {
            from: 1,
            to: 2,
            max_children: &[5, 10, 15, 16],
            note: "",
        },
        BkrBand {
            from: 2,
            to: 3,
            max_children: &[8, 16],
            note: "",
        },
        BkrBand {
            from: 3,
            to: 4,
            max_children: &[8, 16],
            note: "",
        },
        BkrBand {
            from: 2,
            to: 4,
            max_children: &[8, 16],
            note: "",
        },
        BkrBand {
            from: 0,
            to: 2,
            max_children: &[4, 8, 14, 16],
            note: "",
        },
        BkrBand {
            from: 0,
            to: 3,
            max_children: &[5, 10, 15, 16],
            note: "3 staff: 13–15 children depending on ages (formula Z)",
        },
        BkrBand {
            from: 0,
            to: 4,
            max_children: &[5, 12, 16, 16],
            note: "3 staff: 14–16 children depending on ages (formula Z)",
        },
        BkrBand {
            from: 1,
            to: 3,
            max_children: &[6, 11, 16],
            note: "",
        },
        BkrBand {
            from: 1,
            to: 4,
            max_children: &[7, 13, 16],
            note: "",
        },
    ],
};

/// Voorschoolse educatie and beleidsmedewerker rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VeRules {
    pub version: &'static str,
    pub source: &'static str,
    /// Hours of VE a child must be offered …
    pub hours_total: f64,
    /// … within this many months (from 2.5 years).
    pub months: f64,
    /// Hours above this per day do not count.
    pub max_counted_hours_per_day: f64,
    pub group_max: u32,
    pub children_per_staff: u32,
    /// Pedagogisch beleidsmedewerker VE: hours per year per VE child.
    pub beleid_hours_per_ve_child: f64,
    /// General pedagogisch beleidsmedewerker (BKK art. 8): hours per year per location …
    pub beleid_hours_per_location: f64,
    /// … plus hours per year per FTE pedagogisch medewerker.
    pub beleid_hours_per_fte: f64,
}

pub const VE_2022: VeRules = VeRules {
    version: "VE 2022-01-01",
    source: "Besluit basisvoorwaarden kwaliteit voorschoolse educatie (BWBR0027961) art. 4 en 5; \
             Besluit kwaliteit kinderopvang art. 8",
    hours_total: 960.0,
    months: 18.0,
    max_counted_hours_per_day: 6.0,
    group_max: 16,
    children_per_staff: 8,
    beleid_hours_per_ve_child: 10.0,
    beleid_hours_per_location: 50.0,
    beleid_hours_per_fte: 10.0,
};

//! Key figures of a scenario, for the result panel, the side-by-side comparison and CSV export.
use super::Text;
use super::scenario::{FundingSource, GroupKind, ScenarioResult, StaffRole};
use crate::numbers::{decimal, thousands};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    Fte,
    Hours,
    Euro,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub key: String,
    pub label: Text,
    pub value: f64,
    pub unit: Unit,
}

impl Figure {
    /// The value as shown in the page's language: whole numbers for counts, hours and euros, two
    /// decimals for FTE.
    pub fn display(&self, english: bool) -> String {
        match self.unit {
            Unit::Fte => decimal(self.value, 2, english),
            Unit::Euro => euro(self.value, english),
            Unit::Count | Unit::Hours => thousands(self.value.round() as i64, english),
        }
    }
}

/// 1234567.4 → "€ 1.234.567" ("€ 1,234,567" in English), the sign and the amount joined by a
/// no-break space (a narrow column never puts the euro sign on a line of its own).
pub fn euro(v: f64, english: bool) -> String {
    format!("€\u{a0}{}", thousands(v.round() as i64, english))
}

/// How a figure of a scenario compares with the same figure of the comparison's first scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Higher,
    Lower,
}

/// Whether a change is plainly better or worse. Only where less is better whatever the plan:
/// the cost, the cost per toddler, unused places and warnings. More toddlers with VE, more groups
/// or more staff are neither: they are the plan, and colouring them would judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Better,
    Worse,
}

/// The figures of which less is better.
const LESS_IS_BETTER: [&str; 4] = ["cost_total", "cost_per_child", "unused_seats", "warnings"];

impl Figure {
    /// This figure against `base` (equal within a millionth, so rounding does not count).
    pub fn change_from(&self, base: &Figure) -> Change {
        let tolerance = 1e-6 * base.value.abs().max(1.0);
        if (self.value - base.value).abs() <= tolerance {
            Change::Same
        } else if self.value > base.value {
            Change::Higher
        } else {
            Change::Lower
        }
    }

    /// Whether `change` of this figure is better or worse; `None` when it is neither.
    pub fn verdict(&self, change: Change) -> Option<Verdict> {
        if !LESS_IS_BETTER.contains(&self.key.as_str()) {
            return None;
        }
        match change {
            Change::Same => None,
            Change::Higher => Some(Verdict::Worse),
            Change::Lower => Some(Verdict::Better),
        }
    }
}

fn fig(key: &str, nl: &str, en: &str, value: f64, unit: Unit) -> Figure {
    Figure {
        key: key.into(),
        label: Text::new(nl, en),
        value,
        unit,
    }
}

pub fn key_figures(r: &ScenarioResult) -> Vec<Figure> {
    let groups = |kind| {
        r.groups
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| f64::from(g.groups))
            .sum()
    };
    let staff = |role| r.staff.iter().find(|s| s.role == role);
    let mut out = vec![
        fig(
            "toddlers",
            "Peuters",
            "Toddlers",
            f64::from(r.children.total),
            Unit::Count,
        ),
        fig(
            "tier_basis",
            "Basis",
            "Basic",
            f64::from(r.children.basis),
            Unit::Count,
        ),
        fig(
            "tier_ve",
            "VE-indicatie",
            "VE indication",
            f64::from(r.children.ve),
            Unit::Count,
        ),
        fig(
            "tier_extra",
            "Extra ondersteuning",
            "Extra support",
            f64::from(r.children.extra),
            Unit::Count,
        ),
        fig(
            "groups",
            "Groepen totaal",
            "Groups in total",
            f64::from(r.total_groups),
            Unit::Count,
        ),
        fig(
            "groups_basis",
            "Basisgroepen",
            "Basic groups",
            groups(GroupKind::Basis),
            Unit::Count,
        ),
        fig(
            "groups_ve",
            "VE-groepen",
            "VE groups",
            groups(GroupKind::Ve),
            Unit::Count,
        ),
        fig(
            "groups_plus",
            "Plusgroepen",
            "Plus groups",
            groups(GroupKind::Plus),
            Unit::Count,
        ),
        fig(
            "groups_dreumes",
            "Dreumesgroepen",
            "Young-toddler groups",
            groups(GroupKind::Dreumes),
            Unit::Count,
        ),
        fig(
            "fte_pm",
            "FTE pedagogisch medewerker",
            "FTE pedagogical staff",
            r.pm_fte,
            Unit::Fte,
        ),
        fig(
            "fte_total",
            "FTE totaal",
            "FTE in total",
            r.total_fte(),
            Unit::Fte,
        ),
        fig(
            "beleid_hours",
            "Uren beleidsmedewerker per jaar",
            "Policy officer hours a year",
            staff(StaffRole::Beleidsmedewerker).map_or(0.0, |s| s.hours_per_year),
            Unit::Hours,
        ),
        fig(
            "unused_seats",
            "Lege plaatsen",
            "Unused places",
            f64::from(r.unused_seats),
            Unit::Count,
        ),
        fig(
            "cost_total",
            "Kosten per jaar",
            "Cost a year",
            r.total_cost,
            Unit::Euro,
        ),
        fig(
            "cost_per_child",
            "Kosten per peuter",
            "Cost per toddler",
            r.cost_per_child,
            Unit::Euro,
        ),
    ];
    for source in FundingSource::ALL {
        let amount = r
            .cost_by_source
            .iter()
            .find(|(s, _)| *s == source)
            .map_or(0.0, |(_, a)| *a);
        let label = source.label();
        out.push(Figure {
            key: format!("cost_{}", label.to_lowercase().replace(' ', "_")),
            label: if source == FundingSource::Own {
                Text::new("Betaald uit eigen budget", "Paid from own budget")
            } else {
                Text::new(format!("Betaald uit {label}"), format!("Paid from {label}"))
            },
            value: amount,
            unit: Unit::Euro,
        });
    }
    out.push(fig(
        "ve_hours",
        "VE-uren in 18 maanden",
        "VE hours in 18 months",
        r.ve.hours_over_18_months,
        Unit::Hours,
    ));
    out.push(fig(
        "warnings",
        "Waarschuwingen",
        "Warnings",
        r.warnings.len() as f64,
        Unit::Count,
    ));
    out
}

/// One row per figure, one column per scenario; `;`-separated with a decimal point.
pub fn to_csv(names: &[String], results: &[ScenarioResult], english: bool) -> String {
    let mut out = String::new();
    let header: Vec<String> =
        std::iter::once(if english { "Figure" } else { "Kengetal" }.to_owned())
            .chain(names.iter().map(|n| crate::csv::cell(n)))
            .collect();
    out.push_str(&header.join(";"));
    out.push('\n');
    let columns: Vec<Vec<Figure>> = results.iter().map(key_figures).collect();
    if let Some(first) = columns.first() {
        for (row, figure) in first.iter().enumerate() {
            let label = if english {
                &figure.label.en
            } else {
                &figure.label.nl
            };
            let mut cells = vec![crate::csv::cell(label)];
            for column in &columns {
                let v = column[row].value;
                cells.push(if column[row].unit == Unit::Fte {
                    decimal(v, 2, english)
                } else {
                    format!("{v:.0}")
                });
            }
            out.push_str(&cells.join(";"));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::{presets, scenario};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn changes_are_judged_only_where_less_is_plainly_better() {
        let at = |key: &str, value: f64| fig(key, "", "", value, Unit::Count);
        assert_eq!(
            at("groups", 10.0).change_from(&at("groups", 10.0)),
            Change::Same
        );
        assert_eq!(
            at("groups", 12.0).change_from(&at("groups", 10.0)),
            Change::Higher
        );
        assert_eq!(
            at("groups", 8.0).change_from(&at("groups", 10.0)),
            Change::Lower
        );
        let million = at("cost_total", 1_000_000.0);
        let change = at("cost_total", 1_000_000.000_1).change_from(&million);
        assert_eq!(change, Change::Same, "rounding is no change");

        for key in ["cost_total", "cost_per_child", "unused_seats", "warnings"] {
            let f = at(key, 1.0);
            assert_eq!(f.verdict(Change::Higher), Some(Verdict::Worse), "{key}");
            assert_eq!(f.verdict(Change::Lower), Some(Verdict::Better), "{key}");
            assert_eq!(f.verdict(Change::Same), None, "{key}");
        }
        // Every other key figure of a scenario: a change is the plan, not better or worse.
        let result = scenario::compute(&presets::default_input());
        for f in key_figures(&result) {
            if !LESS_IS_BETTER.contains(&f.key.as_str()) {
                assert_eq!(f.verdict(Change::Higher), None, "{}", f.key);
                assert_eq!(f.verdict(Change::Lower), None, "{}", f.key);
            }
        }
        // The four are key figures under these names.
        let keys: Vec<String> = key_figures(&result).into_iter().map(|f| f.key).collect();
        for key in LESS_IS_BETTER {
            assert!(keys.iter().any(|k| k == key), "{key}");
        }
    }

    #[test]
    fn euros_keep_their_sign_on_the_amounts_line() {
        assert_eq!(euro(1_013_482.4, false), "€\u{a0}1.013.482");
        assert_eq!(euro(1_013_482.4, true), "€\u{a0}1,013,482");
        assert_eq!(euro(-0.4, false), "€\u{a0}0");
        let fte = fig("fte", "", "", 1.25, Unit::Fte);
        assert_eq!(
            (fte.display(false), fte.display(true)),
            ("1,25".into(), "1.25".into())
        );
    }

    #[test]
    fn csv_has_a_column_per_scenario_and_a_row_per_figure() {
        let a = scenario::compute(&presets::default_input());
        let b = scenario::compute(&(presets::ALL[1].input)());
        let csv = to_csv(
            &["Basis".into(), "Heerlen; plus".into()],
            &[a.clone(), b],
            false,
        );
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "Kengetal;Basis;\"Heerlen; plus\"");
        assert_eq!(lines.len(), 1 + key_figures(&a).len());
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("Kosten per jaar;{:.0};", a.total_cost)))
        );
    }

    #[test]
    fn source_figures_add_up_to_the_total() {
        let r = scenario::compute(&(presets::ALL[2].input)());
        let figures = key_figures(&r);
        let by_source: f64 = figures
            .iter()
            .filter(|f| {
                f.key.starts_with("cost_") && f.key != "cost_total" && f.key != "cost_per_child"
            })
            .map(|f| f.value)
            .sum();
        assert!((by_source - r.total_cost).abs() < 1e-6);
        // Named as a sentence says them: "eigen budget", the laws by their names.
        let own = figures
            .iter()
            .find(|f| f.key == "cost_eigen_budget")
            .unwrap();
        assert_eq!(own.label.nl, "Betaald uit eigen budget");
        assert_eq!(own.label.en, "Paid from own budget");
        let oab = figures.iter().find(|f| f.key == "cost_oab").unwrap();
        assert_eq!(
            (oab.label.nl.as_str(), oab.label.en.as_str()),
            ("Betaald uit OAB", "Paid from OAB")
        );
    }
}

//! Beroepskracht-kindratio (BKR) for day care: required staff for a group of children by age.
use super::Text;
use super::rules::{BKR_2023, BkrRules};
use crate::numbers::quantity;
use serde::{Deserialize, Serialize};

/// Children in one group by age in whole years (0, 1, 2, 3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgeCounts {
    #[serde(default)]
    pub age0: u32,
    #[serde(default)]
    pub age1: u32,
    #[serde(default)]
    pub age2: u32,
    #[serde(default)]
    pub age3: u32,
}

impl AgeCounts {
    pub const fn new(age0: u32, age1: u32, age2: u32, age3: u32) -> Self {
        Self {
            age0,
            age1,
            age2,
            age3,
        }
    }

    pub fn as_array(&self) -> [u32; 4] {
        [self.age0, self.age1, self.age2, self.age3]
    }

    fn from_array(a: [u32; 4]) -> Self {
        Self::new(a[0], a[1], a[2], a[3])
    }

    pub fn total(&self) -> u32 {
        self.as_array().iter().sum()
    }

    /// The age band the group falls in: youngest age present to oldest age present + 1.
    pub fn band(&self) -> Option<(u8, u8)> {
        let a = self.as_array();
        let from = a.iter().position(|&n| n > 0)?;
        let to = a.iter().rposition(|&n| n > 0)? + 1;
        Some((from as u8, to as u8))
    }
}

/// `POST /api/planner/bkr`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BkrRequest {
    pub children: AgeCounts,
}

/// Which rule produced the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BkrRule {
    /// e.g. "0–4"
    pub band: String,
    /// Staff the table of Bijlage 1 asks for.
    pub table_staff: Option<u32>,
    /// Formula Z (only with 0-year-olds present).
    pub formula_z: Option<u32>,
    /// Highest requirement of any smaller group inside this one (never fewer when a child is added).
    pub never_fewer: u32,
    pub group_max: u32,
    pub version: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BkrOutcome {
    pub children: u32,
    pub required_staff: u32,
    pub feasible: bool,
    pub rule: BkrRule,
    pub explanation: Vec<Text>,
}

/// Formula Z: n0/3 + (n1/5 + n2/6 + n3/8) / 1.2, rounded up. Exact in integers (× 720).
pub fn formula_z(c: &AgeCounts) -> u32 {
    let weighted = 240 * c.age0 + 120 * c.age1 + 100 * c.age2 + 75 * c.age3;
    weighted.div_ceil(720)
}

/// (table staff, formula Z) for exactly this composition; `None` when no staff count is allowed.
fn raw(rules: &BkrRules, c: &AgeCounts) -> Option<(u32, Option<u32>)> {
    let n = c.total();
    let (from, to) = c.band()?;
    let only_babies = (from, to) == (0, 1);
    if n > if only_babies {
        rules.baby_group_max
    } else {
        rules.group_max
    } {
        return None;
    }
    let band = rules.band(from, to)?;
    let table = band.max_children.iter().position(|&max| n <= max)? as u32 + 1;
    let z = (c.age0 > 0).then(|| formula_z(c));
    Some((table, z))
}

fn raw_required(rules: &BkrRules, c: &AgeCounts) -> Option<u32> {
    raw(rules, c).map(|(table, z)| table.max(z.unwrap_or(0)))
}

/// The highest requirement of any feasible smaller group contained in `c` (each age ≤ c's).
fn never_fewer(rules: &BkrRules, c: &AgeCounts) -> u32 {
    let a = c.as_array();
    let mut best = 0;
    for n0 in 0..=a[0] {
        for n1 in 0..=a[1] {
            for n2 in 0..=a[2] {
                for n3 in 0..=a[3] {
                    let sub = [n0, n1, n2, n3];
                    if sub != a
                        && let Some(r) = raw_required(rules, &AgeCounts::from_array(sub))
                    {
                        best = best.max(r);
                    }
                }
            }
        }
    }
    best
}

/// Required staff for a group under the current rules.
pub fn required_staff(children: &AgeCounts) -> BkrOutcome {
    compute(&BKR_2023, children)
}

pub fn compute(rules: &BkrRules, c: &AgeCounts) -> BkrOutcome {
    let n = c.total();
    let band = c.band();
    let band_label = band
        .map(|(f, t)| format!("{f}–{t}"))
        .unwrap_or_else(|| "–".into());
    let mut rule = BkrRule {
        band: band_label.clone(),
        table_staff: None,
        formula_z: None,
        never_fewer: 0,
        group_max: if band == Some((0, 1)) {
            rules.baby_group_max
        } else {
            rules.group_max
        },
        version: rules.version.into(),
        source: rules.source.into(),
    };
    let mut explanation = Vec::new();
    if n == 0 {
        explanation.push(Text::new(
            "Geen kinderen: geen medewerkers nodig.",
            "No children: no staff needed.",
        ));
        return BkrOutcome {
            children: 0,
            required_staff: 0,
            feasible: true,
            rule,
            explanation,
        };
    }
    let Some((table, z)) = raw(rules, c) else {
        explanation.push(Text::new(
            format!(
                "Niet toegestaan: {n} kinderen is meer dan het maximum van {} voor een groep van {band_label} jaar.",
                rule.group_max
            ),
            format!("Not allowed: {n} children exceeds the maximum of {} for a group aged {band_label}.", rule.group_max),
        ));
        return BkrOutcome {
            children: n,
            required_staff: 0,
            feasible: false,
            rule,
            explanation,
        };
    };
    rule.table_staff = Some(table);
    rule.formula_z = z;
    rule.never_fewer = never_fewer(rules, c);
    explanation.push(Text::new(
        format!(
            "Leeftijdsgroep {band_label} jaar: de tabel (Bijlage 1) vraagt {} voor {}.",
            quantity(table, "medewerker", "medewerkers", false),
            quantity(n, "kind", "kinderen", false)
        ),
        format!(
            "Age band {band_label}: the table (Annex 1) requires {table} staff for {n} children."
        ),
    ));
    if let Some(z) = z {
        explanation.push(Text::new(
            format!(
                "Met baby's telt ook formule Z = {}/3 + ({}/5 + {}/6 + {}/8) / 1,2 = {z} (naar boven afgerond).",
                c.age0, c.age1, c.age2, c.age3
            ),
            format!(
                "With babies, formula Z also applies: {}/3 + ({}/5 + {}/6 + {}/8) / 1.2 = {z} (rounded up).",
                c.age0, c.age1, c.age2, c.age3
            ),
        ));
    }
    let base = table.max(z.unwrap_or(0));
    let required = base.max(rule.never_fewer);
    if rule.never_fewer > base {
        explanation.push(Text::new(
            format!(
                "Een kind erbij mag nooit minder medewerkers opleveren: een kleinere groep hierbinnen vraagt al {}.",
                rule.never_fewer
            ),
            format!(
                "Adding a child may never lower the staff needed: a smaller group within this one already needs {}.",
                rule.never_fewer
            ),
        ));
    }
    explanation.push(Text::new(
        format!(
            "Nodig: {}.",
            quantity(
                required,
                "pedagogisch medewerker",
                "pedagogisch medewerkers",
                false
            )
        ),
        format!("Required: {required} pedagogical staff."),
    ));
    BkrOutcome {
        children: n,
        required_staff: required,
        feasible: true,
        rule,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// (age0, age1, age2, age3) → required staff, or None when the group is not allowed.
    /// Worked out by hand from the table and formula Z in DOMAIN.md §5.
    const CASES: &[([u32; 4], Option<u32>)] = &[
        ([0, 0, 0, 0], Some(0)),
        // 0–1 only babies: 3/6/9/12, group max 12
        ([3, 0, 0, 0], Some(1)),
        ([4, 0, 0, 0], Some(2)),
        ([6, 0, 0, 0], Some(2)),
        ([7, 0, 0, 0], Some(3)),
        ([12, 0, 0, 0], Some(4)),
        ([13, 0, 0, 0], None),
        // 1–2: 5/10/15/16
        ([0, 5, 0, 0], Some(1)),
        ([0, 6, 0, 0], Some(2)),
        ([0, 10, 0, 0], Some(2)),
        ([0, 11, 0, 0], Some(3)),
        ([0, 15, 0, 0], Some(3)),
        ([0, 16, 0, 0], Some(4)),
        ([0, 17, 0, 0], None),
        // 2–3 and 3–4: 8/16
        ([0, 0, 8, 0], Some(1)),
        ([0, 0, 9, 0], Some(2)),
        ([0, 0, 16, 0], Some(2)),
        ([0, 0, 17, 0], None),
        ([0, 0, 0, 8], Some(1)),
        ([0, 0, 0, 16], Some(2)),
        // 2–4: 8/16
        ([0, 0, 4, 4], Some(1)),
        ([0, 0, 5, 4], Some(2)),
        ([0, 0, 8, 8], Some(2)),
        ([0, 0, 9, 8], None),
        // 0–2: 4/8/14/16 and Z
        ([2, 2, 0, 0], Some(1)),
        ([2, 3, 0, 0], Some(2)),
        ([4, 4, 0, 0], Some(2)),
        ([4, 5, 0, 0], Some(3)),
        ([6, 8, 0, 0], Some(4)),
        ([12, 1, 0, 0], Some(5)),
        // 0–3: 5/10/13–15/16 and Z
        ([1, 2, 2, 0], Some(1)),
        ([2, 4, 4, 0], Some(2)),
        ([3, 4, 6, 0], Some(3)),
        ([5, 4, 6, 0], Some(4)),
        ([2, 0, 3, 0], Some(2)),
        // 0–4: 5/12/14–16/16 and Z
        ([1, 1, 1, 1], Some(1)),
        ([1, 2, 4, 5], Some(2)),
        ([1, 2, 4, 6], Some(3)),
        ([2, 2, 6, 6], Some(3)),
        ([4, 4, 4, 4], Some(3)),
        ([5, 4, 4, 3], Some(4)),
        ([1, 0, 0, 15], Some(3)),
        ([1, 0, 0, 16], None),
        // 1–3: 6/11/16
        ([0, 3, 3, 0], Some(1)),
        ([0, 3, 4, 0], Some(2)),
        ([0, 6, 5, 0], Some(2)),
        ([0, 6, 6, 0], Some(3)),
        // 1–4: 7/13/16
        ([0, 1, 3, 3], Some(1)),
        ([0, 1, 3, 4], Some(2)),
        ([0, 2, 5, 6], Some(2)),
        ([0, 2, 6, 6], Some(3)),
        ([0, 1, 0, 15], Some(3)),
        // never fewer: adding a 3-year-old to six 1-year-olds may not drop to 1 staff
        ([0, 6, 0, 0], Some(2)),
        ([0, 6, 0, 1], Some(2)),
        ([0, 11, 0, 2], Some(3)),
        ([0, 10, 0, 3], Some(2)),
    ];

    #[test]
    fn worked_cases_for_every_band() {
        assert!(CASES.len() >= 40);
        for &(a, expected) in CASES {
            let out = required_staff(&AgeCounts::from_array(a));
            match expected {
                Some(staff) => {
                    assert!(out.feasible, "{a:?} should be feasible");
                    assert_eq!(out.required_staff, staff, "{a:?}: {:?}", out.explanation);
                }
                None => assert!(!out.feasible, "{a:?} should not be feasible"),
            }
        }
    }

    #[test]
    fn every_band_of_the_table_is_covered() {
        let covered: std::collections::HashSet<(u8, u8)> = CASES
            .iter()
            .filter_map(|(a, _)| AgeCounts::from_array(*a).band())
            .collect();
        for band in BKR_2023.bands {
            assert!(
                covered.contains(&(band.from, band.to)),
                "band {}–{}",
                band.from,
                band.to
            );
        }
    }

    fn all_compositions(max_total: u32) -> impl Iterator<Item = AgeCounts> {
        (0..=max_total).flat_map(move |a0| {
            (0..=max_total - a0).flat_map(move |a1| {
                (0..=max_total - a0 - a1).flat_map(move |a2| {
                    (0..=max_total - a0 - a1 - a2).map(move |a3| AgeCounts::new(a0, a1, a2, a3))
                })
            })
        })
    }

    #[test]
    fn adding_a_child_never_lowers_the_requirement() {
        let mut checked = 0;
        for c in all_compositions(15) {
            let before = required_staff(&c);
            if !before.feasible {
                continue;
            }
            let a = c.as_array();
            for age in 0..4 {
                let mut more = a;
                more[age] += 1;
                let after = required_staff(&AgeCounts::from_array(more));
                if after.feasible {
                    checked += 1;
                    assert!(
                        after.required_staff >= before.required_staff,
                        "{a:?} needs {} but {more:?} only {}",
                        before.required_staff,
                        after.required_staff
                    );
                }
            }
        }
        assert!(
            checked > 10_000,
            "property checked over all compositions up to 16 ({checked})"
        );
    }

    #[test]
    fn the_answer_always_satisfies_table_and_formula_z() {
        for c in all_compositions(16) {
            let out = required_staff(&c);
            if out.feasible && c.total() > 0 {
                assert!(out.required_staff >= out.rule.table_staff.unwrap());
                assert!(out.required_staff >= out.rule.formula_z.unwrap_or(0));
                assert!(out.required_staff >= 1);
            }
        }
    }

    #[test]
    fn formula_z_is_exact() {
        assert_eq!(formula_z(&AgeCounts::new(3, 0, 0, 0)), 1);
        assert_eq!(formula_z(&AgeCounts::new(0, 6, 0, 0)), 1); // 6/5/1.2 = 1.0 exactly
        assert_eq!(formula_z(&AgeCounts::new(0, 7, 0, 0)), 2);
        assert_eq!(formula_z(&AgeCounts::new(0, 0, 0, 48)), 5); // 48/8/1.2 = 5.0 exactly
    }

    #[test]
    fn explanations_name_the_band_and_rules_in_both_languages() {
        let out = required_staff(&AgeCounts::new(5, 4, 4, 3));
        assert_eq!(out.rule.band, "0–4");
        assert_eq!(out.rule.table_staff, Some(3));
        assert_eq!(out.rule.formula_z, Some(4));
        assert!(
            out.explanation
                .iter()
                .any(|t| t.nl.contains("formule Z") && t.en.contains("formula Z"))
        );
        let out = required_staff(&AgeCounts::new(0, 6, 0, 1));
        assert_eq!(out.rule.never_fewer, 2);
        assert!(out.explanation.iter().any(|t| t.en.contains("never lower")));
        let out = required_staff(&AgeCounts::new(13, 0, 0, 0));
        assert!(out.explanation[0].en.contains("maximum of 12"));
    }
}

//! "Welke hulp past bij mijn kind?": a parent answers a few plain questions; each candidate
//! service gets the reasons it fits, and the best fits come first. Nothing is stored.
use super::ServiceCard;
use serde::{Deserialize, Serialize};

/// The parent's answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub age_months: Option<u32>,
    /// Need codes the parent worries about.
    pub needs: Vec<String>,
    /// The language spoken at home (ISO code), if not Dutch.
    pub language: Option<String>,
}

/// Why a service fits, in terms the page puts into words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Reason {
    /// The child's age is within the service's range.
    Age,
    /// The service helps with this worry (need code).
    Need(String),
    /// Given in the family's language.
    Language(String),
    /// Kilometres from the family's postcode.
    Near(f64),
    NoReferral,
    /// Short or no waiting list (weeks).
    ShortWait(i32),
}

/// How well `card` fits the answers, and why. Higher is better.
pub fn fit(card: &ServiceCard, answers: &Answers) -> (u32, Vec<Reason>) {
    let mut score = 0;
    let mut reasons = Vec::new();
    if let Some(age) = answers.age_months.map(|a| a as i32)
        && card.minimum_age.unwrap_or(0) <= age
        && card.maximum_age.is_none_or(|max| age <= max)
    {
        reasons.push(Reason::Age);
        score += 1;
    }
    for need in answers.needs.iter().filter(|n| card.needs.contains(n)) {
        reasons.push(Reason::Need(need.clone()));
        score += 3;
    }
    if let Some(language) = &answers.language
        && card.languages.contains(language)
    {
        reasons.push(Reason::Language(language.clone()));
        score += 2;
    }
    if let Some(km) = card.distance_km {
        reasons.push(Reason::Near(km));
        score += match km {
            d if d <= 3.0 => 2,
            d if d <= 10.0 => 1,
            _ => 0,
        };
    }
    if card.no_referral_needed() {
        reasons.push(Reason::NoReferral);
        score += 2;
    }
    if let Some(weeks) = card.wait_weeks.filter(|w| *w <= 2) {
        reasons.push(Reason::ShortWait(weeks));
        score += 1;
    }
    (score, reasons)
}

/// The `limit` best fits, best first (nearest first among equals).
pub fn shortlist(
    cards: Vec<ServiceCard>,
    answers: &Answers,
    limit: usize,
) -> Vec<(ServiceCard, Vec<Reason>)> {
    let mut scored: Vec<(u32, ServiceCard, Vec<Reason>)> = cards
        .into_iter()
        .map(|card| {
            let (score, reasons) = fit(&card, answers);
            (score, card, reasons)
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0).then_with(|| {
            let d = |c: &ServiceCard| c.distance_km.unwrap_or(f64::MAX);
            d(&a.1).total_cmp(&d(&b.1))
        })
    });
    scored
        .into_iter()
        .take(limit)
        .map(|(_, card, reasons)| (card, reasons))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn card(name: &str, needs: &[&str], referral: &[&str], km: f64) -> ServiceCard {
        ServiceCard {
            id: uuid::Uuid::nil(),
            name: name.into(),
            organisation: "Org".into(),
            description: String::new(),
            minimum_age: Some(18),
            maximum_age: Some(48),
            financing: vec![],
            referral: referral.iter().map(|s| s.to_string()).collect(),
            support_level: "basis".into(),
            languages: vec!["nl".into(), "ar".into()],
            wait_weeks: Some(6),
            needs: needs.iter().map(|s| s.to_string()).collect(),
            service_types: vec![],
            distance_km: Some(km),
            open_now: false,
            assured_date: None,
            stale: false,
            places: vec![],
        }
    }

    #[test]
    fn matching_worries_count_most_then_access_and_distance() {
        let answers = Answers {
            age_months: Some(30),
            needs: vec!["spraak-taal".into()],
            language: Some("ar".into()),
        };
        let speech = card("Logopedie", &["spraak-taal"], &["self"], 4.0);
        let (score, reasons) = fit(&speech, &answers);
        assert_eq!(score, 1 + 3 + 2 + 1 + 2);
        assert_eq!(
            reasons,
            vec![
                Reason::Age,
                Reason::Need("spraak-taal".into()),
                Reason::Language("ar".into()),
                Reason::Near(4.0),
                Reason::NoReferral
            ]
        );
        let list = shortlist(
            vec![
                card("Ver weg", &["gedrag"], &[], 30.0),
                speech,
                card("Dichtbij", &["gedrag"], &[], 1.0),
            ],
            &answers,
            2,
        );
        let names: Vec<&str> = list.iter().map(|(c, _)| c.name.as_str()).collect();
        assert_eq!(names, vec!["Logopedie", "Dichtbij"]);
    }

    #[test]
    fn an_age_outside_the_range_is_no_reason() {
        let answers = Answers {
            age_months: Some(60),
            ..Answers::default()
        };
        let (_, reasons) = fit(&card("x", &[], &[], 50.0), &answers);
        assert!(!reasons.contains(&Reason::Age));
    }
}

//! Board filters and swimlanes, kept in the URL so a view can be shared and bookmarked.
use chrono::NaiveDate;
use shared::cases::CaseCard;
use shared::url::encode;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lanes {
    #[default]
    None,
    Location,
    Organisation,
    Mentor,
}

impl Lanes {
    pub fn key(self) -> &'static str {
        match self {
            Lanes::None => "",
            Lanes::Location => "locatie",
            Lanes::Organisation => "organisatie",
            Lanes::Mentor => "mentor",
        }
    }

    fn parse(s: &str) -> Lanes {
        match s {
            "locatie" => Lanes::Location,
            "organisatie" => Lanes::Organisation,
            "mentor" => Lanes::Mentor,
            _ => Lanes::None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoardFilter {
    pub q: String,
    pub location: String,
    pub mentor: String,
    pub concern: String,
    pub overdue: bool,
    pub mine: bool,
    pub min_days: Option<i64>,
    pub lanes: Lanes,
}

impl BoardFilter {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |k: &str| get(k).unwrap_or_default();
        Self {
            q: text("q"),
            location: text("locatie"),
            mentor: text("mentor"),
            concern: text("zorg"),
            overdue: get("achter").is_some_and(|v| v == "1"),
            mine: get("mijn").is_some_and(|v| v == "1"),
            min_days: get("dagen")
                .and_then(|v| v.parse().ok())
                .filter(|d: &i64| *d > 0),
            lanes: Lanes::parse(&text("banen")),
        }
    }

    /// `/bord?…` for this filter (empty values left out).
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("q", &self.q),
            ("locatie", &self.location),
            ("mentor", &self.mentor),
            ("zorg", &self.concern),
        ] {
            if !value.is_empty() {
                parts.push(format!("{key}={}", encode(value)));
            }
        }
        if self.overdue {
            parts.push("achter=1".into());
        }
        if self.mine {
            parts.push("mijn=1".into());
        }
        if let Some(d) = self.min_days {
            parts.push(format!("dagen={d}"));
        }
        if self.lanes != Lanes::None {
            parts.push(format!("banen={}", self.lanes.key()));
        }
        if parts.is_empty() {
            "/bord".into()
        } else {
            format!("/bord?{}", parts.join("&"))
        }
    }

    /// How many filters narrow the board (the swimlanes only group it).
    pub fn in_use(&self) -> usize {
        [
            !self.q.trim().is_empty(),
            !self.location.is_empty(),
            !self.mentor.is_empty(),
            !self.concern.is_empty(),
            self.overdue,
            self.mine,
            self.min_days.is_some(),
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
    }

    /// This filter with the control `id` of the filter bar (`board_html::filter_bar`) changed
    /// to `value` (a text or a choice) or `checked` (a check box); `None` for another element.
    pub fn with_field(&self, id: &str, value: &str, checked: bool) -> Option<Self> {
        let mut next = self.clone();
        match id {
            "f-q" => next.q = value.to_owned(),
            "f-location" => next.location = value.to_owned(),
            "f-mentor" => next.mentor = value.to_owned(),
            "f-concern" => next.concern = value.to_owned(),
            "f-days" => next.min_days = value.parse().ok().filter(|d: &i64| *d > 0),
            "f-overdue" => next.overdue = checked,
            "f-mine" => next.mine = checked,
            "f-lanes" => next.lanes = Lanes::parse(value),
            _ => return None,
        }
        Some(next)
    }

    pub fn matches(&self, card: &CaseCard, today: NaiveDate, me: Uuid) -> bool {
        let q = self.q.trim().to_lowercase();
        let text_ok = q.is_empty()
            || card.child.to_lowercase().contains(&q)
            || card
                .location
                .as_deref()
                .is_some_and(|l| l.to_lowercase().contains(&q))
            || card.concerns.iter().any(|c| c.contains(&q));
        let days = (today - shared::time::dutch_date(card.stage_entered_at)).num_days();
        text_ok
            && (self.location.is_empty()
                || card.location.as_deref() == Some(self.location.as_str()))
            && (self.mentor.is_empty() || card.mentor.as_deref() == Some(self.mentor.as_str()))
            && (self.concern.is_empty() || card.concerns.contains(&self.concern))
            && (!self.overdue || super::evaluation_overdue(card, today))
            && (!self.mine || card.team.iter().any(|m| m.user_id == me))
            // A wait in the stage: a child who has left (an outcome) waits no more.
            && self.min_days.is_none_or(|min| card.outcome.is_none() && days > min)
    }

    /// The swimlane a card belongs to.
    pub fn lane<'c>(&self, card: &'c CaseCard) -> &'c str {
        match self.lanes {
            Lanes::None => "",
            Lanes::Location => card.location.as_deref().unwrap_or("–"),
            Lanes::Organisation => &card.organisation,
            Lanes::Mentor => card.mentor.as_deref().unwrap_or("–"),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The filter bar's controls, by id: the filters first, then the swimlanes.
    pub(in crate::pages::cases) const CONTROLS: [&str; 8] = [
        "f-q",
        "f-location",
        "f-mentor",
        "f-concern",
        "f-days",
        "f-overdue",
        "f-mine",
        "f-lanes",
    ];
    use chrono::Utc;
    use std::collections::HashMap;

    fn card() -> CaseCard {
        CaseCard {
            id: Uuid::nil(),
            child: "Noor J.".into(),
            birth_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            stage_id: Uuid::nil(),
            stage_entered_at: Utc::now() - chrono::Duration::days(40),
            first_signal_at: Utc::now(),
            next_evaluation_on: Some(
                shared::time::dutch_date(Utc::now()) - chrono::Duration::days(1),
            ),
            consent_valid: true,
            concerns: vec!["spraak_taal".into()],
            location: Some("Korein Geldrop Zuid".into()),
            organisation: "Korein".into(),
            mentor: Some("Sanne de Vries".into()),
            ve_indication: true,
            support_level: None,
            need_category: None,
            outcome: None,
            version: 1,
            team: vec![shared::cases::TeamBadge {
                user_id: Uuid::from_u128(5),
                initials: "SV".into(),
            }],
        }
    }

    #[test]
    fn round_trips_through_the_url() {
        let f = BoardFilter {
            q: "noor j".into(),
            location: "Korein Geldrop Zuid".into(),
            overdue: true,
            min_days: Some(30),
            lanes: Lanes::Mentor,
            ..Default::default()
        };
        let href = f.href();
        assert_eq!(
            href,
            "/bord?q=noor%20j&locatie=Korein%20Geldrop%20Zuid&achter=1&dagen=30&banen=mentor"
        );
        let query: HashMap<String, String> = href[6..]
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.replace("%20", " ")))
            .collect();
        assert_eq!(BoardFilter::from_query(|k| query.get(k).cloned()), f);
        assert_eq!(BoardFilter::default().href(), "/bord");
    }

    #[test]
    fn every_swimlane_choice_survives_the_url_and_groups_cards() {
        for lanes in [
            Lanes::None,
            Lanes::Location,
            Lanes::Organisation,
            Lanes::Mentor,
        ] {
            assert_eq!(Lanes::parse(lanes.key()), lanes);
        }
        let card = card();
        let by = |lanes| {
            BoardFilter {
                lanes,
                ..Default::default()
            }
            .lane(&card)
        };
        assert_eq!(by(Lanes::Organisation), "Korein");
        assert_eq!(by(Lanes::None), "");
    }

    #[test]
    fn each_control_of_the_filter_bar_changes_its_own_field() {
        let f = BoardFilter::default();
        let set = |id, value, checked| f.with_field(id, value, checked).unwrap();
        assert_eq!(set("f-q", "noor", false).q, "noor");
        assert_eq!(set("f-location", "Korein", false).location, "Korein");
        assert_eq!(set("f-mentor", "Sanne", false).mentor, "Sanne");
        assert_eq!(set("f-concern", "gedrag", false).concern, "gedrag");
        assert_eq!(set("f-days", "30", false).min_days, Some(30));
        assert_eq!(set("f-days", "0", false).min_days, None);
        assert_eq!(set("f-days", "x", false).min_days, None);
        assert!(set("f-overdue", "on", true).overdue);
        assert!(set("f-mine", "on", true).mine);
        assert_eq!(
            set("f-lanes", "organisatie", false).lanes,
            Lanes::Organisation
        );
        assert_eq!(set("f-lanes", "", false).lanes, Lanes::None);
        // Only the control's own field changes.
        let other = BoardFilter {
            q: "noor".into(),
            ..Default::default()
        };
        assert_eq!(other.with_field("f-mine", "on", true).unwrap().q, "noor");
        assert_eq!(f.with_field("move-open-1", "", false), None);
        assert_eq!(f.in_use(), 0);
        assert_eq!(
            set("f-lanes", "mentor", false).in_use(),
            0,
            "lanes group, not filter"
        );
        let all = CONTROLS[..7]
            .iter()
            .fold(f.clone(), |f, id| f.with_field(id, "3", true).unwrap());
        assert_eq!(all.in_use(), 7);
    }

    #[test]
    fn every_filter_narrows() {
        let today = shared::time::dutch_date(Utc::now());
        let c = card();
        let me = Uuid::from_u128(5);
        assert!(BoardFilter::default().matches(&c, today, me));
        let yes = [
            BoardFilter {
                q: "NOOR".into(),
                ..Default::default()
            },
            BoardFilter {
                concern: "spraak_taal".into(),
                ..Default::default()
            },
            BoardFilter {
                overdue: true,
                mine: true,
                min_days: Some(30),
                ..Default::default()
            },
            BoardFilter {
                mentor: "Sanne de Vries".into(),
                location: "Korein Geldrop Zuid".into(),
                ..Default::default()
            },
        ];
        for f in yes {
            assert!(f.matches(&c, today, me), "{f:?}");
        }
        let no = [
            BoardFilter {
                q: "daan".into(),
                ..Default::default()
            },
            BoardFilter {
                concern: "gedrag".into(),
                ..Default::default()
            },
            BoardFilter {
                min_days: Some(60),
                ..Default::default()
            },
            BoardFilter {
                mine: true,
                ..Default::default()
            },
        ];
        for f in no {
            let who = if f.mine { Uuid::from_u128(6) } else { me };
            assert!(!f.matches(&c, today, who), "{f:?}");
        }
        // A child who has left waits no more: not overdue, not long in a stage.
        let left = CaseCard {
            outcome: Some(shared::cases::Outcome::RegularGroup),
            ..card()
        };
        for f in [
            BoardFilter {
                overdue: true,
                ..Default::default()
            },
            BoardFilter {
                min_days: Some(30),
                ..Default::default()
            },
        ] {
            assert!(!f.matches(&left, today, me), "{f:?}");
        }
    }
}

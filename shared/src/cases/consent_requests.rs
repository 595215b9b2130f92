//! Asking parents for their consent by mail: the team names the organisations and the term, the
//! parent reads in plain words what that means on a page behind a one-time link (`/toestemming`)
//! and gives or refuses it there. A consent given so is recorded as given digitally, by the name
//! the parent typed.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How long a mailed link can be answered.
pub const DAYS_TO_ANSWER: i64 = 14;

/// A parent who has not answered this many days after the question is reminded once (while a
/// day or more is left to answer).
pub const REMIND_AFTER_DAYS: i64 = 10;

/// `POST /api/cases/{id}/consent-requests`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewConsentRequest {
    /// The parent or guardian asked (the mail's greeting).
    pub guardian_name: String,
    pub email: String,
    /// The organisations that may receive data once the parent agrees.
    pub organisation_ids: Vec<Uuid>,
    #[serde(deserialize_with = "crate::time::plausible_date")]
    pub valid_until: NaiveDate,
}

impl NewConsentRequest {
    /// The first problem (field, message), or `None`.
    pub fn problem(&self, today: NaiveDate) -> Option<(&'static str, &'static str)> {
        if !(1..=120).contains(&self.guardian_name.trim().chars().count()) {
            return Some(("guardian_name", "write the name in 1 to 120 characters"));
        }
        let email = self.email.trim();
        if email.chars().count() > 254
            || !email.contains('@')
            || email.contains(char::is_whitespace)
        {
            return Some(("email", "write an e-mail address"));
        }
        if self.organisation_ids.is_empty() {
            return Some((
                "organisation_ids",
                "name at least one organisation that may receive data",
            ));
        }
        if self.valid_until <= today {
            return Some(("valid_until", "must be after today"));
        }
        None
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Mailed, not answered yet.
    #[default]
    Open,
    Given,
    Refused,
    /// Taken back by the team before an answer.
    Cancelled,
    /// Not answered in time.
    Expired,
    /// Given, and the consent withdrawn since (by the parent through the link, or by the team).
    Withdrawn,
}

impl RequestState {
    /// The state of a request from its recorded answer (`given`, `refused`, `cancelled` or
    /// none), whether its time to answer is over, and whether the consent a "yes" recorded has
    /// been withdrawn since.
    pub fn of(answer: Option<&str>, expired: bool, withdrawn: bool) -> Self {
        match answer {
            Some("given") if withdrawn => Self::Withdrawn,
            Some("given") => Self::Given,
            Some("refused") => Self::Refused,
            Some(_) => Self::Cancelled,
            None if expired => Self::Expired,
            None => Self::Open,
        }
    }

    /// Whether the parent's link still opens their page: to answer an open request, and after a
    /// "yes" to withdraw that consent — as easily as it was given (AVG art. 7(3)) — or to see it
    /// withdrawn. (Also only while the consent's term runs; the server checks that.)
    pub fn link_works(self) -> bool {
        matches!(self, Self::Open | Self::Given | Self::Withdrawn)
    }
}

/// A request as the case team sees it (`GET /api/cases/{id}/consent-requests`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentRequest {
    pub id: Uuid,
    pub guardian_name: String,
    pub email: String,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub asked_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub expires_at: DateTime<Utc>,
    pub state: RequestState,
    /// Who on the team asked (gone when their account is).
    #[serde(default)]
    pub asked_by: Option<String>,
    /// When the parent answered, or the request was taken back.
    #[serde(default)]
    pub answered_at: Option<DateTime<Utc>>,
    /// The consent a "yes" recorded.
    #[serde(default)]
    pub consent_id: Option<Uuid>,
    /// What the parent added to their answer.
    #[serde(default)]
    pub message: Option<String>,
    /// When the parent was reminded (once, when no answer came).
    #[serde(default)]
    pub reminded_at: Option<DateTime<Utc>>,
}

/// The link's token (`POST /api/consent/view`): it travels in the page's URL fragment, never in
/// a request's address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentLink {
    pub token: String,
}

/// What the parent's page shows: whose child, who asks, who would receive what, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentAsk {
    /// First name and initial.
    pub child: String,
    /// The childcare organisation that asks.
    pub organisation: String,
    pub partners: Vec<String>,
    pub data_categories: Vec<String>,
    pub valid_until: NaiveDate,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub expires_at: DateTime<Utc>,
    /// Open: to be answered. Given: answered yes on `given_on`, and the consent can be withdrawn
    /// here. Withdrawn: so it was.
    #[serde(default)]
    pub state: RequestState,
    #[serde(default)]
    pub given_on: Option<NaiveDate>,
}

/// `POST /api/consent/answer`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentAnswer {
    pub token: String,
    /// The name of the parent who answers, as they write it.
    pub given_by: String,
    pub agree: bool,
    /// Anything the parent wants the team to know ("please call me first"); may be empty.
    #[serde(default)]
    pub message: String,
}

/// The longest message a parent can add to an answer.
pub const MESSAGE_MAX: usize = 500;

impl ConsentAnswer {
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        if !(1..=120).contains(&self.given_by.trim().chars().count()) {
            return Some(("given_by", "write your name in 1 to 120 characters"));
        }
        (self.message.trim().chars().count() > MESSAGE_MAX)
            .then_some(("message", "write at most 500 characters"))
    }

    /// The message as kept: trimmed, and none when empty.
    pub fn message(&self) -> Option<&str> {
        Some(self.message.trim()).filter(|m| !m.is_empty())
    }
}

/// The answer as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentAnswered {
    pub state: RequestState,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn request() -> NewConsentRequest {
        NewConsentRequest {
            guardian_name: "Fatima".into(),
            email: "fatima@example.nl".into(),
            organisation_ids: vec![Uuid::nil()],
            valid_until: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        }
    }

    #[test]
    fn a_request_needs_a_name_an_address_an_organisation_and_a_term_after_today() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(request().problem(today), None);
        let problem = |change: fn(&mut NewConsentRequest)| {
            let mut r = request();
            change(&mut r);
            r.problem(today).map(|(field, _)| field)
        };
        assert_eq!(
            problem(|r| r.guardian_name = " ".into()),
            Some("guardian_name")
        );
        assert_eq!(problem(|r| r.email = "fatima".into()), Some("email"));
        assert_eq!(problem(|r| r.email = "fa tima@x.nl".into()), Some("email"));
        assert_eq!(
            problem(|r| r.organisation_ids.clear()),
            Some("organisation_ids")
        );
        assert_eq!(
            problem(|r| r.valid_until = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()),
            Some("valid_until")
        );
    }

    #[test]
    fn a_link_opens_the_page_to_answer_and_after_a_yes_to_withdraw() {
        use RequestState::*;
        let state = |answer, expired, withdrawn| RequestState::of(answer, expired, withdrawn);
        assert_eq!(state(None, false, false), Open);
        assert_eq!(state(None, true, false), Expired);
        assert_eq!(
            state(Some("given"), true, false),
            Given,
            "expiry is for answering"
        );
        assert_eq!(state(Some("given"), false, true), Withdrawn);
        assert_eq!(state(Some("refused"), false, false), Refused);
        assert_eq!(state(Some("cancelled"), false, false), Cancelled);
        let works: Vec<RequestState> = [Open, Given, Refused, Cancelled, Expired, Withdrawn]
            .into_iter()
            .filter(|s| s.link_works())
            .collect();
        assert_eq!(works, [Open, Given, Withdrawn]);
    }

    #[test]
    fn an_answer_needs_a_name_and_may_bring_a_short_message() {
        let answer = |name: &str, message: &str| ConsentAnswer {
            token: "t".into(),
            given_by: name.into(),
            agree: true,
            message: message.into(),
        };
        assert_eq!(answer("Fatima", "").problem(), None);
        assert_eq!(answer("  ", "").problem().map(|p| p.0), Some("given_by"));
        assert_eq!(answer("Fatima", "  ").message(), None);
        assert_eq!(
            answer("Fatima", " Bel eerst \n").message(),
            Some("Bel eerst")
        );
        assert_eq!(answer("Fatima", &"é".repeat(500)).problem(), None);
        let long = answer("Fatima", &"é".repeat(501));
        assert_eq!(long.problem().map(|p| p.0), Some("message"));
    }
}

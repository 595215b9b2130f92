//! Partner self-service: what an editor may change about a service, the checks on it, the draft a
//! coordinator approves (with the changes spelled out), and the questions parents leave.
use super::{FINANCING, LANGUAGES, REFERRALS, STATUSES, SUPPORT_LEVELS};
use crate::error::FieldError;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Opening hours as an editor enters them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoursEdit {
    /// `MO` … `SU`.
    pub days: Vec<String>,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

/// Everything a partner can edit about one service. Also the payload of a draft and a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceEdit {
    pub name: String,
    pub name_en: Option<String>,
    pub description: String,
    pub description_en: Option<String>,
    pub application_process: Option<String>,
    pub application_process_en: Option<String>,
    pub eligibility_description: Option<String>,
    pub eligibility_description_en: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub status: String,
    pub referral: Vec<String>,
    pub minimum_age: Option<i32>,
    pub maximum_age: Option<i32>,
    pub financing: Vec<String>,
    pub fees_description: Option<String>,
    pub support_level: String,
    pub wait_weeks: Option<i32>,
    pub languages: Vec<String>,
    /// Term codes of needs and service types.
    pub needs: Vec<String>,
    pub service_types: Vec<String>,
    pub phones: Vec<String>,
    pub hours: Vec<HoursEdit>,
    /// Places where the service is given (in the municipalities the organisation serves).
    pub place_ids: Vec<Uuid>,
}

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn text(field: &str, value: &str, min: usize, max: usize) -> Result<(), FieldError> {
    let n = value.trim().chars().count();
    if n < min || n > max {
        return Err(FieldError::new(
            field,
            format!("Write {min} to {max} characters."),
        ));
    }
    Ok(())
}

fn optional(field: &str, value: &Option<String>, max: usize) -> Result<(), FieldError> {
    value.as_deref().map_or(Ok(()), |v| text(field, v, 0, max))
}

fn codes(field: &str, values: &[String], allowed: &[&str]) -> Result<(), FieldError> {
    match values.iter().find(|v| !allowed.contains(&v.as_str())) {
        Some(bad) => Err(FieldError::new(field, format!("Unknown value '{bad}'."))),
        None => Ok(()),
    }
}

impl ServiceEdit {
    /// Checks every field; `terms` are the known (taxonomy, code) pairs.
    pub fn validate(&self, terms: &[(String, String)]) -> Result<(), FieldError> {
        text("name", &self.name, 2, 200)?;
        optional("name_en", &self.name_en, 200)?;
        text("description", &self.description, 10, 2000)?;
        optional("description_en", &self.description_en, 2000)?;
        for (field, value) in [
            ("application_process", &self.application_process),
            ("application_process_en", &self.application_process_en),
            ("eligibility_description", &self.eligibility_description),
            (
                "eligibility_description_en",
                &self.eligibility_description_en,
            ),
            ("fees_description", &self.fees_description),
        ] {
            optional(field, value, 1000)?;
        }
        if let Some(url) = &self.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(FieldError::new(
                "url",
                "A web address starts with https://.",
            ));
        }
        if let Some(email) = &self.email
            && !looks_like_email(email)
        {
            return Err(FieldError::new("email", "This is not an e-mail address."));
        }
        codes("status", std::slice::from_ref(&self.status), &STATUSES)?;
        codes("referral", &self.referral, &REFERRALS)?;
        codes("financing", &self.financing, &FINANCING)?;
        codes(
            "support_level",
            std::slice::from_ref(&self.support_level),
            &SUPPORT_LEVELS,
        )?;
        codes("languages", &self.languages, &LANGUAGES)?;
        for (field, age) in [
            ("minimum_age", self.minimum_age),
            ("maximum_age", self.maximum_age),
        ] {
            if age.is_some_and(|a| !(0..=super::MAX_AGE_MONTHS as i32).contains(&a)) {
                return Err(FieldError::new(field, "Ages are 0 to 216 months."));
            }
        }
        if let (Some(min), Some(max)) = (self.minimum_age, self.maximum_age)
            && min > max
        {
            return Err(FieldError::new(
                "maximum_age",
                "The maximum age is below the minimum age.",
            ));
        }
        if self.wait_weeks.is_some_and(|w| !(0..=520).contains(&w)) {
            return Err(FieldError::new(
                "wait_weeks",
                "Waiting time is 0 to 520 weeks.",
            ));
        }
        for (field, taxonomy, values) in [
            ("needs", "need", &self.needs),
            ("service_types", "service_type", &self.service_types),
        ] {
            if let Some(bad) = values
                .iter()
                .find(|c| !terms.iter().any(|(t, code)| t == taxonomy && code == *c))
            {
                return Err(FieldError::new(field, format!("Unknown term '{bad}'.")));
            }
        }
        for (i, phone) in self.phones.iter().enumerate() {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let allowed = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +()-".contains(c));
            if !allowed || !(6..=15).contains(&digits) {
                return Err(FieldError::new(
                    format!("phones.{i}"),
                    "This is not a phone number.",
                ));
            }
        }
        for (i, hours) in self.hours.iter().enumerate() {
            if hours.days.is_empty() || hours.days.iter().any(|d| !DAYS.contains(&d.as_str())) {
                return Err(FieldError::new(
                    format!("hours.{i}.days"),
                    "Choose days MO to SU.",
                ));
            }
            if hours.closes <= hours.opens {
                return Err(FieldError::new(
                    format!("hours.{i}.closes"),
                    "Closing time is after opening time.",
                ));
            }
        }
        Ok(())
    }
}

/// Everything a partner can edit about one of their locations (address, map position, access).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationEdit {
    pub name: String,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub description: Option<String>,
    pub accessibility: Option<String>,
    pub accessibility_en: Option<String>,
}

impl LocationEdit {
    pub fn validate(&self) -> Result<(), FieldError> {
        text("name", &self.name, 2, 200)?;
        for (field, value) in [
            ("street", &self.street),
            ("city", &self.city),
            ("description", &self.description),
            ("accessibility", &self.accessibility),
            ("accessibility_en", &self.accessibility_en),
        ] {
            optional(field, value, 500)?;
        }
        if let Some(postcode) = &self.postcode {
            let compact: String = postcode.chars().filter(|c| !c.is_whitespace()).collect();
            if compact.len() != 6 || super::postcode_area(&compact).is_none() {
                return Err(FieldError::new(
                    "postcode",
                    "A postcode is four digits and two letters, like 5664 EH.",
                ));
            }
        }
        match (self.latitude, self.longitude) {
            (Some(lat), Some(lon))
                if (50.7..=53.6).contains(&lat) && (3.3..=7.3).contains(&lon) =>
            {
                Ok(())
            }
            (None, None) => Ok(()),
            (Some(_), None) => Err(FieldError::new(
                "longitude",
                "Give both latitude and longitude.",
            )),
            _ => Err(FieldError::new(
                "latitude",
                "The position must lie in the Netherlands.",
            )),
        }
    }
}

/// A Dutch postcode written the usual way: "5664EH" and "5664 eh" become "5664 EH".
pub fn tidy_postcode(postcode: &str) -> String {
    let compact: String = postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if compact.len() == 6 && compact.is_ascii() {
        format!("{} {}", &compact[..4], &compact[4..])
    } else {
        compact
    }
}

/// One of the editor's locations with its current content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagedLocation {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub organisation: String,
    pub edit: LocationEdit,
    pub pending_draft: Option<Uuid>,
}

/// `POST /api/map/terms` (admins): a new term in the needs or service-types taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTerm {
    /// `need` or `service_type`.
    pub taxonomy: String,
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// The words parents search with for this term, separated by commas (see [`tidy_keywords`]).
    #[serde(default)]
    pub keywords: String,
}

/// `PUT /api/map/terms/{id}` (admins): new names for a term, and its search words (left as they
/// are when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermNames {
    pub name: String,
    pub name_en: String,
    #[serde(default)]
    pub keywords: Option<String>,
}

/// The most characters a term's search words may take, commas included.
pub const KEYWORDS_MAX: usize = 500;
/// The most characters of one search word (or phrase).
const KEYWORD_MAX: usize = 60;

/// A term's search words as they are kept: split at commas, semicolons and line breaks, each
/// trimmed, empty ones and repeats (ignoring case) left out, joined by ", ".
pub fn tidy_keywords(keywords: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for word in keywords.split([',', ';', '\n']).map(str::trim) {
        let folded = word.to_lowercase();
        if !word.is_empty() && !seen.contains(&folded) {
            seen.push(folded);
            words.push(word);
        }
    }
    words.join(", ")
}

fn keywords(value: &str) -> Result<(), FieldError> {
    let tidy = tidy_keywords(value);
    if tidy.chars().count() > KEYWORDS_MAX {
        return Err(FieldError::new(
            "keywords",
            format!("Write at most {KEYWORDS_MAX} characters."),
        ));
    }
    if tidy.split(", ").any(|w| w.chars().count() > KEYWORD_MAX) {
        return Err(FieldError::new(
            "keywords",
            format!("Separate the words by commas; one is at most {KEYWORD_MAX} characters."),
        ));
    }
    Ok(())
}

impl TermNames {
    pub fn validate(&self) -> Result<(), FieldError> {
        text("name", &self.name, 2, 80)?;
        text("name_en", &self.name_en, 2, 80)?;
        self.keywords.as_deref().map_or(Ok(()), keywords)
    }
}

impl NewTerm {
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.taxonomy != "need" && self.taxonomy != "service_type" {
            return Err(FieldError::new("taxonomy", "Use need or service_type."));
        }
        let code_ok = (2..=40).contains(&self.code.len())
            && self
                .code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !code_ok {
            return Err(FieldError::new(
                "code",
                "2 to 40 lower-case letters, digits or hyphens.",
            ));
        }
        TermNames {
            name: self.name.clone(),
            name_en: self.name_en.clone(),
            keywords: Some(self.keywords.clone()),
        }
        .validate()
    }
}

/// A rough check: one `@`, something before it, a dot in the domain.
pub fn looks_like_email(value: &str) -> bool {
    match value.trim().split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// One field a draft changes, as JSON values (what the coordinator reviews).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// The fields `after` changes compared with `before` (all fields for something new).
pub fn changes<T: Serialize>(before: Option<&T>, after: &T) -> Vec<FieldChange> {
    let to_map = |e: &T| match serde_json::to_value(e) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let old = before.map(to_map).unwrap_or_default();
    to_map(after)
        .into_iter()
        .filter_map(|(field, after)| {
            let before = old.get(&field).cloned().unwrap_or(serde_json::Value::Null);
            (before != after).then_some(FieldChange {
                field,
                before,
                after,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DraftStatus {
    Pending,
    Approved,
    Rejected,
}

/// A proposed change waiting for (or decided by) a coordinator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draft {
    pub id: Uuid,
    /// `service` or `location`.
    pub kind: String,
    /// `None` for a proposed new service.
    pub service_id: Option<Uuid>,
    pub location_id: Option<Uuid>,
    pub organisation: String,
    pub service_name: String,
    pub status: DraftStatus,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
    pub changes: Vec<FieldChange>,
}

/// `POST …/drafts/{id}/reject`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub note: Option<String>,
}

/// One of the editor's services with its current content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagedService {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub organisation: String,
    pub edit: ServiceEdit,
    pub assured_date: Option<NaiveDate>,
    pub stale: bool,
    pub pending_draft: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

/// A place a service can be given at (its organisation's, or a partner's it works at).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationPlace {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
}

/// `GET /api/map/manage`: what the signed-in editor or coordinator looks after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Workspace {
    pub services: Vec<ManagedService>,
    pub locations: Vec<ManagedLocation>,
    pub places: Vec<OrganisationPlace>,
    pub drafts: Vec<Draft>,
    pub questions: Vec<ParentQuestion>,
    /// Whether the viewer may approve drafts (coordinator of the partners' municipality).
    pub can_approve: bool,
}

/// A version of a service: what was published, by whom, approved by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Version {
    pub version: i32,
    pub changed_by: String,
    pub approved_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub changes: Vec<FieldChange>,
}

/// `POST /api/map/services/{id}/questions`: a parent's question or call-back request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewQuestion {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    pub question: String,
    /// The parent agrees that this partner receives and stores the question.
    pub consent: bool,
    /// `nl` or `en`: the language of the confirmation (and of the answer, ideally).
    #[serde(default)]
    pub language: Option<String>,
    /// A field people never see; bots fill it in.
    #[serde(default)]
    pub website: Option<String>,
}

impl NewQuestion {
    pub fn validate(&self) -> Result<(), FieldError> {
        text("name", &self.name, 1, 100)?;
        let phone = self
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let email = self
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        if phone.is_none() && email.is_none() {
            return Err(FieldError::new(
                "phone",
                "Give a phone number or an e-mail address.",
            ));
        }
        if let Some(phone) = phone {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            if !(6..=15).contains(&digits)
                || !phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +()-".contains(c))
            {
                return Err(FieldError::new("phone", "This is not a phone number."));
            }
        }
        if email.is_some_and(|e| !looks_like_email(e)) {
            return Err(FieldError::new("email", "This is not an e-mail address."));
        }
        text("question", &self.question, 5, 2000)?;
        if !self.consent {
            return Err(FieldError::new(
                "consent",
                "We can only pass on your question with your permission.",
            ));
        }
        if self
            .language
            .as_deref()
            .is_some_and(|l| l != "nl" && l != "en")
        {
            return Err(FieldError::new("language", "Use nl or en."));
        }
        Ok(())
    }
}

/// The answer to a parent: a reference and a confirmation in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionReceipt {
    pub reference: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    New,
    Handled,
}

/// A question as the partner's editors (and the coordinator) see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParentQuestion {
    pub id: Uuid,
    pub reference: String,
    pub service: String,
    pub organisation: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub question: Option<String>,
    pub language: String,
    pub status: QuestionStatus,
    pub created_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn terms() -> Vec<(String, String)> {
        vec![
            ("need".into(), "gedrag".into()),
            ("service_type".into(), "logopedie".into()),
        ]
    }

    fn edit() -> ServiceEdit {
        ServiceEdit {
            name: "Logopedie voor peuters".into(),
            name_en: None,
            description: "De logopedist helpt uw kind met praten.".into(),
            description_en: None,
            application_process: None,
            application_process_en: None,
            eligibility_description: None,
            eligibility_description_en: None,
            url: Some("https://praatgoed.example".into()),
            email: Some("info@praatgoed.example".into()),
            status: "active".into(),
            referral: vec!["self".into()],
            minimum_age: Some(18),
            maximum_age: Some(72),
            financing: vec!["zvw".into()],
            fees_description: None,
            support_level: "buiten_de_groep".into(),
            wait_weeks: Some(4),
            languages: vec!["nl".into()],
            needs: vec!["gedrag".into()],
            service_types: vec!["logopedie".into()],
            phones: vec!["040 285 1122".into()],
            hours: vec![HoursEdit {
                days: vec!["MO".into()],
                opens: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
                closes: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            }],
            place_ids: vec![],
        }
    }

    #[test]
    fn a_complete_edit_is_valid() {
        assert_eq!(edit().validate(&terms()), Ok(()));
    }

    type Change = fn(&mut ServiceEdit);

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(Change, &str)> = vec![
            (|e| e.name = " ".into(), "name"),
            (|e| e.description = "kort".into(), "description"),
            (|e| e.url = Some("praatgoed.nl".into()), "url"),
            (|e| e.email = Some("info@".into()), "email"),
            (|e| e.status = "open".into(), "status"),
            (|e| e.referral = vec!["buurman".into()], "referral"),
            (|e| e.financing = vec!["gratis".into()], "financing"),
            (|e| e.support_level = "hoog".into(), "support_level"),
            (|e| e.languages = vec!["xx".into()], "languages"),
            (|e| e.minimum_age = Some(-1), "minimum_age"),
            (|e| e.maximum_age = Some(12), "maximum_age"),
            (|e| e.wait_weeks = Some(999), "wait_weeks"),
            (|e| e.needs = vec!["dansen".into()], "needs"),
            (|e| e.service_types = vec!["gedrag".into()], "service_types"),
            (|e| e.phones = vec!["bel maar".into()], "phones.0"),
            (|e| e.hours[0].days = vec!["MA".into()], "hours.0.days"),
            (
                |e| e.hours[0].closes = NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                "hours.0.closes",
            ),
        ];
        for (change, field) in cases {
            let mut e = edit();
            change(&mut e);
            assert_eq!(e.validate(&terms()).unwrap_err().field, field);
        }
    }

    #[test]
    fn changes_list_only_what_differs() {
        let before = edit();
        let mut after = edit();
        after.wait_weeks = Some(2);
        after.languages.push("ar".into());
        let list = changes(Some(&before), &after);
        let fields: Vec<&str> = list.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["languages", "wait_weeks"]);
        assert_eq!(list[1].before, serde_json::json!(4));
        assert_eq!(list[1].after, serde_json::json!(2));
        assert!(changes(Some(&before), &before).is_empty());
        let new = changes(None, &after);
        let set = serde_json::to_value(&after)
            .unwrap()
            .as_object()
            .unwrap()
            .values()
            .filter(|v| !v.is_null())
            .count();
        assert_eq!(new.len(), set);
        assert!(new.iter().all(|c| c.before.is_null()));
    }

    #[test]
    fn a_location_edit_checks_postcode_and_position() {
        let ok = LocationEdit {
            name: "Praatgoed Geldrop".into(),
            street: Some("Molenstraat 8".into()),
            postcode: Some("5664 HV".into()),
            city: Some("Geldrop".into()),
            latitude: Some(51.419),
            longitude: Some(5.556),
            description: None,
            accessibility: Some("Drempelvrij, lift aanwezig".into()),
            accessibility_en: None,
        };
        assert_eq!(ok.validate(), Ok(()));
        let field = |change: fn(&mut LocationEdit)| {
            let mut e = ok.clone();
            change(&mut e);
            e.validate().unwrap_err().field
        };
        assert_eq!(field(|e| e.postcode = Some("5664".into())), "postcode");
        assert_eq!(field(|e| e.latitude = Some(48.8)), "latitude");
        assert_eq!(field(|e| e.longitude = None), "longitude");
        assert_eq!(field(|e| e.name = "x".into()), "name");
        assert_eq!(tidy_postcode("5664hv"), "5664 HV");
        assert_eq!(tidy_postcode("12€4"), "12€4");
    }

    #[test]
    fn new_terms_need_a_clean_code_and_names() {
        let term = NewTerm {
            taxonomy: "need".into(),
            code: "slapen".into(),
            name: "Slapen".into(),
            name_en: "Sleep".into(),
            keywords: "slaap, doorslapen".into(),
        };
        assert_eq!(term.validate(), Ok(()));
        assert_eq!(
            NewTerm {
                code: "Slapen!".into(),
                ..term.clone()
            }
            .validate()
            .unwrap_err()
            .field,
            "code"
        );
        assert_eq!(
            NewTerm {
                taxonomy: "x".into(),
                ..term.clone()
            }
            .validate()
            .unwrap_err()
            .field,
            "taxonomy"
        );
        assert_eq!(
            NewTerm {
                name_en: String::new(),
                ..term.clone()
            }
            .validate()
            .unwrap_err()
            .field,
            "name_en"
        );
        let with_words = |keywords: String| NewTerm {
            keywords,
            ..term.clone()
        };
        let long_word = "a".repeat(61);
        assert_eq!(
            with_words(long_word).validate().unwrap_err().field,
            "keywords"
        );
        let many: Vec<String> = (0..80).map(|i| format!("woord{i}")).collect();
        assert_eq!(
            with_words(many.join(", ")).validate().unwrap_err().field,
            "keywords"
        );
        assert_eq!(with_words(many[..40].join(", ")).validate(), Ok(()));
        // Repeats are left out before the length is counted.
        assert_eq!(with_words(vec!["slaap"; 200].join(",")).validate(), Ok(()));
    }

    #[test]
    fn search_words_are_kept_tidy() {
        assert_eq!(
            tidy_keywords(" stotteren,Praten ; slissen\n\n, praten,, STOTTEREN "),
            "stotteren, Praten, slissen"
        );
        assert_eq!(tidy_keywords(" , ;"), "");
        // Absent words on a rename leave the term's words as they are.
        let names = TermNames {
            name: "Logopedie".into(),
            name_en: "Speech therapy".into(),
            keywords: None,
        };
        assert_eq!(names.validate(), Ok(()));
    }

    #[test]
    fn a_question_needs_a_way_back_and_permission() {
        let ok = NewQuestion {
            name: "Fatima".into(),
            phone: Some("06 1234 5678".into()),
            question: "Mijn zoon praat nog weinig. Kan ik langskomen?".into(),
            consent: true,
            ..NewQuestion::default()
        };
        assert_eq!(ok.validate(), Ok(()));
        let field = |change: fn(&mut NewQuestion)| {
            let mut q = ok.clone();
            change(&mut q);
            q.validate().unwrap_err().field
        };
        assert_eq!(field(|q| q.phone = None), "phone");
        assert_eq!(field(|q| q.phone = Some("123".into())), "phone");
        assert_eq!(
            field(|q| {
                q.phone = None;
                q.email = Some("fatima@".into())
            }),
            "email"
        );
        assert_eq!(field(|q| q.consent = false), "consent");
        assert_eq!(field(|q| q.question = "hoi".into()), "question");
        assert_eq!(field(|q| q.name = String::new()), "name");
        assert_eq!(field(|q| q.language = Some("fr".into())), "language");
        let mut by_mail = ok.clone();
        by_mail.phone = None;
        by_mail.email = Some("fatima@example.nl".into());
        assert_eq!(by_mail.validate(), Ok(()));
    }
}

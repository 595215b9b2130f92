//! The case board's wire types and rules: the same functions decide on the server (authority)
//! and in the browser (to say why a move is not possible before the user tries).
pub mod access;
pub mod access_log;
pub mod attachments;
pub mod consent_requests;
pub mod metrics;
pub mod rules;
pub mod tasks;
pub mod timeline;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The app's page of one case is this prefix and the case's id (`/bord/casus/{id}`): the board's
/// cards, the task list and the mails link there.
pub const CASE_PAGE: &str = "/bord/casus/";

/// The case itself (`GET`): the first thing its page asks for, and what the server's page has
/// a signed-in browser fetch at once when the page is opened directly (a preload the app's
/// request takes).
pub fn case_path(id: Uuid) -> String {
    format!("/api/cases/{id}")
}

/// Where the child ended up (required to enter a terminal stage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    RegularGroup,
    PrimarySchool,
    PlusGroup,
    Mkd,
    MovedAway,
    Other,
}

/// inhaalbaar / inpasbaar / niet-inpasbaar
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NeedCategory {
    CatchUp,
    Fits,
    NotFitting,
}

/// The level of support (DOMAIN §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SupportLevel {
    Basis,
    OnGroup,
    OutsideGroup,
    OutsideRegular,
}

impl SupportLevel {
    /// Support beyond VE: the top of the pyramid.
    pub fn is_extra(self) -> bool {
        self != SupportLevel::Basis
    }
}

/// A stage of a municipality's route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    pub id: Uuid,
    pub key: String,
    pub name: String,
    pub position: i32,
    pub wip_limit: Option<i32>,
    pub requires_consent: bool,
    pub terminal: bool,
}

impl Stage {
    /// The stage's name as a page shows it ([`stage_label`]).
    pub fn label(&self, english: bool) -> &str {
        stage_label(&self.key, &self.name, english)
    }
}

/// The stages a route starts with (DOMAIN §6), and the trial placement: key, Dutch name,
/// English name.
const KNOWN_STAGES: [(&str, &str, &str); 8] = [
    ("signalering", "Signalering", "Signalling"),
    ("observatie", "Observatie", "Observation"),
    ("zorgoverleg", "Zorgoverleg", "Care meeting"),
    ("aanvraag", "Aanvraag", "Request for support"),
    ("ondersteuning", "Ondersteuning", "Support"),
    ("evaluatie", "Evaluatie", "Evaluation"),
    ("uitstroom", "Uitstroom", "Exit"),
    ("proefplaatsing", "Proefplaatsing", "Trial placement"),
];

/// A stage's name as a page shows it: on an English page a known stage under its Dutch name
/// has its English name; a stage the coordinator named otherwise keeps that name ("Vliegende
/// Brigade" is a team's name in any language).
pub fn stage_label<'a>(key: &str, name: &'a str, english: bool) -> &'a str {
    KNOWN_STAGES
        .iter()
        .find(|(k, nl, _)| english && *k == key && *nl == name)
        .map_or(name, |(_, _, en)| en)
}

/// One stage in `PUT /api/cases/route`: existing stages keep their id, new ones have none.
/// The list's order is the route's order; stages left out are removed (only when empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageEdit {
    #[serde(default)]
    pub id: Option<Uuid>,
    pub name: String,
    #[serde(default)]
    pub wip_limit: Option<i32>,
    #[serde(default)]
    pub requires_consent: bool,
    #[serde(default)]
    pub terminal: bool,
}

/// Checks a new route: names 1–60 characters and distinct, WIP limits positive, at least one
/// non-terminal stage and exactly one terminal stage, which comes last. Err names the field.
pub fn validate_route(stages: &[StageEdit]) -> Result<(), (String, &'static str)> {
    let mut names = std::collections::HashSet::new();
    for (i, s) in stages.iter().enumerate() {
        let name = s.name.trim();
        if name.is_empty() || name.chars().count() > 60 {
            return Err((
                format!("{i}.name"),
                "a stage needs a name of at most 60 characters",
            ));
        }
        if !names.insert(name.to_lowercase()) {
            return Err((format!("{i}.name"), "two stages cannot have the same name"));
        }
        if s.wip_limit.is_some_and(|l| l < 1) {
            return Err((format!("{i}.wip_limit"), "a WIP limit must be at least 1"));
        }
    }
    if stages.len() < 2 {
        return Err(("body".into(), "a route needs at least two stages"));
    }
    let terminals: Vec<usize> = stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.terminal)
        .map(|(i, _)| i)
        .collect();
    if terminals != [stages.len() - 1] {
        return Err((
            "body".into(),
            "exactly one stage, the last, records where the child ended up",
        ));
    }
    Ok(())
}

/// A stage key from its name: "Vliegende Brigade" → "vliegende-brigade".
pub fn stage_key(name: &str) -> String {
    let mut key = String::new();
    for ch in name.trim().to_lowercase().chars() {
        match ch {
            'a'..='z' | '0'..='9' => key.push(ch),
            'à'..='å' => key.push('a'),
            'è'..='ë' => key.push('e'),
            'ì'..='ï' => key.push('i'),
            'ò'..='ö' => key.push('o'),
            'ù'..='ü' => key.push('u'),
            _ if !key.ends_with('-') && !key.is_empty() => key.push('-'),
            _ => {}
        }
    }
    key.trim_end_matches('-').to_owned()
}

/// `POST /api/cases/{id}/moves`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveRequest {
    pub to_stage: Uuid,
    pub expected_version: i32,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

/// What the live feed (`GET /api/cases/events`, server-sent events) says about a change: which
/// case, at which version and revision. Clients refetch what they show; no case data travels in
/// events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseEvent {
    pub case_id: Uuid,
    pub municipality_id: Uuid,
    pub version: i32,
    /// The case's revision after the change ([`CaseDetail::revision`]); 0 when the event is
    /// about no one case (a resync, a route changed).
    #[serde(default)]
    pub revision: i64,
}

/// Live counts for the planner: how many children on the board of a municipality are in each
/// tier. Counts only, never children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierCounts {
    pub municipality_id: Uuid,
    /// Open cases (not in a terminal stage, not anonymised).
    pub open_cases: i64,
    pub ve_indicated: i64,
    pub extra_support: i64,
    pub extra_on_group: i64,
    pub extra_outside_group: i64,
    pub extra_outside_regular: i64,
    pub catch_up: i64,
    pub fits: i64,
    pub not_fitting: i64,
    pub as_of: DateTime<Utc>,
}

/// How consent was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethod {
    Paper,
    Digital,
}

/// One card on the board. A board carries hundreds, so a card leaves out what it does not have
/// (an absent field is `null` or empty) and its date-times are read with the fast RFC 3339 parser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseCard {
    pub id: Uuid,
    /// First name and initial only ("Noor J."): no BSN, no surname.
    pub child: String,
    #[serde(deserialize_with = "crate::time::iso_date")]
    pub birth_date: NaiveDate,
    pub stage_id: Uuid,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub stage_entered_at: DateTime<Utc>,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub first_signal_at: DateTime<Utc>,
    #[serde(
        default,
        deserialize_with = "crate::time::iso_date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_evaluation_on: Option<NaiveDate>,
    pub consent_valid: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The childcare organisation whose staff form the case's home team.
    #[serde(default)]
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor: Option<String>,
    pub ve_indication: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_level: Option<SupportLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_category: Option<NeedCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    pub version: i32,
    /// The case team, for avatars and "only mine".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<TeamBadge>,
}

/// A team member as a card shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamBadge {
    pub user_id: Uuid,
    pub initials: String,
}

/// "Sanne de Vries" → "SV" (first letters of the first and last word).
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first().and_then(|w| w.chars().next());
    let last = words
        .last()
        .filter(|_| words.len() > 1)
        .and_then(|w| w.chars().next());
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

/// `GET /api/cases/board?municipality_id=…`: the route and the cards the caller may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Board {
    pub municipality_id: Uuid,
    pub stages: Vec<Stage>,
    pub cards: Vec<CaseCard>,
    /// Where the caller may signal a new child (their organisations' locations here; every
    /// location of the municipality for its coordinators).
    #[serde(default)]
    pub locations: Vec<SignalLocation>,
}

/// A childcare location a new case can start at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalLocation {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub from_stage: Option<Uuid>,
    pub to_stage: Uuid,
    pub moved_at: DateTime<Utc>,
    pub moved_by: Option<String>,
    pub reason: Option<String>,
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    pub id: Uuid,
    pub given_by: String,
    pub given_on: NaiveDate,
    pub method: ConsentMethod,
    pub organisation_ids: Vec<Uuid>,
    pub data_categories: Vec<String>,
    pub valid_until: NaiveDate,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl Consent {
    /// Valid on `today`: given, not expired, not withdrawn.
    pub fn valid_on(&self, today: NaiveDate) -> bool {
        self.withdrawn_at.is_none() && self.given_on <= today && today <= self.valid_until
    }

    /// Valid on `today` for `organisation`: valid, and in scope.
    pub fn covers(&self, organisation: Uuid, today: NaiveDate) -> bool {
        self.valid_on(today) && self.organisation_ids.contains(&organisation)
    }
}

/// The data a consent covers, as the team records it (on paper or asked by mail).
pub const CONSENT_DATA: [&str; 3] = ["observatie", "ontwikkeling", "handelingsplan"];

/// `POST /api/cases/{id}/consents`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewConsent {
    pub given_by: String,
    #[serde(deserialize_with = "crate::time::plausible_date")]
    pub given_on: NaiveDate,
    pub method: ConsentMethod,
    pub organisation_ids: Vec<Uuid>,
    #[serde(default)]
    pub data_categories: Vec<String>,
    #[serde(deserialize_with = "crate::time::plausible_date")]
    pub valid_until: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub user_id: Uuid,
    pub name: String,
    pub role_in_case: String,
}

/// `PUT /api/cases/{id}/profile`: what the team knows about the child's need, changed at a known
/// version (409 with the current case when someone else changed it first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseProfile {
    pub expected_version: i32,
    #[serde(default)]
    pub concerns: Vec<String>,
    #[serde(default)]
    pub ve_indication: bool,
    #[serde(default)]
    pub need_category: Option<NeedCategory>,
    #[serde(default)]
    pub support_level: Option<SupportLevel>,
    /// A member of the case team (or nobody).
    #[serde(default)]
    pub mentor_id: Option<Uuid>,
}

impl CaseProfile {
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        known_concerns(&self.concerns)
    }
}

/// `Some` when a concern is not one of [`CONCERNS`] (or the list is longer than all of them).
fn known_concerns(concerns: &[String]) -> Option<(&'static str, &'static str)> {
    (concerns.len() > CONCERNS.len() || concerns.iter().any(|c| !CONCERNS.contains(&c.as_str())))
        .then_some(("concerns", "name concerns from the list"))
}

/// `POST /api/cases/{id}/team`: someone joins the team around the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTeamMember {
    pub user_id: Uuid,
    /// What they do for this child ("logopedist", "JGZ-verpleegkundige", …).
    pub role_in_case: String,
}

impl NewTeamMember {
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        (!(1..=60).contains(&self.role_in_case.trim().chars().count())).then_some((
            "role_in_case",
            "write the role in the case in 1 to 60 characters",
        ))
    }
}

/// `GET /api/cases/{id}/team/candidates`: a professional of an organisation that serves the
/// case's municipality, and whether they would see the case once on the team (their organisation
/// is the case's own, or a valid consent covers it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamCandidate {
    pub user_id: Uuid,
    pub name: String,
    pub organisation: String,
    pub sees_case: bool,
}

/// Who may read a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteVisibility {
    /// The whole case team.
    Team,
    /// Only colleagues of the author's organisation.
    Organisation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub id: Uuid,
    pub author: Option<String>,
    pub visibility: NoteVisibility,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The concern domains a case names (keys; the apps say them in words).
pub const CONCERNS: [&str; 8] = [
    "spraak_taal",
    "gedrag",
    "motoriek",
    "sociaal_emotioneel",
    "zintuigen",
    "medisch",
    "opvoedvragen",
    "meertaligheid",
];

/// A parent or guardian: whom the team contacts. Removed when the case is anonymised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Guardian {
    /// Set by the server in a case file (to remove the contact); ignored when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    pub name: String,
    /// "moeder", "vader", "voogd", … as the team writes it.
    #[serde(default)]
    pub relation: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// `POST /api/cases`: a first signal. The child enters the route at its first stage, at a
/// location of the signalling organisation; the one who signals joins the case team as mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    pub child_first_name: String,
    /// The initial of the surname (no surname, no BSN).
    pub child_initial: String,
    #[serde(deserialize_with = "crate::time::plausible_date")]
    pub birth_date: NaiveDate,
    pub location_id: Uuid,
    #[serde(default)]
    pub concerns: Vec<String>,
    #[serde(default)]
    pub ve_indication: bool,
    #[serde(default)]
    pub guardians: Vec<Guardian>,
}

/// The oldest child the route takes (it ends when school starts; a little room for late exits).
pub const MAX_AGE_MONTHS: u32 = 6 * 12;

impl Guardian {
    /// The first problem (field, message), or `None`: a name, and a way to reach them.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let len = |s: &str| s.trim().chars().count();
        if !(1..=120).contains(&len(&self.name)) {
            return Some(("guardians.name", "write the name in 1 to 120 characters"));
        }
        if len(&self.relation) > 40 {
            return Some(("guardians.relation", "write at most 40 characters"));
        }
        let phone = self.phone.trim();
        if phone.chars().count() > 20
            || !phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            return Some((
                "guardians.phone",
                "write a phone number (digits, + - ( ) and spaces)",
            ));
        }
        let email = self.email.trim();
        if len(email) > 254 || (!email.is_empty() && !email.contains('@')) {
            return Some(("guardians.email", "write an e-mail address"));
        }
        if phone.is_empty() && email.is_empty() {
            return Some((
                "guardians.phone",
                "give a phone number or an e-mail address",
            ));
        }
        None
    }
}

/// `text` with its first letter a capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl NewCase {
    /// The child's first name as it is kept: spaces around and between words tidied, the first
    /// letter a capital ("  noor " → "Noor").
    pub fn first_name(&self) -> String {
        let words: Vec<&str> = self.child_first_name.split_whitespace().collect();
        capitalised(&words.join(" "))
    }

    /// The initial of the surname as it is kept, without dots or spaces and with a capital
    /// ("k." → "K"; the board writes "Noor K.").
    pub fn initial(&self) -> String {
        let letters: String = self
            .child_initial
            .chars()
            .filter(|c| *c != '.' && !c.is_whitespace())
            .collect();
        capitalised(&letters)
    }

    /// The first problem with this signal (field, message), or `None`.
    pub fn problem(&self, today: NaiveDate) -> Option<(&'static str, &'static str)> {
        if !(1..=60).contains(&self.first_name().chars().count()) {
            return Some((
                "child_first_name",
                "write the first name in 1 to 60 characters",
            ));
        }
        let initial = self.initial();
        if !(1..=3).contains(&initial.chars().count()) || !initial.chars().all(char::is_alphabetic)
        {
            return Some((
                "child_initial",
                "write the initial of the surname (1 to 3 letters)",
            ));
        }
        if self.birth_date > today {
            return Some(("birth_date", "the birth date lies in the future"));
        }
        if age_in_months(self.birth_date, today) >= MAX_AGE_MONTHS {
            return Some(("birth_date", "the route is for children under 6"));
        }
        if let Some(problem) = known_concerns(&self.concerns) {
            return Some(problem);
        }
        if self.guardians.len() > 4 {
            return Some(("guardians", "name at most 4 parents or guardians"));
        }
        self.guardians.iter().find_map(Guardian::problem)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewNote {
    pub body: String,
    pub visibility: NoteVisibility,
}

/// A goal of the handelingsplan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Goal {
    pub id: Uuid,
    pub goal: String,
    pub achieved_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewGoal {
    pub goal: String,
}

/// An evaluation of the plan; the next one is due six weeks later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    pub id: Uuid,
    pub held_on: NaiveDate,
    pub summary: String,
    pub next_on: NaiveDate,
    pub by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEvaluation {
    #[serde(deserialize_with = "crate::time::plausible_date")]
    pub held_on: NaiveDate,
    pub summary: String,
}

/// Weeks between evaluations of a handelingsplan.
pub const EVALUATION_WEEKS: i64 = 6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    pub id: Uuid,
    pub title: String,
    pub assignee_id: Option<Uuid>,
    pub assignee: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub done_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTask {
    pub title: String,
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    #[serde(default, deserialize_with = "crate::time::plausible_date_opt")]
    pub due_on: Option<NaiveDate>,
}

/// `GET /api/cases/{id}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseDetail {
    pub card: CaseCard,
    pub organisation_id: Uuid,
    pub stages: Vec<Stage>,
    pub history: Vec<HistoryEntry>,
    pub consents: Vec<Consent>,
    pub team: Vec<TeamMember>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub evaluations: Vec<Evaluation>,
    #[serde(default)]
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub attachments: Vec<attachments::Attachment>,
    #[serde(default)]
    pub guardians: Vec<Guardian>,
    /// The case team's member who is the child's mentor.
    #[serde(default)]
    pub mentor_id: Option<Uuid>,
    /// Raised by every change to anything this file shows (a note, a task, a consent as well as
    /// a move): a page showing revision r knows from a live event with a higher one that the
    /// file changed.
    #[serde(default)]
    pub revision: i64,
}

/// An organisation that serves the municipality (a consent names these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
}

/// One line of the access log as coordinators and parents see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogEntry {
    pub at: DateTime<Utc>,
    pub action: String,
    pub outcome: String,
    pub user_name: Option<String>,
    pub user_role: Option<String>,
    pub client_ip: Option<String>,
    pub data: String,
    pub basis: String,
}

/// `GET /api/cases/{id}/export`: everything held about one child, for the parents (AVG access).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseExport {
    pub exported_at: DateTime<Utc>,
    pub case: CaseDetail,
    pub access_log: Vec<AccessLogEntry>,
    /// The parents asked for consent by mail: names, addresses, answers and what they added.
    #[serde(default)]
    pub consent_requests: Vec<consent_requests::ConsentRequest>,
}

/// Whole months of age on `today` (0 when born later).
pub fn age_in_months(birth: NaiveDate, today: NaiveDate) -> u32 {
    use chrono::Datelike;
    let months = (today.year() - birth.year()) * 12 + today.month() as i32 - birth.month() as i32;
    let months = if today.day() < birth.day() {
        months - 1
    } else {
        months
    };
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signal() -> NewCase {
        NewCase {
            child_first_name: "Noor".into(),
            child_initial: "J".into(),
            birth_date: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            location_id: Uuid::nil(),
            concerns: vec!["spraak_taal".into()],
            ve_indication: true,
            guardians: vec![Guardian {
                id: None,
                name: "Fatima J.".into(),
                relation: "moeder".into(),
                phone: "+31 6 1234 5678".into(),
                email: String::new(),
            }],
        }
    }

    fn card() -> CaseCard {
        let at = "2026-06-23T09:53:48.454607Z".parse().unwrap();
        CaseCard {
            id: Uuid::from_u128(1),
            child: "Sara B.".into(),
            birth_date: NaiveDate::from_ymd_opt(2024, 4, 30).unwrap(),
            stage_id: Uuid::from_u128(2),
            stage_entered_at: at,
            first_signal_at: at,
            next_evaluation_on: None,
            consent_valid: false,
            concerns: vec![],
            location: None,
            organisation: "Korein".into(),
            mentor: None,
            ve_indication: true,
            support_level: None,
            need_category: None,
            outcome: None,
            version: 1,
            team: vec![],
        }
    }

    #[test]
    fn a_card_leaves_out_what_it_does_not_have_and_reads_back_the_same() {
        let bare = card();
        let json = serde_json::to_value(&bare).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "birth_date",
                "child",
                "consent_valid",
                "first_signal_at",
                "id",
                "organisation",
                "stage_entered_at",
                "stage_id",
                "ve_indication",
                "version"
            ]
        );
        assert_eq!(serde_json::from_value::<CaseCard>(json).unwrap(), bare);

        let full = CaseCard {
            next_evaluation_on: Some(bare.birth_date),
            concerns: vec!["spraak_taal".into()],
            location: Some("Korein Geldrop Zuid".into()),
            mentor: Some("Sanne de Vries".into()),
            support_level: Some(SupportLevel::OnGroup),
            need_category: Some(NeedCategory::Fits),
            outcome: Some(Outcome::Other),
            team: vec![TeamBadge {
                user_id: Uuid::from_u128(3),
                initials: "SV".into(),
            }],
            ..bare
        };
        let json = serde_json::to_string(&full).unwrap();
        assert_eq!(serde_json::from_str::<CaseCard>(&json).unwrap(), full);
    }

    #[test]
    fn names_are_kept_tidy() {
        let named = |first: &str, initial: &str| {
            let s = NewCase {
                child_first_name: first.into(),
                child_initial: initial.into(),
                ..signal()
            };
            (s.first_name(), s.initial())
        };
        assert_eq!(named("  noor ", "k."), ("Noor".into(), "K".into()));
        assert_eq!(
            named("ayla  mae", " v. d "),
            ("Ayla mae".into(), "Vd".into())
        );
        assert_eq!(named("Émile", "é"), ("Émile".into(), "É".into()));
    }

    #[test]
    fn a_new_signal_names_a_young_child_and_a_reachable_parent() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(signal().problem(today), None);
        let field = |f: fn(&mut NewCase)| {
            let mut s = signal();
            f(&mut s);
            s.problem(today).map(|p| p.0)
        };
        assert_eq!(
            field(|s| s.child_first_name = "  ".into()),
            Some("child_first_name")
        );
        assert_eq!(
            field(|s| s.child_first_name = "x".repeat(61)),
            Some("child_first_name")
        );
        assert_eq!(
            field(|s| s.child_initial = String::new()),
            Some("child_initial")
        );
        assert_eq!(
            field(|s| s.child_initial = "ABCD".into()),
            Some("child_initial")
        );
        assert_eq!(
            field(|s| s.child_initial = "1".into()),
            Some("child_initial")
        );
        assert_eq!(
            field(|s| s.child_initial = ".".into()),
            Some("child_initial")
        );
        assert_eq!(field(|s| s.child_initial = "k.".into()), None);
        assert_eq!(
            field(|s| s.birth_date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()),
            Some("birth_date"),
            "tomorrow"
        );
        assert_eq!(
            field(|s| s.birth_date = NaiveDate::from_ymd_opt(2020, 11, 25).unwrap()),
            Some("birth_date"),
            "six today"
        );
        assert_eq!(
            field(|s| s.birth_date = NaiveDate::from_ymd_opt(2020, 11, 26).unwrap()),
            None,
            "six tomorrow"
        );
        assert_eq!(
            field(|s| s.concerns = vec!["astrologie".into()]),
            Some("concerns")
        );
        assert_eq!(
            field(|s| s.concerns = vec![]),
            None,
            "a concern may follow later"
        );
        assert_eq!(
            field(|s| s.guardians = vec![]),
            None,
            "contact may follow later"
        );
        assert_eq!(
            field(|s| s.guardians[0].name = String::new()),
            Some("guardians.name")
        );
        assert_eq!(
            field(|s| s.guardians[0].phone = "06-bel-mij".into()),
            Some("guardians.phone")
        );
        assert_eq!(
            field(|s| s.guardians[0].phone = String::new()),
            Some("guardians.phone"),
            "no way to reach them"
        );
        assert_eq!(
            field(|s| {
                s.guardians[0].phone = String::new();
                s.guardians[0].email = "ouder@example.nl".into();
            }),
            None
        );
        assert_eq!(
            field(|s| s.guardians[0].email = "geen-adres".into()),
            Some("guardians.email")
        );
        assert_eq!(
            field(|s| s.guardians = vec![s.guardians[0].clone(); 5]),
            Some("guardians")
        );
    }
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_in_months_counts_whole_months() {
        assert_eq!(age_in_months(d(2024, 5, 15), d(2026, 11, 24)), 30);
        assert_eq!(age_in_months(d(2024, 5, 25), d(2026, 11, 24)), 29);
        assert_eq!(age_in_months(d(2026, 11, 24), d(2026, 11, 24)), 0);
        assert_eq!(age_in_months(d(2027, 1, 1), d(2026, 11, 24)), 0);
    }

    #[test]
    fn consent_covers_only_its_organisations_its_period_and_until_withdrawn() {
        let jgz = Uuid::from_u128(7);
        let mut c = Consent {
            id: Uuid::nil(),
            given_by: "Moeder".into(),
            given_on: d(2026, 1, 10),
            method: ConsentMethod::Paper,
            organisation_ids: vec![jgz],
            data_categories: vec![],
            valid_until: d(2026, 12, 31),
            withdrawn_at: None,
        };
        assert!(c.covers(jgz, d(2026, 11, 24)));
        assert!(c.valid_on(d(2026, 11, 24)) && c.valid_on(d(2026, 12, 31)));
        assert!(
            !c.covers(Uuid::from_u128(8), d(2026, 11, 24)),
            "other organisation"
        );
        assert!(!c.covers(jgz, d(2026, 1, 9)), "before it was given");
        assert!(!c.valid_on(d(2026, 1, 9)), "before it was given");
        assert!(!c.covers(jgz, d(2027, 1, 1)), "expired");
        assert!(!c.valid_on(d(2027, 1, 1)), "expired");
        c.withdrawn_at = Some(DateTime::UNIX_EPOCH);
        assert!(!c.covers(jgz, d(2026, 11, 24)), "withdrawn");
        assert!(!c.valid_on(d(2026, 11, 24)), "withdrawn");
    }

    fn edit(name: &str, terminal: bool) -> StageEdit {
        StageEdit {
            id: None,
            name: name.into(),
            wip_limit: None,
            requires_consent: false,
            terminal,
        }
    }

    #[test]
    fn routes_need_distinct_names_and_one_terminal_stage_at_the_end() {
        assert!(validate_route(&[edit("Signalering", false), edit("Uitstroom", true)]).is_ok());
        assert_eq!(
            validate_route(&[edit("Uitstroom", true)]).unwrap_err().0,
            "body"
        );
        assert_eq!(
            validate_route(&[edit("A", true), edit("B", false)])
                .unwrap_err()
                .0,
            "body"
        );
        assert_eq!(
            validate_route(&[edit("A", false), edit("B", false)])
                .unwrap_err()
                .0,
            "body"
        );
        assert_eq!(
            validate_route(&[edit("A", false), edit(" a ", true)])
                .unwrap_err()
                .0,
            "1.name"
        );
        assert_eq!(
            validate_route(&[edit(" ", false), edit("B", true)])
                .unwrap_err()
                .0,
            "0.name"
        );
        let mut bad = edit("A", false);
        bad.wip_limit = Some(0);
        assert_eq!(
            validate_route(&[bad, edit("B", true)]).unwrap_err().0,
            "0.wip_limit"
        );
    }

    #[test]
    fn stage_keys_are_url_safe() {
        assert_eq!(stage_key("Vliegende Brigade"), "vliegende-brigade");
        assert_eq!(stage_key("  Zorg-overleg (nieuw) "), "zorg-overleg-nieuw");
        assert_eq!(stage_key("Évaluatie"), "evaluatie");
    }

    #[test]
    fn a_known_stage_has_its_english_name_on_an_english_page_unless_renamed() {
        assert_eq!(
            stage_label("zorgoverleg", "Zorgoverleg", true),
            "Care meeting"
        );
        assert_eq!(stage_label("uitstroom", "Uitstroom", true), "Exit");
        assert_eq!(
            stage_label("zorgoverleg", "Zorgoverleg", false),
            "Zorgoverleg"
        );
        // Renamed by the coordinator, or a stage of the municipality's own: as written.
        assert_eq!(stage_label("zorgoverleg", "MDO", true), "MDO");
        assert_eq!(
            stage_label("vliegende-brigade", "Vliegende Brigade", true),
            "Vliegende Brigade"
        );
        assert_eq!(stage_label("fase-2", "Zorgoverleg", true), "Zorgoverleg");
    }

    #[test]
    fn initials_take_first_and_last_word() {
        assert_eq!(initials("Sanne de Vries"), "SV");
        assert_eq!(initials("Noor"), "N");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn only_levels_beyond_basis_are_extra_support() {
        assert!(!SupportLevel::Basis.is_extra());
        assert!(SupportLevel::OnGroup.is_extra());
        assert!(SupportLevel::OutsideRegular.is_extra());
    }
}

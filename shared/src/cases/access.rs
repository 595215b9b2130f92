//! Who may see a case, and on what ground (DOMAIN.md §6): the rule the server applies to every
//! case endpoint and writes, as the basis, into each access-log line.
use super::Consent;
use crate::auth::{Membership, Role};
use chrono::NaiveDate;
use uuid::Uuid;

/// Who is asking: enough to decide visibility.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user_id: Uuid,
    /// Municipalities where the user coordinates (sees every case).
    pub coordinates: Vec<Uuid>,
    /// Organisations where the user works as a professional.
    pub organisations: Vec<Uuid>,
    /// Whether the user works on cases at all (professional role).
    pub professional: bool,
    /// Every organisation the user belongs to in any role: whose organisation-only notes they read.
    pub all_organisations: Vec<Uuid>,
}

impl Viewer {
    pub fn new(user_id: Uuid, memberships: &[Membership]) -> Self {
        let by_role = |role| memberships.iter().filter(move |m| m.role == role);
        Viewer {
            user_id,
            coordinates: by_role(Role::Coordinator)
                .filter_map(|m| m.municipality_id)
                .collect(),
            organisations: by_role(Role::Professional)
                .filter_map(|m| m.organisation_id)
                .collect(),
            professional: by_role(Role::Professional).next().is_some(),
            all_organisations: memberships
                .iter()
                .filter_map(|m| m.organisation_id)
                .collect(),
        }
    }
}

/// On what ground the viewer may see a case (logged with every access).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    Coordinator,
    CaseTeam,
    Consent(Uuid),
}

impl Basis {
    /// Whether this ground lets one change who is on the team: coordinators and the case's own
    /// organisation do; a partner who sees the case by consent does not.
    pub fn may_change_team(&self) -> bool {
        !matches!(self, Basis::Consent(_))
    }

    pub fn describe(&self) -> String {
        match self {
            Basis::Coordinator => COORDINATOR.into(),
            Basis::CaseTeam => CASE_TEAM.into(),
            Basis::Consent(id) => format!("{CONSENT}{id}"),
        }
    }

    /// The basis [`Basis::describe`] wrote.
    pub fn parse(text: &str) -> Option<Basis> {
        match text {
            COORDINATOR => Some(Basis::Coordinator),
            CASE_TEAM => Some(Basis::CaseTeam),
            _ => text
                .strip_prefix(CONSENT)
                .and_then(|id| Uuid::parse_str(id).ok())
                .map(Basis::Consent),
        }
    }
}

// How [`Basis::describe`] writes each ground into the log.
const COORDINATOR: &str = "coordinator of the municipality";
const CASE_TEAM: &str = "case team, own organisation";
const CONSENT: &str = "case team, consent ";

/// What the rule needs to know about a case.
pub struct CaseAccess<'a> {
    pub municipality_id: Uuid,
    /// The childcare organisation that owns the case.
    pub organisation_id: Uuid,
    /// User ids on the case team.
    pub team: &'a [Uuid],
    pub consents: &'a [Consent],
}

/// The ground on which `viewer` may see the case on `today`, or `None`: then the case does not
/// exist for them. Coordinators see every case of their municipality; a professional sees a
/// case only while on its team, and, when they work outside the case's own organisation, only
/// while a valid consent covers one of their organisations (withdrawal revokes at once).
pub fn basis(viewer: &Viewer, case: &CaseAccess, today: NaiveDate) -> Option<Basis> {
    if viewer.coordinates.contains(&case.municipality_id) {
        return Some(Basis::Coordinator);
    }
    if !viewer.professional || !case.team.contains(&viewer.user_id) {
        return None;
    }
    if viewer.organisations.contains(&case.organisation_id) {
        return Some(Basis::CaseTeam);
    }
    case.consents
        .iter()
        .find(|c| viewer.organisations.iter().any(|o| c.covers(*o, today)))
        .map(|c| Basis::Consent(c.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::ConsentMethod;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const MUNICIPALITY: Uuid = Uuid::from_u128(1);
    const CHILDCARE: Uuid = Uuid::from_u128(2);
    const PARTNER: Uuid = Uuid::from_u128(3);
    const USER: Uuid = Uuid::from_u128(9);

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn membership(
        role: Role,
        municipality: Option<Uuid>,
        organisation: Option<Uuid>,
    ) -> Membership {
        Membership {
            role,
            municipality_id: municipality,
            municipality_name: None,
            organisation_id: organisation,
            organisation_name: None,
        }
    }

    fn professional_at(organisation: Uuid) -> Viewer {
        Viewer::new(
            USER,
            &[membership(Role::Professional, None, Some(organisation))],
        )
    }

    fn consent(organisations: Vec<Uuid>, withdrawn: bool) -> Consent {
        Consent {
            id: Uuid::from_u128(7),
            given_by: "Ouder".into(),
            given_on: day(1),
            method: ConsentMethod::Digital,
            organisation_ids: organisations,
            data_categories: vec![],
            valid_until: day(20),
            withdrawn_at: withdrawn.then(|| day(2).and_hms_opt(9, 0, 0).unwrap().and_utc()),
        }
    }

    fn decide(
        viewer: &Viewer,
        team: &[Uuid],
        consents: &[Consent],
        today: NaiveDate,
    ) -> Option<Basis> {
        let case = CaseAccess {
            municipality_id: MUNICIPALITY,
            organisation_id: CHILDCARE,
            team,
            consents,
        };
        basis(viewer, &case, today)
    }

    #[test]
    fn a_coordinator_sees_every_case_of_their_municipality_only() {
        let here = Viewer::new(
            USER,
            &[membership(Role::Coordinator, Some(MUNICIPALITY), None)],
        );
        assert_eq!(decide(&here, &[], &[], day(5)), Some(Basis::Coordinator));
        let elsewhere = Viewer::new(USER, &[membership(Role::Coordinator, Some(PARTNER), None)]);
        assert_eq!(decide(&elsewhere, &[], &[], day(5)), None);
    }

    #[test]
    fn a_professional_of_the_own_organisation_needs_to_be_on_the_team() {
        let viewer = professional_at(CHILDCARE);
        assert_eq!(decide(&viewer, &[], &[], day(5)), None);
        assert_eq!(decide(&viewer, &[USER], &[], day(5)), Some(Basis::CaseTeam));
    }

    #[test]
    fn a_partner_on_the_team_needs_a_valid_consent_covering_their_organisation() {
        let viewer = professional_at(PARTNER);
        let covering = [consent(vec![PARTNER], false)];
        assert_eq!(decide(&viewer, &[USER], &[], day(5)), None);
        assert_eq!(
            decide(&viewer, &[USER], &covering, day(5)),
            Some(Basis::Consent(Uuid::from_u128(7)))
        );
        assert_eq!(
            decide(&viewer, &[], &covering, day(5)),
            None,
            "not on the team"
        );
        assert_eq!(
            decide(&viewer, &[USER], &covering, day(21)),
            None,
            "expired"
        );
        let other = [consent(vec![CHILDCARE], false)];
        assert_eq!(
            decide(&viewer, &[USER], &other, day(5)),
            None,
            "out of scope"
        );
        let withdrawn = [consent(vec![PARTNER], true)];
        assert_eq!(
            decide(&viewer, &[USER], &withdrawn, day(5)),
            None,
            "withdrawn"
        );
    }

    #[test]
    fn other_roles_see_no_case_even_on_the_team() {
        let editor = Viewer::new(
            USER,
            &[membership(Role::PartnerEditor, None, Some(CHILDCARE))],
        );
        assert!(!editor.professional);
        assert_eq!(editor.all_organisations, vec![CHILDCARE]);
        assert_eq!(decide(&editor, &[USER], &[], day(5)), None);
    }

    #[test]
    fn only_the_own_organisation_and_coordinators_change_the_team() {
        assert!(Basis::Coordinator.may_change_team());
        assert!(Basis::CaseTeam.may_change_team());
        assert!(!Basis::Consent(Uuid::nil()).may_change_team());
    }
}

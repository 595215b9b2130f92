//! Wire types of the administration module.
use crate::auth::{Membership, Role};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One account with all its roles, for `GET /api/admin/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSummary {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    pub memberships: Vec<Membership>,
}

/// Query of `GET /api/admin/users`: only accounts with this role and/or this state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub active: Option<bool>,
}

/// What happened in an authentication event (`GET /api/admin/auth-events`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuthEventKind {
    LoginSucceeded,
    LoginFailed,
    LockedOut,
    SecondFactorSucceeded,
    SecondFactorFailed,
    SecondFactorEnrolled,
    RecoveryCodeUsed,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    InvitationAccepted,
    RoleChanged,
    AccountDeactivated,
    AccountActivated,
    SessionEnded,
    /// An administrator cleared someone's second factor (lost phone and codes): set up again.
    SecondFactorReset,
}

impl AuthEventKind {
    pub const ALL: [AuthEventKind; 16] = [
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::LockedOut,
        Self::SecondFactorSucceeded,
        Self::SecondFactorFailed,
        Self::SecondFactorEnrolled,
        Self::RecoveryCodeUsed,
        Self::PasswordChanged,
        Self::PasswordResetRequested,
        Self::PasswordReset,
        Self::InvitationAccepted,
        Self::RoleChanged,
        Self::AccountDeactivated,
        Self::AccountActivated,
        Self::SessionEnded,
        Self::SecondFactorReset,
    ];

    /// The name stored in the database (the migration's CHECK lists the same names).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LoginSucceeded => "login_succeeded",
            Self::LoginFailed => "login_failed",
            Self::LockedOut => "locked_out",
            Self::SecondFactorSucceeded => "second_factor_succeeded",
            Self::SecondFactorFailed => "second_factor_failed",
            Self::SecondFactorEnrolled => "second_factor_enrolled",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::PasswordChanged => "password_changed",
            Self::PasswordResetRequested => "password_reset_requested",
            Self::PasswordReset => "password_reset",
            Self::InvitationAccepted => "invitation_accepted",
            Self::RoleChanged => "role_changed",
            Self::AccountDeactivated => "account_deactivated",
            Self::AccountActivated => "account_activated",
            Self::SessionEnded => "session_ended",
            Self::SecondFactorReset => "second_factor_reset",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One row of `GET /api/admin/auth-events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthEventRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: AuthEventKind,
    /// Whom the event concerns, when it is an account: its id and its name now.
    pub user_id: Option<Uuid>,
    pub user_name: Option<String>,
    /// The address given (a failed sign-in), or else the account's.
    pub email: Option<String>,
    /// Who caused it, when that is someone else (an admin changing a role): id and name now.
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub client_ip: String,
    pub detail: String,
}

/// Query of `GET /api/admin/auth-events`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AuthEventFilter {
    pub kind: Option<AuthEventKind>,
    pub user_id: Option<Uuid>,
}

/// One mail in the outbox (`GET /api/admin/outbox`): what the platform sent or will send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMail {
    pub id: Uuid,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// `POST /api/admin/invitations`: invite someone to a role in a municipality and/or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    #[serde(default)]
    pub municipality_id: Option<Uuid>,
    #[serde(default)]
    pub organisation_id: Option<Uuid>,
}

/// A sent invitation, as the administration lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationSummary {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub municipality_name: Option<String>,
    pub organisation_name: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub accepted_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// `POST /api/admin/users/{id}/memberships` and `…/memberships/remove`: one role somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MembershipChange {
    pub role: Role,
    #[serde(default)]
    pub municipality_id: Option<Uuid>,
    #[serde(default)]
    pub organisation_id: Option<Uuid>,
}

/// One line of the administration's change log (`GET /api/admin/changes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_name: String,
    pub entity: String,
    pub entity_id: Uuid,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// A municipality (tenant), as the administration edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalityRow {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
}

/// `POST /api/admin/municipalities`, `PUT /api/admin/municipalities/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MunicipalityInput {
    pub slug: String,
    pub name: String,
}

/// An organisation with the municipalities it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationRow {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
    pub website: Option<String>,
    pub municipality_ids: Vec<Uuid>,
}

/// `POST /api/admin/organisations`, `PUT /api/admin/organisations/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub website: Option<String>,
    pub municipality_ids: Vec<Uuid>,
}

/// Organisation kinds (the database's CHECK lists the same).
pub const ORGANISATION_KINDS: [&str; 8] = [
    "municipality",
    "childcare",
    "coaching",
    "youth_health",
    "youth_care",
    "education",
    "parent_support",
    "care_provider",
];

/// A location of an organisation in a municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocationRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub municipality_id: Uuid,
    pub name: String,
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
}

/// `POST /api/admin/locations`, `PUT /api/admin/locations/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LocationInput {
    pub organisation_id: Uuid,
    pub municipality_id: Uuid,
    pub name: String,
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
}

/// Why a membership (to grant or invite to) is malformed, as a machine code. Admins hold their
/// role platform-wide; every other role is held in a municipality for an organisation.
pub fn membership_problem(
    role: Role,
    municipality: Option<Uuid>,
    organisation: Option<Uuid>,
) -> Option<&'static str> {
    match (role, municipality, organisation) {
        (Role::Admin, None, None) => None,
        (Role::Admin, _, _) => Some("admin_is_platform_wide"),
        (_, Some(_), Some(_)) => None,
        (_, None, _) => Some("municipality_required"),
        (_, _, None) => Some("organisation_required"),
    }
}

/// Roles a coordinator may hand out in their own municipality; coordinators and admins are
/// appointed by an admin.
pub const COORDINATOR_GRANTS: [Role; 3] = [Role::Professional, Role::PartnerEditor, Role::Manager];

/// Whether someone with `actor` memberships may grant (or take away) `role` in `municipality`.
pub fn may_grant(actor: &[Membership], role: Role, municipality: Option<Uuid>) -> bool {
    actor.iter().any(|m| match m.role {
        Role::Admin => true,
        Role::Coordinator => {
            COORDINATOR_GRANTS.contains(&role)
                && municipality.is_some()
                && m.municipality_id == municipality
        }
        _ => false,
    })
}

/// Whether `actor` may manage (deactivate, re-activate) an account holding `target`
/// memberships: admins any; a coordinator only accounts whose every role they could grant.
pub fn may_manage_account(actor: &[Membership], target: &[Membership]) -> bool {
    let admin = actor.iter().any(|m| m.role == Role::Admin);
    admin
        || (!target.is_empty()
            && target
                .iter()
                .all(|t| may_grant(actor, t.role, t.municipality_id)))
}

/// Whether `actor` may see an account with `target` memberships in the administration: admins
/// all; coordinators those with a role in one of their municipalities.
pub fn may_see_account(actor: &[Membership], target: &[Membership]) -> bool {
    actor.iter().any(|m| match m.role {
        Role::Admin => true,
        Role::Coordinator => target
            .iter()
            .any(|t| t.municipality_id.is_some() && t.municipality_id == m.municipality_id),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn m(role: Role, municipality: Option<Uuid>) -> Membership {
        Membership {
            role,
            municipality_id: municipality,
            municipality_name: None,
            organisation_id: Some(Uuid::from_u128(9)),
            organisation_name: None,
        }
    }

    #[test]
    fn memberships_need_their_scope() {
        let (g, o) = (Some(Uuid::from_u128(1)), Some(Uuid::from_u128(2)));
        assert_eq!(membership_problem(Role::Admin, None, None), None);
        assert_eq!(
            membership_problem(Role::Admin, g, None),
            Some("admin_is_platform_wide")
        );
        assert_eq!(membership_problem(Role::Professional, g, o), None);
        assert_eq!(
            membership_problem(Role::Professional, None, o),
            Some("municipality_required")
        );
        assert_eq!(
            membership_problem(Role::PartnerEditor, g, None),
            Some("organisation_required")
        );
    }

    #[test]
    fn coordinators_grant_working_roles_in_their_own_municipality_only() {
        let (geldrop, heerlen) = (Some(Uuid::from_u128(1)), Some(Uuid::from_u128(2)));
        let coordinator = [m(Role::Coordinator, geldrop)];
        let admin = [Membership {
            municipality_id: None,
            organisation_id: None,
            ..m(Role::Admin, None)
        }];
        assert!(may_grant(&coordinator, Role::Professional, geldrop));
        assert!(may_grant(&coordinator, Role::Manager, geldrop));
        assert!(!may_grant(&coordinator, Role::Professional, heerlen));
        assert!(!may_grant(&coordinator, Role::Coordinator, geldrop));
        assert!(!may_grant(&coordinator, Role::Admin, None));
        assert!(may_grant(&admin, Role::Coordinator, heerlen));
        assert!(!may_grant(
            &[m(Role::Professional, geldrop)],
            Role::Professional,
            geldrop
        ));

        let pro_geldrop = [m(Role::Professional, geldrop)];
        let pro_both = [
            m(Role::Professional, geldrop),
            m(Role::Professional, heerlen),
        ];
        let other_coordinator = [m(Role::Coordinator, geldrop)];
        assert!(may_manage_account(&coordinator, &pro_geldrop));
        assert!(!may_manage_account(&coordinator, &pro_both));
        assert!(!may_manage_account(&coordinator, &other_coordinator));
        assert!(may_manage_account(&admin, &other_coordinator));
        assert!(may_see_account(&coordinator, &pro_both));
        assert!(!may_see_account(
            &coordinator,
            &[m(Role::Professional, heerlen)]
        ));
        assert!(!may_see_account(&pro_geldrop, &pro_geldrop));
    }

    #[test]
    fn auth_event_kinds_round_trip() {
        for kind in AuthEventKind::ALL {
            assert_eq!(AuthEventKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::json!(kind.as_str())
            );
        }
    }
}

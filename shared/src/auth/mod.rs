//! Roles, sessions and who may open which part of the product.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod account;
pub mod device;
pub use account::SecondFactor;

/// Header every state-changing API request must carry (CSRF defence for cookie sessions):
/// a cross-site form or `fetch` without CORS cannot set a custom header.
pub const CSRF_HEADER: &str = "x-zorgroute-csrf";
/// The value the frontend sends in [`CSRF_HEADER`].
pub const CSRF_VALUE: &str = "1";

/// A cookie the browser app can read, beside the HttpOnly session cookies, that only says a
/// session may exist (value `1`, no secret). Without it the app knows the visitor is signed out
/// and asks nothing: a parent opening the map makes no session check that can only fail.
pub const SIGNED_IN_COOKIE: &str = "zr_signed_in";

/// Who is signed in: what the browser app asks first when [`SIGNED_IN_COOKIE`] is there, and
/// what the server's pages have such a browser fetch at once (a preload the app's request takes).
pub const ME_PATH: &str = "/api/auth/me";

/// A role a user holds through a membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Pedagogisch medewerker, coach, JGZ nurse, youth-care consultant: works on cases.
    Professional,
    /// Municipal or process coordinator: approves map entries, oversees the route.
    Coordinator,
    /// Manager of a childcare provider or policy officer: plans with the pyramid.
    Manager,
    /// Maintains the social-map entries of their own organisation.
    PartnerEditor,
    /// Runs the platform: tenants, organisations, accounts.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Professional,
        Role::Coordinator,
        Role::Manager,
        Role::PartnerEditor,
        Role::Admin,
    ];

    /// The name stored in the database and used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Professional => "professional",
            Role::Coordinator => "coordinator",
            Role::Manager => "manager",
            Role::PartnerEditor => "partner_editor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles that see case data, parents' personal details or administer the platform must pass
    /// a second factor (NEN 7510: strong authentication for access to client data). Managers
    /// plan with aggregate numbers only; they may enrol but need not.
    pub fn needs_second_factor(self) -> bool {
        !matches!(self, Role::Manager)
    }
}

/// The parts of the product, as shown in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Map,
    Board,
    Planner,
    /// The social map's self-service: partners' entries, approvals, parents' questions.
    MapManage,
    /// Administration: accounts, invitations, roles; for admins also tenants and logs.
    Admin,
}

impl Section {
    /// Roles that may open the section; an empty list means public.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Section::Map => &[],
            Section::Board => &[Role::Professional, Role::Coordinator],
            Section::Planner => &[Role::Manager, Role::Coordinator],
            Section::MapManage => &[Role::PartnerEditor, Role::Coordinator, Role::Admin],
            Section::Admin => &[Role::Admin, Role::Coordinator],
        }
    }

    /// Whether a visitor holding `roles` may open the section.
    pub fn allowed_for(self, roles: &[Role]) -> bool {
        let needed = self.roles();
        needed.is_empty() || needed.iter().any(|r| roles.contains(r))
    }
}

/// The sections a visitor with these roles sees in the navigation, in menu order.
pub fn visible_sections(roles: &[Role]) -> Vec<Section> {
    [
        Section::Map,
        Section::Board,
        Section::Planner,
        Section::MapManage,
        Section::Admin,
    ]
    .into_iter()
    .filter(|s| s.allowed_for(roles))
    .collect()
}

/// `POST /api/auth/login`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// A user's role in a municipality and/or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Membership {
    pub role: Role,
    pub municipality_id: Option<Uuid>,
    pub municipality_name: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub organisation_name: Option<String>,
}

/// `GET /api/auth/me` and the answer of a successful login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub memberships: Vec<Membership>,
    /// Where the session stands with the second factor; only `not_needed` and `passed` sessions
    /// can use the product.
    #[serde(default)]
    pub second_factor: SecondFactor,
}

impl Me {
    /// Distinct roles over all memberships, sorted.
    pub fn roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self.memberships.iter().map(|m| m.role).collect();
        roles.sort();
        roles.dedup();
        roles
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.memberships.iter().any(|m| m.role == role)
    }
}

/// Lower-cases and trims an e-mail address; `None` when it cannot be one.
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.chars().any(char::is_whitespace);
    plausible.then_some(email)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn anonymous_visitors_see_only_the_map() {
        assert_eq!(visible_sections(&[]), vec![Section::Map]);
    }

    #[test]
    fn sections_follow_roles() {
        assert_eq!(
            visible_sections(&[Role::Professional]),
            vec![Section::Map, Section::Board]
        );
        assert_eq!(
            visible_sections(&[Role::Manager]),
            vec![Section::Map, Section::Planner]
        );
        assert_eq!(
            visible_sections(&[Role::Coordinator]),
            vec![
                Section::Map,
                Section::Board,
                Section::Planner,
                Section::MapManage,
                Section::Admin
            ]
        );
        assert_eq!(
            visible_sections(&[Role::PartnerEditor]),
            vec![Section::Map, Section::MapManage]
        );
        // Administrators run the platform; they do not read case files by virtue of that role.
        assert_eq!(
            visible_sections(&[Role::Admin]),
            vec![Section::Map, Section::MapManage, Section::Admin]
        );
    }

    #[test]
    fn me_roles_are_distinct_and_sorted() {
        let m = |role| Membership {
            role,
            municipality_id: None,
            municipality_name: None,
            organisation_id: None,
            organisation_name: None,
        };
        let me = Me {
            id: Uuid::nil(),
            email: "a@b.nl".into(),
            display_name: "A".into(),
            memberships: vec![m(Role::Manager), m(Role::Professional), m(Role::Manager)],
            second_factor: SecondFactor::NotNeeded,
        };
        assert_eq!(me.roles(), vec![Role::Professional, Role::Manager]);
        assert!(me.has_role(Role::Manager));
        assert!(!me.has_role(Role::Admin));
    }

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(
            normalise_email("  Jan.Jansen@Korein.NL "),
            Some("jan.jansen@korein.nl".into())
        );
        for bad in [
            "",
            "jan",
            "@korein.nl",
            "jan@",
            "jan@korein",
            "jan@.nl",
            "j an@x.nl",
        ] {
            assert_eq!(normalise_email(bad), None, "{bad:?}");
        }
    }
}

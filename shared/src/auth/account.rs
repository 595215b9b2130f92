//! Accounts: the second factor, passwords, sessions and one-time links (wire types and rules).
use super::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where a session stands with the second factor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SecondFactor {
    /// The account needs none (and has none): the password was enough.
    #[default]
    NotNeeded,
    /// The code (or a recovery code) was given for this session.
    Passed,
    /// The account has TOTP: the session waits for a code.
    Verify,
    /// The account must set up TOTP before it can go on.
    Enrol,
}

impl SecondFactor {
    /// Whether the session may use the product (anything beyond enrolling or verifying).
    pub fn complete(self) -> bool {
        matches!(self, Self::NotNeeded | Self::Passed)
    }

    /// What a fresh sign-in must do next. `enrolled`: TOTP is confirmed on the account.
    /// `exempt`: a demo account outside production (demo accounts cannot sign in in production).
    pub fn after_password(roles: &[Role], enrolled: bool, exempt: bool) -> Self {
        if enrolled {
            Self::Verify
        } else if !exempt && roles.iter().any(|r| r.needs_second_factor()) {
            Self::Enrol
        } else {
            Self::NotNeeded
        }
    }
}

/// Shortest password accepted (NIST SP 800-63B asks at least 8; care systems use more).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted (argon2 would take any length; this bounds the work).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Why a new password is refused, as a machine code; `None` when it is acceptable.
pub fn password_problem(password: &str, email: &str) -> Option<&'static str> {
    let chars = password.chars().count();
    let distinct = {
        let mut c: Vec<char> = password.to_lowercase().chars().collect();
        c.sort_unstable();
        c.dedup();
        c.len()
    };
    let lower = password.to_lowercase();
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if chars < MIN_PASSWORD_CHARS {
        Some("password_too_short")
    } else if chars > MAX_PASSWORD_CHARS {
        Some("password_too_long")
    } else if distinct < 5 {
        Some("password_too_simple")
    } else if local.len() >= 4 && lower.contains(&local) {
        Some("password_contains_email")
    } else {
        None
    }
}

/// `POST /api/auth/second-factor/enrol`: a new secret to put in an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolment {
    /// The secret in base32, for typing in by hand.
    pub secret: String,
    /// `otpauth://totp/…`, what the QR code holds.
    pub uri: String,
    /// The QR code as an SVG document, drawn by the server (nothing from a CDN).
    pub qr_svg: String,
}

/// `POST /api/auth/second-factor/confirm` and `…/verify`: a code from the app, or (verify only)
/// one of the recovery codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub recovery_code: Option<String>,
}

/// Answer of a confirmed enrolment: the recovery codes, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolled {
    pub recovery_codes: Vec<String>,
    pub me: super::Me,
}

/// `GET /api/auth/sessions`: one of the user's live sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The browser named in `user_agent` ([`super::device::browser`]).
    pub browser: Option<String>,
    /// The system named in `user_agent` ([`super::device::system`]).
    pub system: Option<String>,
    /// The session this request came with.
    pub current: bool,
}

/// `POST /api/auth/password`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/auth/password-reset`: always answered 202, whether the address exists or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

/// `POST /api/auth/password-reset/confirm` and `POST /api/auth/invitations/accept`: the token
/// from the mailed link and the password chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkWithPassword {
    pub token: String,
    pub password: String,
}

/// Answer of an accepted invitation: the account to sign in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    pub email: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn second_factor_after_password() {
        use SecondFactor::*;
        assert_eq!(
            SecondFactor::after_password(&[Role::Professional], false, false),
            Enrol
        );
        assert_eq!(
            SecondFactor::after_password(&[Role::Admin], false, false),
            Enrol
        );
        assert_eq!(
            SecondFactor::after_password(&[Role::PartnerEditor], false, false),
            Enrol
        );
        assert_eq!(
            SecondFactor::after_password(&[Role::Manager], false, false),
            NotNeeded
        );
        assert_eq!(
            SecondFactor::after_password(&[Role::Manager], true, false),
            Verify
        );
        assert_eq!(
            SecondFactor::after_password(&[Role::Coordinator], true, true),
            Verify
        );
        assert_eq!(
            SecondFactor::after_password(&[Role::Coordinator], false, true),
            NotNeeded
        );
        assert_eq!(SecondFactor::after_password(&[], false, false), NotNeeded);
        assert!(Passed.complete() && NotNeeded.complete());
        assert!(!Verify.complete() && !Enrol.complete());
    }

    #[test]
    fn passwords_are_checked() {
        let email = "jan.jansen@kinderopvang.nl";
        assert_eq!(password_problem("kort", email), Some("password_too_short"));
        assert_eq!(
            password_problem("aaaaaaaaaaaaaaaa", email),
            Some("password_too_simple")
        );
        assert_eq!(
            password_problem("abababab1212", email),
            Some("password_too_simple")
        );
        assert_eq!(
            password_problem("mijn-jan.jansen-2026", email),
            Some("password_contains_email")
        );
        assert_eq!(
            password_problem(&"x1y2z3".repeat(50), email),
            Some("password_too_long")
        );
        assert_eq!(password_problem("Zonnebloem-Route-42", email), None);
        // Counted in characters, not bytes.
        assert_eq!(
            password_problem("ëëëëëëë", email),
            Some("password_too_short")
        );
    }
}

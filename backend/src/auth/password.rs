//! Password hashing: argon2id with the OWASP parameters (the crate's defaults: 19 MiB, t=2, p=1).
use crate::error::ApiError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use std::sync::OnceLock;

pub fn hash(password: &str) -> Result<String, ApiError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(ApiError::internal)
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same work as a real check, for unknown accounts: the response time must not tell
/// whether an e-mail address has an account.
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("dummy-password-for-timing").unwrap_or_default());
    let _ = verify(password, stored);
}

/// Checks a new password against the policy in `shared` and hashes it; 422 naming the rule.
pub fn new_hash(password: &str, email: &str) -> Result<String, ApiError> {
    if let Some(rule) = shared::auth::account::password_problem(password, email) {
        return Err(ApiError::Refused {
            field: "password",
            rule: rule.into(),
            message: "Choose a password of at least 12 characters that is not easy to guess \
                      and does not contain your e-mail address.",
        });
    }
    hash(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_are_argon2id_with_owasp_parameters() {
        let h = hash("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery staple", &h));
        assert!(!verify("correct horse battery stapler", &h));
    }

    #[test]
    fn same_password_gets_a_new_salt() {
        assert_ne!(
            hash("same password here").unwrap(),
            hash("same password here").unwrap()
        );
    }

    #[test]
    fn malformed_hash_never_matches() {
        assert!(!verify("x", ""));
        assert!(!verify("x", "$argon2id$garbage"));
    }
}

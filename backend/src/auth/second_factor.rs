//! The second factor: TOTP (RFC 6238) through `totp-rs` — 6 digits, 30-second steps,
//! HMAC-SHA-1 (what every authenticator app supports), one step either side for clock drift,
//! each step accepted once — and ten single-use recovery codes.
use super::log::{AuthEvent, record};
use super::{PartialUser, client_ip, queries};
use crate::db;
use crate::error::ApiError;
use crate::json::Json;
use crate::state::AppState;
use actix_web::{HttpRequest, web};
use diesel::Connection;
use qrcode::QrCode;
use qrcode::render::svg;
use sha2::{Digest, Sha256};
use shared::admin::AuthEventKind;
use shared::auth::SecondFactor;
use shared::auth::account::{CodeRequest, Enrolled, Enrolment};
use totp_rs::{Algorithm, Builder, Secret, Totp};

pub const ISSUER: &str = "Zorgroute";
const DIGITS: u8 = 6;
const STEP_SECS: u64 = 30;
const RECOVERY_CODES: usize = 10;

fn totp(secret: &[u8], digits: u8, algorithm: Algorithm) -> Totp {
    Builder::new()
        .with_algorithm(algorithm)
        .with_digits(digits)
        .with_skew(1)
        .with_step_duration(STEP_SECS)
        .with_secret(secret.to_vec())
        .build_noncompliant()
}

/// 160 random bits, as RFC 4226 recommends.
pub fn new_secret() -> Result<Vec<u8>, ApiError> {
    let mut bytes = vec![0u8; 20];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(bytes)
}

/// The time step `code` is valid for at `now` (Unix seconds), if valid and later than `last_step`.
pub fn accept(secret: &[u8], code: &str, now: u64, last_step: Option<i64>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != usize::from(DIGITS) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let step = i64::try_from(totp(secret, DIGITS, Algorithm::SHA1).check(&code, now)?).ok()?;
    last_step.is_none_or(|last| step > last).then_some(step)
}

/// The code an authenticator app shows at `now` (for tests and the bench; the server never
/// sends codes).
pub fn code_at(secret: &[u8], now: u64) -> String {
    totp(secret, DIGITS, Algorithm::SHA1)
        .generate(now)
        .to_string()
}

/// `otpauth://` URI (Key Uri Format) and its QR code, drawn here as SVG.
pub fn enrolment(secret: &[u8], account: &str) -> Result<Enrolment, ApiError> {
    let b32 = Secret::from(secret.to_vec()).to_base32();
    let label = percent_encode(&format!("{ISSUER}:{account}"));
    let uri = format!(
        "otpauth://totp/{label}?secret={b32}&issuer={ISSUER}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}"
    );
    let qr_svg = QrCode::new(uri.as_bytes())
        .map_err(ApiError::internal)?
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(Enrolment {
        secret: b32,
        uri,
        qr_svg,
    })
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Ten codes like `k7m2p-x9qtr`; the server keeps only their SHA-256.
fn new_recovery_codes() -> Result<Vec<String>, ApiError> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; RECOVERY_CODES * 10];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(bytes
        .chunks(10)
        .map(|chunk| {
            let chars: String = chunk
                .iter()
                .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect())
}

/// Case, spaces and dashes do not matter when a recovery code is typed in.
fn recovery_hash(code: &str) -> Vec<u8> {
    let normal: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Sha256::digest(normal.as_bytes()).to_vec()
}

fn now_secs() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default()
}

/// `POST /api/auth/second-factor/enrol`: a new secret, until one is confirmed.
pub async fn enrol(
    state: web::Data<AppState>,
    PartialUser(user): PartialUser,
) -> Result<web::Json<Enrolment>, ApiError> {
    if user.second_factor == SecondFactor::Verify || user.second_factor == SecondFactor::Passed {
        return Err(ApiError::Conflict(
            "Two-factor authentication is already set up for this account.".into(),
        ));
    }
    let secret = new_secret()?;
    let enrolment = enrolment(&secret, &user.email)?;
    let stored = db::run(&state.pool, move |conn| {
        queries::set_totp_secret(conn, user.id, &secret)
    })
    .await?;
    if !stored {
        return Err(ApiError::Conflict(
            "Two-factor authentication is already set up for this account.".into(),
        ));
    }
    Ok(web::Json(enrolment))
}

fn code_of(body: &CodeRequest) -> Result<&str, ApiError> {
    body.code
        .as_deref()
        .ok_or_else(|| ApiError::validation("code", "Enter the 6-digit code from your app."))
}

/// `POST /api/auth/second-factor/confirm`: the first code proves the app holds the secret.
pub async fn confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    PartialUser(user): PartialUser,
    body: Json<CodeRequest>,
) -> Result<web::Json<Enrolled>, ApiError> {
    let code = code_of(&body)?.to_owned();
    let ip = client_ip(&req);
    state
        .login_limiter
        .check(&ip, &format!("2fa:{}", user.id))?;
    let codes = new_recovery_codes()?;
    let hashes: Vec<Vec<u8>> = codes.iter().map(|c| recovery_hash(c)).collect();
    let mut me = user.me();
    db::run(&state.pool, move |conn| {
        let totp = queries::totp_state(conn, user.id)?;
        let secret = match (totp.enabled, totp.secret) {
            (false, Some(secret)) => secret,
            _ => {
                return Err(ApiError::Conflict(
                    "Start the set-up first, or it is already done.".into(),
                ));
            }
        };
        let Some(step) = accept(&secret, &code, now_secs(), None) else {
            record(
                conn,
                AuthEvent::own(AuthEventKind::SecondFactorFailed, user.id, &ip),
            )?;
            return Err(ApiError::InvalidCode);
        };
        conn.transaction(|conn| {
            queries::enable_totp(conn, user.id, step, &hashes)?;
            queries::complete_second_factor(conn, user.session_id)?;
            record(
                conn,
                AuthEvent::own(AuthEventKind::SecondFactorEnrolled, user.id, &ip),
            )
        })
    })
    .await?;
    me.second_factor = SecondFactor::Passed;
    Ok(web::Json(Enrolled {
        recovery_codes: codes,
        me,
    }))
}

/// `POST /api/auth/second-factor/verify`: a code from the app (each used once) or a recovery
/// code (each used once) completes a sign-in.
pub async fn verify(
    state: web::Data<AppState>,
    req: HttpRequest,
    PartialUser(user): PartialUser,
    body: Json<CodeRequest>,
) -> Result<web::Json<shared::auth::Me>, ApiError> {
    if user.second_factor != SecondFactor::Verify {
        return Err(ApiError::Conflict(
            "This session does not wait for a code.".into(),
        ));
    }
    let body = body.into_inner();
    let ip = client_ip(&req);
    state
        .login_limiter
        .check(&ip, &format!("2fa:{}", user.id))?;
    let mut me = user.me();
    db::run(&state.pool, move |conn| {
        let passed = match (&body.code, &body.recovery_code) {
            (Some(code), None) => {
                let totp = queries::totp_state(conn, user.id)?;
                let secret = totp.secret.unwrap_or_default();
                match accept(&secret, code, now_secs(), totp.last_step) {
                    Some(step) => queries::use_totp_step(conn, user.id, step)?
                        .then_some(AuthEventKind::SecondFactorSucceeded),
                    None => None,
                }
            }
            (None, Some(code)) => queries::use_recovery_code(conn, user.id, &recovery_hash(code))?
                .then_some(AuthEventKind::RecoveryCodeUsed),
            _ => {
                return Err(ApiError::validation(
                    "code",
                    "Send either a code from your app or a recovery code.",
                ));
            }
        };
        let Some(kind) = passed else {
            record(
                conn,
                AuthEvent::own(AuthEventKind::SecondFactorFailed, user.id, &ip),
            )?;
            return Err(ApiError::InvalidCode);
        };
        queries::complete_second_factor(conn, user.session_id)?;
        record(conn, AuthEvent::own(kind, user.id, &ip))
    })
    .await?;
    me.second_factor = SecondFactor::Passed;
    Ok(web::Json(me))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B: the seeds are the ASCII digits "1234567890" repeated to the key size.
    #[test]
    fn rfc_6238_test_vectors() {
        let sha1 = b"12345678901234567890".to_vec();
        let sha256 = b"12345678901234567890123456789012".to_vec();
        let sha512 = b"1234567890123456789012345678901234567890123456789012345678901234".to_vec();
        let vectors: [(u64, &str, &str, &str); 6] = [
            (59, "94287082", "46119246", "90693936"),
            (1111111109, "07081804", "68084774", "25091201"),
            (1111111111, "14050471", "67062674", "99943326"),
            (1234567890, "89005924", "91819424", "93441116"),
            (2000000000, "69279037", "90698825", "38618901"),
            (20000000000, "65353130", "77737706", "47863826"),
        ];
        for (time, c1, c256, c512) in vectors {
            assert_eq!(
                totp(&sha1, 8, Algorithm::SHA1).generate(time).to_string(),
                c1
            );
            assert_eq!(
                totp(&sha256, 8, Algorithm::SHA256)
                    .generate(time)
                    .to_string(),
                c256
            );
            assert_eq!(
                totp(&sha512, 8, Algorithm::SHA512)
                    .generate(time)
                    .to_string(),
                c512
            );
        }
    }

    #[test]
    fn codes_are_accepted_once_and_within_one_step_of_drift() {
        let secret = new_secret().unwrap();
        let now = 1_700_000_000;
        let code = code_at(&secret, now);
        let step = accept(&secret, &code, now, None).unwrap();
        assert_eq!(step, 1_700_000_000 / 30);
        // The same code again (same step): refused.
        assert_eq!(accept(&secret, &code, now, Some(step)), None);
        // The previous step's code is still fine 30 s later, the one before that is not.
        assert!(accept(&secret, &code, now + 30, None).is_some());
        assert_eq!(accept(&secret, &code, now + 90, None), None);
        // Shape checks: wrong length, letters, another secret.
        assert_eq!(accept(&secret, "12345", now, None), None);
        assert_eq!(accept(&secret, "abcdef", now, None), None);
        assert_eq!(accept(&new_secret().unwrap(), &code, now, None), None);
        // Spaces as apps show them ("123 456") are fine.
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(accept(&secret, &spaced, now, None).is_some());
    }

    #[test]
    fn enrolment_uri_and_qr_code() {
        let e = enrolment(b"12345678901234567890", "jan+test@x.nl").unwrap();
        assert_eq!(e.secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert!(
            e.uri
                .starts_with("otpauth://totp/Zorgroute:jan%2Btest%40x.nl?secret=GEZDG")
        );
        assert!(
            e.uri
                .ends_with("&issuer=Zorgroute&algorithm=SHA1&digits=6&period=30")
        );
        assert!(e.qr_svg.contains("<svg"));
    }

    #[test]
    fn recovery_codes_are_distinct_and_typed_loosely() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 11 && c.as_bytes()[5] == b'-')
        );
        assert_eq!(
            recovery_hash(&codes[0]),
            recovery_hash(&format!(" {} ", codes[0].to_uppercase().replace('-', "")))
        );
    }
}

//! Short-lived access tokens: HS256 only, `exp`, `iat`, `iss` and `aud` required and checked.
use crate::error::ApiError;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const ISSUER: &str = "zorgroute";
pub const AUDIENCE: &str = "zorgroute-web";
/// Access tokens live 15 minutes; the refresh token renews them while the session is valid.
pub const ACCESS_TTL_SECS: i64 = 15 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Claims {
    /// The user.
    pub sub: Uuid,
    /// The session (row in `sessions`) the token belongs to; revoking it revokes the token.
    pub sid: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

impl Claims {
    pub fn new(user: Uuid, session: Uuid, now: i64) -> Self {
        Self {
            sub: user,
            sid: session,
            iat: now,
            exp: now + ACCESS_TTL_SECS,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        }
    }
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(&self, claims: &Claims) -> Result<String, ApiError> {
        encode(&Header::new(Algorithm::HS256), claims, &self.encoding).map_err(ApiError::internal)
    }

    /// Every failure (signature, algorithm, expiry, issuer, audience, shape) is a plain 401.
    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|_| ApiError::Unauthenticated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    const SECRET: &[u8] = b"test-secret-test-secret-test-secret!";

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    fn claims() -> Claims {
        Claims::new(Uuid::new_v4(), Uuid::new_v4(), now())
    }

    fn b64(v: &serde_json::Value) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
    }

    #[test]
    fn issued_tokens_verify() {
        let keys = JwtKeys::new(SECRET);
        let c = claims();
        assert_eq!(keys.verify(&keys.issue(&c).unwrap()).unwrap(), c);
    }

    #[test]
    fn tampered_payload_is_refused() {
        let keys = JwtKeys::new(SECRET);
        let token = keys.issue(&claims()).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let mut other = claims();
        other.sub = Uuid::new_v4();
        let forged = format!(
            "{}.{}.{}",
            parts[0],
            b64(&serde_json::to_value(&other).unwrap()),
            parts[2]
        );
        assert!(keys.verify(&forged).is_err());
    }

    #[test]
    fn other_secret_is_refused() {
        let token = JwtKeys::new(b"another-secret-another-secret-xx")
            .issue(&claims())
            .unwrap();
        assert!(JwtKeys::new(SECRET).verify(&token).is_err());
    }

    #[test]
    fn alg_none_is_refused() {
        let header = serde_json::json!({"alg": "none", "typ": "JWT"});
        let token = format!(
            "{}.{}.",
            b64(&header),
            b64(&serde_json::to_value(claims()).unwrap())
        );
        assert!(JwtKeys::new(SECRET).verify(&token).is_err());
    }

    #[test]
    fn other_algorithm_is_refused() {
        let c = claims();
        let token = encode(
            &Header::new(Algorithm::HS512),
            &c,
            &EncodingKey::from_secret(SECRET),
        )
        .unwrap();
        assert!(JwtKeys::new(SECRET).verify(&token).is_err());
    }

    #[test]
    fn expired_wrong_audience_wrong_issuer_are_refused() {
        let keys = JwtKeys::new(SECRET);
        let mut expired = Claims::new(Uuid::new_v4(), Uuid::new_v4(), now() - 3600);
        expired.exp = now() - 60;
        let mut aud = claims();
        aud.aud = "someone-else".into();
        let mut iss = claims();
        iss.iss = "evil".into();
        for c in [expired, aud, iss] {
            assert!(keys.verify(&keys.issue(&c).unwrap()).is_err(), "{c:?}");
        }
    }

    #[test]
    fn missing_claims_are_refused() {
        let keys = JwtKeys::new(SECRET);
        let token = encode(
            &Header::new(Algorithm::HS256),
            &serde_json::json!({"sub": Uuid::new_v4(), "sid": Uuid::new_v4(), "exp": now() + 60}),
            &EncodingKey::from_secret(SECRET),
        )
        .unwrap();
        assert!(keys.verify(&token).is_err());
        assert!(keys.verify("not-a-jwt").is_err());
    }
}

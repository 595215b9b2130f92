//! Short-lived access tokens: HS256 only, `exp`, `iat`, `iss` and `aud` required and checked.
use crate::error::ApiError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub const ISSUER: &str = "zorgroute";
pub const AUDIENCE: &str = "zorgroute-web";
/// Access tokens live 15 minutes; the refresh token renews them while the session is valid.
pub const ACCESS_TTL_SECS: i64 = 15 * 60;
/// Domain separation: the successor key is not the signing key.
const SUCCESSOR_LABEL: &[u8] = b"zorgroute refresh token successor v1";

/// The successor key: SHA-256 of the label and the secret, zero-padded to HMAC's block as HMAC
/// pads a shorter key.
fn successor_key(secret: &[u8]) -> Hmac<Sha256> {
    let mut key = [0u8; 64];
    key[..32].copy_from_slice(
        &Sha256::new_with_prefix(SUCCESSOR_LABEL)
            .chain_update(secret)
            .finalize(),
    );
    Hmac::new(&key.into())
}

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

/// The server's token keys, from its one secret: the access tokens' signing key, and the key that
/// derives a refresh token's successor.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    successor: Hmac<Sha256>,
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
            successor: successor_key(secret),
        }
    }

    /// The refresh token that replaces `presented`: always the same one for the same token, so a
    /// swap repeated within the overlap (two tabs renewing at once, an answer lost on the way)
    /// hands out the token the first swap did. Nobody without the secret can derive it.
    pub fn successor(&self, presented: &str) -> String {
        URL_SAFE_NO_PAD.encode(
            self.successor
                .clone()
                .chain_update(presented.as_bytes())
                .finalize()
                .into_bytes(),
        )
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
    fn a_refresh_token_has_one_successor_only_the_secret_derives() {
        let keys = JwtKeys::new(SECRET);
        let next = keys.successor("token-a");
        assert_eq!(
            next,
            keys.successor("token-a"),
            "the same swap, the same token"
        );
        assert_ne!(next, keys.successor("token-b"));
        assert_ne!(next, JwtKeys::new(b"another-secret").successor("token-a"));
        assert_eq!(URL_SAFE_NO_PAD.decode(&next).unwrap().len(), 32);
        // Standard HMAC-SHA256 under the derived 32-byte key (the padding is HMAC's own).
        let key = Sha256::new_with_prefix(SUCCESSOR_LABEL)
            .chain_update(SECRET)
            .finalize();
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key)
            .unwrap()
            .chain_update(b"token-a")
            .finalize()
            .into_bytes();
        assert_eq!(next, URL_SAFE_NO_PAD.encode(mac));
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

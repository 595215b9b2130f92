//! The one error body every API failure returns.
use serde::{Deserialize, Serialize};

/// Machine-readable error codes. Clients branch on these, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    InvalidJson,
    InvalidQuery,
    InvalidPath,
    Validation,
    Unauthenticated,
    InvalidCredentials,
    /// Signed in with the password; the session waits for the second factor (or its set-up).
    SecondFactorRequired,
    Forbidden,
    CsrfMissing,
    NotFound,
    MethodNotAllowed,
    Conflict,
    /// A one-time link that is unknown, used or expired (the answer does not say which).
    LinkInvalid,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    Unavailable,
    Internal,
}

impl ErrorCode {
    /// The HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest | Self::InvalidJson | Self::InvalidQuery | Self::InvalidPath => 400,
            Self::Unauthenticated | Self::InvalidCredentials | Self::SecondFactorRequired => 401,
            Self::Forbidden | Self::CsrfMissing => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict => 409,
            Self::LinkInvalid => 410,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::Validation => 422,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    /// The code a bare HTTP status maps to, for errors raised outside our handlers.
    pub fn from_status(status: u16) -> Self {
        match status {
            401 => Self::Unauthenticated,
            403 => Self::Forbidden,
            404 => Self::NotFound,
            405 => Self::MethodNotAllowed,
            409 => Self::Conflict,
            410 => Self::LinkInvalid,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::Validation,
            429 => Self::RateLimited,
            503 => Self::Unavailable,
            400..=499 => Self::BadRequest,
            _ => Self::Internal,
        }
    }
}

/// `{"status": 422, "code": "validation", "message": "…", "details": {"field": "…"}}`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub status: u16,
    pub code: ErrorCode,
    /// A sentence for people (English; the frontend shows its own translation per code).
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

impl ApiErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status: code.status(),
            code,
            message: message.into(),
            details: None,
        }
    }

    /// A validation error that names the offending field.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        Self {
            details: Some(serde_json::json!({ "field": field })),
            ..Self::new(ErrorCode::Validation, message)
        }
    }

    /// The field a validation error names, if any.
    pub fn field(&self) -> Option<&str> {
        self.details.as_ref()?.get("field")?.as_str()
    }
}

/// A rejected input, naming the field (dotted path into the request) for a 422.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn body_serialises_with_snake_case_code_and_status() {
        let body = ApiErrorBody::invalid_field("email", "E-mail is required");
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["status"], 422);
        assert_eq!(json["code"], "validation");
        assert_eq!(json["details"]["field"], "email");
        assert_eq!(body.field(), Some("email"));
    }

    #[test]
    fn details_are_omitted_when_empty() {
        let json = serde_json::to_string(&ApiErrorBody::new(ErrorCode::NotFound, "x")).unwrap();
        assert!(!json.contains("details"));
    }

    #[test]
    fn status_round_trips_through_code() {
        for status in [
            400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 503,
        ] {
            assert_eq!(ErrorCode::from_status(status).status(), status);
        }
        assert_eq!(ErrorCode::from_status(418), ErrorCode::BadRequest);
        assert_eq!(ErrorCode::from_status(502), ErrorCode::Internal);
    }
}

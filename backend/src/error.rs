//! The backend's one error type. Every failure becomes the shared JSON body
//! `{status, code, message, details?}`; causes of internal errors go to the log only.
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use shared::error::{ApiErrorBody, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: String },
    #[error("{field}: {message}")]
    Validation { field: String, message: String },
    #[error("not signed in or session ended")]
    Unauthenticated,
    #[error("wrong e-mail address or password")]
    InvalidCredentials,
    #[error("second factor required")]
    SecondFactorRequired,
    #[error("wrong or used code")]
    InvalidCode,
    #[error("link unknown, used or expired")]
    LinkInvalid,
    #[error("not allowed")]
    Forbidden,
    #[error("missing CSRF header")]
    CsrfMissing,
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    /// Optimistic-concurrency conflict: nothing changed; `current` is the record as it is now.
    #[error("stale version")]
    Stale { current: serde_json::Value },
    /// A domain rule forbids the request; `rule` is the machine code clients branch on.
    #[error("{rule}: {message}")]
    Refused {
        field: &'static str,
        rule: String,
        message: &'static str,
    },
    /// An HSDS import with rejected records: nothing changed; `report` says what and why.
    #[error("import rejected")]
    ImportRejected { report: serde_json::Value },
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported content type")]
    UnsupportedMediaType,
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// `Err` (422) for the first problem a shared rule found in a request, `Ok` when there is none.
    pub fn unless(problem: Option<(&'static str, &'static str)>) -> Result<(), Self> {
        match problem {
            Some((field, message)) => Err(Self::validation(field, message)),
            None => Ok(()),
        }
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    pub fn body(&self) -> ApiErrorBody {
        match self {
            Self::BadRequest { code, message } => ApiErrorBody::new(*code, message.clone()),
            Self::Validation { field, message } => {
                ApiErrorBody::invalid_field(field, message.clone())
            }
            Self::Unauthenticated => ApiErrorBody::new(
                ErrorCode::Unauthenticated,
                "You are not signed in, or your session has ended.",
            ),
            Self::InvalidCredentials => ApiErrorBody::new(
                ErrorCode::InvalidCredentials,
                "The e-mail address or the password is wrong.",
            ),
            Self::SecondFactorRequired => ApiErrorBody::new(
                ErrorCode::SecondFactorRequired,
                "Confirm your sign-in with the code from your authenticator app first.",
            ),
            Self::InvalidCode => ApiErrorBody::new(
                ErrorCode::InvalidCredentials,
                "The code is wrong, expired or already used.",
            ),
            Self::LinkInvalid => ApiErrorBody::new(
                ErrorCode::LinkInvalid,
                "This link is no longer valid: it was used already, has expired or is unknown.",
            ),
            Self::Forbidden => {
                ApiErrorBody::new(ErrorCode::Forbidden, "Your role does not allow this.")
            }
            Self::CsrfMissing => ApiErrorBody::new(
                ErrorCode::CsrfMissing,
                "This request must be sent by the Zorgroute app (missing x-zorgroute-csrf header).",
            ),
            Self::NotFound => ApiErrorBody::new(ErrorCode::NotFound, "Not found."),
            Self::Conflict(message) => ApiErrorBody::new(ErrorCode::Conflict, message.clone()),
            Self::Stale { current } => ApiErrorBody {
                details: Some(serde_json::json!({ "current": current })),
                ..ApiErrorBody::new(
                    ErrorCode::Conflict,
                    "Someone else changed this first. Nothing was changed; here is the current state.",
                )
            },
            Self::Refused {
                field,
                rule,
                message,
            } => ApiErrorBody {
                details: Some(serde_json::json!({ "field": field, "rule": rule })),
                ..ApiErrorBody::new(ErrorCode::Validation, *message)
            },
            Self::ImportRejected { report } => ApiErrorBody {
                details: Some(serde_json::json!({ "report": report })),
                ..ApiErrorBody::new(
                    ErrorCode::Validation,
                    "Some records were rejected, so nothing was imported. The report says which and why.",
                )
            },
            Self::PayloadTooLarge => {
                ApiErrorBody::new(ErrorCode::PayloadTooLarge, "The request body is too large.")
            }
            Self::UnsupportedMediaType => ApiErrorBody::new(
                ErrorCode::UnsupportedMediaType,
                "Send the request body as application/json.",
            ),
            Self::RateLimited { retry_after_secs } => ApiErrorBody {
                details: Some(serde_json::json!({ "retry_after_secs": retry_after_secs })),
                ..ApiErrorBody::new(
                    ErrorCode::RateLimited,
                    "Too many attempts. Wait a moment and try again.",
                )
            },
            Self::Unavailable => ApiErrorBody::new(
                ErrorCode::Unavailable,
                "The service is temporarily unavailable. Try again shortly.",
            ),
            Self::Internal(_) => ApiErrorBody::new(
                ErrorCode::Internal,
                "Something went wrong on our side. It has been logged.",
            ),
        }
    }
}

/// Handler for routes that do not exist.
pub async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.body().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            tracing::error!(%cause, "internal error");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CACHE_CONTROL, "no-store"));
        if let Self::RateLimited { retry_after_secs } = self {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        response.json(self.body())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as Kind, Error};
        match err {
            Error::NotFound => Self::NotFound,
            Error::DatabaseError(Kind::UniqueViolation, info) => Self::Conflict(format!(
                "Already exists ({}).",
                info.constraint_name().unwrap_or("unique")
            )),
            Error::DatabaseError(Kind::ClosedConnection | Kind::UnableToSendCommand, _) => {
                Self::Unavailable
            }
            Error::DatabaseError(_, info) if database_away(info.message()) => Self::Unavailable,
            other => Self::internal(other),
        }
    }
}

/// Whether PostgreSQL's message says the server is going away or not there yet (a restart, a
/// fail-over): the request may be retried, so 503 rather than 500.
fn database_away(message: &str) -> bool {
    [
        "terminating connection",
        "the database system is shutting down",
        "the database system is starting up",
        "the database system is in recovery mode",
        "server closed the connection",
        "no connection to the server",
        "could not receive data from server",
    ]
    .iter()
    .any(|m| message.contains(m))
}

impl From<shared::error::FieldError> for ApiError {
    fn from(err: shared::error::FieldError) -> Self {
        Self::Validation {
            field: err.field,
            message: err.message,
        }
    }
}

impl From<actix_web::error::QueryPayloadError> for ApiError {
    fn from(err: actix_web::error::QueryPayloadError) -> Self {
        Self::BadRequest {
            code: ErrorCode::InvalidQuery,
            message: format!("Invalid query string: {err}"),
        }
    }
}

impl From<actix_web::error::PathError> for ApiError {
    fn from(err: actix_web::error::PathError) -> Self {
        Self::BadRequest {
            code: ErrorCode::InvalidPath,
            message: format!("Invalid path parameter: {err}"),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        Self::internal(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::to_bytes;

    async fn rendered(err: ApiError) -> (StatusCode, ApiErrorBody) {
        let response = err.error_response();
        let status = response.status();
        let bytes = to_bytes(response.into_body()).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[actix_web::test]
    async fn every_variant_renders_the_shared_body_with_matching_status() {
        let cases = [
            (
                ApiError::validation("email", "required"),
                422,
                ErrorCode::Validation,
            ),
            (ApiError::Unauthenticated, 401, ErrorCode::Unauthenticated),
            (
                ApiError::InvalidCredentials,
                401,
                ErrorCode::InvalidCredentials,
            ),
            (ApiError::Forbidden, 403, ErrorCode::Forbidden),
            (ApiError::CsrfMissing, 403, ErrorCode::CsrfMissing),
            (ApiError::NotFound, 404, ErrorCode::NotFound),
            (ApiError::Conflict("stale".into()), 409, ErrorCode::Conflict),
            (ApiError::PayloadTooLarge, 413, ErrorCode::PayloadTooLarge),
            (
                ApiError::ImportRejected {
                    report: serde_json::json!({ "rejected": [] }),
                },
                422,
                ErrorCode::Validation,
            ),
            (
                ApiError::RateLimited {
                    retry_after_secs: 7,
                },
                429,
                ErrorCode::RateLimited,
            ),
            (ApiError::Unavailable, 503, ErrorCode::Unavailable),
        ];
        for (err, status, code) in cases {
            let (got, body) = rendered(err).await;
            assert_eq!(got.as_u16(), status);
            assert_eq!(body.status, status);
            assert_eq!(body.code, code);
            assert!(!body.message.is_empty());
        }
    }

    #[test]
    fn a_database_going_away_is_503_other_database_errors_500() {
        use diesel::result::{DatabaseErrorKind as Kind, Error};
        let db = |kind, message: &str| Error::DatabaseError(kind, Box::new(message.to_owned()));
        for away in [
            db(Kind::ClosedConnection, "closed"),
            db(Kind::UnableToSendCommand, "broken pipe"),
            db(
                Kind::Unknown,
                "terminating connection due to administrator command",
            ),
            db(Kind::Unknown, "FATAL: the database system is starting up"),
        ] {
            assert!(matches!(ApiError::from(away), ApiError::Unavailable));
        }
        assert!(matches!(
            ApiError::from(db(Kind::Unknown, "division by zero")),
            ApiError::Internal(_)
        ));
    }

    #[actix_web::test]
    async fn internal_errors_hide_their_cause() {
        let (status, body) = rendered(ApiError::internal("password=hunter2 leaked")).await;
        assert_eq!(status, 500);
        assert!(!body.message.contains("hunter2"));
    }

    #[test]
    fn a_shared_rule_problem_becomes_a_422_naming_its_field() {
        assert!(ApiError::unless(None).is_ok());
        match ApiError::unless(Some(("birth_date", "in the future"))) {
            Err(ApiError::Validation { field, message }) => {
                assert_eq!(
                    (field.as_str(), message.as_str()),
                    ("birth_date", "in the future")
                );
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn rate_limited_sets_retry_after() {
        let response = ApiError::RateLimited {
            retry_after_secs: 12,
        }
        .error_response();
        assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "12");
    }

    #[test]
    fn missing_rows_become_not_found() {
        let err = ApiError::from(diesel::result::Error::NotFound);
        assert!(matches!(err, ApiError::NotFound));
    }
}

//! The JSON body extractor every handler uses. Unlike `web::Json` it names the offending field
//! (`children.age0`, `input.opening.weeks_per_year`) when a value has the wrong type or range.
use crate::error::ApiError;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use serde::de::DeserializeOwned;
use shared::error::ErrorCode;
use std::future::Future;
use std::pin::Pin;

pub struct Json<T>(pub T);

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// Parses `bytes`, mapping syntax errors to 400 and type/range errors to 422 with the field path.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if has_nul(bytes) {
        return Err(ApiError::validation("body", NUL_REFUSED));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_data() {
            let field = if path == "." { "body".to_owned() } else { path };
            ApiError::validation(&field, inner.to_string())
        } else {
            ApiError::BadRequest {
                code: ErrorCode::InvalidJson,
                message: format!("The request body is not valid JSON: {inner}"),
            }
        }
    })
}

/// Why text with the NUL character is refused (in a body, the path or a query parameter).
pub const NUL_REFUSED: &str = "Text cannot contain the NUL character (U+0000).";

/// Whether a JSON text holds the NUL character (written `\u0000`; raw it is no JSON), which
/// PostgreSQL cannot store in text.
fn has_nul(json: &[u8]) -> bool {
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            0 => return true,
            b'\\' if json[i + 1..].starts_with(b"u0000") => return true,
            // An escape: the escaped character is not the start of another one.
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    false
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            let bytes = body.await.map_err(|e| {
                if e.as_response_error().status_code()
                    == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
                {
                    ApiError::PayloadTooLarge
                } else {
                    ApiError::BadRequest {
                        code: ErrorCode::BadRequest,
                        message: format!("Could not read the request body: {e}"),
                    }
                }
            })?;
            parse(&bytes).map(Json)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
    #[allow(dead_code)]
    struct Outer {
        inner: Inner,
    }
    #[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    #[test]
    fn type_errors_name_the_nested_field() {
        match parse::<Outer>(br#"{"inner": {"count": -1}}"#) {
            Err(ApiError::Validation { field, .. }) => assert_eq!(field, "inner.count"),
            other => panic!("{other:?}"),
        }
        match parse::<Outer>(br#"{"inner": {}}"#) {
            Err(ApiError::Validation { field, message }) => {
                assert_eq!(field, "inner");
                assert!(message.contains("count"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_with_the_nul_character_is_refused() {
        assert!(has_nul(br#"{"a": "x\u0000y"}"#));
        assert!(has_nul(b"{\"a\": \"x\0\"}"));
        // An escaped backslash and the letters u0000 (no NUL); an escaped backslash, then one.
        assert!(!has_nul(br#"{"a": "x\\u0000"}"#));
        assert!(has_nul(br#"{"a": "x\\\u0000"}"#));
        assert!(!has_nul(br#"{"a": "\u00e4 \n \u0001", "b": "\\"}"#));
        match parse::<Outer>(br#"{"inner": {"count": 1}, "x": "\u0000"}"#) {
            Err(ApiError::Validation { field, .. }) => assert_eq!(field, "body"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_errors_are_bad_requests() {
        assert!(matches!(
            parse::<Outer>(b"{nope"),
            Err(ApiError::BadRequest {
                code: ErrorCode::InvalidJson,
                ..
            })
        ));
    }
}

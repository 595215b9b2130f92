//! Typed HTTP client over gloo-net: the shared wire types in, the shared error body out.
pub mod admin;
pub mod auth;
pub mod cases;
pub mod map;
pub mod planner;

use crate::i18n::Key;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::auth::{CSRF_HEADER, CSRF_VALUE};
use shared::error::{ApiErrorBody, ErrorCode};

/// Why a call failed: the server said so, or it could not be reached.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    Api(ApiErrorBody),
    Network,
}

impl ApiFailure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiFailure::Api(body) => Some(body.code),
            ApiFailure::Network => None,
        }
    }

    /// The sentence to show the user.
    pub fn message_key(&self) -> Key {
        message_key(self.code())
    }
}

/// Error code → text shown to people (pure, unit-tested).
pub fn message_key(code: Option<ErrorCode>) -> Key {
    match code {
        None => Key::ErrNetwork,
        Some(ErrorCode::InvalidCredentials) => Key::ErrInvalidCredentials,
        Some(ErrorCode::RateLimited) => Key::ErrRateLimited,
        Some(ErrorCode::Unavailable) => Key::ErrUnavailable,
        Some(ErrorCode::Unauthenticated) => Key::ErrSessionEnded,
        Some(ErrorCode::SecondFactorRequired) => Key::ErrSecondFactor,
        Some(ErrorCode::LinkInvalid) => Key::ErrLinkInvalid,
        Some(ErrorCode::Forbidden | ErrorCode::CsrfMissing) => Key::ErrForbidden,
        Some(ErrorCode::Validation | ErrorCode::InvalidJson | ErrorCode::BadRequest) => {
            Key::ErrInvalidInput
        }
        Some(_) => Key::ErrGeneric,
    }
}

pub type ApiResult<T> = Result<T, ApiFailure>;

async fn send(
    build: impl Fn() -> Result<Request, gloo_net::Error>,
    retry_auth: bool,
) -> ApiResult<Response> {
    // Prerendering (natively, src/prerender.rs) there is no server to ask: a page's frame shows
    // what comes before the answers.
    #[cfg(not(target_arch = "wasm32"))]
    std::future::pending::<()>().await;
    let sent_after = RENEWALS.get();
    let response = build()
        .map_err(|_| ApiFailure::Network)?
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    // An expired access token is renewed once with the refresh cookie, then the call is repeated
    // — at once when a renewal finished while it was under way: its 401 is about the old token
    // (a second swap would be one too many). Without a session (no sign of one in the browser)
    // there is nothing to renew.
    if response.status() == 401
        && retry_auth
        && crate::session::may_be_signed_in()
        && (RENEWALS.get() != sent_after || renew_session().await == Renewal::Renewed)
    {
        return build()
            .map_err(|_| ApiFailure::Network)?
            .send()
            .await
            .map_err(|_| ApiFailure::Network);
    }
    Ok(response)
}

/// How a renewal of the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renewal {
    /// A new access token is in the cookie jar.
    Renewed,
    /// The server refused the refresh token: the session is over.
    Ended,
    /// No answer, or not one about the session (the server is restarting, the network is gone).
    Unreachable,
}

type SharedRenewal =
    futures_util::future::Shared<futures_util::future::LocalBoxFuture<'static, Renewal>>;

thread_local! {
    /// The renewal in flight, which every call that meets an expired token meanwhile waits for.
    static RENEWAL: std::cell::RefCell<Option<SharedRenewal>> = const { std::cell::RefCell::new(None) };
    /// How many renewals have succeeded: a call sent before the latest one retries without
    /// another.
    static RENEWALS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Swaps the refresh cookie for a new access token. Once at a time: the calls of a page that all
/// found the access token expired (the administration asks four things at once) share one swap
/// instead of each sending the same token (the server answers a repeated swap only for a short
/// while; after it, it takes the token as stolen).
pub async fn renew_session() -> Renewal {
    use futures_util::FutureExt;
    let renewal = RENEWAL.with_borrow_mut(|slot| {
        slot.get_or_insert_with(|| {
            async {
                let renewed = match with_csrf(Request::post("/api/auth/refresh")).send().await {
                    Ok(response) if response.ok() => Renewal::Renewed,
                    Ok(response) if response.status() == 401 => Renewal::Ended,
                    _ => Renewal::Unreachable,
                };
                // Done: the cookie jar holds the new tokens; a later expiry renews again.
                match renewed {
                    Renewal::Renewed => RENEWALS.set(RENEWALS.get() + 1),
                    Renewal::Ended => crate::session::forget_signed_in(),
                    Renewal::Unreachable => {}
                }
                RENEWAL.with_borrow_mut(|slot| *slot = None);
                renewed
            }
            .boxed_local()
            .shared()
        })
        .clone()
    });
    renewal.await
}

async fn decode<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    if response.ok() {
        // Bytes, not text: a large answer (the board of hundreds of cards) is copied into wasm
        // as it came, not converted from a JavaScript string first.
        let body = response.binary().await.map_err(|_| ApiFailure::Network)?;
        serde_json::from_slice(&body).map_err(|_| ApiFailure::Network)
    } else {
        Err(failure(response).await)
    }
}

async fn failure(response: Response) -> ApiFailure {
    let status = response.status();
    match response.json::<ApiErrorBody>().await {
        Ok(body) => ApiFailure::Api(body),
        Err(_) => ApiFailure::Api(ApiErrorBody::new(ErrorCode::from_status(status), "")),
    }
}

fn with_csrf(builder: RequestBuilder) -> RequestBuilder {
    builder.header(CSRF_HEADER, CSRF_VALUE)
}

pub async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    decode(send(|| Request::get(path).build(), true).await?).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    decode(send(|| with_csrf(Request::post(path)).json(body), true).await?).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    decode(send(|| with_csrf(Request::put(path)).json(body), true).await?).await
}

/// A POST of a file (or other browser body) as it is, with its media type.
pub async fn post_body<T: DeserializeOwned>(
    path: &str,
    content_type: &str,
    body: &wasm_bindgen::JsValue,
) -> ApiResult<T> {
    let build = || {
        with_csrf(Request::post(path))
            .header("Content-Type", content_type)
            .body(body.clone())
    };
    decode(send(build, true).await?).await
}

/// An answer without data (204, or a body nobody needs).
async fn done(response: Response) -> ApiResult<()> {
    if response.ok() {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

pub async fn delete(path: &str) -> ApiResult<()> {
    done(send(|| with_csrf(Request::delete(path)).build(), true).await?).await
}

/// A DELETE answered with data (the changed case).
pub async fn delete_for<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    decode(send(|| with_csrf(Request::delete(path)).build(), true).await?).await
}

/// A POST with a body whose answer carries no data (204).
pub async fn post_no_content<B: Serialize>(path: &str, body: &B) -> ApiResult<()> {
    done(send(|| with_csrf(Request::post(path)).json(body), true).await?).await
}

/// A PUT whose answer carries no data (204).
pub async fn put_no_content<B: Serialize>(path: &str, body: &B) -> ApiResult<()> {
    done(send(|| with_csrf(Request::put(path)).json(body), true).await?).await
}

/// A POST without body whose answer carries no data (204 or ignored).
pub async fn post_empty(path: &str, retry_auth: bool) -> ApiResult<()> {
    done(send(|| with_csrf(Request::post(path)).build(), retry_auth).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_has_words() {
        assert_eq!(message_key(None), Key::ErrNetwork);
        assert_eq!(
            message_key(Some(ErrorCode::InvalidCredentials)),
            Key::ErrInvalidCredentials
        );
        assert_eq!(
            message_key(Some(ErrorCode::RateLimited)),
            Key::ErrRateLimited
        );
        assert_eq!(message_key(Some(ErrorCode::Internal)), Key::ErrGeneric);
    }
}

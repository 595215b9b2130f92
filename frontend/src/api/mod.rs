//! Typed HTTP client over gloo-net: the shared wire types in, the shared error body out.
pub mod admin;
pub mod auth;
pub mod cases;
pub mod map;
pub mod planner;

use crate::i18n::Key;
use gloo_net::http::{Method, Request, RequestBuilder, Response};
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

    /// The field a validation error names (a dotted path into the request), if any: pages say
    /// what is wrong with it in their own words, never in the server's English sentence.
    pub fn refused_field(&self) -> Option<&str> {
        match self {
            ApiFailure::Api(body) if body.code == ErrorCode::Validation => body.field(),
            _ => None,
        }
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
        Some(ErrorCode::NotFound) => Key::ErrNotFound,
        Some(ErrorCode::Conflict) => Key::ErrConflict,
        Some(ErrorCode::Validation | ErrorCode::InvalidJson | ErrorCode::BadRequest) => {
            Key::ErrInvalidInput
        }
        Some(_) => Key::ErrGeneric,
    }
}

pub type ApiResult<T> = Result<T, ApiFailure>;

type Pending<T> = futures_util::future::LocalBoxFuture<'static, ApiResult<T>>;

/// A request described as data: the one function that sends every call (and repeats it after a
/// renewal) and reads its answer is compiled once and boxed, instead of once inside each page's
/// loading code per call site; only the decoding of the answer's type is generic.
struct Call {
    method: Method,
    path: String,
    /// The body and its media type.
    body: Option<(wasm_bindgen::JsValue, String)>,
    retry_auth: bool,
}

impl Call {
    fn new(method: Method, path: &str) -> Self {
        Self {
            method,
            path: path.to_owned(),
            body: None,
            retry_auth: true,
        }
    }

    fn with_body(mut self, body: wasm_bindgen::JsValue, content_type: &str) -> Self {
        self.body = Some((body, content_type.to_owned()));
        self
    }

    fn json<B: Serialize + ?Sized>(self, body: &B) -> ApiResult<Self> {
        let text = serde_json::to_string(body).map_err(|_| ApiFailure::Network)?;
        Ok(self.with_body(text.into(), "application/json"))
    }

    /// Every call that changes something carries the CSRF header.
    fn request(&self) -> Result<Request, gloo_net::Error> {
        let mut builder = RequestBuilder::new(&self.path).method(self.method.clone());
        if self.method != Method::GET {
            builder = with_csrf(builder);
        }
        match &self.body {
            Some((body, content_type)) => builder
                .header("Content-Type", content_type)
                .body(body.clone()),
            None => builder.build(),
        }
    }
}

/// Sends `call` and gives its answer when the server said yes, or the failure it described.
fn send(call: Call) -> Pending<Response> {
    use futures_util::FutureExt;
    async move {
        // Prerendering (natively, src/prerender.rs) there is no server to ask: a page's frame
        // shows what comes before the answers.
        #[cfg(not(target_arch = "wasm32"))]
        std::future::pending::<()>().await;
        let sent_after = RENEWALS.get();
        let mut response = call
            .request()
            .map_err(|_| ApiFailure::Network)?
            .send()
            .await
            .map_err(|_| ApiFailure::Network)?;
        // An expired access token is renewed once with the refresh cookie, then the call is
        // repeated — at once when a renewal finished while it was under way: its 401 is about
        // the old token (a second swap would be one too many). Without a session (no sign of one
        // in the browser) there is nothing to renew.
        if response.status() == 401
            && call.retry_auth
            && crate::session::may_be_signed_in()
            && (RENEWALS.get() != sent_after || renew_session().await == Renewal::Renewed)
        {
            response = call
                .request()
                .map_err(|_| ApiFailure::Network)?
                .send()
                .await
                .map_err(|_| ApiFailure::Network)?;
        }
        if response.ok() {
            Ok(response)
        } else {
            Err(failure(response).await)
        }
    }
    .boxed_local()
}

/// The answer's body.
fn fetch(call: Call) -> Pending<Vec<u8>> {
    use futures_util::FutureExt;
    async move {
        // Bytes, not text: a large answer (the board of hundreds of cards) is copied into wasm
        // as it came, not converted from a JavaScript string first.
        let response = send(call).await?;
        response.binary().await.map_err(|_| ApiFailure::Network)
    }
    .boxed_local()
}

/// A call whose answer carries no data (204, or a body nobody needs).
async fn fetch_done(call: Call) -> ApiResult<()> {
    send(call).await.map(|_| ())
}

/// A call answered with data of type `T`.
async fn fetch_for<T: DeserializeOwned>(call: ApiResult<Call>) -> ApiResult<T> {
    let body = fetch(call?).await?;
    serde_json::from_slice(&body).map_err(|_| ApiFailure::Network)
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
    fetch_for(Ok(Call::new(Method::GET, path))).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    fetch_for(Call::new(Method::POST, path).json(body)).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    fetch_for(Call::new(Method::PUT, path).json(body)).await
}

/// A POST of a file (or other browser body) as it is, with its media type.
pub async fn post_body<T: DeserializeOwned>(
    path: &str,
    content_type: &str,
    body: &wasm_bindgen::JsValue,
) -> ApiResult<T> {
    fetch_for(Ok(
        Call::new(Method::POST, path).with_body(body.clone(), content_type)
    ))
    .await
}

pub async fn delete(path: &str) -> ApiResult<()> {
    fetch_done(Call::new(Method::DELETE, path)).await
}

/// A DELETE answered with data (the changed case).
pub async fn delete_for<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    fetch_for(Ok(Call::new(Method::DELETE, path))).await
}

/// A POST with a body whose answer carries no data (204).
pub async fn post_no_content<B: Serialize>(path: &str, body: &B) -> ApiResult<()> {
    fetch_done(Call::new(Method::POST, path).json(body)?).await
}

/// A PUT whose answer carries no data (204).
pub async fn put_no_content<B: Serialize>(path: &str, body: &B) -> ApiResult<()> {
    fetch_done(Call::new(Method::PUT, path).json(body)?).await
}

/// A POST without body whose answer carries no data (204 or ignored).
pub async fn post_empty(path: &str, retry_auth: bool) -> ApiResult<()> {
    fetch_done(Call {
        retry_auth,
        ..Call::new(Method::POST, path)
    })
    .await
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
        assert_eq!(message_key(Some(ErrorCode::NotFound)), Key::ErrNotFound);
        assert_eq!(message_key(Some(ErrorCode::Conflict)), Key::ErrConflict);
        assert_eq!(message_key(Some(ErrorCode::Internal)), Key::ErrGeneric);
    }
}

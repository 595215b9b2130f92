//! The app factory used by `main` and by the tests: routes, extractor configs, middleware.
use crate::config::AppEnv;
use crate::error::ApiError;
use crate::routes::Routes;
use crate::state::AppState;
use crate::{admin, auth, cases, db, map, planner, static_files};
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::{Compress, ErrorHandlerResponse, ErrorHandlers, Next, from_fn};
use actix_web::{App, Error, HttpMessage, HttpResponse, ResponseError, web};
use shared::HealthStatus;
use shared::auth::{CSRF_HEADER, CSRF_VALUE};
use shared::error::{ApiErrorBody, ErrorCode};
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder, TracingLogger};

/// Largest JSON body the API accepts.
pub const JSON_LIMIT: usize = 256 * 1024;

pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    let static_dir = state.config.static_dir.clone();
    App::new()
        .app_data(web::Data::new(state))
        .app_data(web::QueryConfig::default().error_handler(|err, _| ApiError::from(err).into()))
        .app_data(web::PathConfig::default().error_handler(|err, _| ApiError::from(err).into()))
        .app_data(web::PayloadConfig::default().limit(JSON_LIMIT))
        .service(api_docs())
        .service(
            web::scope("/api")
                .wrap(from_fn(nul_guard))
                .wrap(from_fn(csrf_guard))
                .configure(api)
                .default_service(web::to(crate::error::not_found)),
        )
        .configure(|cfg| static_files::config(cfg, &static_dir))
        .wrap(from_fn(catch_panic))
        // JSON answers and the shell, gzipped when the browser takes it (the board's 500 cards:
        // 211 KB → 22 KB over the wire); pre-compressed files and event streams are left as they are.
        .wrap(Compress::default())
        .wrap(ErrorHandlers::new().default_handler(json_error_body))
        .wrap(from_fn(security_headers))
        .wrap(TracingLogger::<PathOnlySpan>::new())
}

/// The request span of every log line: method, route, path, status and request id — without
/// the query string, which can carry what a parent searched for (postcode, age, worries).
pub struct PathOnlySpan;

impl RootSpanBuilder for PathOnlySpan {
    fn on_request_start(request: &ServiceRequest) -> tracing::Span {
        let route = request.match_pattern().unwrap_or_else(|| "default".into());
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.target = %request.path(),
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            request_id = %request_id,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(
        span: tracing::Span,
        outcome: &Result<ServiceResponse<B>, Error>,
    ) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Every module's routes under `/api`.
pub fn api(cfg: &mut web::ServiceConfig) {
    probes().configure(cfg);
    docs().configure(cfg);
    cfg.service(auth::routes().into_scope())
        .service(admin::routes().into_scope())
        .service(cases::routes().into_scope())
        .service(cases::consent_requests::public_routes().into_scope())
        .service(map::routes().into_scope())
        .configure(map::hsds::config)
        .service(planner::routes().into_scope());
}

fn probes() -> Routes {
    Routes::new("")
        .add(Method::GET, "/health", health)
        .add(Method::GET, "/ready", ready)
}

fn tables() -> [Routes; 9] {
    [
        probes(),
        auth::routes(),
        admin::routes(),
        cases::routes(),
        cases::consent_requests::public_routes(),
        map::routes(),
        map::hsds::routes(),
        planner::routes(),
        docs(),
    ]
}

/// Every route the API serves, method and path pattern: the authorisation matrix and the
/// access-log tests iterate this list, so a new route cannot go untested.
pub fn all_routes() -> Vec<(Method, String)> {
    tables().iter().flat_map(|r| r.list().to_vec()).collect()
}

/// Every route with what it reads and answers, for the OpenAPI description.
pub fn all_docs() -> Vec<(Method, String, crate::openapi::Doc)> {
    tables().iter().flat_map(Routes::docs).collect()
}

/// The browsable API documentation (Swagger UI, served from the binary: works offline) over
/// `/api/openapi.json`. Swagger UI sets inline styles, so its pages get a policy that allows them.
fn api_docs() -> actix_web::Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    let ui = utoipa_swagger_ui::SwaggerUi::new("/{_:.*}")
        .config(utoipa_swagger_ui::Config::new(["/api/openapi.json"]));
    web::scope("/api/docs")
        .wrap(actix_web::middleware::DefaultHeaders::new().add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        )))
        .service(ui)
}

/// The OpenAPI description.
fn docs() -> Routes {
    Routes::new("")
        .add(Method::GET, "/openapi.json", crate::openapi::serve)
        .returns_raw(200, Some("application/json"))
}

async fn health() -> web::Json<HealthStatus> {
    web::Json(HealthStatus {
        status: "ok".into(),
    })
}

async fn ready(state: web::Data<AppState>) -> Result<web::Json<HealthStatus>, ApiError> {
    db::ping(&state.pool).await?;
    Ok(web::Json(HealthStatus {
        status: "ok".into(),
    }))
}

/// State-changing requests must carry our custom header. Browsers cannot add it cross-site without
/// a CORS preflight, which this server never grants, so cookie sessions cannot be ridden.
async fn csrf_guard<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let marked = req
        .headers()
        .get(CSRF_HEADER)
        .is_some_and(|v| v.as_bytes() == CSRF_VALUE.as_bytes());
    if !safe && !marked {
        let response = ApiError::CsrfMissing.error_response();
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

/// A panic in a handler (a bug) becomes this request's 500 instead of ending the worker thread
/// and with it every other request the thread was serving. (The request is inside the panicked
/// service by then, so the answer is the error's own JSON response, made by the server.)
async fn catch_panic<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, Error> {
    use futures_util::FutureExt;
    std::panic::AssertUnwindSafe(next.call(req))
        .catch_unwind()
        .await
        .unwrap_or_else(|_| Err(ApiError::internal("the handler panicked").into()))
}

/// The NUL character (`%00`) in the path or a query parameter: 422 naming the parameter before
/// any handler runs (PostgreSQL cannot store it in text; JSON bodies are checked by `json::parse`).
async fn nul_guard<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    let nul = |text: &str| text.contains("%00");
    let field = if nul(req.path()) {
        Some("path")
    } else {
        req.query_string()
            .split('&')
            .find(|pair| nul(pair))
            .map(|pair| pair.split('=').next().unwrap_or_default())
    };
    if let Some(field) = field {
        let response = ApiError::validation(field, crate::json::NUL_REFUSED).error_response();
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

/// Request id, API cache policy and browser hardening headers on every response.
async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let state = req.app_data::<web::Data<AppState>>();
    let csp = state.map(|state| state.csp.clone());
    // Outside development the app is served over HTTPS only; browsers should never try HTTP.
    let hsts = state.is_some_and(|state| state.config.app_env != AppEnv::Development);
    let path = req.path().to_owned();
    let is_api = path.starts_with("/api/");
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    if let Some(id) = request_id.and_then(|id| header::HeaderValue::from_str(&id).ok()) {
        headers.insert(header::HeaderName::from_static("x-request-id"), id);
    }
    let cache = if is_api {
        "no-store"
    } else {
        static_files::cache_control(&path)
    };
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(cache),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        header::X_FRAME_OPTIONS,
        header::HeaderValue::from_static("DENY"),
    );
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            header::HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // A stricter policy set by a handler (downloads are sandboxed) stays.
    if let Some(csp) = csp
        && !headers.contains_key(header::CONTENT_SECURITY_POLICY)
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    Ok(res)
}

/// Errors raised outside our handlers (unknown method, actix internals) get the same JSON body.
fn json_error_body<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_json = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let (req, old) = res.into_parts();
    let status = old.status();
    let code = ErrorCode::from_status(status.as_u16());
    let mut body = ApiErrorBody::new(code, status.canonical_reason().unwrap_or("Error"));
    body.status = status.as_u16();
    let mut new = HttpResponse::build(status);
    for (name, value) in old.headers() {
        // The new body is neither the old one's type nor, if it was compressed, its encoding.
        if ![
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
        ]
        .contains(name)
        {
            new.append_header((name.clone(), value.clone()));
        }
    }
    let response: HttpResponse<BoxBody> = new.json(body);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_body(|_, b| EitherBody::right(b)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test;

    #[actix_web::test]
    async fn a_panicking_handler_answers_500_and_the_worker_serves_on() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(catch_panic))
                .route(
                    "/bug",
                    web::get().to(|| async {
                        panic!("a bug");
                        #[allow(unreachable_code)]
                        "never"
                    }),
                )
                .route("/fine", web::get().to(|| async { "fine" })),
        )
        .await;
        // The server answers a service's error with the error's own response.
        let bug = test::TestRequest::get().uri("/bug").to_request();
        let Err(error) = test::try_call_service(&app, bug).await else {
            panic!("the panic came through as an answer");
        };
        let res = error.error_response();
        assert_eq!(res.status(), 500);
        let body = actix_web::body::to_bytes(res.into_body()).await.unwrap();
        let body: ApiErrorBody = serde_json::from_slice(&body).unwrap();
        assert_eq!(body.code, ErrorCode::Internal);
        let fine = test::TestRequest::get().uri("/fine").to_request();
        let res = test::call_service(&app, fine).await;
        assert_eq!(res.status(), 200);
    }
}

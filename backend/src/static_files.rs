//! Serves the built frontend: hashed assets under `/pkg/` with long caching (pre-compressed
//! `.br`/`.gz` siblings when the browser accepts them), and `index.html` for client-side routes.
use crate::error::ApiError;
use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, web};
use std::path::{Path, PathBuf};

pub fn config(cfg: &mut web::ServiceConfig, dir: &Path) {
    if !dir.join("index.html").is_file() {
        tracing::warn!(dir = %dir.display(), "no built frontend found; serving the API only");
        cfg.default_service(web::to(crate::error::not_found));
        return;
    }
    let index = dir.join("index.html");
    cfg.service(
        Files::new("/", dir)
            .index_file("index.html")
            .try_compressed()
            .prefer_utf8(true)
            .default_handler(fn_service(move |req: ServiceRequest| {
                let index = index.clone();
                async move { spa_fallback(req, index) }
            })),
    );
}

/// A client route (no file extension, GET) gets the app shell; a missing asset gets a 404.
fn spa_fallback(req: ServiceRequest, index: PathBuf) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let last = req.path().rsplit('/').next().unwrap_or("");
    let is_route = req.method() == actix_web::http::Method::GET && !last.contains('.');
    let response = if is_route {
        let mut res = NamedFile::open(index)?.into_response(&req);
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        res
    } else {
        HttpResponse::from_error(ApiError::NotFound)
    };
    Ok(ServiceResponse::new(req, response))
}

/// Cache policy for files served from disk: hashed `/pkg/` assets forever, everything else revalidated.
pub fn cache_control(path: &str) -> &'static str {
    if path.starts_with("/pkg/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

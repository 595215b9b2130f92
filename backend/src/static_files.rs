//! Serves the built frontend: hashed assets under `/pkg/` with long caching (pre-compressed
//! `.br`/`.gz` siblings when the browser accepts them), and `index.html` for client-side routes —
//! or, for the public entry pages, their prerendered first frame (`frames/{lang}/{page}.html`,
//! written by the frontend's build) in the visitor's language.
use crate::error::ApiError;
use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use shared::auth::SIGNED_IN_COOKIE;
use std::path::{Path, PathBuf};

pub fn config(cfg: &mut web::ServiceConfig, dir: &Path) {
    if !dir.join("index.html").is_file() {
        tracing::warn!(dir = %dir.display(), "no built frontend found; serving the API only");
        cfg.default_service(web::to(crate::error::not_found));
        return;
    }
    let home = dir.to_owned();
    cfg.route(
        "/",
        web::get().to(move |req: HttpRequest| {
            let file = shell_file(&req, &home);
            async move { shell(&req, file) }
        }),
    );
    let site = dir.to_owned();
    cfg.service(
        Files::new("/", dir)
            .index_file("index.html")
            .try_compressed()
            .prefer_utf8(true)
            .default_handler(fn_service(move |req: ServiceRequest| {
                let file = shell_file(req.request(), &site);
                async move { spa_fallback(req, file) }
            })),
    );
}

/// The `Link` header of a page for a browser with the sign of a session: who is signed in
/// (`shared::auth::ME_PATH`, the app's first question).
const ME_PRELOAD: &str = "</api/auth/me>; rel=preload; as=fetch; crossorigin";

/// The `Link` header of page `path` for a browser with the sign of a session: who is signed in,
/// and on a case's page (`shared::cases::CASE_PAGE`, opened from a mail or a bookmark) the case
/// itself, the page's first question (`shared::cases::case_path`). Only for the id as the app's
/// links write it: another spelling of it is left to the app.
fn preloads(path: &str) -> HeaderValue {
    let case = path.strip_prefix(shared::cases::CASE_PAGE).and_then(|id| {
        uuid::Uuid::parse_str(id)
            .ok()
            .filter(|c| c.to_string() == id)
    });
    match case {
        Some(id) => {
            let case = shared::cases::case_path(id);
            let links = format!("{ME_PRELOAD}, <{case}>; rel=preload; as=fetch; crossorigin");
            HeaderValue::from_str(&links).unwrap_or(HeaderValue::from_static(ME_PRELOAD))
        }
        None => HeaderValue::from_static(ME_PRELOAD),
    }
}

/// How many leading segments of a path can name a page group's shell (`shells/kaart/beheer.html`).
const SHELL_DEPTH: usize = 3;

/// The page for client route `req`: its prerendered first frame, in the language of the
/// visitor's `zr-lang` cookie, when the build wrote one — only for the bare path, as a query
/// (a search, a filter) changes what the page shows; else, for a browser with the sign of a
/// session, the page's shell that also preloads its first answer, when the build wrote one
/// (`shells/with_data/bord.html`: the board, whatever the board's filters); else the shell of the
/// page group whose path is nearest (`shells/bord.html` for `/bord/casus/…`: it preloads the
/// group's modules); else the app's empty shell.
fn shell_file(req: &HttpRequest, dir: &Path) -> PathBuf {
    let plain = |segment: &str| {
        !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    };
    let page = match req.path() {
        "/" => "home",
        path => path.trim_start_matches('/'),
    };
    if plain(page) && req.query_string().is_empty() {
        let lang = match req.cookie("zr-lang") {
            Some(c) if c.value() == "en" => "en",
            _ => "nl",
        };
        let frame = dir.join("frames").join(lang).join(format!("{page}.html"));
        if frame.is_file() {
            return frame;
        }
    }
    if req.cookie(SIGNED_IN_COOKIE).is_some() && page.split('/').all(plain) {
        let shell = dir.join("shells/with_data").join(format!("{page}.html"));
        if shell.is_file() {
            return shell;
        }
    }
    // The groups' paths are one or two segments deep: a long path costs no more file lookups.
    let segments: Vec<&str> = page.split('/').take(SHELL_DEPTH).collect();
    let nearest = (1..=segments.len())
        .rev()
        .map(|n| &segments[..n])
        .filter(|path| path.iter().all(|s| plain(s)))
        .map(|path| dir.join("shells").join(format!("{}.html", path.join("/"))))
        .find(|shell| shell.is_file());
    nearest.unwrap_or_else(|| dir.join("index.html"))
}

/// `file` as the answer to a client route — its pre-compressed `.br`/`.gz` sibling when the
/// browser accepts it and the build wrote one (a frame carries the style sheet) — revalidated
/// each time, and varying with the language cookie.
fn shell(req: &HttpRequest, file: PathBuf) -> Result<HttpResponse, actix_web::Error> {
    use actix_web::HttpMessage;
    use header::{AcceptEncoding, ContentEncoding, Encoding};
    let compressed = req
        .get_header::<AcceptEncoding>()
        .and_then(|accepted| accepted.negotiate([Encoding::brotli(), Encoding::gzip()].iter()))
        .and_then(|chosen| match chosen {
            Encoding::Known(ContentEncoding::Brotli) => Some(("html.br", ContentEncoding::Brotli)),
            Encoding::Known(ContentEncoding::Gzip) => Some(("html.gz", ContentEncoding::Gzip)),
            _ => None,
        })
        .map(|(extension, coding)| (file.with_extension(extension), coding))
        .filter(|(path, _)| path.is_file());
    let named = match compressed {
        // Shown as the page it is (by the name of the compressed file it would be a download).
        Some((path, coding)) => NamedFile::open(path)?
            .set_content_type(header::ContentType::html().0)
            .set_content_disposition(header::ContentDisposition {
                disposition: header::DispositionType::Inline,
                parameters: Vec::new(),
            })
            .set_content_encoding(coding),
        None => NamedFile::open(file)?,
    };
    let mut res = named.into_response(req);
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Encoding"),
    );
    // A browser with the sign of a session: its app asks who is signed in as soon as it starts
    // (and a case's page for the case). The browser asks already with the page (the app's own
    // request takes that answer), so the answer is there when the app starts instead of a round
    // trip later.
    if req.cookie(SIGNED_IN_COOKIE).is_some() {
        headers.insert(header::LINK, preloads(req.path()));
    }
    Ok(res)
}

/// The Content-Security-Policy sources of the style sheets the frames carry inline: the hash of
/// each `pkg/style-*.css` of the built site.
pub fn inline_style_hashes(dir: &Path) -> Vec<String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let Ok(entries) = std::fs::read_dir(dir.join("pkg")) else {
        return Vec::new();
    };
    let mut hashes: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("style-") && name.ends_with(".css")
        })
        .filter_map(|e| std::fs::read(e.path()).ok())
        .map(|css| {
            let digest = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css));
            format!("'sha256-{digest}'")
        })
        .collect();
    hashes.sort();
    hashes
}

/// A client route (no file extension, GET or HEAD) gets its page; a missing asset gets a 404.
fn spa_fallback(req: ServiceRequest, file: PathBuf) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let last = req.path().rsplit('/').next().unwrap_or("");
    let readable = matches!(*req.method(), Method::GET | Method::HEAD);
    let is_route = readable && !last.contains('.');
    let response = if is_route {
        shell(&req, file)?
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_cases_page_preloads_the_case_as_the_app_names_it() {
        let id = uuid::Uuid::parse_str("0c2c1b6e-4a1e-4c4e-9a53-6d1f0a4b2d11").unwrap();
        let page = format!("{}{id}", shared::cases::CASE_PAGE);
        let link = format!(
            "{}, <{}>; rel=preload; as=fetch; crossorigin",
            super::ME_PRELOAD,
            shared::cases::case_path(id)
        );
        assert_eq!(super::preloads(&page), link.as_str());
        // Another spelling of the same id (never in the app's links): no guess.
        let simple = format!("{}{}", shared::cases::CASE_PAGE, id.simple());
        let upper = page
            .to_uppercase()
            .replace("/BORD/CASUS/", shared::cases::CASE_PAGE);
        for other in [
            simple.as_str(),
            upper.as_str(),
            "/bord",
            "/bord/casus/",
            "/bord/casus/abc",
            "/bord/casus/0c2c1b6e-4a1e-4c4e-9a53-6d1f0a4b2d11/x",
        ] {
            assert_eq!(super::preloads(other), super::ME_PRELOAD, "{other}");
        }
    }

    #[test]
    fn the_preloaded_answer_is_the_one_the_app_asks_for_first() {
        let target = format!("<{}>;", shared::auth::ME_PATH);
        assert!(
            super::ME_PRELOAD.starts_with(&target),
            "{}",
            super::ME_PRELOAD
        );
    }
}

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

/// The `Link` header of a page: the answers its app asks for first, which the browser fetches
/// with the page (the app's own requests, to the same URLs, take them: one request each). For a
/// browser with the sign of a session, who is signed in (`shared::auth::ME_PATH`), and on a
/// case's page (`shared::cases::CASE_PAGE`: a mail's link) the case; for everyone, on a
/// service's page (`shared::map::SERVICE_PAGE`: a shared link) the service in the language of
/// the `zr-lang` cookie and the directory's terms. Ids only as the app's links write them:
/// another spelling is left to the app.
fn preloads(req: &HttpRequest) -> Option<HeaderValue> {
    let id_after = |prefix: &str| {
        let id = req.path().strip_prefix(prefix)?;
        uuid::Uuid::parse_str(id)
            .ok()
            .filter(|c| c.to_string() == id)
    };
    let signed_in = req.cookie(SIGNED_IN_COOKIE).is_some();
    let mut answers = Vec::new();
    if signed_in {
        answers.push(shared::auth::ME_PATH.to_owned());
        answers.extend(id_after(shared::cases::CASE_PAGE).map(shared::cases::case_path));
    }
    if let Some(service) = id_after(shared::map::SERVICE_PAGE) {
        let english = req.cookie("zr-lang").is_some_and(|c| c.value() == "en");
        answers.push(shared::map::service_path(service, english));
        answers.push(shared::map::TERMS_PATH.to_owned());
    }
    let links: Vec<String> = answers
        .iter()
        .map(|url| format!("<{url}>; rel=preload; as=fetch; crossorigin"))
        .collect();
    (!links.is_empty())
        .then(|| HeaderValue::from_str(&links.join(", ")).ok())
        .flatten()
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
    // What the app asks for first is on its way with the page, so the answers are there when
    // the app starts instead of a round trip later.
    if let Some(links) = preloads(req) {
        headers.insert(header::LINK, links);
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
    use actix_web::test::TestRequest;

    const ID: &str = "0c2c1b6e-4a1e-4c4e-9a53-6d1f0a4b2d11";

    fn links(path: &str, cookie: &str) -> Option<String> {
        let mut req = TestRequest::get().uri(path);
        if !cookie.is_empty() {
            req = req.insert_header(("cookie", cookie));
        }
        super::preloads(&req.to_http_request()).map(|v| v.to_str().unwrap_or_default().to_owned())
    }

    fn preload(url: &str) -> String {
        format!("<{url}>; rel=preload; as=fetch; crossorigin")
    }

    #[test]
    fn pages_preload_what_the_app_asks_for_first_by_the_apps_own_paths() {
        let id = uuid::Uuid::parse_str(ID).unwrap();
        let me = preload(shared::auth::ME_PATH);
        let case = format!("{}{ID}", shared::cases::CASE_PAGE);
        let service = format!("{}{ID}", shared::map::SERVICE_PAGE);
        let terms = preload(shared::map::TERMS_PATH);
        let dutch = preload(&shared::map::service_path(id, false));
        let english = preload(&shared::map::service_path(id, true));
        let signed_in = "zr_signed_in=1";
        assert_eq!(links("/bord", signed_in), Some(me.clone()));
        assert_eq!(links("/bord", ""), None);
        let case_links = format!("{me}, {}", preload(&shared::cases::case_path(id)));
        assert_eq!(links(&case, signed_in), Some(case_links));
        assert_eq!(links(&case, ""), None, "no case without the sign");
        assert_eq!(links(&service, ""), Some(format!("{dutch}, {terms}")));
        let both = format!("zr-lang=en; {signed_in}");
        assert_eq!(
            links(&service, &both),
            Some(format!("{me}, {english}, {terms}"))
        );
        // Another spelling of the id (never in the app's links), or more after it: no guess.
        let upper = format!("{}{}", shared::cases::CASE_PAGE, ID.to_uppercase());
        let simple = format!("{}{}", shared::map::SERVICE_PAGE, id.simple());
        for other in [
            upper.as_str(),
            simple.as_str(),
            "/bord/casus/",
            "/kaart/dienst/7",
            &format!("{service}/x"),
        ] {
            assert_eq!(links(other, signed_in), Some(me.clone()), "{other}");
            assert_eq!(links(other, ""), None, "{other}");
        }
    }
}

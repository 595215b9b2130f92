//! One JSON error body for every failure, and the SPA fallback that never swallows API 404s.
#![allow(clippy::unwrap_used)]
use crate::helpers::{Response, SwitchableProxy, TestApp, client_for};
use actix_web::test::TestRequest;
use backend::db;
use backend::state::AppState;
use shared::HealthStatus;
use shared::error::ErrorCode;
use std::time::{Duration, Instant};

#[actix_web::test]
async fn health_and_ready_answer_when_the_database_is_up() {
    let app = TestApp::new();
    let mut c = app.client().await;
    for path in ["/api/health", "/api/ready"] {
        let res = c.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.json::<HealthStatus>().status, "ok");
        assert!(res.header("x-request-id").is_some());
    }
}

#[actix_web::test]
async fn ready_is_503_but_health_200_when_the_database_is_unreachable() {
    let app = TestApp::with_env(&[("DATABASE_URL", "postgres://postgres@127.0.0.1:9/none")]);
    let mut c = app.client().await;
    assert_eq!(c.get("/api/health").await.status, 200);
    let res = c.get("/api/ready").await;
    assert_eq!(res.status, 503);
    assert_eq!(res.error().code, ErrorCode::Unavailable);
    let res = c
        .login("professional@demo.zorgroute.nl", "whatever-password")
        .await;
    assert_eq!(
        res.status, 503,
        "a login while the database is down is a 503, not a 500"
    );
}

/// The app's state with a pool of `size` connections that reach its database through a proxy
/// the test can switch off (the database "goes away") and on again.
fn behind_a_proxy(app: &TestApp, size: u32) -> (SwitchableProxy, AppState) {
    let proxy = SwitchableProxy::start();
    let mut config = (*app.state.config).clone();
    config.database_url = proxy.url_for(&app.db.url);
    let pool = db::pool(&config.database_url, size);
    (proxy, AppState::new(config, pool))
}

#[actix_web::test]
async fn ready_follows_the_database_down_and_back_up_without_a_restart() {
    let app = TestApp::new();
    let (proxy, state) = behind_a_proxy(&app, 4);
    let mut c = client_for(state).await;
    assert_eq!(c.get("/api/ready").await.status, 200);
    c.login_as("professional").await;

    proxy.set_up(false);
    let started = Instant::now();
    let res = c.get("/api/ready").await;
    assert_eq!(res.status, 503);
    assert_eq!(res.error().code, ErrorCode::Unavailable);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answers 503 instead of hanging"
    );
    assert_eq!(
        c.get("/api/auth/me").await.status,
        503,
        "no 500 while the database is away"
    );
    assert_eq!(
        c.get("/api/health").await.status,
        200,
        "the process keeps running"
    );

    proxy.set_up(true);
    let back = Instant::now();
    let mut status = 0;
    while back.elapsed() < Duration::from_secs(2) {
        status = c.get("/api/ready").await.status;
        if status == 200 {
            break;
        }
    }
    assert_eq!(
        status, 200,
        "recovers within 2 s after the database is back"
    );
    assert_eq!(
        c.get("/api/auth/me").await.status,
        200,
        "the session survived the outage"
    );
}

/// A connection that served a request well is handed out again without a test query for a
/// moment (the pool's trust window). One that PostgreSQL dropped costs at most the request that
/// finds it dropped: the next one gets a tested connection, as does any after the window.
#[actix_web::test]
async fn a_dropped_connection_fails_at_most_one_request() {
    let app = TestApp::new();
    let (proxy, state) = behind_a_proxy(&app, 1);
    let mut c = client_for(state).await;
    assert_eq!(c.get("/api/ready").await.status, 200);

    // A restart faster than the trust window: the pooled connection is gone, the server is back.
    proxy.set_up(false);
    proxy.set_up(true);
    let first = c.get("/api/ready").await.status;
    assert!(matches!(first, 200 | 503), "{first}");
    assert_eq!(
        c.get("/api/ready").await.status,
        200,
        "a connection that failed is not handed out again"
    );

    // The same after the window: the idle connection is tested, so no request fails.
    assert_eq!(c.get("/api/ready").await.status, 200);
    proxy.set_up(false);
    proxy.set_up(true);
    actix_web::rt::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        c.get("/api/ready").await.status,
        200,
        "a connection idle for longer than the window is tested first"
    );
}

#[actix_web::test]
async fn malformed_bodies_get_json_errors() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let send = |body: &'static str, ct: &'static str| {
        TestRequest::post()
            .uri("/api/auth/login")
            .insert_header(("content-type", ct))
            .set_payload(body)
    };
    let res = c.send(send("{not json", "application/json")).await;
    assert_eq!(
        (res.status, res.error().code),
        (400, ErrorCode::InvalidJson)
    );
    let res = c.send(send(r#"{"email": 5}"#, "application/json")).await;
    assert_eq!((res.status, res.error().code), (422, ErrorCode::Validation));
    assert_eq!(res.error().field(), Some("email"), "the field is named");
    let res = c
        .send(send("email=a", "application/x-www-form-urlencoded"))
        .await;
    assert_eq!(
        (res.status, res.error().code),
        (415, ErrorCode::UnsupportedMediaType)
    );
    let big = Box::leak(
        format!(r#"{{"email":"{}","password":"x"}}"#, "a".repeat(300 * 1024)).into_boxed_str(),
    );
    let res = c.send(send(big, "application/json")).await;
    assert_eq!(
        (res.status, res.error().code),
        (413, ErrorCode::PayloadTooLarge)
    );
}

#[actix_web::test]
async fn unknown_api_routes_and_methods_are_json_not_the_app_shell() {
    let app = TestApp::new();
    let mut c = app.client().await;
    for path in ["/api/x", "/api/auth/nope", "/api/kaart"] {
        let res = c.get(path).await;
        assert_eq!(res.status, 404, "{path}");
        assert_eq!(res.error().code, ErrorCode::NotFound);
        assert!(
            res.header("content-type")
                .unwrap()
                .starts_with("application/json")
        );
    }
    let res = c.send(TestRequest::put().uri("/api/auth/me")).await;
    assert!(res.status == 404 || res.status == 405);
    res.error();
}

#[actix_web::test]
async fn client_routes_get_the_app_shell_and_missing_assets_a_404() {
    let app = TestApp::new();
    let mut c = app.client().await;
    for path in [
        "/",
        "/kaart?q=logopedie",
        "/bord",
        "/planner",
        "/inloggen",
        "/kaart/dienst/42",
    ] {
        let res = c.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert!(
            String::from_utf8_lossy(&res.body).contains("<title>Zorgroute</title>"),
            "{path}"
        );
        assert_eq!(res.header("cache-control"), Some("no-cache"), "{path}");
        assert!(
            res.header("content-security-policy")
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
    }
    let res = c
        .send(
            TestRequest::default()
                .method(actix_web::http::Method::HEAD)
                .uri("/bord"),
        )
        .await;
    assert_eq!(res.status, 200, "HEAD of a client route");
    let res = c.get("/pkg/missing-1234.js").await;
    assert_eq!(res.status, 404);
    res.error();
}

#[actix_web::test]
async fn a_page_of_a_group_loaded_on_demand_gets_its_groups_shell() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let preloads = |res: &Response| String::from_utf8_lossy(&res.body).contains("/pkg/work.wasm");
    for (path, shell) in [
        ("/bord", true),
        ("/bord?zoek=anna", true),
        ("/bord/casus/0c2c1b6e-4a1e-4c4e-9a53-6d1f0a4b2d11", true),
        ("/bord/inzicht", true),
        ("/kaart/beheer", true),
        ("/kaart/dienst/7", false),
        ("/bordje", false),
        ("/Bord", false),
        ("/shells/bord", false),
        ("/bord/casus/a/b/c/d/e/f", true),
    ] {
        let res = c.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(preloads(&res), shell, "{path}");
        assert_eq!(res.header("cache-control"), Some("no-cache"), "{path}");
    }
    for path in ["/kaart/..%2Fbord", "/x/%2E%2E/bord", "/bord%2Fcasus"] {
        let res = c.get(path).await;
        assert!(res.status == 200 || res.status == 400, "{path}");
        assert!(!preloads(&res), "{path}");
    }
}

#[actix_web::test]
async fn a_browser_with_the_sign_of_a_session_gets_pages_that_preload_the_session_their_first_answers_and_a_case()
 {
    let app = TestApp::new();
    let mut c = app.client().await;
    let page = |path: &'static str, cookie: Option<&'static str>| {
        let req = TestRequest::get().uri(path);
        match cookie {
            Some(cookie) => req.insert_header(("cookie", cookie)),
            None => req,
        }
    };
    // Which page's first answer the page has the browser fetch (the stand-in shells name one).
    let data = |res: &Response| {
        let body = String::from_utf8_lossy(&res.body).into_owned();
        ["/api/cases/board", "/api/cases/my-tasks"]
            .into_iter()
            .filter(|url| body.contains(url))
            .collect::<Vec<_>>()
    };
    let board = &["/api/cases/board"][..];
    for (path, cookie, preloaded) in [
        ("/bord", Some("zr_signed_in=1"), board),
        ("/bord?zoek=anna", Some("zr-lang=en; zr_signed_in=1"), board),
        // Without the sign nobody is signed in: the app will not ask, so neither does the page.
        ("/bord", None, &[]),
        ("/bord", Some("zr-lang=en"), &[]),
        // Each page asks for its own first answers, a page nested in a group's path too.
        (
            "/bord/taken",
            Some("zr_signed_in=1"),
            &["/api/cases/my-tasks"],
        ),
        ("/bord/taken", None, &[]),
        ("/bord/inzicht", Some("zr_signed_in=1"), &[]),
        (
            "/bord/casus/0c2c1b6e-4a1e-4c4e-9a53-6d1f0a4b2d11",
            Some("zr_signed_in=1"),
            &[],
        ),
        ("/kaart/beheer", Some("zr_signed_in=1"), &[]),
        ("/with_data/bord", Some("zr_signed_in=1"), &[]),
    ] {
        let res = c.send(page(path, cookie)).await;
        assert_eq!(res.status, 200, "{path} {cookie:?}");
        assert_eq!(data(&res), preloaded, "{path} {cookie:?}");
        // Either way the page group's modules are preloaded, and the page varies with the cookie.
        let modules = String::from_utf8_lossy(&res.body).contains("/pkg/work.wasm");
        assert_eq!(modules, path != "/with_data/bord", "{path} {cookie:?}");
        assert_eq!(
            res.header("vary"),
            Some("Cookie, Accept-Encoding"),
            "{path}"
        );
        assert_eq!(res.header("cache-control"), Some("no-cache"), "{path}");
        // Every page has such a browser ask who is signed in at once: the app's first question;
        // a case's page also asks for the case.
        let signed_in = cookie.is_some_and(|c| c.contains("zr_signed_in=1"));
        let me = "</api/auth/me>; rel=preload; as=fetch; crossorigin";
        let links = match path.strip_prefix("/bord/casus/") {
            Some(id) => format!("{me}, </api/cases/{id}>; rel=preload; as=fetch; crossorigin"),
            None => me.to_owned(),
        };
        let expected = signed_in.then_some(links.as_str());
        assert_eq!(res.header("link"), expected, "{path} {cookie:?}");
    }
    // A case's page without the sign asks nothing; with another spelling of the id, or more
    // after it, only who is signed in.
    let case = "/bord/casus/0c2c1b6e-4a1e-4c4e-9a53-6d1f0a4b2d11";
    assert_eq!(c.get(case).await.header("link"), None);
    for path in [
        "/bord/casus/0C2C1B6E-4A1E-4C4E-9A53-6D1F0A4B2D11",
        "/bord/casus/0c2c1b6e4a1e4c4e9a536d1f0a4b2d11",
        "/bord/casus/0c2c1b6e-4a1e-4c4e-9a53-6d1f0a4b2d11/x",
        "/bord/casus/nee",
    ] {
        let res = c.send(page(path, Some("zr_signed_in=1"))).await;
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(
            res.header("link"),
            Some("</api/auth/me>; rel=preload; as=fetch; crossorigin"),
            "{path}"
        );
    }
    for path in ["/", "/kaart", "/planner", "/inloggen"] {
        let res = c.send(page(path, Some("zr_signed_in=1"))).await;
        assert_eq!(res.status, 200, "{path}");
        let me = res.header("link").unwrap_or_default();
        assert!(me.starts_with("</api/auth/me>; rel=preload"), "{path}");
        let res = c.get(path).await;
        assert_eq!(res.header("link"), None, "{path}: no sign, no question");
    }
}

#[actix_web::test]
async fn a_services_page_has_any_browser_fetch_the_service_in_its_language_and_the_terms() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let id = "0ea0729e-573a-4725-a131-06a30af8e4dd";
    let page = format!("/kaart/dienst/{id}");
    let service = |lang: &str| {
        format!("</api/map/services/{id}?lang={lang}>; rel=preload; as=fetch; crossorigin")
    };
    let terms = "</api/map/terms>; rel=preload; as=fetch; crossorigin";
    let me = "</api/auth/me>; rel=preload; as=fetch; crossorigin";
    for (cookie, expected) in [
        (None, format!("{}, {terms}", service("nl"))),
        (Some("zr-lang=en"), format!("{}, {terms}", service("en"))),
        (Some("zr-lang=nl"), format!("{}, {terms}", service("nl"))),
        (
            Some("zr_signed_in=1; zr-lang=en"),
            format!("{me}, {}, {terms}", service("en")),
        ),
    ] {
        let mut req = TestRequest::get().uri(&page);
        if let Some(cookie) = cookie {
            req = req.insert_header(("cookie", cookie));
        }
        let res = c.send(req).await;
        assert_eq!(res.status, 200, "{cookie:?}");
        assert_eq!(res.header("link"), Some(expected.as_str()), "{cookie:?}");
        assert_eq!(res.header("vary"), Some("Cookie, Accept-Encoding"));
    }
    // What the header names is what the app asks: the public answers, no session needed.
    let res = c.get("/api/map/terms").await;
    assert_eq!(res.status, 200);
    let res = c.get(&format!("/api/map/services/{id}?lang=nl")).await;
    assert_eq!(
        res.status, 404,
        "no such service here: a JSON error, as the app gets it"
    );
    res.error();
    // Not a service's id as the app writes it: nothing to fetch.
    for path in [
        "/kaart/dienst/7",
        "/kaart/dienst/0EA0729E-573A-4725-A131-06A30AF8E4DD",
    ] {
        let res = c.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.header("link"), None, "{path}");
    }
}

#[actix_web::test]
async fn an_entry_page_gets_its_prerendered_frame_in_the_visitors_language() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let title = |res: &Response| {
        let body = String::from_utf8_lossy(&res.body).into_owned();
        body.split("<title>").nth(1).unwrap_or("").to_owned()
    };
    let res = c.get("/kaart").await;
    assert_eq!(res.status, 200);
    assert_eq!(title(&res), "Sociale kaart · Zorgroute</title>");
    assert_eq!(res.header("cache-control"), Some("no-cache"));
    assert_eq!(res.header("vary"), Some("Cookie, Accept-Encoding"));
    // A frame carries the site's style sheet inline: the policy allows exactly that text.
    let sheet = {
        use base64::Engine;
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(crate::helpers::STYLE_SHEET.1.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(digest)
    };
    let csp = res.header("content-security-policy").unwrap_or_default();
    assert!(
        csp.contains(&format!("style-src 'self' 'sha256-{sheet}';")),
        "{csp}"
    );
    // Pre-compressed when the browser takes it and the build wrote it, else as it is.
    let english = |encodings: &'static str| {
        TestRequest::get()
            .uri("/kaart")
            .insert_header(("cookie", "zr-lang=en"))
            .insert_header(("accept-encoding", encodings))
    };
    let res = c.send(english("gzip, deflate, br")).await;
    assert_eq!(res.header("content-encoding"), Some("br"));
    assert_eq!(res.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(res.header("content-disposition"), Some("inline"));
    assert_eq!(res.body, b"\x0b\x02\x80frame");
    let res = c.send(english("identity")).await;
    assert_eq!(res.header("content-encoding"), None);
    assert_eq!(title(&res), "Social map · Zorgroute</title>");
    // Without a `.gz` sibling (the build writes one) the frame is gzipped as it is sent.
    let res = c.send(english("br;q=0, gzip")).await;
    assert_eq!(res.header("content-encoding"), Some("gzip"));
    let res = Response {
        body: gunzip(&res.body),
        ..res
    };
    assert_eq!(title(&res), "Social map · Zorgroute</title>");
    let res = c
        .send(
            TestRequest::get()
                .uri("/kaart")
                .insert_header(("accept-encoding", "br")),
        )
        .await;
    assert_eq!(res.header("content-encoding"), None, "no Dutch .br sibling");
    for (cookie, expected) in [
        ("zr-lang=en", "Social map · Zorgroute</title>"),
        ("zr-lang=nl", "Sociale kaart · Zorgroute</title>"),
        ("zr-lang=fr", "Sociale kaart · Zorgroute</title>"),
    ] {
        let res = c
            .send(
                TestRequest::get()
                    .uri("/kaart")
                    .insert_header(("cookie", cookie)),
            )
            .await;
        assert_eq!(title(&res), expected, "{cookie}");
    }
    // A query changes what the page shows (a frame without it would show the wrong search), and
    // nothing outside the frames' directory can be reached by a crafted path.
    for path in ["/kaart?q=logopedie", "/frames", "/kaart/"] {
        let res = c.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(title(&res), "Zorgroute</title>", "{path}");
    }
    for path in [
        "/frames/nl/kaart",
        "/frames%2Fnl%2Fkaart",
        "/..%2Fframes%2Fnl%2Fkaart",
    ] {
        let res = c.get(path).await;
        assert!(res.status == 200 || res.status == 400, "{path}");
        assert!(!title(&res).contains("kaart"), "{path}");
    }
}

fn gunzip(body: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[actix_web::test]
async fn json_answers_are_gzipped_for_browsers_that_take_it() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let gzip = |path: &str, encodings: &'static str| {
        TestRequest::get()
            .uri(path)
            .insert_header(("accept-encoding", encodings))
    };
    let plain = c.get("/api/cases/board").await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    let packed = c
        .send(gzip("/api/cases/board", "gzip, deflate, br, zstd"))
        .await;
    assert_eq!(packed.status, 200);
    assert_eq!(packed.header("content-encoding"), Some("gzip"));
    assert_eq!(packed.header("content-type"), Some("application/json"));
    let vary = packed
        .header("vary")
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(vary.contains("accept-encoding"), "{vary}");
    let unpacked: serde_json::Value = serde_json::from_slice(&gunzip(&packed.body)).unwrap();
    assert_eq!(unpacked, plain.json::<serde_json::Value>());
    assert!(
        packed.body.len() * 4 < plain.body.len(),
        "{} of {} bytes",
        packed.body.len(),
        plain.body.len()
    );
    // Error answers stay the one JSON error body, compressed or not.
    let res = c
        .send(gzip(
            "/api/cases/00000000-0000-0000-0000-000000000000",
            "gzip",
        ))
        .await;
    assert_eq!(res.status, 404);
    let res = match res.header("content-encoding") {
        Some("gzip") => Response {
            body: gunzip(&res.body),
            ..res
        },
        _ => res,
    };
    assert_eq!(res.error().code, ErrorCode::NotFound);
    // A client that takes no encoding the server has gets a JSON 406, not a body it cannot read.
    let res = c.send(gzip("/api/health", "identity;q=0, br")).await;
    assert_eq!(res.status, 406);
    assert_eq!(res.header("content-encoding"), None);
    assert_eq!(res.error().code, ErrorCode::BadRequest);
}

#[actix_web::test]
async fn hashed_assets_are_cached_forever_and_served_pre_compressed() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let res = c.get("/pkg/app-0123abcd.js").await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(res.body, b"console.log('plain')");

    let res = c
        .send(
            TestRequest::get()
                .uri("/pkg/app-0123abcd.js")
                .insert_header(("accept-encoding", "br")),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-encoding"), Some("br"));
    assert_eq!(res.body, b"\x0b\x02\x80brotli");
}

#[actix_web::test]
async fn bad_query_strings_get_json_errors() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("admin").await;
    for query in ["active=maybe", "role=root", "colour=red"] {
        let res = c.get(&format!("/api/admin/users?{query}")).await;
        assert_eq!(res.status, 400, "{query}");
        assert_eq!(res.error().code, ErrorCode::InvalidQuery, "{query}");
    }
    let res = c
        .get("/api/admin/users?role=professional&active=true")
        .await;
    let users: Vec<shared::admin::UserSummary> = res.json();
    let emails: Vec<&str> = users.iter().map(|u| u.email.as_str()).collect();
    assert_eq!(
        emails,
        ["jgz@demo.zorgroute.nl", "professional@demo.zorgroute.nl"]
    );
    use backend::db::schema::users as u;
    use diesel::prelude::*;
    diesel::update(u::table.filter(u::email.eq("jgz@demo.zorgroute.nl")))
        .set(u::active.eq(false))
        .execute(&mut app.db.conn())
        .unwrap();
    let users: Vec<shared::admin::UserSummary> = c
        .get("/api/admin/users?role=professional&active=true")
        .await
        .json();
    assert_eq!(users.len(), 1, "inactive accounts are filtered out");
}

#[actix_web::test]
async fn the_api_describes_itself_and_its_docs_work_offline() {
    let app = crate::helpers::TestApp::new();
    let mut c = app.client().await;
    let res = c.get("/api/openapi.json").await;
    assert_eq!(res.status, 200);
    let doc: serde_json::Value = res.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let described: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();
    assert_eq!(described, backend::startup::all_routes().len());
    let ui = c.get("/api/docs/").await;
    assert_eq!(ui.status, 200);
    assert!(String::from_utf8_lossy(&ui.body).contains("swagger"));
    let init = c.get("/api/docs/swagger-initializer.js").await;
    assert_eq!(init.status, 200);
    assert!(String::from_utf8_lossy(&init.body).contains("/api/openapi.json"));
    assert!(
        ui.header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
}

//! Test harness: an isolated database per test (copied from a migrated template) and a small
//! cookie-keeping client over the in-process app.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::header::HeaderMap;
use actix_web::test::{self, TestRequest};
use backend::config::Config;
use backend::state::AppState;
use backend::{db, demo, startup};
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use shared::cases::access_log::{Deed, LogPage};
use shared::error::ApiErrorBody;
use std::collections::{BTreeMap, HashMap};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The server to test against: `DATABASE_URL` (scripts/test sets it to a throw-away cluster).
pub fn server_url() -> String {
    std::env::var("DATABASE_URL").expect(
        "DATABASE_URL must point to a PostgreSQL server for the DB tests; run them with scripts/test",
    )
}

/// `url` with its database name replaced by `name`.
pub fn url_with_db(url: &str, name: &str) -> String {
    let scheme_end = url.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = url[scheme_end..].find('/').map(|i| i + scheme_end);
    let query = url.find('?').map(|i| &url[i..]).unwrap_or("");
    match path_start {
        Some(i) => format!("{}/{name}{query}", &url[..i]),
        None => format!("{}/{name}{query}", url.trim_end_matches(query)),
    }
}

fn admin_conn() -> PgConnection {
    PgConnection::establish(&url_with_db(&server_url(), "postgres"))
        .expect("connect to the test server")
}

fn exec(conn: &mut PgConnection, sql: &str) {
    diesel::sql_query(sql)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// A template database with all migrations applied, named after the migrations' content so a
/// changed migration gets a new template. Built once per server under an advisory lock.
fn template() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        use std::hash::{Hash, Hasher};
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../migrations");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
            .map(|f| f.unwrap().path())
            .collect();
        files.sort();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for f in &files {
            f.file_name().hash(&mut hasher);
            std::fs::read(f).unwrap().hash(&mut hasher);
        }
        let name = format!("zr_tpl_{:016x}", hasher.finish());
        let mut admin = admin_conn();
        exec(&mut admin, "SELECT pg_advisory_lock(727274)");
        let exists: bool = diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "EXISTS (SELECT 1 FROM pg_database WHERE datname = '{name}')"
        )))
        .get_result(&mut admin)
        .unwrap();
        if !exists {
            let building = format!("{name}_build");
            exec(
                &mut admin,
                &format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
            );
            exec(&mut admin, &format!("CREATE DATABASE {building}"));
            {
                let mut conn =
                    PgConnection::establish(&url_with_db(&server_url(), &building)).unwrap();
                db::run_migrations(&mut conn).unwrap();
            }
            exec(
                &mut admin,
                &format!("ALTER DATABASE {building} RENAME TO {name}"),
            );
        }
        exec(&mut admin, "SELECT pg_advisory_unlock(727274)");
        name
    })
}

/// A database of one's own, dropped when the value is dropped.
pub struct TestDb {
    pub name: String,
    pub url: String,
}

impl TestDb {
    /// A migrated, empty database.
    pub fn migrated() -> Self {
        Self::create(&format!("TEMPLATE {}", template()))
    }

    /// A database without any tables (for migration tests).
    pub fn empty() -> Self {
        Self::create("")
    }

    fn create(options: &str) -> Self {
        let name = format!("zr_test_{}", uuid::Uuid::new_v4().simple());
        exec(
            &mut admin_conn(),
            &format!("CREATE DATABASE {name} {options}"),
        );
        let url = url_with_db(&server_url(), &name);
        Self { name, url }
    }

    pub fn conn(&self) -> PgConnection {
        PgConnection::establish(&self.url).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&url_with_db(&server_url(), "postgres")) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

/// The stand-in site's style sheet (path, text), which the frames carry inline.
pub const STYLE_SHEET: (&str, &str) = ("pkg/style-0123abcd.css", "h1 { color: #0b5c63; }\n");

/// A built frontend stand-in: index.html, the prerendered frame of /kaart in both languages (the
/// English one with a brotli sibling), a page group's shells at two of its paths and the shells of
/// the board and of the tasks page that also preload their data, the style sheet, and one hashed
/// asset with a brotli sibling.
pub fn static_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("zr-static-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><title>Zorgroute</title>",
        )
        .unwrap();
        for (lang, title) in [("nl", "Sociale kaart"), ("en", "Social map")] {
            std::fs::create_dir_all(dir.join("frames").join(lang)).unwrap();
            std::fs::write(
                dir.join("frames").join(lang).join("kaart.html"),
                format!("<!doctype html><title>{title} · Zorgroute</title>"),
            )
            .unwrap();
        }
        std::fs::write(dir.join("frames/en/kaart.html.br"), b"\x0b\x02\x80frame").unwrap();
        for (shell, preloads) in [
            ("bord", &["/pkg/work.wasm"][..]),
            ("kaart/beheer", &["/pkg/work.wasm"]),
            ("with_data/bord", &["/pkg/work.wasm", "/api/cases/board"]),
            (
                "with_data/bord/taken",
                &["/pkg/work.wasm", "/api/cases/my-tasks"],
            ),
        ] {
            let file = dir.join("shells").join(format!("{shell}.html"));
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            let preload: String = preloads
                .iter()
                .map(|href| format!(r#"<link rel="preload" href="{href}">"#))
                .collect();
            std::fs::write(
                file,
                format!("<!doctype html><title>Zorgroute</title>{preload}"),
            )
            .unwrap();
        }
        std::fs::write(dir.join(STYLE_SHEET.0), STYLE_SHEET.1).unwrap();
        std::fs::write(dir.join("pkg/app-0123abcd.js"), "console.log('plain')").unwrap();
        std::fs::write(dir.join("pkg/app-0123abcd.js.br"), b"\x0b\x02\x80brotli").unwrap();
        dir
    })
}

pub struct TestApp {
    pub db: TestDb,
    pub state: AppState,
}

/// A TCP proxy to the test server that can be switched off (closing every open connection) and on,
/// to see how the app behaves while PostgreSQL is unreachable.
pub struct SwitchableProxy {
    pub port: u16,
    up: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl SwitchableProxy {
    pub fn start() -> Self {
        let url = server_url();
        let host_port = url
            .split('@')
            .nth(1)
            .unwrap_or(&url)
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let open = Arc::new(Mutex::new(Vec::new()));
        let (up2, open2) = (up.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if !up2.load(Ordering::SeqCst) {
                    continue; // dropped: connection closed at once
                }
                let Ok(server) = TcpStream::connect(&host_port) else {
                    continue;
                };
                let mut open = open2.lock().unwrap();
                open.push(client.try_clone().unwrap());
                open.push(server.try_clone().unwrap());
                for (mut from, mut to) in [
                    (client.try_clone().unwrap(), server.try_clone().unwrap()),
                    (server, client),
                ] {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(Shutdown::Both);
                    });
                }
            }
        });
        Self { port, up, open }
    }

    /// `url` with its host and port replaced by the proxy's.
    pub fn url_for(&self, url: &str) -> String {
        let (head, rest) = url.split_once('@').unwrap();
        let path = &rest[rest.find('/').unwrap()..];
        format!("{head}@127.0.0.1:{}{path}", self.port)
    }

    pub fn set_up(&self, up: bool) {
        self.up.store(up, Ordering::SeqCst);
        if !up {
            for stream in self.open.lock().unwrap().drain(..) {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
    }
}

impl TestApp {
    /// A fresh database with the demo data loaded, and settings as in development.
    pub fn new() -> Self {
        Self::with_env(&[])
    }

    pub fn with_env(extra: &[(&str, &str)]) -> Self {
        let db = TestDb::migrated();
        demo::seed(&mut db.conn()).unwrap();
        let mut vars: HashMap<String, String> = HashMap::from([
            ("DATABASE_URL".into(), db.url.clone()),
            ("APP_ENV".into(), "test".into()),
            ("DATABASE_POOL_SIZE".into(), "4".into()),
            ("STATIC_DIR".into(), static_dir().display().to_string()),
        ]);
        for (k, v) in extra {
            vars.insert(k.to_string(), v.to_string());
        }
        let config = Config::from_lookup(|k| vars.get(k).cloned()).unwrap();
        let pool = db::pool(&config.database_url, config.db_pool_size);
        Self {
            state: AppState::new(config, pool),
            db,
        }
    }

    /// An extra account with one role in one municipality (by slug); returns its e-mail.
    pub fn add_user(&self, email: &str, role: &str, municipality_slug: &str) -> String {
        use backend::db::schema::{memberships, municipalities, users};
        let conn = &mut self.db.conn();
        let municipality: uuid::Uuid = municipalities::table
            .filter(municipalities::slug.eq(municipality_slug))
            .select(municipalities::id)
            .first(conn)
            .unwrap();
        let user: uuid::Uuid = diesel::insert_into(users::table)
            .values((
                users::email.eq(email),
                users::display_name.eq(email),
                users::password_hash
                    .eq(backend::auth::password::hash(demo::DEMO_PASSWORD).unwrap()),
                // A fixture like the demo accounts: signs in with the password alone outside
                // production (the second factor has its own tests in accounts.rs).
                users::is_demo.eq(true),
            ))
            .returning(users::id)
            .get_result(conn)
            .unwrap();
        diesel::insert_into(memberships::table)
            .values((
                memberships::user_id.eq(user),
                memberships::role.eq(role),
                memberships::municipality_id.eq(municipality),
            ))
            .execute(conn)
            .unwrap();
        email.to_owned()
    }

    pub async fn client(
        &self,
    ) -> Client<
        impl Service<
            actix_http::Request,
            Response = ServiceResponse<impl MessageBody>,
            Error = actix_web::Error,
        >,
    > {
        client_for(self.state.clone()).await
    }
}

/// A client for an app built from any state (e.g. one whose database is behind a proxy).
pub async fn client_for(
    state: AppState,
) -> Client<
    impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
> {
    Client {
        svc: test::init_service(startup::build_app(state)).await,
        cookies: BTreeMap::new(),
        csrf: true,
        ip: "203.0.113.10".into(),
    }
}

pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    /// The shared error body; fails the test if the body is anything else.
    pub fn error(&self) -> ApiErrorBody {
        let body: ApiErrorBody = self.json();
        assert_eq!(
            body.status, self.status,
            "status in body equals the HTTP status"
        );
        body
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// All `Set-Cookie` headers.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }
}

/// Sends requests like the browser app does (CSRF header on, cookies kept) unless told otherwise.
pub struct Client<S> {
    svc: S,
    pub cookies: BTreeMap<String, String>,
    pub csrf: bool,
    pub ip: String,
}

impl<S, B> Client<S>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    fn cookie_header(&self) -> String {
        let jar: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        jar.join("; ")
    }

    /// A subscription to the board's live events with this client's cookies, to call on a
    /// service of one's own (its answer is a stream that does not end).
    pub fn live_events(&self) -> TestRequest {
        TestRequest::get()
            .uri("/api/cases/events")
            .insert_header(("cookie", self.cookie_header()))
    }

    pub async fn send(&mut self, req: TestRequest) -> Response {
        let mut req = req.peer_addr(format!("{}:40000", self.ip).parse().unwrap());
        if self.csrf {
            req = req.insert_header((shared::auth::CSRF_HEADER, shared::auth::CSRF_VALUE));
        }
        if !self.cookies.is_empty() {
            req = req.insert_header(("cookie", self.cookie_header()));
        }
        let (status, headers, body) =
            match test::try_call_service(&self.svc, req.to_request()).await {
                Ok(res) => (
                    res.status().as_u16(),
                    res.headers().clone(),
                    test::read_body(res).await.to_vec(),
                ),
                // What the server answers for a service's error (a handler's panic, caught).
                Err(error) => {
                    let res = error.error_response();
                    let (status, headers) = (res.status().as_u16(), res.headers().clone());
                    let body = actix_web::body::to_bytes(res.into_body()).await.unwrap();
                    (status, headers, body.to_vec())
                }
            };
        let response = Response {
            status,
            headers,
            body,
        };
        for raw in response.set_cookies() {
            let cookie = actix_web::cookie::Cookie::parse(raw).unwrap();
            let expired = cookie
                .max_age()
                .is_some_and(|a| a.is_zero() || a.is_negative());
            if expired || cookie.value().is_empty() {
                self.cookies.remove(cookie.name());
            } else {
                self.cookies
                    .insert(cookie.name().to_owned(), cookie.value().to_owned());
            }
        }
        response
    }

    /// Sends all requests at once (with this client's cookies and CSRF header); returns the statuses.
    pub async fn send_all(&mut self, requests: Vec<TestRequest>) -> Vec<u16> {
        let prepared: Vec<actix_http::Request> = requests
            .into_iter()
            .map(|req| {
                let mut req = req.peer_addr(format!("{}:40000", self.ip).parse().unwrap());
                if self.csrf {
                    req = req.insert_header((shared::auth::CSRF_HEADER, shared::auth::CSRF_VALUE));
                }
                let jar: Vec<String> = self
                    .cookies
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                req.insert_header(("cookie", jar.join("; "))).to_request()
            })
            .collect();
        let calls = prepared.into_iter().map(|req| self.svc.call(req));
        futures_util::future::join_all(calls)
            .await
            .into_iter()
            .map(|res| res.map(|r| r.status().as_u16()).unwrap_or(500))
            .collect()
    }

    pub async fn get(&mut self, path: &str) -> Response {
        self.send(TestRequest::get().uri(path)).await
    }

    pub async fn delete(&mut self, path: &str) -> Response {
        self.send(TestRequest::delete().uri(path)).await
    }

    pub async fn post(&mut self, path: &str, body: serde_json::Value) -> Response {
        self.send(TestRequest::post().uri(path).set_json(body))
            .await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Response {
        self.post(
            "/api/auth/login",
            serde_json::json!({ "email": email, "password": password }),
        )
        .await
    }

    /// A page of the logbook of the caller's municipality (`GET /api/cases/access-log?{query}`),
    /// asserting that the search was answered.
    pub async fn logbook(&mut self, query: &str) -> LogPage {
        let uri = format!("/api/cases/access-log?{query}");
        let res = self.get(&uri).await;
        assert_eq!(
            res.status,
            200,
            "{uri}: {}",
            String::from_utf8_lossy(&res.body)
        );
        res.json()
    }

    /// Whether that page of the logbook has a line of `deed`.
    pub async fn logbook_shows(&mut self, query: &str, deed: Deed) -> bool {
        let page = self.logbook(query).await;
        page.lines.iter().any(|l| l.entry.deed() == deed)
    }

    /// Signs in as a coordinator of Heerlen, added to `app`: a municipality with none of the
    /// demo's cases, partners or logbook lines, the other tenant of the isolation tests.
    pub async fn login_heerlen_coordinator(&mut self, app: &TestApp) {
        let email = app.add_user("coordinator@heerlen.example", "coordinator", "heerlen");
        self.login_demo(&email).await;
    }

    /// Signs in as the demo account of `role` and asserts it worked.
    pub async fn login_as(&mut self, role: &str) {
        let email = match role {
            "partner_editor" => "partner@demo.zorgroute.nl".to_owned(),
            other => format!("{other}@demo.zorgroute.nl"),
        };
        self.login_demo(&email).await;
    }

    /// Signs in with the demo password (demo accounts and those made by `TestApp::add_user`) and
    /// asserts it worked.
    pub async fn login_demo(&mut self, email: &str) {
        let res = self.login(email, demo::DEMO_PASSWORD).await;
        assert_eq!(
            res.status,
            200,
            "login as {email}: {}",
            String::from_utf8_lossy(&res.body)
        );
    }
}

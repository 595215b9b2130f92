//! The authorisation matrix, driven by the app's own route table (`startup::all_routes`): every
//! route × signed out × each demo role × a coordinator of another municipality. Each request
//! carries a body the route accepts, so what answers is the gate, not the validation. A route
//! that is not in the matrix fails this test: whoever adds one decides who may call it.
#![allow(clippy::unwrap_used)]
use crate::cases::{PDF, upload};
use crate::helpers::TestApp;
use actix_web::test::TestRequest;
use backend::db::schema::{cases, locations, memberships, municipalities, users};
use diesel::prelude::*;
use serde_json::{Value, json};
use uuid::Uuid;

/// Who gets past a route's gate.
#[derive(Debug, Clone, Copy)]
enum Gate {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account.
    SignedIn,
    /// Only these roles; other accounts get 403 (or 404 for a case they may not know about).
    Only(&'static [&'static str]),
}

const CASE_TEAM: Gate = Gate::Only(&["professional", "coordinator"]);
const COORDINATOR: Gate = Gate::Only(&["coordinator"]);
const EDITORS: Gate = Gate::Only(&["partner_editor", "coordinator", "admin"]);
const ADMIN: Gate = Gate::Only(&["admin"]);
const MANAGER: Gate = Gate::Only(&["manager"]);
const ADMINISTRATION: Gate = Gate::Only(&["admin", "coordinator"]);

fn gate(method: &str, path: &str) -> Gate {
    use Gate::*;
    match (method, path.trim_start_matches("/api")) {
        ("GET", "/health" | "/ready" | "/openapi.json") => Public,
        ("POST", "/consent/view" | "/consent/answer" | "/consent/withdraw") => Public,
        ("POST", "/auth/login" | "/auth/refresh" | "/auth/logout") => Public,
        ("GET", "/auth/me" | "/auth/sessions") | ("DELETE", "/auth/sessions/{id}") => SignedIn,
        (
            "POST",
            "/auth/second-factor/enrol"
            | "/auth/second-factor/confirm"
            | "/auth/second-factor/verify"
            | "/auth/password",
        ) => SignedIn,
        (
            "POST",
            "/auth/password-reset" | "/auth/password-reset/confirm" | "/auth/invitations/accept",
        ) => Public,
        (
            "GET",
            "/admin/users"
            | "/admin/invitations"
            | "/admin/municipalities"
            | "/admin/organisations",
        ) => ADMINISTRATION,
        (
            "POST",
            "/admin/users/{id}/deactivate"
            | "/admin/users/{id}/activate"
            | "/admin/users/{id}/reset-second-factor"
            | "/admin/users/{id}/memberships"
            | "/admin/users/{id}/memberships/remove"
            | "/admin/invitations",
        ) => ADMINISTRATION,
        ("GET", "/admin/outbox" | "/admin/auth-events" | "/admin/changes" | "/admin/locations") => {
            ADMIN
        }
        ("POST", "/admin/municipalities" | "/admin/organisations" | "/admin/locations") => ADMIN,
        (
            "PUT",
            "/admin/municipalities/{id}" | "/admin/organisations/{id}" | "/admin/locations/{id}",
        ) => ADMIN,

        ("POST", "/cases") => CASE_TEAM,
        ("GET", "/cases/board" | "/cases/partners" | "/cases/events" | "/cases/my-tasks") => {
            CASE_TEAM
        }
        ("GET" | "PUT", "/cases/my-tasks/mail")
        | ("POST", "/cases/board/print" | "/cases/my-tasks/print") => CASE_TEAM,
        ("GET", "/cases/metrics" | "/cases/access-log" | "/cases/access-log/export")
        | ("POST", "/cases/access-log/print")
        | ("PUT", "/cases/route") => COORDINATOR,
        ("GET", "/cases/{id}") => CASE_TEAM,
        (
            "POST",
            "/cases/{id}/moves"
            | "/cases/{id}/consents"
            | "/cases/{id}/consents/{consent}/withdraw"
            | "/cases/{id}/guardians"
            | "/cases/{id}/team"
            | "/cases/{id}/notes"
            | "/cases/{id}/goals"
            | "/cases/{id}/evaluations"
            | "/cases/{id}/tasks"
            | "/cases/{id}/tasks/{task}/done"
            | "/cases/{id}/attachments"
            | "/cases/{id}/print",
        ) => CASE_TEAM,
        ("GET" | "DELETE", "/cases/{id}/attachments/{attachment}") => CASE_TEAM,
        ("GET" | "POST", "/cases/{id}/consent-requests")
        | ("POST", "/cases/{id}/consent-requests/{request}/cancel") => CASE_TEAM,
        ("GET", "/cases/{id}/team/candidates")
        | ("DELETE", "/cases/{id}/team/{user}")
        | ("DELETE", "/cases/{id}/guardians/{guardian}")
        | ("PUT", "/cases/{id}/profile") => CASE_TEAM,
        ("GET", "/cases/{id}/access-log" | "/cases/{id}/export") => COORDINATOR,
        ("POST", "/cases/{id}/anonymise") => COORDINATOR,

        ("GET", "/map/search" | "/map/terms" | "/map/config" | "/map/services/{id}") => Public,
        ("POST", "/map/services/{id}/questions") => Public,
        ("POST", "/map/terms") | ("PUT" | "DELETE", "/map/terms/{id}") => ADMIN,
        ("GET", "/map/manage" | "/map/manage/services/{id}/versions") => EDITORS,
        (
            "POST",
            "/map/manage/services/{id}/drafts"
            | "/map/manage/locations/{id}/drafts"
            | "/map/manage/drafts"
            | "/map/manage/drafts/{id}/reject"
            | "/map/manage/questions/{id}/handled"
            | "/map/manage/drafts/{id}/approve",
        ) => EDITORS,

        (
            "GET",
            "/hsds"
            | "/hsds/"
            | "/hsds/services"
            | "/hsds/services/{id}"
            | "/hsds/organizations"
            | "/hsds/organizations/{id}"
            | "/hsds/taxonomies"
            | "/hsds/taxonomy_terms"
            | "/hsds/service_at_locations",
        ) => Public,
        ("GET", "/hsds/export") => Only(&["admin", "coordinator"]),
        ("POST", "/hsds/import") => ADMIN,

        ("POST", "/planner/bkr" | "/planner/compute") => Public,
        ("GET", "/planner/live-counts") => Only(&["manager", "coordinator"]),
        ("GET" | "POST", "/planner/scenarios") => MANAGER,
        ("GET" | "PUT" | "DELETE", "/planner/scenarios/{id}") => MANAGER,
        ("POST", "/planner/scenarios/{id}/duplicate") => MANAGER,
        _ => panic!("{method} {path} is not in the authorisation matrix: decide who may call it"),
    }
}

/// What the requests are made of: a real case of Geldrop-Mierlo (so the tenant check means
/// something), its stages, and bodies taken from the app itself where they are large.
struct Fixture {
    case: Uuid,
    version: i32,
    stage: Uuid,
    stages: Value,
    service_edit: Value,
    municipality: Uuid,
    scenario_input: Value,
    /// A location of the demo professional's organisation (where they may signal a child).
    location: Uuid,
}

async fn fixture(app: &TestApp) -> Fixture {
    let conn = &mut app.db.conn();
    let geldrop: Uuid = municipalities::table
        .filter(municipalities::slug.eq("geldrop-mierlo"))
        .select(municipalities::id)
        .first(conn)
        .unwrap();
    let (case, version): (Uuid, i32) = cases::table
        .filter(cases::municipality_id.eq(geldrop))
        .filter(cases::closed_at.is_null())
        .select((cases::id, cases::version))
        .first(conn)
        .unwrap();
    let location: Uuid = locations::table
        .inner_join(
            memberships::table
                .on(memberships::organisation_id.eq(locations::organisation_id.nullable())),
        )
        .inner_join(users::table.on(users::id.eq(memberships::user_id)))
        .filter(users::email.eq("professional@demo.zorgroute.nl"))
        .filter(memberships::role.eq("professional"))
        .filter(locations::municipality_id.eq(geldrop))
        .select(locations::id)
        .first(conn)
        .unwrap();
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let board: Value = coordinator.get("/api/cases/board").await.json();
    let stages: Vec<Value> = board["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            json!({"id": s["id"], "name": s["name"], "wip_limit": s["wip_limit"],
                   "requires_consent": s["requires_consent"], "terminal": s["terminal"]})
        })
        .collect();
    let stage: Uuid = serde_json::from_value(board["stages"][0]["id"].clone()).unwrap();
    let mut editor = app.client().await;
    editor.login_as("partner_editor").await;
    let workspace: Value = editor.get("/api/map/manage").await.json();
    let preset = (shared::planner::presets::ALL[0].input)();
    Fixture {
        case,
        version,
        stage,
        stages: Value::Array(stages),
        service_edit: workspace["services"][0]["edit"].clone(),
        municipality: geldrop,
        scenario_input: serde_json::to_value(preset).unwrap(),
        location,
    }
}

/// The path with its parameters filled in (query included where the route needs one).
fn uri(pattern: &str, f: &Fixture) -> String {
    let uri = pattern
        .replace(
            "{id}",
            &if pattern.starts_with("/api/cases/") {
                f.case.to_string()
            } else {
                Uuid::new_v4().to_string()
            },
        )
        .replace("{consent}", &Uuid::new_v4().to_string())
        .replace("{task}", &Uuid::new_v4().to_string())
        .replace("{user}", &Uuid::new_v4().to_string())
        .replace("{guardian}", &Uuid::new_v4().to_string())
        .replace("{attachment}", &Uuid::new_v4().to_string())
        .replace("{request}", &Uuid::new_v4().to_string());
    match pattern {
        p if p.ends_with("/import") => format!("{uri}?dry_run=true"),
        p if p.ends_with("/attachments") => format!("{uri}?name=matrix.pdf"),
        p if p.ends_with("/live-counts") => format!("{uri}?municipality_id={}", f.municipality),
        _ => uri,
    }
}

/// A JSON body the route accepts (`None`: no body; attachments are sent as files).
fn body(method: &str, pattern: &str, f: &Fixture) -> Option<Value> {
    let today = shared::time::dutch_date(chrono::Utc::now());
    match (method, pattern.trim_start_matches("/api")) {
        ("GET" | "DELETE", _) => None,
        // Actions without a body (whatever is sent is not read).
        (
            "POST",
            "/auth/refresh"
            | "/auth/logout"
            | "/auth/second-factor/enrol"
            | "/admin/users/{id}/deactivate"
            | "/admin/users/{id}/activate"
            | "/admin/users/{id}/reset-second-factor"
            | "/cases/board/print"
            | "/cases/my-tasks/print"
            | "/cases/access-log/print"
            | "/cases/{id}/consents/{consent}/withdraw"
            | "/cases/{id}/consent-requests/{request}/cancel"
            | "/cases/{id}/tasks/{task}/done"
            | "/cases/{id}/anonymise"
            | "/cases/{id}/attachments"
            | "/map/manage/questions/{id}/handled"
            | "/map/manage/drafts/{id}/approve"
            | "/planner/scenarios/{id}/duplicate",
        ) => None,
        ("POST", "/auth/login") => {
            Some(json!({"email": "niemand@example.nl", "password": "fout-wachtwoord"}))
        }
        ("POST", "/auth/second-factor/confirm" | "/auth/second-factor/verify") => {
            Some(json!({"code": "000000"}))
        }
        ("POST", "/auth/password") => Some(
            json!({"current_password": "fout-wachtwoord", "new_password": "Zonnebloem-Route-42"}),
        ),
        ("POST", "/auth/password-reset") => Some(json!({"email": "niemand@example.nl"})),
        ("POST", "/auth/password-reset/confirm" | "/auth/invitations/accept") => {
            Some(json!({"token": "onbekend", "password": "Zonnebloem-Route-42"}))
        }
        ("POST", "/admin/users/{id}/memberships" | "/admin/users/{id}/memberships/remove") => Some(
            json!({"role": "professional", "municipality_id": f.municipality,
                "organisation_id": Uuid::new_v4()}),
        ),
        ("POST", "/admin/invitations") => Some(
            json!({"email": "matrix@example.nl", "display_name": "Matrix", "role": "professional",
                "municipality_id": f.municipality, "organisation_id": Uuid::new_v4()}),
        ),
        ("POST" | "PUT", "/admin/municipalities" | "/admin/municipalities/{id}") => {
            Some(json!({"slug": format!("m-{}", Uuid::new_v4().simple()), "name": "Matrix"}))
        }
        ("POST" | "PUT", "/admin/organisations" | "/admin/organisations/{id}") => Some(
            json!({"name": format!("Matrix {}", Uuid::new_v4()), "kind": "childcare",
                "municipality_ids": [f.municipality]}),
        ),
        ("POST" | "PUT", "/admin/locations" | "/admin/locations/{id}") => Some(
            json!({"organisation_id": Uuid::new_v4(), "municipality_id": f.municipality,
                "name": "Matrix"}),
        ),
        ("POST", "/cases/{id}/moves") => {
            Some(json!({"to_stage": f.stage, "expected_version": f.version + 50}))
        }
        ("POST", "/cases/{id}/consents") => Some(
            json!({"given_by": "Moeder", "given_on": today, "method": "paper",
            "organisation_ids": [Uuid::new_v4()], "valid_until": today}),
        ),
        ("POST", "/cases/{id}/consent-requests") => Some(
            json!({"guardian_name": "Ouder", "email": "ouder@example.nl",
            "organisation_ids": [Uuid::new_v4()], "valid_until": today + chrono::Duration::days(30)}),
        ),
        ("POST", "/consent/view" | "/consent/withdraw") => Some(json!({"token": "onbekend"})),
        ("POST", "/consent/answer") => {
            Some(json!({"token": "onbekend", "given_by": "Ouder", "agree": true}))
        }
        ("POST", "/cases") => Some(
            json!({"child_first_name": "Matrix", "child_initial": "M", "birth_date": "2024-06-01",
            "location_id": f.location}),
        ),
        ("POST", "/cases/{id}/guardians") => Some(json!({"name": "Ouder", "phone": "0612345678"})),
        ("PUT", "/cases/{id}/profile") => Some(
            json!({"expected_version": f.version + 50, "concerns": ["gedrag"], "need_category": "fits"}),
        ),
        ("POST", "/cases/{id}/team") => {
            Some(json!({"user_id": Uuid::new_v4(), "role_in_case": "Logopedist"}))
        }
        ("POST", "/cases/{id}/notes") => Some(json!({"body": "Matrix", "visibility": "team"})),
        ("POST", "/cases/{id}/print") => Some(json!({"access_overview": false})),
        ("POST", "/cases/{id}/goals") => Some(json!({"goal": "Matrix"})),
        ("POST", "/cases/{id}/evaluations") => Some(json!({"held_on": today, "summary": "Matrix"})),
        ("POST", "/cases/{id}/tasks") => Some(json!({"title": "Matrix"})),
        ("PUT", "/cases/my-tasks/mail") => Some(json!({"on": true})),
        ("PUT", "/cases/route") => Some(f.stages.clone()),
        ("POST", "/map/services/{id}/questions") => {
            Some(json!({"name": "Ouder", "email": "ouder@example.nl",
            "question": "Kan mijn kind hier terecht?", "consent": true}))
        }
        ("POST", "/map/terms") => Some(
            json!({"taxonomy": "need", "code": format!("m{}", &Uuid::new_v4().simple().to_string()[..8]),
            "name": "Matrix", "name_en": "Matrix"}),
        ),
        ("PUT", "/map/terms/{id}") => Some(json!({"name": "Matrix", "name_en": "Matrix"})),
        ("POST", "/map/manage/services/{id}/drafts") => Some(f.service_edit.clone()),
        ("POST", "/map/manage/drafts") => {
            Some(json!({"organisation_id": Uuid::new_v4(), "edit": f.service_edit}))
        }
        ("POST", "/map/manage/locations/{id}/drafts") => {
            Some(json!({"name": "Matrix", "street": null, "postcode": null,
            "city": null, "latitude": null, "longitude": null, "description": null, "accessibility": null,
            "accessibility_en": null}))
        }
        ("POST", "/map/manage/drafts/{id}/reject") => Some(json!({"note": "Matrix"})),
        ("POST", "/hsds/import") => Some(json!({"organizations": []})),
        ("POST", "/planner/bkr") => Some(json!({"children": {"age2": 10, "age3": 6}})),
        ("POST", "/planner/compute") => Some(f.scenario_input.clone()),
        ("POST", "/planner/scenarios") => {
            Some(json!({"municipality_id": f.municipality, "name": "Matrix",
            "input": f.scenario_input}))
        }
        ("PUT", "/planner/scenarios/{id}") => {
            Some(json!({"name": "Matrix", "input": f.scenario_input,
            "expected_version": 1}))
        }
        _ => Some(json!({})),
    }
}

/// A request the route accepts (ids the gate can check; random where only the gate matters).
fn request(method: &str, pattern: &str, f: &Fixture) -> TestRequest {
    if pattern.ends_with("/cases/{id}/attachments") && method == "POST" {
        return upload(f.case, "matrix.pdf", "application/pdf", PDF);
    }
    let req = TestRequest::default()
        .method(method.parse().unwrap())
        .uri(&uri(pattern, f));
    match body(method, pattern, f) {
        Some(b) => req.set_json(b),
        None => req,
    }
}

#[actix_web::test]
async fn every_route_lets_in_only_whom_the_matrix_names() {
    let app = TestApp::new();
    let f = fixture(&app).await;
    let mut routes = backend::startup::all_routes();
    // Ending the session and erasing the case come last, after every other request.
    routes.sort_by_key(|(_, p)| match p {
        p if p.ends_with("/logout") => 2,
        p if p.ends_with("/anonymise") => 1,
        _ => 0,
    });
    let personas: [(&str, Option<&str>); 7] = [
        ("signed out", None),
        ("professional", Some("professional")),
        ("coordinator", Some("coordinator")),
        ("manager", Some("manager")),
        ("partner_editor", Some("partner_editor")),
        ("admin", Some("admin")),
        ("coordinator of Heerlen", Some("coordinator")),
    ];
    let mut clients = Vec::new();
    for (name, role) in personas {
        let mut c = app.client().await;
        match (name, role) {
            ("coordinator of Heerlen", _) => c.login_heerlen_coordinator(&app).await,
            (_, Some(role)) => c.login_as(role).await,
            (_, None) => {}
        }
        clients.push((name, role, c));
    }
    let mut checked = 0;
    for (method, pattern) in &routes {
        let method = method.as_str();
        let gate = gate(method, pattern);
        if pattern.ends_with("/events") {
            // A stream: the gate answers before it starts (checked in cases.rs), not here.
            continue;
        }
        for (name, role, client) in clients.iter_mut() {
            let res = client.send(request(method, pattern, &f)).await;
            // A 401 that is not the gate's (a wrong second-factor code) counts as passing it.
            let status = match res.status {
                401 if res.error().code == shared::error::ErrorCode::InvalidCredentials => 422,
                other => other,
            };
            let what = format!(
                "{method} {pattern} as {name}: {status} {}",
                String::from_utf8_lossy(&res.body)
            );
            assert!(status < 500, "{what}");
            // Geldrop-Mierlo's children and counts are not Heerlen's business.
            // So are Geldrop-Mierlo's roles and invitations.
            let foreign_case = *name == "coordinator of Heerlen"
                && (pattern.contains("/cases/{id}")
                    || pattern.ends_with("/api/cases")
                    || pattern.ends_with("/live-counts")
                    || pattern.contains("/memberships")
                    || pattern.ends_with("/admin/invitations") && method == "POST");
            match (gate, *role) {
                (Gate::Public, _) => {}
                (_, None) => assert_eq!(status, 401, "{what}"),
                (Gate::SignedIn, Some(_)) => assert_ne!(status, 401, "{what}"),
                (Gate::Only(roles), Some(r)) if roles.contains(&r) && !foreign_case => {
                    // Past the role gate; partner entries also check the organisation (403).
                    let per_organisation = pattern.starts_with("/api/map/manage");
                    assert!(
                        status != 401 && (status != 403 || per_organisation),
                        "{what}"
                    );
                }
                (Gate::Only(_), Some(_)) => {
                    assert!(
                        matches!(status, 403 | 404),
                        "{what}: only 403 or 404 may answer"
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(routes.len() > 50, "the whole API: {}", routes.len());
    assert!(checked > 350);
}

/// The values of a body (and the query parameters) a probe replaces.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// Texts (ids and dates stay, so the request still reaches the handler).
    Texts,
    Dates,
    Numbers,
}

impl Part {
    /// Query parameters of this kind across the API.
    fn query_keys(self) -> &'static [&'static str] {
        match self {
            Part::Texts => &["q", "search", "postcode", "who", "child", "outcome"],
            Part::Dates => &["from", "to", "birth_date"],
            Part::Numbers => &["page", "per_page", "age", "radius"],
        }
    }
}

/// Every value of a body that `part` names replaced by `payload`.
fn poisoned(value: &Value, part: Part, payload: &Value) -> Value {
    match value {
        Value::String(s) if Uuid::parse_str(s).is_err() => {
            let date = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
            let hit = part == if date { Part::Dates } else { Part::Texts };
            if hit { payload } else { value }.clone()
        }
        Value::Number(_) if part == Part::Numbers => payload.clone(),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| poisoned(v, part, payload)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), poisoned(v, part, payload)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn counts(app: &TestApp) -> Vec<i64> {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    [
        "cases",
        "services",
        "users",
        "access_log",
        "organisations",
        "planner_scenarios",
    ]
    .iter()
    .map(|t| {
        diesel::sql_query(format!("SELECT count(*) AS n FROM {t}"))
            .get_result::<N>(&mut app.db.conn())
            .unwrap()
            .n
    })
    .collect()
}

#[actix_web::test]
async fn every_route_refuses_oversized_bodies_and_survives_injection() {
    let app = TestApp::new();
    let f = fixture(&app).await;
    let routes: Vec<_> = backend::startup::all_routes()
        .into_iter()
        .filter(|(_, p)| {
            !p.ends_with("/logout") && !p.ends_with("/anonymise") && !p.ends_with("/events")
        })
        .collect();
    let mut c = app.client().await;
    c.login_as("admin").await;
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let before = counts(&app);
    let injections = [
        "x' OR '1'='1",
        "'); DROP TABLE cases; --",
        "1; SELECT pg_sleep(5)",
        "\\\\' UNION SELECT password_hash FROM users --",
        // Text PostgreSQL cannot store, and characters of several bytes where a check counts
        // bytes (a postcode's six, its first four): refused or harmless, never a panic. (Each
        // longer than a surname's initial, so no payload is a valid new child.)
        "a\u{0}b",
        "12€4",
        "५६६४ AB",
    ];
    let long = "ä".repeat(100_000);
    for (method, pattern) in &routes {
        let method = method.as_str();
        // Above the body limit: 413 before anything else happens (the API's JSON limit, the
        // attachment and import limits for those two).
        let reads_body = body(method, pattern, &f).is_some() || pattern.ends_with("/attachments");
        if reads_body {
            let limit = match pattern.as_str() {
                p if p.ends_with("/import") => 20 * 1024 * 1024,
                p if p.ends_with("/attachments") => shared::cases::attachments::MAX_BYTES,
                _ => backend::startup::JSON_LIMIT,
            };
            let content_type = if pattern.ends_with("/attachments") {
                "application/pdf"
            } else {
                "application/json"
            };
            let mut big = b"{\"x\": \"".to_vec();
            big.resize(limit + 1, b'a');
            let req = TestRequest::default()
                .method(method.parse().unwrap())
                .uri(&uri(pattern, &f).replace("?dry_run=true", "?dry_run=true&"))
                .insert_header(("content-type", content_type))
                .set_payload(big);
            let status = coordinator.send(req).await.status;
            assert_eq!(status, 413, "{method} {pattern} with {} bytes", limit + 1);
        }
        // Injection in the path: the id is not one, so nothing is found.
        if pattern.contains("{id}") {
            let uri = pattern
                .replace("{id}", "1'%20OR%20'1'='1")
                .replace("{consent}", "x")
                .replace("{task}", "x")
                .replace("{user}", "x")
                .replace("{guardian}", "x")
                .replace("{attachment}", "x");
            let status = c
                .send(
                    TestRequest::default()
                        .method(method.parse().unwrap())
                        .uri(&uri),
                )
                .await
                .status;
            assert!(
                matches!(status, 400 | 404 | 422),
                "{method} {uri}: {status}"
            );
        }
        // Injection and very long text in every text of a body and a query; the calendar's
        // edges (and year 0) in every date; numbers past any range in every number: refused or
        // harmless, never a 5xx (no date arithmetic runs off the calendar, no count overflows).
        let texts = injections
            .iter()
            .copied()
            .chain([long.as_str()])
            .map(|t| (Part::Texts, json!(t)));
        let dates =
            ["-262143-01-01", "+262142-12-31", "0000-01-01"].map(|d| (Part::Dates, json!(d)));
        let numbers = [
            json!(i64::MAX),
            json!(u64::MAX),
            json!(-1),
            json!(1e300),
            json!(0.5),
        ]
        .map(|n| (Part::Numbers, n));
        for (part, payload) in texts.chain(dates).chain(numbers) {
            let text = payload
                .as_str()
                .map_or_else(|| payload.to_string(), str::to_owned);
            let body = body(method, pattern, &f);
            for client in [&mut c, &mut coordinator] {
                // (A body without such values is not sent again: it is a valid request.)
                let probe = body.as_ref().map(|b| poisoned(b, part, &payload));
                if let Some(probe) = probe.filter(|p| Some(p) != body.as_ref()) {
                    let req = TestRequest::default()
                        .method(method.parse().unwrap())
                        .uri(&uri(pattern, &f))
                        .set_json(probe);
                    let status = client.send(req).await.status;
                    assert!(status < 500, "{method} {pattern} with {text:.40}: {status}");
                }
                if method == "GET" {
                    let sep = if uri(pattern, &f).contains('?') {
                        '&'
                    } else {
                        '?'
                    };
                    let q = shared::url::encode(&text.chars().take(1000).collect::<String>());
                    for key in part.query_keys() {
                        let req =
                            TestRequest::get().uri(&format!("{}{sep}{key}={q}", uri(pattern, &f)));
                        let status = client.send(req).await.status;
                        assert!(status < 500, "GET {pattern}?{key}={text:.40}: {status}");
                    }
                }
            }
        }
    }
    let after = counts(&app);
    assert_eq!(before[0], after[0], "no case added or removed");
    assert_eq!(before[2], after[2], "no user added or removed");
    assert!(after.iter().all(|n| *n >= 0));
}

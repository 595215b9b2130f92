//! The case board as professionals, coordinators and outsiders see it: visibility per case,
//! transition rules, optimistic concurrency, consent, and the append-only access log.
#![allow(clippy::unwrap_used)]
use crate::helpers::{Client, TestApp};
use actix_web::test::TestRequest;
use backend::db::schema::{access_log, cases, consents, route_stages, stage_history, users};
use diesel::prelude::*;
use serde_json::{Value, json};
use shared::cases::tasks::MyTask;
use shared::cases::{Board, CaseCard, CaseDetail, TierCounts};
use shared::error::ErrorCode;
use uuid::Uuid;

fn stage(app: &TestApp, key: &str) -> Uuid {
    route_stages::table
        .inner_join(backend::db::schema::municipalities::table)
        .filter(backend::db::schema::municipalities::slug.eq("geldrop-mierlo"))
        .filter(route_stages::key.eq(key))
        .select(route_stages::id)
        .first(&mut app.db.conn())
        .unwrap()
}

fn org_id(app: &TestApp, name: &str) -> Uuid {
    use backend::db::schema::organisations;
    organisations::table
        .filter(organisations::name.eq(name))
        .select(organisations::id)
        .first(&mut app.db.conn())
        .unwrap()
}

fn user_id(app: &TestApp, email: &str) -> Uuid {
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut app.db.conn())
        .unwrap()
}

/// A case in `stage_key` on which the demo professional (Korein) is on the team.
fn korein_case_in(app: &TestApp, stage_key: &str) -> Option<(Uuid, i32)> {
    let pm = user_id(app, "professional@demo.zorgroute.nl");
    cases::table
        .inner_join(backend::db::schema::case_team::table)
        .filter(backend::db::schema::case_team::user_id.eq(pm))
        .filter(cases::stage_id.eq(stage(app, stage_key)))
        .select((cases::id, cases::version))
        .first(&mut app.db.conn())
        .optional()
        .unwrap()
}

/// A Korein case the professional mentors, in a stage past the first signal.
fn mentored_case(app: &TestApp) -> (Uuid, i32) {
    korein_case_in(app, "zorgoverleg")
        .or_else(|| korein_case_in(app, "uitstroom"))
        .unwrap()
}

fn history_len(app: &TestApp, case: Uuid) -> i64 {
    stage_history::table
        .filter(stage_history::case_id.eq(case))
        .count()
        .get_result(&mut app.db.conn())
        .unwrap()
}

fn log_lines(app: &TestApp, case: Uuid, action: &str, outcome: &str) -> i64 {
    access_log::table
        .filter(access_log::case_id.eq(case))
        .filter(access_log::action.eq(action))
        .filter(access_log::outcome.eq(outcome))
        .count()
        .get_result(&mut app.db.conn())
        .unwrap()
}

/// A stage of the route as `PUT /api/cases/route` takes it back unchanged.
fn stage_edit(s: &shared::cases::Stage) -> Value {
    json!({"id": s.id, "name": s.name, "wip_limit": s.wip_limit, "requires_consent": s.requires_consent, "terminal": s.terminal})
}

fn move_body(to: Uuid, version: i32) -> Value {
    json!({"to_stage": to, "expected_version": version})
}

/// The cases whose kept file (`case_files`, migration 000014) is missing, stale or differs from
/// the file gathered now from its tables, and the anonymised cases that still have one.
fn files_kept_wrong(app: &TestApp) -> Vec<Uuid> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
    }
    diesel::sql_query(
        "SELECT c.id FROM cases c LEFT JOIN case_files f ON f.case_id = c.id \
         WHERE (c.anonymised_at IS NULL AND (f.case_id IS NULL OR f.revision <> c.revision \
                OR f.file IS DISTINCT FROM zr_case_file(c.id))) \
            OR (c.anonymised_at IS NOT NULL AND f.case_id IS NOT NULL)",
    )
    .load::<Row>(&mut app.db.conn())
    .unwrap()
    .into_iter()
    .map(|r| r.id)
    .collect()
}

#[actix_web::test]
async fn the_board_shows_each_role_only_what_it_may_see() {
    let app = TestApp::new();
    let conn = &mut app.db.conn();
    let all: i64 = cases::table.count().get_result(conn).unwrap();

    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let board: Board = coordinator.get("/api/cases/board").await.json();
    assert_eq!(
        board.cards.len() as i64,
        all,
        "the coordinator sees every case of the municipality"
    );
    assert_eq!(board.stages.len(), 7);

    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let board: Board = pm.get("/api/cases/board").await.json();
    let korein_org = org_id(&app, "Korein");
    let korein: i64 = cases::table
        .filter(cases::organisation_id.eq(korein_org))
        .count()
        .get_result(conn)
        .unwrap();
    assert_eq!(
        board.cards.len() as i64,
        korein,
        "the mentor sees her own organisation's team cases"
    );
    assert!(korein > 0 && korein < all);

    // JGZ is on the team of every case from "aanvraag" on, but sees only those whose consent covers GGD today.
    let mut jgz = app.client().await;
    assert_eq!(
        jgz.login("jgz@demo.zorgroute.nl", backend::demo::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let board: Board = jgz.get("/api/cases/board").await.json();
    let today = shared::time::dutch_date(chrono::Utc::now());
    let mut covered: Vec<Uuid> = consents::table
        .filter(consents::withdrawn_at.is_null())
        .filter(consents::valid_until.ge(today))
        .filter(consents::given_on.le(today))
        .select(consents::case_id)
        .load(conn)
        .unwrap();
    covered.sort();
    covered.dedup();
    let covered = covered.len() as i64;
    assert_eq!(board.cards.len() as i64, covered);
    assert!(board.cards.iter().all(|c| c.consent_valid));

    for role in ["manager", "partner_editor", "admin"] {
        let mut c = app.client().await;
        c.login_as(role).await;
        assert_eq!(c.get("/api/cases/board").await.status, 403, "{role}");
    }
    assert_eq!(app.client().await.get("/api/cases/board").await.status, 401);
}

#[actix_web::test]
async fn cases_outside_ones_reach_are_not_found_and_the_attempt_is_logged() {
    let app = TestApp::new();
    let pm_id = user_id(&app, "professional@demo.zorgroute.nl");
    let other: Uuid = cases::table
        .filter(diesel::dsl::not(diesel::dsl::exists(
            backend::db::schema::case_team::table
                .filter(backend::db::schema::case_team::case_id.eq(cases::id))
                .filter(backend::db::schema::case_team::user_id.eq(pm_id)),
        )))
        .select(cases::id)
        .first(&mut app.db.conn())
        .unwrap();
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    for path in [
        format!("/api/cases/{other}"),
        format!("/api/cases/{other}/access-log"),
    ] {
        let res = pm.get(&path).await;
        assert_eq!(res.status, 404, "{path}");
        assert_eq!(res.error().code, ErrorCode::NotFound);
    }
    let res = pm
        .post(
            &format!("/api/cases/{other}/moves"),
            move_body(stage(&app, "observatie"), 1),
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(log_lines(&app, other, "read", "denied"), 1);
    assert_eq!(log_lines(&app, other, "move", "denied"), 1);
    assert_eq!(
        pm.get(&format!("/api/cases/{}", Uuid::new_v4()))
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn reading_a_case_writes_an_access_line_with_the_basis() {
    let app = TestApp::new();
    let (case, _) = mentored_case(&app);
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let detail: CaseDetail = pm.get(&format!("/api/cases/{case}")).await.json();
    assert_eq!(detail.card.id, case);
    assert!(!detail.history.is_empty());
    let (user, basis, ip): (Option<String>, String, Option<String>) = access_log::table
        .filter(access_log::case_id.eq(case))
        .filter(access_log::action.eq("read"))
        .select((
            access_log::user_name,
            access_log::basis,
            access_log::client_ip,
        ))
        .first(&mut app.db.conn())
        .unwrap();
    assert_eq!(user.as_deref(), Some("Sanne de Vries"));
    assert_eq!(basis, "case team, own organisation");
    assert_eq!(ip.as_deref(), Some("203.0.113.10"));
}

/// Reads at the same moment are answered only after each one's own line is in the log: the count
/// is right the moment the last answer is in.
#[actix_web::test]
async fn simultaneous_case_reads_each_log_their_line_before_they_are_answered() {
    let app = TestApp::new();
    let (case, _) = mentored_case(&app);
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let before = log_lines(&app, case, "read", "ok");
    let reads = (0..40)
        .map(|_| TestRequest::get().uri(&format!("/api/cases/{case}")))
        .collect();
    let statuses = c.send_all(reads).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(log_lines(&app, case, "read", "ok") - before, 40);
}

/// A case file is kept in memory between reads, but a change to anything it shows, made outside
/// this server (another instance, by hand), is in the very next read: each of the 14 tables the
/// file is read from, changed once.
#[actix_web::test]
async fn a_changed_case_is_never_read_from_memory() {
    let app = TestApp::new();
    let (case, _) = mentored_case(&app);
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let this = format!("(SELECT id FROM cases WHERE id = '{case}')");
    let of_case = |column: &str| format!("(SELECT {column} FROM cases WHERE id = '{case}')");
    let author = format!(
        "(SELECT id FROM users WHERE id IS DISTINCT FROM {} ORDER BY email LIMIT 1)",
        of_case("mentor_id")
    );
    let changes = [
        format!("UPDATE cases SET child_first_name = 'Kindrevisie' WHERE id = {this}"),
        format!(
            "UPDATE locations SET name = 'Locatierevisie' WHERE id = {}",
            of_case("location_id")
        ),
        format!(
            "UPDATE users SET display_name = 'Mentorrevisie' WHERE id = {}",
            of_case("mentor_id")
        ),
        format!(
            "UPDATE organisations SET name = 'Organisatierevisie' WHERE id = {}",
            of_case("organisation_id")
        ),
        format!("UPDATE stage_history SET reason = 'Redenrevisie' WHERE case_id = {this}"),
        format!(
            "INSERT INTO consents (case_id, given_by, given_on, method, organisation_ids, valid_until) \
             VALUES ({this}, 'Ouderrevisie', current_date, 'paper', '{{}}', current_date + 30)"
        ),
        format!(
            "INSERT INTO case_team (case_id, user_id, role_in_case) SELECT {this}, u.id, 'Rolrevisie' \
             FROM users u WHERE u.id NOT IN (SELECT user_id FROM case_team WHERE case_id = {this}) LIMIT 1"
        ),
        format!("INSERT INTO case_guardians (case_id, name) VALUES ({this}, 'Voogdrevisie')"),
        format!(
            "UPDATE route_stages SET name = 'Faserevisie' WHERE id = {}",
            of_case("stage_id")
        ),
        format!(
            "INSERT INTO case_notes (case_id, author_id, visibility, body) \
             VALUES ({this}, {author}, 'team', 'Notitierevisie')"
        ),
        format!("UPDATE users SET display_name = 'Auteurrevisie' WHERE id = {author}"),
        format!("INSERT INTO plan_goals (case_id, goal) VALUES ({this}, 'Doelrevisie')"),
        format!(
            "INSERT INTO evaluations (case_id, held_on, summary, next_on) \
             VALUES ({this}, current_date, 'Evaluatierevisie', current_date + 42)"
        ),
        format!("INSERT INTO case_tasks (case_id, title) VALUES ({this}, 'Taakrevisie')"),
        format!(
            "INSERT INTO case_attachments (case_id, file_name, kind, size_bytes, content) \
             VALUES ({this}, 'Bijlagerevisie.pdf', 'pdf', 4, '\\x25504446')"
        ),
    ];
    let uri = format!("/api/cases/{case}");
    macro_rules! read {
        () => {
            String::from_utf8(c.get(&uri).await.body).unwrap()
        };
    }
    for change in &changes {
        let before = read!();
        assert_eq!(read!(), before, "two reads of an unchanged case");
        let marker = change.split('\'').find(|w| w.contains("revisie")).unwrap();
        assert!(!before.contains(marker), "{marker} before the change");
        let changed = diesel::sql_query(change)
            .execute(&mut app.db.conn())
            .unwrap();
        assert!(changed > 0, "nothing changed: {change}");
        assert_eq!(
            files_kept_wrong(&app),
            Vec::<Uuid>::new(),
            "kept files after: {change}"
        );
        assert!(
            read!().contains(marker),
            "{marker} not in the read after: {change}"
        );
    }
    diesel::sql_query("DELETE FROM plan_goals WHERE goal = 'Doelrevisie'")
        .execute(&mut app.db.conn())
        .unwrap();
    assert!(!read!().contains("Doelrevisie"), "a removed goal");
    diesel::sql_query(format!(
        "UPDATE cases SET anonymised_at = now() WHERE id = {this}"
    ))
    .execute(&mut app.db.conn())
    .unwrap();
    assert_eq!(c.get(&format!("/api/cases/{case}")).await.status, 404);
    assert_eq!(
        files_kept_wrong(&app),
        Vec::<Uuid>::new(),
        "an anonymised case keeps no file"
    );
}

/// A read after a change takes the file the change kept (one statement with the session), and
/// never a kept file that is not the case's current state.
#[actix_web::test]
async fn a_read_after_a_change_takes_the_file_kept_with_it_never_a_stale_one() {
    let app = TestApp::new();
    let (case, _) = mentored_case(&app);
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let uri = format!("/api/cases/{case}");
    assert_eq!(c.get(&uri).await.status, 200);
    let res = c
        .post(
            &format!("/api/cases/{case}/notes"),
            json!({"body": "Overleg met de logopedist", "visibility": "team"}),
        )
        .await;
    assert_eq!(res.status, 201);
    let kept = |sql: &str| {
        diesel::sql_query(sql)
            .bind::<diesel::sql_types::Uuid, _>(case)
            .execute(&mut app.db.conn())
            .unwrap()
    };
    // The copy at the current revision is what the next read shows (here marked to tell it
    // from the tables).
    assert_eq!(
        kept(
            "UPDATE case_files SET file = replace(file, 'logopedist', 'kopie') WHERE case_id = $1"
        ),
        1
    );
    let body = String::from_utf8(c.get(&uri).await.body).unwrap();
    assert!(body.contains("Overleg met de kopie"), "{body}");
    // A copy that is not at the current revision is never shown.
    kept("UPDATE case_files SET revision = revision - 1 WHERE case_id = $1");
    app.state.case_files.forget(case);
    let body = String::from_utf8(c.get(&uri).await.body).unwrap();
    assert!(body.contains("Overleg met de logopedist"), "{body}");
    assert!(!body.contains("kopie"));
    kept("DELETE FROM case_files WHERE case_id = $1");
    app.state.case_files.forget(case);
    let body = String::from_utf8(c.get(&uri).await.body).unwrap();
    assert!(body.contains("Overleg met de logopedist"), "without a copy");
}

/// The writer behind the reads' lines: lines handed over together share one commit, each is
/// written once and in the order given, and every caller hears that its line is written.
#[actix_web::test]
async fn the_access_log_writer_commits_lines_that_arrive_together_at_once() {
    use backend::audit::{Actor, Event, Writer};
    let app = TestApp::new();
    let writer = Writer::start(app.state.pool.clone());
    let actor = Actor {
        user_id: Uuid::new_v4(),
        name: "Schrijftest".into(),
        role: "coordinator".into(),
        ip: "192.0.2.44".into(),
    };
    let data: Vec<String> = (0..50).map(|n| format!("line {n}")).collect();
    let written = futures_util::future::join_all(data.iter().map(|data| {
        writer.record(
            &actor,
            Event {
                action: "read",
                outcome: "ok",
                case_id: None,
                data,
                basis: "test",
            },
        )
    }))
    .await;
    assert!(written.iter().all(Result::is_ok));
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = diesel::sql_types::Text)]
        data: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        commit: String,
    }
    let lines: Vec<Line> = diesel::sql_query(
        "SELECT data, xmin::text AS commit FROM access_log WHERE client_ip = '192.0.2.44' ORDER BY id",
    )
    .load(&mut app.db.conn())
    .unwrap();
    assert_eq!(
        lines.iter().map(|l| &l.data).collect::<Vec<_>>(),
        data.iter().collect::<Vec<_>>()
    );
    let commits: std::collections::BTreeSet<&str> =
        lines.iter().map(|l| l.commit.as_str()).collect();
    assert!(commits.len() < 50, "{} commits for 50 lines", commits.len());
}

/// The case read checks the session in the same statement as it reads the file; it must refuse
/// what every other request refuses, and read nothing into the access log for it.
#[actix_web::test]
async fn the_case_read_refuses_a_dead_session_like_every_request() {
    use backend::db::schema::sessions;
    let app = TestApp::new();
    let (case, _) = mentored_case(&app);
    let path = format!("/api/cases/{case}");
    let pro = user_id(&app, "professional@demo.zorgroute.nl");
    let reads = || log_lines(&app, case, "read", "ok");

    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(pm.get(&path).await.status, 200);
    let stolen = pm.cookies.clone();
    assert_eq!(pm.post("/api/auth/logout", json!({})).await.status, 204);
    let mut thief = app.client().await;
    thief.cookies = stolen;
    let before = reads();
    assert_eq!(thief.get(&path).await.status, 401, "token after logout");

    pm.login_as("professional").await;
    assert_eq!(pm.get(&path).await.status, 200);
    let mut conn = app.db.conn();
    diesel::update(sessions::table.filter(sessions::user_id.eq(pro)))
        .set(sessions::second_factor_pending.eq(true))
        .execute(&mut conn)
        .unwrap();
    let res = pm.get(&path).await;
    assert_eq!(
        (res.status, res.error().code),
        (401, ErrorCode::SecondFactorRequired),
        "a session waiting for its second factor"
    );
    diesel::update(sessions::table.filter(sessions::user_id.eq(pro)))
        .set(sessions::second_factor_pending.eq(false))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(pm.get(&path).await.status, 200);
    diesel::update(users::table.filter(users::id.eq(pro)))
        .set(users::password_changed_at.eq(chrono::Utc::now() + chrono::Duration::minutes(1)))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(
        pm.get(&path).await.status,
        401,
        "a token from before the last password change"
    );
    diesel::update(users::table.filter(users::id.eq(pro)))
        .set(users::password_changed_at.eq(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .execute(&mut conn)
        .unwrap();
    pm.login_as("professional").await;
    assert_eq!(pm.get(&path).await.status, 200);
    diesel::update(users::table.filter(users::id.eq(pro)))
        .set(users::active.eq(false))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(pm.get(&path).await.status, 401, "a deactivated account");
    assert_eq!(reads(), before + 3, "only the three good reads were logged");
}

#[actix_web::test]
async fn moves_follow_the_rules_and_stale_versions_change_nothing() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let (case, version) = korein_case_in(&app, "signalering")
        .or_else(|| korein_case_in(&app, "observatie"))
        .unwrap();
    let path = format!("/api/cases/{case}/moves");
    let before = history_len(&app, case);

    // Forward to observation: fine.
    let res = c
        .post(&path, move_body(stage(&app, "zorgoverleg"), version))
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    let card: CaseCard = res.json();
    assert_eq!(
        (card.version, card.stage_id),
        (version + 1, stage(&app, "zorgoverleg"))
    );
    assert_eq!(history_len(&app, case), before + 1);

    // The same move again at the old version: 409 with the current case, nothing changed.
    let res = c
        .post(&path, move_body(stage(&app, "observatie"), version))
        .await;
    assert_eq!(res.status, 409);
    let err = res.error();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(
        err.details.as_ref().unwrap()["current"]["version"],
        json!(version + 1)
    );
    assert_eq!(history_len(&app, case), before + 1);

    // Backwards without a reason: refused; with one: allowed.
    let res = c
        .post(&path, move_body(stage(&app, "signalering"), version + 1))
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.error().details.unwrap()["rule"],
        "reason_required_backwards"
    );
    let res = c
        .post(&path, json!({"to_stage": stage(&app, "signalering"), "expected_version": version + 1, "reason": "opnieuw observeren"}))
        .await;
    assert_eq!(res.status, 200);

    // A terminal stage needs an outcome.
    let res = c
        .post(&path, move_body(stage(&app, "uitstroom"), version + 2))
        .await;
    assert_eq!(res.error().details.unwrap()["rule"], "outcome_required");
    assert_eq!(log_lines(&app, case, "move", "refused"), 2);
    assert_eq!(log_lines(&app, case, "move", "conflict"), 1);
    assert_eq!(log_lines(&app, case, "move", "ok"), 2);
}

/// A change to a case and its access-log line are one: when the line cannot be written (here a
/// trigger refuses it; in life the database fails between the two), the change is not kept and
/// the answer says the request failed. Creating, moving, a note and anonymising.
#[actix_web::test]
async fn a_change_whose_access_line_cannot_be_written_is_not_kept() {
    use backend::db::schema::case_notes;
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("professional").await;
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let (case, version) = mentored_case(&app);
    let (_, location) = professional_location(&app);
    let file = c
        .get(&format!("/api/cases/{case}"))
        .await
        .json::<CaseDetail>();
    let history = history_len(&app, case);
    let counts = |app: &TestApp| -> (i64, i64, i64) {
        let mut conn = app.db.conn();
        (
            cases::table.count().get_result(&mut conn).unwrap(),
            case_notes::table.count().get_result(&mut conn).unwrap(),
            access_log::table.count().get_result(&mut conn).unwrap(),
        )
    };
    let before = counts(&app);
    for sql in [
        "CREATE FUNCTION refuse_line() RETURNS trigger LANGUAGE plpgsql AS \
         $$ BEGIN RAISE EXCEPTION 'the access log is unavailable'; END $$",
        "CREATE TRIGGER refuse_line BEFORE INSERT ON access_log FOR EACH ROW \
         WHEN (NEW.action IN ('create', 'move', 'note.create', 'anonymise')) \
         EXECUTE FUNCTION refuse_line()",
    ] {
        diesel::sql_query(sql).execute(&mut app.db.conn()).unwrap();
    }

    let signal = json!({"child_first_name": "Noor", "child_initial": "J",
        "birth_date": "2024-05-01", "location_id": location});
    let next = stage(&app, "evaluatie");
    let attempts = [
        c.post("/api/cases", signal).await,
        c.post(
            &format!("/api/cases/{case}/moves"),
            json!({"to_stage": next, "expected_version": version, "reason": "atomair"}),
        )
        .await,
        c.post(
            &format!("/api/cases/{case}/notes"),
            json!({"body": "Gesprek gehad", "visibility": "team"}),
        )
        .await,
        coordinator
            .post(&format!("/api/cases/{case}/anonymise"), json!({}))
            .await,
    ];
    for res in &attempts {
        assert_eq!(res.status, 500, "{}", String::from_utf8_lossy(&res.body));
    }
    assert_eq!(counts(&app), before, "no case, note or line kept");
    assert_eq!(history_len(&app, case), history, "the move was not kept");
    let now = c
        .get(&format!("/api/cases/{case}"))
        .await
        .json::<CaseDetail>();
    assert_eq!(
        (now.card.version, &now.card.child),
        (version, &file.card.child),
        "neither moved nor anonymised"
    );
}

#[actix_web::test]
async fn consent_gates_consent_stages_and_withdrawal_revokes_at_once() {
    let app = TestApp::new();
    let (case, version) = korein_case_in(&app, "zorgoverleg")
        .or_else(|| korein_case_in(&app, "observatie"))
        .or_else(|| korein_case_in(&app, "signalering"))
        .unwrap();
    diesel::delete(consents::table.filter(consents::case_id.eq(case)))
        .execute(&mut app.db.conn())
        .unwrap();
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let path = format!("/api/cases/{case}/moves");

    let res = c
        .post(&path, move_body(stage(&app, "aanvraag"), version))
        .await;
    assert_eq!(res.status, 422);
    let err = res.error();
    assert_eq!(err.details.as_ref().unwrap()["rule"], "consent_required");
    assert_eq!(err.field(), Some("to_stage"));

    let ggd = org_id(&app, "Jeugdgezondheidszorg GGD Brabant-Zuidoost");
    let today = shared::time::dutch_date(chrono::Utc::now());
    let res = c
        .post(
            &format!("/api/cases/{case}/consents"),
            json!({"given_by": "Moeder", "given_on": today, "method": "paper", "organisation_ids": [ggd],
                   "valid_until": today + chrono::Duration::days(365)}),
        )
        .await;
    assert_eq!(res.status, 201);
    let detail: CaseDetail = res.json();
    assert!(detail.card.consent_valid);
    let res = c
        .post(&path, move_body(stage(&app, "aanvraag"), version))
        .await;
    assert_eq!(res.status, 200);

    // JGZ joins the team and sees the case thanks to the consent …
    diesel::insert_into(backend::db::schema::case_team::table)
        .values((
            backend::db::schema::case_team::case_id.eq(case),
            backend::db::schema::case_team::user_id.eq(user_id(&app, "jgz@demo.zorgroute.nl")),
            backend::db::schema::case_team::role_in_case.eq("jeugdverpleegkundige"),
        ))
        .on_conflict_do_nothing()
        .execute(&mut app.db.conn())
        .unwrap();
    let mut jgz = app.client().await;
    assert_eq!(
        jgz.login("jgz@demo.zorgroute.nl", backend::demo::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(jgz.get(&format!("/api/cases/{case}")).await.status, 200);
    let consent = detail.consents.last().unwrap().id;

    // … until the parents withdraw it: from the next request on, the case is gone for JGZ.
    let res = c
        .post(
            &format!("/api/cases/{case}/consents/{consent}/withdraw"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(jgz.get(&format!("/api/cases/{case}")).await.status, 404);
    let board: Board = jgz.get("/api/cases/board").await.json();
    assert!(board.cards.iter().all(|card| card.id != case));

    let res = c.post(&format!("/api/cases/{case}/consents"), json!({"given_by": " ", "given_on": today, "method": "paper", "organisation_ids": [ggd], "valid_until": today})).await;
    assert_eq!((res.status, res.error().field()), (422, Some("given_by")));
    // Consent is recorded once given: not for a day still to come.
    let tomorrow = today + chrono::Duration::days(1);
    let res = c.post(&format!("/api/cases/{case}/consents"), json!({"given_by": "Moeder", "given_on": tomorrow, "method": "paper", "organisation_ids": [ggd], "valid_until": tomorrow})).await;
    assert_eq!((res.status, res.error().field()), (422, Some("given_on")));
}

#[actix_web::test]
async fn the_access_log_is_append_only_and_readable_by_coordinators_only() {
    let app = TestApp::new();
    let (case, _) = mentored_case(&app);
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    pm.get(&format!("/api/cases/{case}")).await;
    assert_eq!(
        pm.get(&format!("/api/cases/{case}/access-log"))
            .await
            .status,
        403
    );
    // Printing the case page is a way out for its data: logged, the access overview on paper
    // only for coordinators.
    let print = |overview: bool| json!({ "access_overview": overview });
    let printed = pm
        .post(&format!("/api/cases/{case}/print"), print(false))
        .await;
    assert_eq!(printed.status, 204);
    assert_eq!(log_lines(&app, case, "print", "ok"), 1);
    let printed = pm
        .post(&format!("/api/cases/{case}/print"), print(true))
        .await;
    assert_eq!(printed.status, 403);
    assert_eq!(log_lines(&app, case, "print", "denied"), 1);

    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let res = c.get(&format!("/api/cases/{case}/access-log")).await;
    assert_eq!(res.status, 200);
    let lines: Vec<shared::cases::AccessLogEntry> = res.json();
    assert!(
        lines
            .iter()
            .any(|l| l.action == "read" && l.user_name.as_deref() == Some("Sanne de Vries"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.action == "access_log.read" && l.outcome == "denied")
    );
    use shared::cases::access_log::Deed;
    assert_eq!(
        c.post(&format!("/api/cases/{case}/print"), print(true))
            .await
            .status,
        204
    );
    let res = c.get(&format!("/api/cases/{case}/access-log")).await;
    let lines: Vec<shared::cases::AccessLogEntry> = res.json();
    let prints: Vec<_> = lines
        .iter()
        .filter(|l| l.action == "print" && l.outcome == "ok")
        .map(|l| (l.deed(), l.user_name.as_deref()))
        .collect();
    assert_eq!(
        prints,
        [
            (
                Deed::Printed {
                    with_overview: false
                },
                Some("Sanne de Vries")
            ),
            (
                Deed::Printed {
                    with_overview: true
                },
                Some("Noor Jansen")
            ),
        ]
    );

    let conn = &mut app.db.conn();
    for sql in [
        "UPDATE access_log SET outcome = 'ok'",
        "DELETE FROM access_log",
        "TRUNCATE access_log",
    ] {
        let err = diesel::sql_query(sql)
            .execute(conn)
            .unwrap_err()
            .to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[actix_web::test]
async fn printing_the_board_is_logged_with_the_cards_one_may_see() {
    use shared::cases::access_log::{Deed, LogKind};
    let app = TestApp::new();
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let board: Board = pm.get("/api/cases/board").await.json();
    let res = pm
        .send(TestRequest::post().uri("/api/cases/board/print"))
        .await;
    assert_eq!(res.status, 204);
    let (data, basis): (String, String) = access_log::table
        .filter(access_log::user_id.eq(user_id(&app, "professional@demo.zorgroute.nl")))
        .filter(access_log::action.eq("print"))
        .select((access_log::data, access_log::basis))
        .first(&mut app.db.conn())
        .unwrap();
    assert_eq!(
        (data.as_str(), basis.as_str()),
        (
            format!(
                "board {}: {} cards printed",
                board.municipality_id,
                board.cards.len()
            )
            .as_str(),
            "case team / consent"
        )
    );
    // Only those who see the board: a manager plans, but sees no children.
    let mut manager = app.client().await;
    manager.login_as("manager").await;
    let res = manager
        .send(TestRequest::post().uri("/api/cases/board/print"))
        .await;
    assert_eq!(res.status, 403);

    // The coordinators' logbook reads it as the board printed, among the prints and exports.
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let shared = c.logbook(&format!("kind={}", LogKind::Shared.code())).await;
    let line = shared
        .lines
        .iter()
        .find(|l| l.entry.data == data)
        .expect("the print in the logbook");
    assert_eq!(line.case_id, None);
    assert_eq!(line.entry.deed(), Deed::BoardPrinted);
}

#[actix_web::test]
async fn printing_the_own_task_list_is_logged_for_each_child_on_it() {
    use shared::cases::access_log::Deed;
    let app = TestApp::new();
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let tasks: Vec<MyTask> = pm.get("/api/cases/my-tasks").await.json();
    assert!(!tasks.is_empty(), "the demo gives Sanne open tasks");
    // Each with its case's stage, by name and key: the demo's stages are the known ones, which
    // an English page names in English.
    for t in &tasks {
        let english = shared::cases::stage_label(&t.stage_key, &t.stage, true);
        assert_ne!(english, t.stage, "{t:?}");
    }
    let res = pm
        .send(TestRequest::post().uri("/api/cases/my-tasks/print"))
        .await;
    assert_eq!(res.status, 204);
    let printed: Vec<(Option<Uuid>, String)> = access_log::table
        .filter(access_log::user_id.eq(user_id(&app, "professional@demo.zorgroute.nl")))
        .filter(access_log::action.eq("print"))
        .order(access_log::case_id)
        .select((access_log::case_id, access_log::data))
        .load(&mut app.db.conn())
        .unwrap();
    let mut expected: Vec<(Option<Uuid>, String)> = Vec::new();
    for t in &tasks {
        if !expected.iter().any(|(c, _)| *c == Some(t.case_id)) {
            let n = tasks.iter().filter(|o| o.case_id == t.case_id).count();
            expected.push((Some(t.case_id), format!("own open tasks: {n} printed")));
        }
    }
    expected.sort();
    assert_eq!(printed, expected);
    let line = backend::audit::for_case(&mut app.db.conn(), tasks[0].case_id)
        .unwrap()
        .into_iter()
        .find(|l| l.action == "print")
        .unwrap();
    assert_eq!(line.deed(), Deed::TaskListPrinted);

    // A coordinator with no tasks of their own: one line, about no child.
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let res = c
        .send(TestRequest::post().uri("/api/cases/my-tasks/print"))
        .await;
    assert_eq!(res.status, 204);
    let none: i64 = access_log::table
        .filter(access_log::user_id.eq(user_id(&app, "coordinator@demo.zorgroute.nl")))
        .filter(access_log::data.eq("own open tasks: none printed"))
        .filter(access_log::case_id.is_null())
        .count()
        .get_result(&mut app.db.conn())
        .unwrap();
    assert_eq!(none, 1);
}

#[actix_web::test]
async fn coordinators_search_the_access_log_of_their_municipality_and_the_search_is_logged() {
    use shared::cases::access_log::{LOG_PAGE, LogKind, LogPage};
    let app = TestApp::new();
    let (case, _) = mentored_case(&app);
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(pm.get(&format!("/api/cases/{case}")).await.status, 200);
    // A refusal to find below: the professional asks for the access overview.
    let overview = format!("/api/cases/{case}/access-log");
    assert_eq!(pm.get(&overview).await.status, 403);
    let search = "/api/cases/access-log";
    assert_eq!(pm.get(search).await.status, 403, "coordinators only");

    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let all = c.logbook("").await;
    assert!(!all.lines.is_empty());
    assert!(
        all.lines.windows(2).all(|w| w[0].entry.at >= w[1].entry.at),
        "newest first"
    );
    let denied = c.logbook("outcome=denied&who=sanne").await;
    assert!(
        denied
            .lines
            .iter()
            .any(|l| l.case_id == Some(case) && l.entry.action == "access_log.read")
    );
    assert!(
        denied.lines.iter().all(|l| l.entry.outcome == "denied"
            && l.entry.user_name.as_deref() == Some("Sanne de Vries"))
    );
    let child = denied.lines[0].child.clone().unwrap();
    let first_name = child.split(' ').next().unwrap();
    let theirs = c.logbook(&format!("child={first_name}")).await;
    assert!(
        theirs
            .lines
            .iter()
            .all(|l| l.child.as_deref().unwrap().starts_with(first_name))
    );
    assert!(theirs.lines.iter().any(|l| l.case_id == Some(case)));
    // A wildcard typed is a character like any other.
    assert!(c.logbook("who=%25").await.lines.is_empty());
    let today = shared::time::dutch_date(chrono::Utc::now());
    assert!(
        !c.logbook(&format!("from={today}&to={today}"))
            .await
            .lines
            .is_empty()
    );
    assert!(
        c.logbook("from=2020-01-01&to=2020-12-31")
            .await
            .lines
            .is_empty()
    );
    for bad in [
        "outcome=maybe",
        "from=2026-02-01&to=2026-01-01",
        "page=5000",
        &format!("who={}", "a".repeat(121)),
    ] {
        let res = c.get(&format!("{search}?{bad}")).await;
        assert_eq!(res.status, 422, "{bad}");
    }
    let res = c.get(&format!("{search}?kind=everything")).await;
    assert_eq!(
        (res.status, res.error().code),
        (400, ErrorCode::InvalidQuery)
    );
    // A page at a time, the older lines on the next.
    diesel::sql_query(format!(
        "INSERT INTO access_log (at, action, outcome, user_name, case_id, data, basis) \
         SELECT now() - make_interval(mins => n), 'read', 'ok', 'Archief', '{case}', 'case file', \
         'coordinator of the municipality' FROM generate_series(1, {}) n",
        LOG_PAGE + 20
    ))
    .execute(&mut app.db.conn())
    .unwrap();
    let first = c.logbook("who=archief").await;
    assert_eq!((first.lines.len(), first.more), (LOG_PAGE, true));
    assert!(first.stages.is_empty(), "no moves on this page");
    // A move names its stage: the page brings the stage, so the line reads "Fase gewijzigd: …".
    let observation = stage(&app, "observatie");
    diesel::sql_query(format!(
        "INSERT INTO access_log (action, outcome, user_name, case_id, data, basis) \
         VALUES ('move', 'ok', 'Verhuizer', '{case}', 'stage → {observation}', \
         'coordinator of the municipality')"
    ))
    .execute(&mut app.db.conn())
    .unwrap();
    let moved = c.logbook("who=verhuizer").await;
    assert_eq!(moved.lines.len(), 1);
    assert_eq!(
        c.logbook("who=verhuizer&kind=change").await.lines,
        moved.lines
    );
    assert!(c.logbook("who=verhuizer&kind=read").await.lines.is_empty());
    let reads = c.logbook("kind=read").await;
    assert!(!reads.lines.is_empty());
    assert!(
        reads
            .lines
            .iter()
            .all(|l| LogKind::of(&l.entry.action) == Some(LogKind::Read))
    );
    assert_eq!(
        moved
            .stages
            .iter()
            .map(|s| (s.id, s.key.as_str()))
            .collect::<Vec<_>>(),
        [(observation, "observatie")]
    );
    // Lines written since the first page do not push the next page's along: it asks for the
    // log as it was then.
    diesel::sql_query(format!(
        "INSERT INTO access_log (action, outcome, user_name, case_id, data, basis) \
         SELECT 'read', 'ok', 'Archief', '{case}', 'case file', 'coordinator of the municipality' \
         FROM generate_series(1, 5)"
    ))
    .execute(&mut app.db.conn())
    .unwrap();
    let next = c
        .logbook(&format!("who=archief&page=1&as_of={}", first.as_of))
        .await;
    assert_eq!((next.lines.len(), next.more), (20, false));
    assert!(next.lines[0].entry.at < first.lines[LOG_PAGE - 1].entry.at);
    assert_eq!(c.logbook("who=archief&page=1").await.lines.len(), 25);
    assert_eq!(
        c.get(&format!("{search}?as_of=-1")).await.status,
        422,
        "not a line of the log"
    );
    // The download: the whole search at once, logged as an export; for coordinators only.
    let export = &format!(
        "/api/cases/access-log/export?who=archief&as_of={}",
        first.as_of
    );
    assert_eq!(pm.get(export).await.status, 403);
    let res = c.get(export).await;
    assert_eq!(res.status, 200);
    let exported = res.json::<LogPage>();
    assert_eq!(
        (exported.lines.len(), exported.more),
        (LOG_PAGE + 20, false)
    );
    assert_eq!(exported.lines[..LOG_PAGE], first.lines[..]);
    // Each search and export that read the log is a line of its own (the refused ones read
    // nothing).
    let noors = |action: &str| -> i64 {
        access_log::table
            .filter(access_log::action.eq(action))
            .filter(access_log::user_name.eq("Noor Jansen"))
            .count()
            .get_result(&mut app.db.conn())
            .unwrap()
    };
    assert_eq!(noors("access_log.export"), 1);
    assert_eq!(noors("access_log.search"), 13);
    // A print of a page of the search: logged as one of the log with the page's search, read
    // nothing more (the search count stays); a bad search is refused before any line.
    let print = |q: &str| TestRequest::post().uri(&format!("/api/cases/access-log/print?{q}"));
    assert_eq!(pm.send(print("who=archief")).await.status, 403);
    assert_eq!(c.send(print("outcome=maybe")).await.status, 422);
    let res = c
        .send(print(&format!("who=archief&page=1&as_of={}", first.as_of)))
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(
        (noors("access_log.print"), noors("access_log.search")),
        (1, 13)
    );
    let printed = c.logbook("kind=shared&who=noor").await;
    let line = printed
        .lines
        .iter()
        .find(|l| l.entry.action == "access_log.print")
        .expect("the print in the logbook, among the prints and exports");
    assert!(line.entry.data.contains("archief"), "{}", line.entry.data);
    assert_eq!(
        line.entry.deed(),
        shared::cases::access_log::Deed::LogPrinted
    );

    // Heerlen's coordinator sees nothing of Geldrop-Mierlo's children.
    let geldrop: Uuid = cases::table
        .find(case)
        .select(cases::municipality_id)
        .first(&mut app.db.conn())
        .unwrap();
    let mut h = app.client().await;
    h.login_heerlen_coordinator(&app).await;
    for case in h
        .logbook("")
        .await
        .lines
        .into_iter()
        .filter_map(|l| l.case_id)
    {
        let of: Uuid = cases::table
            .find(case)
            .select(cases::municipality_id)
            .first(&mut app.db.conn())
            .unwrap();
        assert_ne!(of, geldrop, "{case}");
    }
}

/// Not every line is about one child: who looked at the board (or followed it live), read the
/// flow metrics, changed the route, or searched and downloaded the log itself is in the
/// logbook of that municipality's coordinators too, and in no other municipality's.
#[actix_web::test]
async fn the_logbook_holds_the_lines_about_the_board_the_route_and_the_log_itself() {
    use shared::cases::access_log::{Deed, Ground, LineOutcome, LogKind};
    let app = TestApp::new();
    let server =
        actix_web::test::init_service(backend::startup::build_app(app.state.clone())).await;
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(pm.get("/api/cases/board").await.status, 200);
    let res = actix_web::test::call_service(&server, pm.live_events().to_request()).await;
    assert_eq!(res.status(), 200);
    drop(res);

    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let board: Board = c.get("/api/cases/board").await.json();
    assert_eq!(c.get("/api/cases/metrics").await.status, 200);
    let card = &board.cards[0];
    assert_eq!(c.get(&format!("/api/cases/{}", card.id)).await.status, 200);
    let route: Vec<Value> = board.stages.iter().map(stage_edit).collect();
    let res = c
        .send(
            TestRequest::put()
                .uri("/api/cases/route")
                .set_json(json!(route)),
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(
        !c.logbook_shows("", Deed::LogSearched).await,
        "a search shows the log as it was when asked, without its own line"
    );
    assert_eq!(c.get("/api/cases/access-log/export").await.status, 200);

    // Another coordinator of the municipality sees all of it, each line in words.
    let second = app.add_user("tweede@geldrop.example", "coordinator", "geldrop-mierlo");
    let mut c2 = app.client().await;
    c2.login_demo(&second).await;
    let page = c2.logbook("").await;
    let general: Vec<_> = page.lines.iter().filter(|l| l.case_id.is_none()).collect();
    let who_did = |deed: Deed| -> Vec<(String, Ground)> {
        general
            .iter()
            .filter(|l| l.entry.deed() == deed)
            .map(|l| (l.entry.user_name.clone().unwrap(), l.entry.ground()))
            .collect()
    };
    let (sanne, noor) = ("Sanne de Vries".to_owned(), "Noor Jansen".to_owned());
    assert_eq!(
        who_did(Deed::BoardSeen),
        [
            (noor.clone(), Ground::Coordinator),
            (sanne.clone(), Ground::OwnCases)
        ]
    );
    assert_eq!(who_did(Deed::BoardFollowed), [(sanne, Ground::OwnCases)]);
    for deed in [
        Deed::MetricsRead,
        Deed::RouteChanged,
        Deed::LogSearched,
        Deed::LogExported,
    ] {
        assert_eq!(who_did(deed), [(noor.clone(), Ground::Coordinator)]);
    }
    for line in &general {
        assert!(line.child.is_none());
        assert!(
            line.entry.outcome() == LineOutcome::Done && LogKind::of(&line.entry.action).is_some(),
            "{line:?}"
        );
    }
    assert!(c2.logbook_shows("kind=change", Deed::RouteChanged).await);
    assert!(c2.logbook_shows("kind=shared", Deed::LogExported).await);
    // A child's name narrows the search to lines about a child.
    let first_name = card.child.split(' ').next().unwrap().to_owned();
    let theirs = c2.logbook(&format!("child={first_name}")).await;
    assert!(!theirs.lines.is_empty());
    assert!(theirs.lines.iter().all(|l| l.case_id.is_some()));

    // Heerlen's coordinator sees none of Geldrop-Mierlo's.
    let mut h = app.client().await;
    h.login_heerlen_coordinator(&app).await;
    let theirs = h.logbook("").await;
    assert!(
        theirs.lines.iter().all(|l| l.case_id.is_some()),
        "{:?}",
        theirs.lines
    );
}

#[actix_web::test]
async fn fifty_clients_moving_ten_cards_lose_no_update() {
    let app = TestApp::new();
    let conn = &mut app.db.conn();
    let targets: Vec<(Uuid, i32)> = cases::table
        .filter(
            cases::stage_id
                .eq(stage(&app, "signalering"))
                .or(cases::stage_id.eq(stage(&app, "observatie"))),
        )
        .select((cases::id, cases::version))
        .limit(10)
        .load(conn)
        .unwrap();
    assert!(targets.len() >= 5, "demo data has early cases");
    let zorgoverleg = stage(&app, "zorgoverleg");
    diesel::update(route_stages::table.filter(route_stages::id.eq(zorgoverleg)))
        .set(route_stages::wip_limit.eq(None::<i32>))
        .execute(conn)
        .unwrap();
    let before: i64 = stage_history::table.count().get_result(conn).unwrap();
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let requests: Vec<_> = (0..50)
        .map(|n| {
            let (case, version) = targets[n % targets.len()];
            TestRequest::post()
                .uri(&format!("/api/cases/{case}/moves"))
                .set_json(move_body(zorgoverleg, version))
        })
        .collect();
    let statuses = c.send_all(requests).await;
    let ok = statuses.iter().filter(|s| **s == 200).count();
    let conflicts = statuses.iter().filter(|s| **s == 409).count();
    assert_eq!(
        ok + conflicts,
        50,
        "every request got 2xx or 409: {statuses:?}"
    );
    assert_eq!(ok, targets.len(), "exactly one move per card won");
    let after: i64 = stage_history::table.count().get_result(conn).unwrap();
    assert_eq!(
        after - before,
        ok as i64,
        "the history holds exactly the accepted moves"
    );
}

#[actix_web::test]
async fn the_planner_gets_counts_never_children() {
    let app = TestApp::new();
    let gm: Uuid = backend::db::schema::municipalities::table
        .filter(backend::db::schema::municipalities::slug.eq("geldrop-mierlo"))
        .select(backend::db::schema::municipalities::id)
        .first(&mut app.db.conn())
        .unwrap();
    let path = format!("/api/planner/live-counts?municipality_id={gm}");
    for role in ["manager", "coordinator"] {
        let mut c = app.client().await;
        c.login_as(role).await;
        let res = c.get(&path).await;
        assert_eq!(res.status, 200, "{role}");
        let counts: TierCounts = res.json();
        let open: i64 = cases::table
            .filter(cases::closed_at.is_null())
            .count()
            .get_result(&mut app.db.conn())
            .unwrap();
        assert_eq!(counts.open_cases, open);
        assert_eq!(
            counts.extra_on_group + counts.extra_outside_group + counts.extra_outside_regular,
            counts.extra_support
        );
        assert!(
            !String::from_utf8_lossy(&res.body).contains("child"),
            "no child data in the answer"
        );
    }
    let heerlen = app.add_user("manager@heerlen.example", "manager", "heerlen");
    let mut other = app.client().await;
    other.login_demo(&heerlen).await;
    assert_eq!(other.get(&path).await.status, 403);
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(pm.get(&path).await.status, 403);
}

/// Reads the next chunk of a streaming body, or `None` after `wait`.
async fn next_chunk<B: actix_web::body::MessageBody + Unpin>(
    body: &mut B,
    wait: std::time::Duration,
) -> Option<String> {
    let read = std::future::poll_fn(|cx| std::pin::Pin::new(&mut *body).poll_next(cx));
    match actix_web::rt::time::timeout(wait, read).await {
        Ok(Some(Ok(bytes))) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        _ => None,
    }
}

/// One user holds at most so many live streams (every event costs each stream a check in the
/// database, so a script opening thousands would multiply every change): the next is refused
/// with 429 until one of them ends; other users are not held back.
#[actix_web::test]
async fn a_user_holds_a_limited_number_of_live_streams() {
    use backend::cases::events::MAX_STREAMS_PER_USER;
    let app = TestApp::new();
    let server =
        actix_web::test::init_service(backend::startup::build_app(app.state.clone())).await;
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let mut open = Vec::new();
    for _ in 0..MAX_STREAMS_PER_USER {
        let res = actix_web::test::call_service(&server, pm.live_events().to_request()).await;
        assert_eq!(res.status(), 200);
        open.push(res.into_body());
    }
    let res = actix_web::test::call_service(&server, pm.live_events().to_request()).await;
    assert_eq!(res.status(), 429);
    let res = actix_web::test::call_service(&server, coordinator.live_events().to_request()).await;
    assert_eq!(res.status(), 200, "another user subscribes");
    // A board closed (its stream ends): its slot is free again.
    open.pop();
    let res = actix_web::test::call_service(&server, pm.live_events().to_request()).await;
    assert_eq!(res.status(), 200);
}

#[actix_web::test]
async fn a_move_on_instance_a_reaches_a_permitted_subscriber_on_instance_b() {
    use backend::state::AppState;
    use std::time::{Duration, Instant};
    let app = TestApp::new();
    // Instance B: its own pool and its own LISTEN connection on the same database.
    let config = (*app.state.config).clone();
    let b = actix_web::test::init_service(backend::startup::build_app(AppState::new(
        config.clone(),
        backend::db::pool(&config.database_url, 4),
    )))
    .await;
    let mut a = app.client().await;
    a.login_as("coordinator").await;
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let subscribe = |client: &Client<_>| {
        client
            .live_events()
            .insert_header(("accept-encoding", "gzip, deflate, br, zstd"))
            .to_request()
    };
    let res = actix_web::test::call_service(&b, subscribe(&a)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    // Each event leaves as it is sent, never held in a compressor (the JSON answers are gzipped).
    assert_eq!(res.headers().get("content-encoding").unwrap(), "identity");
    let mut coordinator_feed = res.into_body();
    let mut pm_feed = actix_web::test::call_service(&b, subscribe(&pm))
        .await
        .into_body();
    let wait = Duration::from_secs(3);
    assert!(
        next_chunk(&mut coordinator_feed, wait)
            .await
            .unwrap()
            .contains("connected")
    );
    assert!(
        next_chunk(&mut pm_feed, wait)
            .await
            .unwrap()
            .contains("connected")
    );
    // The listener announces itself with a resync once it is connected.
    let mut first = next_chunk(&mut coordinator_feed, wait)
        .await
        .unwrap_or_default();
    if first.contains("resync") {
        first = String::new();
    }
    assert!(first.is_empty());
    let _ = next_chunk(&mut pm_feed, Duration::from_millis(200)).await;

    // A case the professional may not see moves on A: the coordinator on B hears of it, she does not.
    let pm_id = user_id(&app, "professional@demo.zorgroute.nl");
    let (other, version): (Uuid, i32) = cases::table
        .filter(cases::stage_id.eq(stage(&app, "observatie")))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            backend::db::schema::case_team::table
                .filter(backend::db::schema::case_team::case_id.eq(cases::id))
                .filter(backend::db::schema::case_team::user_id.eq(pm_id)),
        )))
        .select((cases::id, cases::version))
        .first(&mut app.db.conn())
        .unwrap();
    let started = Instant::now();
    let res = a
        .post(
            &format!("/api/cases/{other}/moves"),
            move_body(stage(&app, "zorgoverleg"), version),
        )
        .await;
    assert_eq!(res.status, 200);
    let event = next_chunk(&mut coordinator_feed, wait)
        .await
        .expect("the event reaches instance B");
    let latency = started.elapsed();
    assert!(event.starts_with("event: case\n"), "{event}");
    assert!(event.contains(&other.to_string()));
    assert!(event.contains(&format!("\"version\":{}", version + 1)));
    assert!(
        latency < Duration::from_millis(1000),
        "event latency {latency:?}"
    );
    assert_eq!(
        next_chunk(&mut pm_feed, Duration::from_millis(500)).await,
        None,
        "no event about a case she may not see"
    );

    // Her own case moves: she hears of it.
    let (own, version) = korein_case_in(&app, "zorgoverleg")
        .or_else(|| korein_case_in(&app, "observatie"))
        .unwrap();
    let target = if korein_case_in(&app, "zorgoverleg").map(|c| c.0) == Some(own) {
        "observatie"
    } else {
        "zorgoverleg"
    };
    let res = a
        .post(
            &format!("/api/cases/{own}/moves"),
            json!({"to_stage": stage(&app, target), "expected_version": version, "reason": "test"}),
        )
        .await;
    assert_eq!(res.status, 200);
    let event = next_chunk(&mut pm_feed, wait)
        .await
        .expect("her own case's event");
    assert!(event.contains(&own.to_string()));
    // It carries the case's revision after the move, the one its file now shows: a case page
    // showing an older one knows the case changed.
    let file: Value = a.get(&format!("/api/cases/{own}")).await.json();
    let revision = file["revision"].as_i64().unwrap();
    assert!(revision > 0);
    assert!(
        event.contains(&format!("\"revision\":{revision}")),
        "{event} should name revision {revision}"
    );
    // A note (no new version) raises the revision too, and says so.
    let res = a
        .post(
            &format!("/api/cases/{own}/notes"),
            json!({"body": "Overleg gepland", "visibility": "team"}),
        )
        .await;
    assert_eq!(res.status, 201);
    let event = next_chunk(&mut pm_feed, wait)
        .await
        .expect("the note's event");
    let noted: Value = a.get(&format!("/api/cases/{own}")).await.json();
    assert!(noted["revision"].as_i64().unwrap() > revision);
    assert!(
        event.contains(&format!("\"revision\":{}", noted["revision"])),
        "{event}"
    );

    // She signs out elsewhere: her open stream ends at the next event instead of telling her of it.
    assert_eq!(pm.post("/api/auth/logout", json!({})).await.status, 204);
    let version = version + 1;
    let res = a
        .post(
            &format!("/api/cases/{own}/moves"),
            json!({"to_stage": stage(&app, if target == "observatie" { "zorgoverleg" } else { "observatie" }), "expected_version": version, "reason": "test"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    use actix_web::body::MessageBody as _;
    let read = std::future::poll_fn(|cx| std::pin::Pin::new(&mut pm_feed).poll_next(cx));
    let end = actix_web::rt::time::timeout(wait, read).await;
    assert!(matches!(end, Ok(None)), "the stream ends");
    // The coordinator's session lives on, and so does her stream (after the earlier move's event).
    let moved = format!("\"version\":{}", version + 1);
    let mut heard = String::new();
    while !heard.contains(&moved) {
        heard = next_chunk(&mut coordinator_feed, wait)
            .await
            .expect("the coordinator hears of the move");
    }
    assert!(heard.contains(&own.to_string()), "{heard}");
}

#[actix_web::test]
async fn flow_metrics_for_coordinators_only() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let res = c.get("/api/cases/metrics").await;
    assert_eq!(res.status, 200);
    let report: shared::cases::metrics::MetricsReport = res.json();
    let closed: i64 = cases::table
        .filter(cases::closed_at.is_not_null())
        .count()
        .get_result(&mut app.db.conn())
        .unwrap();
    assert_eq!(
        report.metrics.closed_cases as i64, closed,
        "the demo's closed cases fall in the default 18 months"
    );
    let lead = report.metrics.lead_time.unwrap();
    assert!(lead.median_days > 0.0 && lead.p85_days >= lead.median_days);
    assert_eq!(
        report.metrics.flow.first().unwrap().counts.len(),
        report.stages.len()
    );
    assert!(
        !String::from_utf8_lossy(&res.body).contains("child"),
        "aggregates only"
    );

    let res = c
        .get("/api/cases/metrics?from=2026-05-01&to=2026-01-01")
        .await;
    assert_eq!((res.status, res.error().field()), (422, Some("from")));
    assert_eq!(c.get("/api/cases/metrics?from=gisteren").await.status, 400);

    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(pm.get("/api/cases/metrics").await.status, 403);
}

#[actix_web::test]
async fn coordinators_export_and_anonymise_a_childs_file_and_retention_anonymises_old_cases() {
    let app = TestApp::new();
    let (case, _) = mentored_case(&app);
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(
        pm.get(&format!("/api/cases/{case}/export")).await.status,
        403
    );
    assert_eq!(
        pm.post(&format!("/api/cases/{case}/anonymise"), json!({}))
            .await
            .status,
        403
    );

    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let res = c.get(&format!("/api/cases/{case}/export")).await;
    assert_eq!(res.status, 200);
    assert!(
        res.header("content-disposition")
            .unwrap()
            .contains("attachment")
    );
    let export: shared::cases::CaseExport = res.json();
    assert_eq!(export.case.card.id, case);
    assert!(
        export
            .access_log
            .iter()
            .any(|l| l.action == "export" && l.outcome == "denied"),
        "the refused attempt is in the file"
    );
    assert_eq!(log_lines(&app, case, "export", "ok"), 1);

    let before: shared::cases::metrics::MetricsReport = c.get("/api/cases/metrics").await.json();
    assert_eq!(c.get(&format!("/api/cases/{case}")).await.status, 200);
    let revision: i64 = cases::table
        .find(case)
        .select(cases::revision)
        .first(&mut app.db.conn())
        .unwrap();
    assert!(
        app.state.case_files.get(case, revision).is_some(),
        "the file just read is kept"
    );
    assert_eq!(
        c.post(&format!("/api/cases/{case}/anonymise"), json!({}))
            .await
            .status,
        204
    );
    assert!(
        app.state.case_files.get(case, revision).is_none(),
        "an anonymised case's file is not kept in memory"
    );
    assert_eq!(
        c.get(&format!("/api/cases/{case}")).await.status,
        404,
        "gone from the board and the file"
    );
    let (name, birth): (String, chrono::NaiveDate) = cases::table
        .find(case)
        .select((cases::child_first_name, cases::birth_date))
        .first(&mut app.db.conn())
        .unwrap();
    assert_eq!(name, "Anoniem");
    assert_eq!(
        chrono::Datelike::day(&birth),
        1,
        "only the birth month is kept"
    );
    let after: shared::cases::metrics::MetricsReport = c.get("/api/cases/metrics").await.json();
    assert_eq!(
        before.metrics.closed_cases + before.metrics.open_cases,
        after.metrics.closed_cases + after.metrics.open_cases,
        "statistics keep the case"
    );
    assert_eq!(log_lines(&app, case, "anonymise", "ok"), 1);

    // Retention: closed cases older than the cut-off are anonymised, newer ones are not.
    let conn = &mut app.db.conn();
    let closed: i64 = cases::table
        .filter(cases::closed_at.is_not_null())
        .filter(cases::anonymised_at.is_null())
        .count()
        .get_result(conn)
        .unwrap();
    assert!(closed > 0);
    assert_eq!(
        backend::cases::queries::anonymise_closed_before(
            conn,
            chrono::Utc::now() - chrono::Duration::days(3650)
        )
        .unwrap(),
        0
    );
    let done = backend::cases::queries::anonymise_closed_before(conn, chrono::Utc::now()).unwrap();
    assert_eq!(done as i64, closed);
    let open_left: i64 = cases::table
        .filter(cases::anonymised_at.is_null())
        .filter(cases::closed_at.is_null())
        .count()
        .get_result(conn)
        .unwrap();
    assert!(
        open_left > 0,
        "open cases are never anonymised by retention"
    );
}

/// A small valid PDF (what a scanned observation report starts with).
pub(crate) const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub(crate) fn upload(case: Uuid, name: &str, content_type: &str, bytes: &[u8]) -> TestRequest {
    TestRequest::post()
        .uri(&format!("/api/cases/{case}/attachments?name={name}"))
        .insert_header(("content-type", content_type))
        .set_payload(bytes.to_vec())
}

/// The newest row id of a case's consents, tasks or attachments.
fn newest(app: &TestApp, table: &str, case: Uuid) -> Uuid {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        id: Uuid,
    }
    let created = match table {
        "consents" => "recorded_at",
        "consent_requests" => "asked_at",
        _ => "created_at",
    };
    diesel::sql_query(format!(
        "SELECT id FROM {table} WHERE case_id = $1 ORDER BY {created} DESC LIMIT 1"
    ))
    .bind::<diesel::sql_types::Uuid, _>(case)
    .get_result::<Row>(&mut app.db.conn())
    .unwrap()
    .id
}

#[actix_web::test]
async fn every_case_route_writes_an_access_log_line() {
    let app = TestApp::new();
    let (case, version) = korein_case_in(&app, "zorgoverleg")
        .or_else(|| korein_case_in(&app, "observatie"))
        .unwrap();
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let today = shared::time::dutch_date(chrono::Utc::now());
    let ggd = org_id(&app, "Jeugdgezondheidszorg GGD Brabant-Zuidoost");
    let lines = |app: &TestApp| -> i64 {
        access_log::table
            .filter(access_log::case_id.eq(case))
            .count()
            .get_result(&mut app.db.conn())
            .unwrap()
    };
    let consent_body = json!({"given_by": "Vader", "given_on": today, "method": "digital", "organisation_ids": [ggd], "valid_until": today});
    // Something to withdraw, complete, download and remove.
    let consent_created = c
        .send(
            TestRequest::post()
                .uri(&format!("/api/cases/{case}/consents"))
                .set_json(&consent_body),
        )
        .await;
    assert_eq!(consent_created.status, 201);
    let task_created = c
        .post(
            &format!("/api/cases/{case}/tasks"),
            json!({"title": "Bel JGZ"}),
        )
        .await;
    assert_eq!(task_created.status, 201);
    assert_eq!(
        c.send(upload(case, "verslag.pdf", "application/pdf", PDF))
            .await
            .status,
        201
    );
    let consent = newest(&app, "consents", case);
    let task = newest(&app, "case_tasks", case);
    assert_eq!(
        c.post(
            &format!("/api/cases/{case}/guardians"),
            json!({"name": "Moeder", "email": "moeder@example.nl"}),
        )
        .await
        .status,
        201
    );
    let guardian = newest(&app, "case_guardians", case);
    // Someone to add to the team (POST) and take off again (DELETE runs after it).
    let jgz = user_id(&app, "jgz@demo.zorgroute.nl");
    diesel::delete(
        backend::db::schema::case_team::table
            .filter(backend::db::schema::case_team::case_id.eq(case))
            .filter(backend::db::schema::case_team::user_id.eq(jgz)),
    )
    .execute(&mut app.db.conn())
    .unwrap();
    let attachment = newest(&app, "case_attachments", case);
    let asked = json!({"guardian_name": "Vader", "email": "vader@example.nl",
        "organisation_ids": [ggd], "valid_until": today + chrono::Duration::days(30)});
    let res = c
        .post(
            &format!("/api/cases/{case}/consent-requests"),
            asked.clone(),
        )
        .await;
    assert_eq!(res.status, 201);
    let request = newest(&app, "consent_requests", case);

    // The board's route table, as the app registers it: the routes without a case are known
    // (they log "list" or aggregates), every route of one case is called below.
    let routes = backend::cases::routes();
    let (of_a_case, general): (Vec<_>, Vec<_>) = routes
        .list()
        .iter()
        .cloned()
        .partition(|(_, path)| path.contains("{id}"));
    let general: Vec<String> = general
        .into_iter()
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert_eq!(
        general,
        [
            "POST /api/cases",
            "GET /api/cases/board",
            "GET /api/cases/partners",
            "POST /api/cases/board/print",
            "GET /api/cases/events",
            "GET /api/cases/metrics",
            "GET /api/cases/access-log",
            "GET /api/cases/access-log/export",
            "POST /api/cases/access-log/print",
            "GET /api/cases/my-tasks",
            "POST /api/cases/my-tasks/print",
            "GET /api/cases/my-tasks/mail",
            "PUT /api/cases/my-tasks/mail",
            "PUT /api/cases/route",
        ],
        "a new route without a case: decide what it logs, then list it here"
    );
    // Anonymisation last: it removes what the other routes work on.
    let mut of_a_case = of_a_case;
    of_a_case.sort_by_key(|(method, path)| (path.ends_with("/anonymise"), method == "DELETE"));
    assert!(of_a_case.len() >= 15);
    for (method, pattern) in of_a_case {
        let uri = pattern
            .replace("{id}", &case.to_string())
            .replace("{consent}", &consent.to_string())
            .replace("{task}", &task.to_string())
            .replace("{user}", &jgz.to_string())
            .replace("{guardian}", &guardian.to_string())
            .replace("{attachment}", &attachment.to_string())
            .replace("{request}", &request.to_string());
        let suffix = pattern.trim_start_matches("/api/cases/{id}");
        let with_json = |body: Value| {
            TestRequest::default()
                .method(method.clone())
                .uri(&uri)
                .set_json(body)
        };
        let request = match (method.as_str(), suffix) {
            ("GET" | "DELETE", _) => TestRequest::default().method(method.clone()).uri(&uri),
            ("POST", "/moves") => with_json(move_body(stage(&app, "signalering"), version + 7)),
            ("POST", "/consents") => with_json(consent_body.clone()),
            ("POST", "/notes") => with_json(json!({"body": "Gesprek gehad", "visibility": "team"})),
            ("POST", "/guardians") => with_json(json!({"name": "Vader", "phone": "0612345678"})),
            ("PUT", "/profile") => with_json(json!({
                "expected_version": cases::table.find(case).select(cases::version)
                    .first::<i32>(&mut app.db.conn()).unwrap(),
                "concerns": ["gedrag"], "need_category": "fits", "support_level": "on_group"})),
            ("POST", "/team") => {
                with_json(json!({"user_id": jgz, "role_in_case": "JGZ-verpleegkundige"}))
            }
            ("POST", "/goals") => with_json(json!({"goal": "Tien woorden"})),
            ("POST", "/evaluations") => {
                with_json(json!({"held_on": today, "summary": "Goed op weg"}))
            }
            ("POST", "/tasks") => with_json(json!({"title": "Observatie plannen"})),
            ("POST", "/attachments") => upload(case, "foto.pdf", "application/pdf", PDF),
            ("POST", "/consent-requests") => with_json(asked.clone()),
            ("POST", "/print") => with_json(json!({"access_overview": true})),
            (
                "POST",
                "/consents/{consent}/withdraw"
                | "/consent-requests/{request}/cancel"
                | "/tasks/{task}/done"
                | "/anonymise",
            ) => with_json(json!({})),
            _ => panic!("{method} {pattern}: add a valid request for this route to the test"),
        };
        let before = lines(&app);
        let res = c.send(request).await;
        assert!(res.status < 500, "{method} {pattern}: {}", res.status);
        assert_eq!(
            lines(&app),
            before + 1,
            "{method} {pattern} ({}) writes exactly one line",
            res.status
        );
        assert_eq!(
            files_kept_wrong(&app),
            Vec::<Uuid>::new(),
            "{method} {pattern}: every case's kept file is its current one"
        );
    }
    // The overview parents are given says each line in words: every line these routes wrote
    // is read as a known kind, ground and result (a new action needs its words).
    use shared::cases::access_log::{Deed, Ground, LineOutcome, LogKind};
    let written = backend::audit::for_case(&mut app.db.conn(), case).unwrap();
    assert!(written.len() > 20);
    for line in written {
        assert!(
            line.deed() != Deed::Other
                && line.ground() != Ground::Other
                && line.outcome() != LineOutcome::Other
                && LogKind::of(&line.action).is_some(),
            "{line:?} is not read as a known kind"
        );
    }
}

#[actix_web::test]
async fn attachments_are_checked_kept_in_the_database_and_only_for_the_team() {
    let app = TestApp::new();
    let (case, _) = korein_case_in(&app, "zorgoverleg")
        .or_else(|| korein_case_in(&app, "observatie"))
        .unwrap();
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    // Type by content: a PDF passes; a script declared as PDF, a PDF declared as PNG and an
    // HTML upload do not; nothing above 5 MB is read.
    let res = pm
        .send(upload(
            case,
            "observatie%20Noor.pdf",
            "application/pdf",
            PDF,
        ))
        .await;
    assert_eq!(res.status, 201);
    let detail: CaseDetail = res.json();
    let listed = &detail.attachments[0];
    assert_eq!(listed.name, "observatie Noor.pdf");
    assert_eq!(listed.size_bytes, PDF.len() as i64);
    assert_eq!(listed.uploaded_by.as_deref(), Some("Sanne de Vries"));
    let refused = pm
        .send(upload(
            case,
            "x.pdf",
            "application/pdf",
            b"<script>alert(1)</script>",
        ))
        .await;
    assert_eq!(
        (refused.status, refused.error().field()),
        (422, Some("file"))
    );
    let refused = pm.send(upload(case, "x.png", "image/png", PDF)).await;
    assert_eq!(
        (refused.status, refused.error().field()),
        (422, Some("file"))
    );
    let refused = pm
        .send(upload(case, "x.html", "text/html", b"<p>hoi</p>"))
        .await;
    assert_eq!(
        (refused.status, refused.error().code),
        (415, ErrorCode::UnsupportedMediaType)
    );
    let mut big = PDF.to_vec();
    big.resize(shared::cases::attachments::MAX_BYTES + 1, b' ');
    let refused = pm
        .send(upload(case, "groot.pdf", "application/pdf", &big))
        .await;
    assert_eq!(
        (refused.status, refused.error().code),
        (413, ErrorCode::PayloadTooLarge)
    );
    let refused = pm.send(upload(case, "", "application/pdf", PDF)).await;
    assert_eq!(
        (refused.status, refused.error().field()),
        (422, Some("name"))
    );
    let count = |app: &TestApp| -> i64 {
        backend::db::schema::case_attachments::table
            .filter(backend::db::schema::case_attachments::case_id.eq(case))
            .count()
            .get_result(&mut app.db.conn())
            .unwrap()
    };
    assert_eq!(count(&app), 1, "refused uploads store nothing");

    // The file comes back byte for byte, as a sandboxed download, and the read is logged.
    let path = format!("/api/cases/{case}/attachments/{}", listed.id);
    let file = pm.get(&path).await;
    assert_eq!(file.status, 200);
    assert_eq!(file.body, PDF);
    assert_eq!(file.header("content-type"), Some("application/pdf"));
    assert!(
        file.header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(
        file.header("content-security-policy"),
        Some("sandbox; default-src 'none'")
    );
    assert_eq!(file.header("cache-control"), Some("no-store"));
    assert_eq!(log_lines(&app, case, "attachment.read", "ok"), 1);
    assert_eq!(log_lines(&app, case, "attachment.create", "ok"), 1);

    // Outside the team: 404 for the list, the file and an upload, and the attempt is logged.
    let outsider = app.add_user("buiten@example.nl", "professional", "geldrop-mierlo");
    let mut other = app.client().await;
    other.login_demo(&outsider).await;
    assert_eq!(other.get(&path).await.status, 404);
    assert_eq!(other.get(&format!("/api/cases/{case}")).await.status, 404);
    assert_eq!(
        other
            .send(upload(case, "y.pdf", "application/pdf", PDF))
            .await
            .status,
        404
    );
    assert_eq!(
        other.send(TestRequest::delete().uri(&path)).await.status,
        404
    );
    assert_eq!(log_lines(&app, case, "attachment.read", "denied"), 1);
    assert_eq!(count(&app), 1);

    // Only the uploader or a coordinator removes it; anonymisation removes every file.
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let second: CaseDetail = coordinator
        .send(upload(case, "tekening.pdf", "application/pdf", PDF))
        .await
        .json();
    let theirs = second
        .attachments
        .iter()
        .find(|a| a.name == "tekening.pdf")
        .unwrap()
        .id;
    let res = pm
        .send(TestRequest::delete().uri(&format!("/api/cases/{case}/attachments/{theirs}")))
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        log_lines(&app, case, "attachment.delete", "denied"),
        2,
        "the outsider's attempt and this one"
    );
    let res = pm.send(TestRequest::delete().uri(&path)).await;
    assert_eq!(res.status, 200);
    let after: CaseDetail = res.json();
    assert_eq!(after.attachments.len(), 1);
    assert_eq!(pm.get(&path).await.status, 404);
    assert_eq!(
        coordinator
            .post(&format!("/api/cases/{case}/anonymise"), json!({}))
            .await
            .status,
        204
    );
    assert_eq!(count(&app), 0, "anonymisation removes the reports");
}

#[actix_web::test]
async fn coordinators_edit_the_route_and_stages_with_cases_stay() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let board: Board = c.get("/api/cases/board").await.json();
    let mut route: Vec<Value> = board.stages.iter().map(stage_edit).collect();
    route[1]["name"] = json!("Observatie op de groep");
    route.insert(
        3,
        json!({"name": "Vliegende Brigade", "wip_limit": 6, "requires_consent": true}),
    );
    let put = |body: Value| TestRequest::put().uri("/api/cases/route").set_json(body);

    let res = c.send(put(json!(route))).await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    let stages: Vec<shared::cases::Stage> = res.json();
    let names: Vec<&str> = stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[1], "Observatie op de groep");
    assert_eq!(names[3], "Vliegende Brigade");
    assert_eq!(stages[3].key, "vliegende-brigade");
    assert_eq!(
        stages.iter().map(|s| s.position).collect::<Vec<_>>(),
        (1..=8).collect::<Vec<_>>()
    );
    let board: Board = c.get("/api/cases/board").await.json();
    assert_eq!(board.stages, stages);
    assert_eq!(board.cards.len(), 60, "no case was lost");

    // The new, empty stage can go again; a stage with cases cannot.
    let without_new: Vec<Value> = stages
        .iter()
        .filter(|s| s.key != "vliegende-brigade")
        .map(stage_edit)
        .collect();
    assert_eq!(c.send(put(json!(without_new))).await.status, 200);
    let board: Board = c.get("/api/cases/board").await.json();
    let without_observation: Vec<Value> = board
        .stages
        .iter()
        .filter(|s| s.key != "observatie")
        .map(stage_edit)
        .collect();
    let res = c.send(put(json!(without_observation))).await;
    assert_eq!(res.status, 409);
    let no_terminal: Vec<Value> = board
        .stages
        .iter()
        .map(|s| json!({"id": s.id, "name": s.name, "terminal": false}))
        .collect();
    assert_eq!(c.send(put(json!(no_terminal))).await.status, 422);

    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(pm.send(put(json!(route))).await.status, 403);
}

#[actix_web::test]
async fn notes_plan_and_tasks_respect_who_may_read_them() {
    let app = TestApp::new();
    // A Korein case that JGZ may see: on the team, with a consent covering the GGD.
    let (case, _) = korein_case_in(&app, "zorgoverleg")
        .or_else(|| korein_case_in(&app, "observatie"))
        .unwrap();
    let jgz_id = user_id(&app, "jgz@demo.zorgroute.nl");
    diesel::insert_into(backend::db::schema::case_team::table)
        .values((
            backend::db::schema::case_team::case_id.eq(case),
            backend::db::schema::case_team::user_id.eq(jgz_id),
            backend::db::schema::case_team::role_in_case.eq("jeugdverpleegkundige"),
        ))
        .on_conflict_do_nothing()
        .execute(&mut app.db.conn())
        .unwrap();
    let ggd = org_id(&app, "Jeugdgezondheidszorg GGD Brabant-Zuidoost");
    let today = shared::time::dutch_date(chrono::Utc::now());
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let consent = json!({"given_by": "Moeder", "given_on": today, "method": "paper", "organisation_ids": [ggd], "valid_until": today + chrono::Duration::days(30)});
    assert_eq!(
        pm.post(&format!("/api/cases/{case}/consents"), consent)
            .await
            .status,
        201
    );

    let notes = format!("/api/cases/{case}/notes");
    assert_eq!(
        pm.post(
            &notes,
            json!({"body": "Voor het hele team: logopedie gestart.", "visibility": "team"})
        )
        .await
        .status,
        201
    );
    let res = pm.post(&notes, json!({"body": "Alleen Korein: gesprek met moeder gepland.", "visibility": "organisation"})).await;
    assert_eq!(res.status, 201);
    let mine: CaseDetail = res.json();
    assert_eq!(mine.notes.len(), 2, "the author sees both");
    assert_eq!(
        pm.post(&notes, json!({"body": "  ", "visibility": "team"}))
            .await
            .error()
            .field(),
        Some("body")
    );

    let mut jgz = app.client().await;
    assert_eq!(
        jgz.login("jgz@demo.zorgroute.nl", backend::demo::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let theirs: CaseDetail = jgz.get(&format!("/api/cases/{case}")).await.json();
    assert_eq!(
        theirs.notes.len(),
        1,
        "another organisation sees only the team note"
    );
    assert!(theirs.notes[0].body.contains("hele team"));

    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let export: shared::cases::CaseExport = coordinator
        .get(&format!("/api/cases/{case}/export"))
        .await
        .json();
    assert_eq!(
        export.case.notes.len(),
        2,
        "the parents' copy holds everything"
    );

    // Plan: a goal and an evaluation that schedules the next one six weeks ahead.
    assert_eq!(
        pm.post(
            &format!("/api/cases/{case}/goals"),
            json!({"goal": "Noemt 20 woorden"})
        )
        .await
        .status,
        201
    );
    let held = today - chrono::Duration::days(2);
    let res = pm
        .post(
            &format!("/api/cases/{case}/evaluations"),
            json!({"held_on": held, "summary": "Goede voortgang"}),
        )
        .await;
    assert_eq!(res.status, 201);
    let detail: CaseDetail = res.json();
    assert_eq!(detail.goals.len(), 1);
    assert_eq!(
        detail.card.next_evaluation_on,
        Some(held + chrono::Duration::weeks(6))
    );
    let res = pm
        .post(
            &format!("/api/cases/{case}/evaluations"),
            json!({"held_on": today + chrono::Duration::days(1), "summary": "x"}),
        )
        .await;
    assert_eq!(res.error().field(), Some("held_on"));

    // Tasks go to team members only; done once.
    let tasks = format!("/api/cases/{case}/tasks");
    let outsider = user_id(&app, "manager@demo.zorgroute.nl");
    let res = pm
        .post(
            &tasks,
            json!({"title": "Verslag sturen", "assignee_id": outsider}),
        )
        .await;
    assert_eq!(res.error().field(), Some("assignee_id"));
    let res = pm
        .post(
            &tasks,
            json!({"title": "Verslag sturen", "assignee_id": jgz_id, "due_on": today}),
        )
        .await;
    assert_eq!(res.status, 201);
    let detail: CaseDetail = res.json();
    let task = &detail.tasks[0];
    assert_eq!(task.assignee.as_deref(), Some("Ilse Verhoeven"));
    let done = format!("/api/cases/{case}/tasks/{}/done", task.id);
    let res = jgz.post(&done, json!({})).await;
    assert_eq!(res.status, 200);
    assert!(res.json::<CaseDetail>().tasks[0].done_at.is_some());
    assert_eq!(jgz.post(&done, json!({})).await.status, 404);
    for action in [
        "note.create",
        "plan.goal",
        "plan.evaluation",
        "task.create",
        "task.done",
    ] {
        assert!(
            log_lines(&app, case, action, "ok") >= 1,
            "{action} is logged"
        );
    }
}

/// A Korein case the demo professional is on, with JGZ on its team and the parents' consent
/// for the GGD valid for 30 days, and no task on any case (so a test counts only its own):
/// the case and the consent.
fn case_for_tasks(app: &TestApp) -> (Uuid, Uuid) {
    use backend::db::schema::{case_tasks, case_team};
    let mut conn = app.db.conn();
    diesel::delete(case_tasks::table)
        .execute(&mut conn)
        .unwrap();
    let (case, _) = korein_case_in(app, "zorgoverleg")
        .or_else(|| korein_case_in(app, "observatie"))
        .unwrap();
    diesel::insert_into(case_team::table)
        .values((
            case_team::case_id.eq(case),
            case_team::user_id.eq(user_id(app, "jgz@demo.zorgroute.nl")),
            case_team::role_in_case.eq("jeugdverpleegkundige"),
        ))
        .on_conflict_do_nothing()
        .execute(&mut conn)
        .unwrap();
    diesel::delete(consents::table.filter(consents::case_id.eq(case)))
        .execute(&mut conn)
        .unwrap();
    let today = shared::time::dutch_date(chrono::Utc::now());
    let consent = diesel::insert_into(consents::table)
        .values((
            consents::case_id.eq(case),
            consents::given_by.eq("Moeder"),
            consents::given_on.eq(today),
            consents::method.eq("paper"),
            consents::organisation_ids.eq(vec![org_id(
                app,
                "Jeugdgezondheidszorg GGD Brabant-Zuidoost",
            )]),
            consents::data_categories.eq(Vec::<String>::new()),
            consents::valid_until.eq(today + chrono::Duration::days(30)),
        ))
        .returning(consents::id)
        .get_result(&mut conn)
        .unwrap();
    (case, consent)
}

#[actix_web::test]
async fn own_open_tasks_come_from_every_case_one_may_see_and_only_while_one_may() {
    use backend::db::schema::case_tasks;
    use shared::cases::access_log::{Deed, Ground, LogPage};
    let app = TestApp::new();
    let (case, consent) = case_for_tasks(&app);
    let pm_id = user_id(&app, "professional@demo.zorgroute.nl");
    let jgz_id = user_id(&app, "jgz@demo.zorgroute.nl");
    let today = shared::time::dutch_date(chrono::Utc::now());
    let days = |n: i64| today + chrono::Duration::days(n);
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let detail: CaseDetail = c.get(&format!("/api/cases/{case}")).await.json();
    let tasks = format!("/api/cases/{case}/tasks");
    for (title, who, due) in [
        ("Verslag schrijven", pm_id, Some(days(10))),
        ("Ouders bellen", pm_id, Some(days(-2))),
        ("Dossier ordenen", pm_id, None),
        ("Al gedaan", pm_id, Some(days(-5))),
        ("Observatie plannen", jgz_id, Some(today)),
    ] {
        let res = c
            .post(
                &tasks,
                json!({"title": title, "assignee_id": who, "due_on": due}),
            )
            .await;
        assert_eq!(res.status, 201);
    }
    let done: Uuid = case_tasks::table
        .filter(case_tasks::title.eq("Al gedaan"))
        .select(case_tasks::id)
        .first(&mut app.db.conn())
        .unwrap();
    assert_eq!(
        c.post(&format!("{tasks}/{done}/done"), json!({}))
            .await
            .status,
        200
    );

    // The professional's open tasks, in the order of what is due first; not the done one, not
    // JGZ's.
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let lines_before = log_lines(&app, case, "list", "ok");
    let res = pm.get("/api/cases/my-tasks").await;
    assert_eq!(res.status, 200);
    let mine: Vec<MyTask> = res.json();
    let titles: Vec<&str> = mine.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Ouders bellen", "Verslag schrijven", "Dossier ordenen"]
    );
    let first = &mine[0];
    let card = detail.card;
    assert_eq!(
        (first.child.as_str(), first.due_on),
        (card.child.as_str(), Some(days(-2)))
    );
    assert_eq!(
        first.stage,
        detail
            .stages
            .iter()
            .find(|s| s.id == card.stage_id)
            .unwrap()
            .name
    );
    // Every case shown is in the access log, with the ground it was shown on.
    assert_eq!(log_lines(&app, case, "list", "ok"), lines_before + 1);
    let (data, basis): (String, String) = access_log::table
        .filter(access_log::case_id.eq(case))
        .filter(access_log::action.eq("list"))
        .filter(access_log::user_id.eq(pm_id))
        .order(access_log::id.desc())
        .select((access_log::data, access_log::basis))
        .first(&mut app.db.conn())
        .unwrap();
    assert_eq!(
        (data.as_str(), basis.as_str()),
        ("own open tasks: 3", "case team, own organisation")
    );

    // JGZ sees its task while the parents' consent covers the GGD …
    let mut jgz = app.client().await;
    jgz.login("jgz@demo.zorgroute.nl", backend::demo::DEMO_PASSWORD)
        .await;
    let theirs: Vec<MyTask> = jgz.get("/api/cases/my-tasks").await.json();
    assert!(
        theirs
            .iter()
            .any(|t| t.case_id == case && t.title == "Observatie plannen")
    );
    // … and not from the moment it is withdrawn.
    let res = c
        .post(
            &format!("/api/cases/{case}/consents/{consent}/withdraw"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200);
    let theirs: Vec<MyTask> = jgz.get("/api/cases/my-tasks").await.json();
    assert!(theirs.iter().all(|t| t.case_id != case));

    // Nobody else's tasks, whoever asks: the coordinator has none of their own.
    let coordinator_id = user_id(&app, "coordinator@demo.zorgroute.nl");
    let none: Vec<MyTask> = c.get("/api/cases/my-tasks").await.json();
    assert!(none.is_empty());
    let searched: i64 = access_log::table
        .filter(access_log::user_id.eq(coordinator_id))
        .filter(access_log::data.eq("own open tasks: none"))
        .count()
        .get_result(&mut app.db.conn())
        .unwrap();
    assert_eq!(searched, 1);
    // That line names no child, so it is in the logbook of the municipality the coordinator
    // works in, and in no other.
    let theirs = |page: LogPage| {
        page.lines.into_iter().any(|l| {
            l.case_id.is_none()
                && l.entry.deed() == Deed::TaskListSeen
                && l.entry.ground() == Ground::OwnTasks
                && l.entry.user_name.as_deref() == Some("Noor Jansen")
        })
    };
    assert!(theirs(c.logbook("").await));
    let mut h = app.client().await;
    h.login_heerlen_coordinator(&app).await;
    assert!(!theirs(h.logbook("").await));
    // An anonymised case's tasks are gone with its identity.
    assert_eq!(
        c.post(&format!("/api/cases/{case}/anonymise"), json!({}))
            .await
            .status,
        204
    );
    let mine: Vec<MyTask> = pm.get("/api/cases/my-tasks").await.json();
    assert!(mine.iter().all(|t| t.case_id != case));
}

#[actix_web::test]
async fn the_morning_mail_counts_due_tasks_once_a_day_names_no_child_and_can_be_turned_off() {
    use backend::cases::reminders::send_due;
    let app = TestApp::new();
    let (case, consent) = case_for_tasks(&app);
    let pm_id = user_id(&app, "professional@demo.zorgroute.nl");
    let jgz_id = user_id(&app, "jgz@demo.zorgroute.nl");
    let today = shared::time::dutch_date(chrono::Utc::now());
    let days = |n: i64| today + chrono::Duration::days(n);
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let detail: CaseDetail = c.get(&format!("/api/cases/{case}")).await.json();
    for (who, due) in [
        (pm_id, days(-3)),
        (pm_id, today),
        (pm_id, days(1)),
        (jgz_id, days(-1)),
    ] {
        let res = c
            .post(
                &format!("/api/cases/{case}/tasks"),
                json!({"title": "Verslag sturen", "assignee_id": who, "due_on": due}),
            )
            .await;
        assert_eq!(res.status, 201);
    }
    // The parents withdraw their consent: JGZ's task no longer counts for JGZ.
    let res = c
        .post(
            &format!("/api/cases/{case}/consents/{consent}/withdraw"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200);
    let mails = |app: &TestApp| mails_like(app, "Uw taken%");
    let url = "https://zorgroute.example";
    assert_eq!(send_due(&mut app.db.conn(), url, today).unwrap(), 1);
    let sent = mails(&app);
    assert_eq!(sent.len(), 1);
    let (to, body) = &sent[0];
    assert_eq!(to, "professional@demo.zorgroute.nl");
    assert!(
        body.contains("1 taak die te laat is en 1 taak voor vandaag"),
        "{body}"
    );
    assert!(body.contains("https://zorgroute.example/bord/taken"));
    let child = detail.card.child.split(' ').next().unwrap().to_owned();
    assert!(
        !body.contains(&child) && !body.contains("Verslag"),
        "{body}"
    );
    // Once a day, however often the job runs (and on however many servers).
    assert_eq!(send_due(&mut app.db.conn(), url, today).unwrap(), 0);

    // Turned off, none the next day; on again, the next day's counts.
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(
        pm.get("/api/cases/my-tasks/mail").await.json::<Value>(),
        json!({"on": true, "on_new_work": true})
    );
    let off = pm
        .send(
            TestRequest::put()
                .uri("/api/cases/my-tasks/mail")
                .set_json(json!({"on": false})),
        )
        .await;
    assert_eq!(off.status, 200);
    assert_eq!(
        pm.get("/api/cases/my-tasks/mail").await.json::<Value>(),
        json!({"on": false, "on_new_work": true})
    );
    assert_eq!(send_due(&mut app.db.conn(), url, days(1)).unwrap(), 0);
    let on = pm
        .send(
            TestRequest::put()
                .uri("/api/cases/my-tasks/mail")
                .set_json(json!({"on": true})),
        )
        .await;
    assert_eq!(on.status, 200);
    assert_eq!(send_due(&mut app.db.conn(), url, days(2)).unwrap(), 1);
    let last = mails(&app).pop().unwrap().1;
    assert!(
        last.contains("3 taken die te laat zijn en 0 taken voor vandaag"),
        "{last}"
    );
}

/// The mails in the outbox with a subject like `subject`: (to, body), oldest first.
fn mails_like(app: &TestApp, subject: &str) -> Vec<(String, String)> {
    use backend::db::schema::outbox;
    outbox::table
        .filter(outbox::subject.like(subject))
        .order(outbox::created_at)
        .select((outbox::to_address, outbox::body))
        .load(&mut app.db.conn())
        .unwrap()
}

#[actix_web::test]
async fn a_task_given_by_someone_else_is_told_by_mail_unless_turned_off() {
    let app = TestApp::new();
    let (case, _) = case_for_tasks(&app);
    let pm_id = user_id(&app, "professional@demo.zorgroute.nl");
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    let child: CaseDetail = c.get(&format!("/api/cases/{case}")).await.json();
    let child = child.card.child.split(' ').next().unwrap().to_owned();
    let give = |title: &str, to: Uuid| json!({"title": title, "assignee_id": to});
    let tasks = format!("/api/cases/{case}/tasks");
    assert_eq!(
        c.post(&tasks, give("Verslag sturen", pm_id)).await.status,
        201
    );
    let told = mails_like(&app, "Een taak voor u%");
    assert_eq!(told.len(), 1);
    let (to, body) = &told[0];
    assert_eq!(to, "professional@demo.zorgroute.nl");
    assert!(
        body.contains("Noor Jansen heeft een taak voor u klaargezet"),
        "{body}"
    );
    assert!(body.contains(&format!(
        "{}/bord/taken",
        app.state.config.public_url.trim_end_matches('/')
    )));
    assert!(
        !body.contains(&child) && !body.contains("Verslag"),
        "{body}"
    );

    // Her own task, and a task without anyone: no mail.
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    assert_eq!(
        pm.post(&tasks, give("Zelf bellen", pm_id)).await.status,
        201
    );
    assert_eq!(
        pm.post(&tasks, json!({"title": "Iemand"})).await.status,
        201
    );
    assert_eq!(mails_like(&app, "Een taak voor u%").len(), 1);

    // Turned off (the morning mail stays on): no mail; on again: the next one is told.
    let choose = |wanted: Value| {
        TestRequest::put()
            .uri("/api/cases/my-tasks/mail")
            .set_json(wanted)
    };
    let off = pm
        .send(choose(json!({"on": true, "on_new_work": false})))
        .await;
    assert_eq!(off.status, 200);
    assert_eq!(
        pm.get("/api/cases/my-tasks/mail").await.json::<Value>(),
        json!({"on": true, "on_new_work": false})
    );
    assert_eq!(
        c.post(&tasks, give("Nog een verslag", pm_id)).await.status,
        201
    );
    assert_eq!(mails_like(&app, "Een taak voor u%").len(), 1);
    let on = pm
        .send(choose(json!({"on": true, "on_new_work": true})))
        .await;
    assert_eq!(on.status, 200);
    assert_eq!(
        c.post(&tasks, give("Derde verslag", pm_id)).await.status,
        201
    );
    assert_eq!(mails_like(&app, "Een taak voor u%").len(), 2);
}

/// The demo professional's organisation (Korein) and one of its locations.
fn professional_location(app: &TestApp) -> (Uuid, Uuid) {
    use backend::db::schema::{locations, memberships, organisations};
    let conn = &mut app.db.conn();
    let own: Uuid = memberships::table
        .inner_join(users::table)
        .inner_join(
            organisations::table.on(memberships::organisation_id.eq(organisations::id.nullable())),
        )
        .filter(users::email.eq("professional@demo.zorgroute.nl"))
        .filter(memberships::role.eq("professional"))
        .select(organisations::id)
        .first(conn)
        .unwrap();
    let location = locations::table
        .filter(locations::organisation_id.eq(own))
        .select(locations::id)
        .first(conn)
        .unwrap();
    (own, location)
}

#[actix_web::test]
async fn a_professional_signals_a_child_who_starts_on_the_first_stage_with_the_parents_contact() {
    use backend::db::schema::{case_guardians, locations};
    let app = TestApp::new();
    let (own, location) = professional_location(&app);
    let foreign: Uuid = locations::table
        .filter(locations::organisation_id.ne(own))
        .select(locations::id)
        .first(&mut app.db.conn())
        .unwrap();
    let signal = |location: Uuid| {
        json!({"child_first_name": " noor ", "child_initial": "j.", "birth_date": "2024-05-01",
            "location_id": location, "concerns": ["spraak_taal", "spraak_taal", "gedrag"],
            "ve_indication": true,
            "guardians": [{"name": "Fatima J.", "relation": "moeder", "phone": "06 1234 5678"}]})
    };
    let count =
        |app: &TestApp| -> i64 { cases::table.count().get_result(&mut app.db.conn()).unwrap() };
    let before = count(&app);

    let mut pm = app.client().await;
    pm.login_as("professional").await;
    // Refused, and nothing written: a location of another organisation, an unknown one, bad input.
    assert_eq!(pm.post("/api/cases", signal(foreign)).await.status, 403);
    let unknown = pm.post("/api/cases", signal(Uuid::new_v4())).await;
    assert_eq!(
        (unknown.status, unknown.error().field()),
        (422, Some("location_id"))
    );
    let mut young = signal(location);
    young["birth_date"] =
        json!(shared::time::dutch_date(chrono::Utc::now()) + chrono::Duration::days(1));
    let res = pm.post("/api/cases", young).await;
    assert_eq!((res.status, res.error().field()), (422, Some("birth_date")));
    let mut no_contact = signal(location);
    no_contact["guardians"][0]["phone"] = json!("");
    let res = pm.post("/api/cases", no_contact).await;
    assert_eq!(
        (res.status, res.error().field()),
        (422, Some("guardians.phone"))
    );
    let mut manager = app.client().await;
    manager.login_as("manager").await;
    assert_eq!(
        manager.post("/api/cases", signal(location)).await.status,
        403
    );
    let mut other = app.client().await;
    other.login_heerlen_coordinator(&app).await;
    assert_eq!(other.post("/api/cases", signal(location)).await.status, 403);
    assert_eq!(count(&app), before, "nothing refused was written");

    // Accepted: first stage, one history line, the signaller as mentor, the parent's contact.
    let res = pm.post("/api/cases", signal(location)).await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    let detail: CaseDetail = res.json();
    let case = detail.card.id;
    assert_eq!(detail.card.child, "Noor J.", "kept tidy: ' noor ', 'j.'");
    assert_eq!(detail.card.stage_id, stage(&app, "signalering"));
    assert_eq!(detail.card.concerns, ["gedrag", "spraak_taal"]);
    assert!(detail.card.location.is_some());
    assert_eq!(detail.card.mentor.as_deref(), Some("Sanne de Vries"));
    assert_eq!(detail.history.len(), 1);
    assert_eq!(detail.history[0].from_stage, None);
    assert_eq!(detail.team.len(), 1);
    assert_eq!(detail.guardians.len(), 1);
    assert_eq!(detail.guardians[0].phone, "06 1234 5678");
    assert_eq!(count(&app), before + 1);
    let board: Board = pm.get("/api/cases/board").await.json();
    assert!(
        board.cards.iter().any(|c| c.id == case),
        "on the signaller's board"
    );
    assert_eq!(
        log_lines(&app, case, "create", "ok"),
        1,
        "the access log has the creation"
    );

    // A second parent later; the coordinator sees both; anonymising removes them.
    let res = pm
        .post(
            &format!("/api/cases/{case}/guardians"),
            json!({"name": "Karim J.", "email": "karim@example.nl"}),
        )
        .await;
    assert_eq!(res.status, 201);
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let seen: CaseDetail = coordinator.get(&format!("/api/cases/{case}")).await.json();
    assert_eq!(
        seen.guardians
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>(),
        ["Fatima J.", "Karim J."]
    );
    // A wrong contact is removed (not by a manager; a second try finds nothing).
    let first = seen.guardians[0].id.unwrap();
    let path = format!("/api/cases/{case}/guardians/{first}");
    assert_eq!(manager.delete(&path).await.status, 403);
    let removed = pm.delete(&path).await;
    assert_eq!(removed.status, 200);
    assert_eq!(removed.json::<CaseDetail>().guardians.len(), 1);
    assert_eq!(pm.delete(&path).await.status, 404);
    assert_eq!(log_lines(&app, case, "guardian.delete", "ok"), 1);
    assert_eq!(
        coordinator
            .post(&format!("/api/cases/{case}/anonymise"), json!({}))
            .await
            .status,
        204
    );
    let left: i64 = case_guardians::table
        .filter(case_guardians::case_id.eq(case))
        .count()
        .get_result(&mut app.db.conn())
        .unwrap();
    assert_eq!(left, 0, "no parent's contact survives anonymisation");
}

/// A new child ("Sem V.", no consent yet) signalled by the demo professional at a location of
/// her own organisation.
async fn new_child(app: &TestApp) -> Uuid {
    let (_, location) = professional_location(app);
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let created = pm
        .post(
            "/api/cases",
            json!({"child_first_name": "Sem", "child_initial": "V", "birth_date": "2024-01-15",
                "location_id": location}),
        )
        .await;
    assert_eq!(created.status, 201);
    created.json::<CaseDetail>().card.id
}

#[actix_web::test]
async fn the_own_organisation_builds_the_team_and_partners_see_the_case_only_with_consent() {
    let app = TestApp::new();
    let case = new_child(&app).await;
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let jgz = user_id(&app, "jgz@demo.zorgroute.nl");
    let pm_id = user_id(&app, "professional@demo.zorgroute.nl");
    let manager = user_id(&app, "manager@demo.zorgroute.nl");

    let candidates: Vec<shared::cases::TeamCandidate> = pm
        .get(&format!("/api/cases/{case}/team/candidates"))
        .await
        .json();
    let nurse = candidates
        .iter()
        .find(|c| c.user_id == jgz)
        .expect("the JGZ nurse may join");
    assert!(!nurse.sees_case, "no consent covers the GGD yet");
    assert!(
        candidates.iter().all(|c| c.user_id != pm_id),
        "not who is on the team already"
    );
    assert!(
        candidates.iter().all(|c| c.user_id != manager),
        "only professionals"
    );

    let team = format!("/api/cases/{case}/team");
    let add = |user: Uuid| json!({"user_id": user, "role_in_case": "JGZ-verpleegkundige"});
    assert_eq!(
        pm.post(&team, add(manager)).await.status,
        422,
        "not a candidate"
    );
    assert_eq!(
        pm.post(&team, json!({"user_id": jgz, "role_in_case": " "}))
            .await
            .status,
        422
    );
    let added = pm.post(&team, add(jgz)).await;
    assert_eq!(added.status, 201);
    assert_eq!(added.json::<CaseDetail>().team.len(), 2);
    // She hears of it by mail: who added her and where to look, not the child.
    let told = mails_like(&app, "Nieuw in een team%");
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, "jgz@demo.zorgroute.nl");
    assert!(
        told[0]
            .1
            .contains("Sanne de Vries heeft u toegevoegd aan het team rond een kind")
    );
    assert!(told[0].1.contains("/bord\n"));
    assert!(!told[0].1.contains("Sem"), "{}", told[0].1);
    assert_eq!(
        pm.post(&team, add(jgz)).await.status,
        422,
        "already on the team"
    );

    // On the team, but the case is not theirs to see until the parents consent.
    let mut nurse = app.client().await;
    nurse.login_as("jgz").await;
    assert_eq!(nurse.get(&format!("/api/cases/{case}")).await.status, 404);
    assert_eq!(nurse.get(&format!("{team}/candidates")).await.status, 404);
    let today = shared::time::dutch_date(chrono::Utc::now());
    let ggd = org_id(&app, "Jeugdgezondheidszorg GGD Brabant-Zuidoost");
    let consent = pm
        .post(
            &format!("/api/cases/{case}/consents"),
            json!({"given_by": "Moeder", "given_on": today, "method": "paper",
                "organisation_ids": [ggd], "valid_until": today + chrono::Duration::days(180)}),
        )
        .await;
    assert_eq!(consent.status, 201);
    assert_eq!(nurse.get(&format!("/api/cases/{case}")).await.status, 200);
    // A partner who sees the case by consent does not decide who else does.
    assert_eq!(nurse.get(&format!("{team}/candidates")).await.status, 403);
    assert_eq!(nurse.delete(&format!("{team}/{pm_id}")).await.status, 403);
    assert_eq!(log_lines(&app, case, "team.remove", "denied"), 1);

    // The need, at a known version: the partner may not change it, a stale version changes
    // nothing (409), the mentor must be on the team.
    let profile = format!("/api/cases/{case}/profile");
    let version = |app: &TestApp| -> i32 {
        cases::table
            .find(case)
            .select(cases::version)
            .first(&mut app.db.conn())
            .unwrap()
    };
    let v = version(&app);
    let change = |v: i32, mentor: Uuid| {
        json!({"expected_version": v, "concerns": ["spraak_taal"], "ve_indication": true,
            "need_category": "not_fitting", "support_level": "outside_group", "mentor_id": mentor})
    };
    let put = |body: Value| TestRequest::put().uri(&profile).set_json(body);
    assert_eq!(nurse.send(put(change(v, jgz))).await.status, 403);
    assert_eq!(
        pm.send(put(change(v, manager))).await.status,
        422,
        "not on the team"
    );
    let stale = pm.send(put(change(v - 1, jgz))).await;
    assert_eq!(stale.status, 409);
    assert_eq!(version(&app), v, "nothing changed");
    let changed = pm.send(put(change(v, jgz))).await;
    assert_eq!(changed.status, 200);
    let detail: CaseDetail = changed.json();
    assert_eq!(detail.mentor_id, Some(jgz));
    assert_eq!(detail.card.version, v + 1);
    assert_eq!(
        detail.card.need_category,
        Some(shared::cases::NeedCategory::NotFitting)
    );
    assert_eq!(detail.card.concerns, ["spraak_taal"]);

    // Taken off the team: the case is gone from their board at once; the last member stays.
    let removed = pm.delete(&format!("{team}/{jgz}")).await;
    assert_eq!(removed.status, 200);
    assert_eq!(
        removed.json::<CaseDetail>().mentor_id,
        None,
        "no longer the mentor"
    );
    assert_eq!(nurse.get(&format!("/api/cases/{case}")).await.status, 404);
    let board: Board = nurse.get("/api/cases/board").await.json();
    assert!(board.cards.iter().all(|c| c.id != case));
    assert_eq!(pm.delete(&format!("{team}/{pm_id}")).await.status, 422);
    assert_eq!(log_lines(&app, case, "team.add", "ok"), 1);
    assert_eq!(log_lines(&app, case, "team.remove", "ok"), 1);
}

#[actix_web::test]
async fn guessing_consent_links_is_throttled_per_client() {
    let app = TestApp::with_env(&[("LINK_BURST_PER_IP", "3")]);
    let mut someone = app.client().await;
    let guess = |n: u32| json!({"token": format!("raden-{n}")});
    for n in 0..3 {
        let res = someone.post("/api/consent/view", guess(n)).await;
        assert_eq!(res.status, 404);
    }
    // Answering counts as well; the refusal says how long to wait.
    let res = someone
        .post(
            "/api/consent/answer",
            json!({"token": "raden", "given_by": "X", "agree": true}),
        )
        .await;
    assert_eq!(res.status, 429);
    let body = res.error();
    assert_eq!(body.code, ErrorCode::RateLimited);
    assert!(body.details.unwrap()["retry_after_secs"].as_u64().unwrap() >= 1);
    assert_eq!(
        someone.post("/api/consent/view", guess(9)).await.status,
        429
    );
}

/// The token of the newest consent request mailed to `to` (from the link in the mail).
fn mailed_token(app: &TestApp, to: &str) -> String {
    let (_, body) = mails_like(app, "Uw toestemming gevraagd%")
        .into_iter()
        .rev()
        .find(|(address, _)| address == to)
        .unwrap_or_else(|| panic!("no consent request mailed to {to}"));
    let link = body
        .split_whitespace()
        .find(|w| w.contains("/toestemming#"))
        .unwrap_or_else(|| panic!("no link in {body}"));
    link.split('#').nth(1).unwrap().to_owned()
}

#[actix_web::test]
async fn parents_answer_a_mailed_consent_request_once_and_the_consent_gate_follows() {
    use backend::db::schema::{access_log, consent_requests};
    let app = TestApp::new();
    let case = new_child(&app).await;
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let jgz = user_id(&app, "jgz@demo.zorgroute.nl");
    let team = format!("/api/cases/{case}/team");
    let added = pm
        .post(&team, json!({"user_id": jgz, "role_in_case": "JGZ"}))
        .await;
    assert_eq!(added.status, 201);
    let ggd = org_id(&app, "Jeugdgezondheidszorg GGD Brabant-Zuidoost");
    let today = shared::time::dutch_date(chrono::Utc::now());
    let asks = format!("/api/cases/{case}/consent-requests");
    let ask = |email: &str, orgs: Vec<Uuid>| {
        json!({"guardian_name": "Fatima", "email": email, "organisation_ids": orgs,
            "valid_until": today + chrono::Duration::days(180)})
    };
    // Only organisations that serve the municipality, and a real address.
    let refused = pm
        .post(&asks, ask("fatima@example.nl", vec![Uuid::new_v4()]))
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(pm.post(&asks, ask("fatima", vec![ggd])).await.status, 422);
    assert_eq!(
        pm.post(&asks, ask("fatima@example.nl", vec![ggd]))
            .await
            .status,
        201
    );

    // The mail says who asks and for whom, with the link; not the child.
    let (_, body) = mails_like(&app, "Uw toestemming gevraagd%").pop().unwrap();
    assert!(
        body.contains("Jeugdgezondheidszorg GGD Brabant-Zuidoost"),
        "{body}"
    );
    assert!(!body.contains("Sem"), "{body}");
    let token = mailed_token(&app, "fatima@example.nl");
    let requests: Vec<Value> = pm.get(&asks).await.json();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["state"], "open");
    let mut nurse = app.client().await;
    nurse.login_as("jgz").await;
    assert_eq!(nurse.get(&format!("/api/cases/{case}")).await.status, 404);

    // The parent, without an account: a wrong link shows nothing; hers shows what is asked.
    let mut parent = app.client().await;
    let view = |token: &str| json!({"token": token});
    assert_eq!(
        parent.post("/api/consent/view", view("raden")).await.status,
        404
    );
    let shown = parent.post("/api/consent/view", view(&token)).await;
    assert_eq!(shown.status, 200);
    let shown: Value = shown.json();
    assert_eq!(shown["child"], "Sem V.");
    assert_eq!(
        shown["partners"],
        json!(["Jeugdgezondheidszorg GGD Brabant-Zuidoost"])
    );
    let answer = |token: &str, name: &str, agree: bool| json!({"token": token, "given_by": name, "agree": agree});
    assert_eq!(
        parent
            .post("/api/consent/answer", answer(&token, " ", true))
            .await
            .status,
        422
    );
    let given = parent
        .post(
            "/api/consent/answer",
            answer(&token, "Fatima El Amrani", true),
        )
        .await;
    assert_eq!(given.status, 200);
    assert_eq!(given.json::<Value>(), json!({"state": "given"}));
    // Whoever asked hears of it by mail: yes, and the case's page; no child, no parent.
    let told = |agreed: &str| {
        mails_like(&app, "Antwoord op uw vraag om toestemming%")
            .into_iter()
            .filter(|(to, body)| to == "professional@demo.zorgroute.nl" && body.contains(agreed))
            .count()
    };
    assert_eq!(told("toestemming ja gezegd"), 1);
    let (_, body) = mails_like(&app, "Antwoord op uw vraag%").pop().unwrap();
    assert!(body.contains(&format!("/bord/casus/{case}\n")), "{body}");
    assert!(!body.contains("Fatima") && !body.contains("Sem"), "{body}");
    // Answered once; from now on the link shows the yes, to withdraw it.
    let shown = parent.post("/api/consent/view", view(&token)).await;
    assert_eq!(shown.status, 200);
    let shown: Value = shown.json();
    assert_eq!(shown["state"], "given");
    assert_eq!(shown["given_on"], json!(today));
    assert_eq!(
        parent
            .post("/api/consent/answer", answer(&token, "Fatima", false))
            .await
            .status,
        404
    );
    // The consent is the GGD's gate: the nurse sees the child now.
    let seen = nurse.get(&format!("/api/cases/{case}")).await;
    assert_eq!(seen.status, 200);
    let consent = &seen.json::<CaseDetail>().consents[0];
    assert_eq!(consent.given_by, "Fatima El Amrani");
    assert_eq!(consent.method, shared::cases::ConsentMethod::Digital);
    assert_eq!(consent.organisation_ids, vec![ggd]);
    // Logged in the parent's name, without a user.
    let logged_by = |action: &str| -> (Option<String>, Option<String>, Option<Uuid>) {
        access_log::table
            .filter(access_log::case_id.eq(case))
            .filter(access_log::action.eq(action))
            .select((
                access_log::user_name,
                access_log::user_role,
                access_log::user_id,
            ))
            .first(&mut app.db.conn())
            .unwrap()
    };
    let (who, role, user) = logged_by("consent.answer");
    assert_eq!(who.as_deref(), Some("Fatima El Amrani"));
    assert_eq!(role.as_deref(), Some("parent (mailed link)"));
    assert_eq!(user, None);
    let logged: Vec<String> = access_log::table
        .filter(access_log::case_id.eq(case))
        .select(access_log::data)
        .load(&mut app.db.conn())
        .unwrap();
    assert!(
        logged.iter().all(|d| !d.contains("fatima@")),
        "no parent's address in the append-only log: {logged:?}"
    );

    // Withdrawing is as easy as giving: the same link, at once; the nurse no longer sees the
    // child; logged in the parent's name; whoever asked is told.
    let withdraw = |token: &str| json!({"token": token});
    assert_eq!(
        parent
            .post("/api/consent/withdraw", withdraw("raden"))
            .await
            .status,
        404
    );
    let res = parent.post("/api/consent/withdraw", withdraw(&token)).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json::<Value>(), json!({"state": "withdrawn"}));
    assert_eq!(nurse.get(&format!("/api/cases/{case}")).await.status, 404);
    let file: CaseDetail = pm.get(&format!("/api/cases/{case}")).await.json();
    assert!(file.consents[0].withdrawn_at.is_some());
    assert_eq!(log_lines(&app, case, "consent.withdraw", "ok"), 1);
    let (who, _, user) = logged_by("consent.withdraw");
    assert_eq!(who.as_deref(), Some("Fatima El Amrani"));
    assert_eq!(user, None);
    // The overview parents are given says what the parent did, on their link's authority.
    use shared::cases::access_log::{Deed, Ground};
    let by_parent: Vec<Deed> = backend::audit::for_case(&mut app.db.conn(), case)
        .unwrap()
        .into_iter()
        .filter(|l| l.ground() == Ground::ParentLink)
        .map(|l| l.deed())
        .collect();
    for deed in [
        Deed::ConsentLinkOpened,
        Deed::ConsentGivenByParent,
        Deed::ConsentWithdrawnByParent,
    ] {
        assert!(by_parent.contains(&deed), "{deed:?} in {by_parent:?}");
    }
    assert_eq!(told("de toestemming nu ingetrokken"), 1);
    let shown: Value = parent.post("/api/consent/view", view(&token)).await.json();
    assert_eq!(shown["state"], "withdrawn");
    assert_eq!(
        parent
            .post("/api/consent/withdraw", withdraw(&token))
            .await
            .status,
        404,
        "once"
    );

    // A "no" records no consent; a request taken back or not answered in time cannot be used.
    assert_eq!(
        pm.post(&asks, ask("vader@example.nl", vec![ggd]))
            .await
            .status,
        201
    );
    let no = mailed_token(&app, "vader@example.nl");
    // Whoever asked has no account any more: the child's mentor is told instead.
    diesel::update(consent_requests::table.filter(consent_requests::email.eq("vader@example.nl")))
        .set(consent_requests::asked_by.eq(None::<Uuid>))
        .execute(&mut app.db.conn())
        .unwrap();
    diesel::update(cases::table.find(case))
        .set(cases::mentor_id.eq(Some(jgz)))
        .execute(&mut app.db.conn())
        .unwrap();
    let before: CaseDetail = pm.get(&format!("/api/cases/{case}")).await.json();
    let mut with_message = answer(&no, "Yusuf", false);
    with_message["message"] = json!("x".repeat(501));
    let res = parent
        .post("/api/consent/answer", with_message.clone())
        .await;
    assert_eq!(res.status, 422, "a message of at most 500 characters");
    with_message["message"] = json!(" Bel mij eerst even. ");
    let res = parent.post("/api/consent/answer", with_message).await;
    assert_eq!(res.json::<Value>(), json!({"state": "refused"}));
    assert_eq!(
        parent.post("/api/consent/view", view(&no)).await.status,
        404,
        "a no uses the link up"
    );
    let file: CaseDetail = pm.get(&format!("/api/cases/{case}")).await.json();
    assert_eq!(file.consents.len(), 1);
    assert!(
        file.revision > before.revision,
        "a page showing the case learns of the no"
    );
    let (to, body) = mails_like(&app, "Antwoord op uw vraag%").pop().unwrap();
    assert_eq!(to, "jgz@demo.zorgroute.nl");
    assert!(body.contains("nee gezegd"), "{body}");
    let listed: Vec<shared::cases::consent_requests::ConsentRequest> = pm.get(&asks).await.json();
    assert_eq!(
        listed[0].state,
        shared::cases::consent_requests::RequestState::Refused
    );
    assert!(listed[0].answered_at.is_some());
    assert_eq!(listed[0].message.as_deref(), Some("Bel mij eerst even."));
    assert_eq!(listed[1].message, None);
    assert_eq!(listed[0].asked_by, None);
    assert_eq!(listed[1].asked_by.as_deref(), Some("Sanne de Vries"));
    assert_eq!(listed[1].consent_id, Some(file.consents[0].id));
    assert_eq!(
        pm.post(&asks, ask("oma@example.nl", vec![ggd]))
            .await
            .status,
        201
    );
    let taken_back = mailed_token(&app, "oma@example.nl");
    assert_eq!(
        parent
            .post("/api/consent/withdraw", withdraw(&taken_back))
            .await
            .status,
        404,
        "nothing to withdraw before a yes"
    );
    let id = newest(&app, "consent_requests", case);
    let cancel = format!("{asks}/{id}/cancel");
    assert_eq!(pm.post(&cancel, json!({})).await.status, 200);
    assert_eq!(pm.post(&cancel, json!({})).await.status, 404);
    assert_eq!(
        parent
            .post("/api/consent/view", view(&taken_back))
            .await
            .status,
        404
    );
    assert_eq!(
        pm.post(&asks, ask("opa@example.nl", vec![ggd]))
            .await
            .status,
        201
    );
    let late = mailed_token(&app, "opa@example.nl");
    diesel::update(consent_requests::table.filter(consent_requests::email.eq("opa@example.nl")))
        .set(consent_requests::expires_at.eq(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .execute(&mut app.db.conn())
        .unwrap();
    assert_eq!(
        parent.post("/api/consent/view", view(&late)).await.status,
        404
    );
    // Whoever asked hears once that the parent did not answer in time.
    use backend::cases::consent_requests::tell_expired;
    assert_eq!(tell_expired(&mut app.db.conn(), "http://x").unwrap(), 1);
    assert_eq!(tell_expired(&mut app.db.conn(), "http://x").unwrap(), 0);
    let (to, body) = mails_like(&app, "Geen antwoord op uw vraag%")
        .pop()
        .unwrap();
    assert_eq!(to, "professional@demo.zorgroute.nl");
    assert!(body.contains("niet binnen 14 dagen geantwoord"), "{body}");
    let states: Vec<String> = pm
        .get(&asks)
        .await
        .json::<Vec<Value>>()
        .iter()
        .map(|r| r["state"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(states, ["expired", "cancelled", "refused", "withdrawn"]);

    // The parents' export holds the requests, with what the parent added.
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let export: shared::cases::CaseExport = coordinator
        .get(&format!("/api/cases/{case}/export"))
        .await
        .json();
    assert_eq!(export.consent_requests.len(), 4);
    assert!(
        export
            .consent_requests
            .iter()
            .any(|r| r.message.as_deref() == Some("Bel mij eerst even."))
    );
    // Anonymising the case removes the requests (names, addresses).
    let res = coordinator
        .post(&format!("/api/cases/{case}/anonymise"), json!({}))
        .await;
    assert!(res.status < 300, "{}", res.status);
    let left: i64 = consent_requests::table
        .filter(consent_requests::case_id.eq(case))
        .count()
        .get_result(&mut app.db.conn())
        .unwrap();
    assert_eq!(left, 0);
}

#[actix_web::test]
async fn a_parent_who_has_not_answered_is_reminded_once_with_a_link_of_its_own() {
    use backend::cases::consent_requests::remind_parents;
    use backend::db::schema::consent_requests;
    let app = TestApp::new();
    let case = new_child(&app).await;
    let mut pm = app.client().await;
    pm.login_as("professional").await;
    let ggd = org_id(&app, "Jeugdgezondheidszorg GGD Brabant-Zuidoost");
    let today = shared::time::dutch_date(chrono::Utc::now());
    let asks = format!("/api/cases/{case}/consent-requests");
    for email in ["fatima@example.nl", "vader@example.nl", "oma@example.nl"] {
        let ask = json!({"guardian_name": "Fatima", "email": email, "organisation_ids": [ggd],
            "valid_until": today + chrono::Duration::days(180)});
        assert_eq!(pm.post(&asks, ask).await.status, 201);
    }
    let first = mailed_token(&app, "fatima@example.nl");
    let remind = || remind_parents(&mut app.db.conn(), "http://x").unwrap();
    assert_eq!(remind(), 0, "not before ten days");
    // Ten days on, all three unanswered; the father's request has less than a day left, and
    // the grandmother says no meanwhile.
    let now = chrono::Utc::now();
    let days = chrono::Duration::days;
    diesel::update(consent_requests::table.filter(consent_requests::case_id.eq(case)))
        .set(consent_requests::asked_at.eq(now - days(10) - chrono::Duration::minutes(1)))
        .execute(&mut app.db.conn())
        .unwrap();
    diesel::update(consent_requests::table.filter(consent_requests::email.eq("vader@example.nl")))
        .set(consent_requests::expires_at.eq(now + chrono::Duration::hours(12)))
        .execute(&mut app.db.conn())
        .unwrap();
    let mut parent = app.client().await;
    let no =
        json!({"token": mailed_token(&app, "oma@example.nl"), "given_by": "Oma", "agree": false});
    assert_eq!(parent.post("/api/consent/answer", no).await.status, 200);

    assert_eq!(remind(), 1);
    assert_eq!(remind(), 0, "once");
    let reminders = mails_like(&app, "Herinnering: uw toestemming gevraagd%");
    assert_eq!(reminders.len(), 1);
    let (to, body) = &reminders[0];
    assert_eq!(to, "fatima@example.nl");
    assert!(body.contains("U heeft nog niet geantwoord"), "{body}");
    assert!(!body.contains("Sem"), "no child named: {body}");
    let second = body
        .split_whitespace()
        .find_map(|w| w.split_once("/toestemming#").map(|(_, t)| t.to_owned()))
        .unwrap();
    assert_ne!(second, first, "a link of its own");
    // Both links open the question; the team sees when the parent was reminded.
    for token in [&first, &second] {
        let res = parent
            .post("/api/consent/view", json!({"token": token}))
            .await;
        assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    }
    let listed: Vec<shared::cases::consent_requests::ConsentRequest> = pm.get(&asks).await.json();
    let reminded: Vec<&str> = listed
        .iter()
        .filter(|r| r.reminded_at.is_some())
        .map(|r| r.email.as_str())
        .collect();
    assert_eq!(reminded, ["fatima@example.nl"]);
    // The reminder's link answers as the first one would.
    let yes = json!({"token": second, "given_by": "Fatima El Amrani", "agree": true});
    assert_eq!(parent.post("/api/consent/answer", yes).await.status, 200);
    let shown: Value = parent
        .post("/api/consent/view", json!({"token": first}))
        .await
        .json();
    assert_eq!(shown["state"], "given");
}

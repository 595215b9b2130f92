//! Accounts to the standard of a care system (issue 6): invitations, password reset, TOTP, sessions,
//! deactivation, auth events, the change log, trusted proxies and the hardening headers.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::helpers::TestApp;
use actix_web::test::TestRequest;
use backend::db::schema::{admin_changes, auth_events, invitations, municipalities, organisations};
use diesel::prelude::*;
use serde_json::{Value, json};
use shared::auth::{Me, SecondFactor};
use shared::error::ErrorCode;
use uuid::Uuid;

const GOOD_PASSWORD: &str = "Zonnebloem-Route-42";

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

/// The code an authenticator app shows for `secret` (base32) at `time`.
fn code(secret: &str, time: u64) -> String {
    let bytes = totp_rs::Secret::try_from_base32(secret).unwrap();
    backend::auth::second_factor::code_at(&bytes, time)
}

fn ids(app: &TestApp, municipality: &str, organisation: &str) -> (Uuid, Uuid) {
    let conn = &mut app.db.conn();
    let m = municipalities::table
        .filter(municipalities::slug.eq(municipality))
        .select(municipalities::id)
        .first(conn)
        .unwrap();
    let o = organisations::table
        .filter(organisations::name.eq(organisation))
        .select(organisations::id)
        .first(conn)
        .unwrap();
    (m, o)
}

/// The token of the newest mail to `to` that holds a link with `path` (read from the outbox).
fn link_token(app: &TestApp, to: &str, path: &str) -> String {
    use backend::db::schema::outbox;
    let bodies: Vec<String> = outbox::table
        .filter(outbox::to_address.eq(to))
        .order(outbox::created_at.desc())
        .select(outbox::body)
        .load(&mut app.db.conn())
        .unwrap();
    let body = bodies
        .iter()
        .find(|b| b.contains(&format!("{path}#")))
        .unwrap_or_else(|| panic!("no mail to {to} with {path}"));
    let start = body.find(&format!("{path}#")).unwrap() + path.len() + 1;
    body[start..].split_whitespace().next().unwrap().to_owned()
}

#[actix_web::test]
async fn invitation_enrolment_login_and_second_factor_from_end_to_end() {
    // Room for the dozen second-factor attempts below (5 at once is the default per account).
    let app = TestApp::with_env(&[("LOGIN_BURST_PER_ACCOUNT", "30")]);
    let (geldrop, korein) = ids(&app, "geldrop-mierlo", "Korein");
    let mut admin = app.client().await;
    admin.login_as("admin").await;
    let email = "fenna.smit@korein.nl";
    let res = admin
        .post(
            "/api/admin/invitations",
            json!({"email": "Fenna.Smit@Korein.nl ", "display_name": "Fenna Smit",
                   "role": "professional", "municipality_id": geldrop, "organisation_id": korein}),
        )
        .await;
    assert_eq!(res.status, 201, "{}", String::from_utf8_lossy(&res.body));
    let token = link_token(&app, email, "/uitnodiging");

    let mut fenna = app.client().await;
    // A weak password is refused and does not spend the link.
    let weak = fenna
        .post(
            "/api/auth/invitations/accept",
            json!({"token": token, "password": "kort"}),
        )
        .await;
    assert_eq!(weak.status, 422);
    assert_eq!(weak.error().details.unwrap()["rule"], "password_too_short");
    let res = fenna
        .post(
            "/api/auth/invitations/accept",
            json!({"token": token, "password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(res.json::<Value>()["email"], email);
    let again = fenna
        .post(
            "/api/auth/invitations/accept",
            json!({"token": token, "password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(again.status, 410, "a used link is refused");
    assert_eq!(again.error().code, ErrorCode::LinkInvalid);

    // Password only: the session can enrol, nothing else.
    let me: Me = fenna.login(email, GOOD_PASSWORD).await.json();
    assert_eq!(me.second_factor, SecondFactor::Enrol);
    let board = fenna.get("/api/cases/board").await;
    assert_eq!(board.status, 401);
    assert_eq!(board.error().code, ErrorCode::SecondFactorRequired);
    assert_eq!(
        fenna.get("/api/auth/me").await.json::<Me>().second_factor,
        SecondFactor::Enrol
    );
    let verify_without_totp = fenna
        .post("/api/auth/second-factor/verify", json!({"code": "123456"}))
        .await;
    assert_eq!(verify_without_totp.status, 409);

    let enrolment: Value = fenna
        .post("/api/auth/second-factor/enrol", json!({}))
        .await
        .json();
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    assert!(enrolment["qr_svg"].as_str().unwrap().contains("<svg"));
    assert!(
        enrolment["uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/Zorgroute:")
    );
    let wrong = fenna
        .post("/api/auth/second-factor/confirm", json!({"code": "000000"}))
        .await;
    assert_eq!(wrong.status, 401);
    let t = now();
    let res = fenna
        .post(
            "/api/auth/second-factor/confirm",
            json!({"code": code(&secret, t)}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    let enrolled: Value = res.json();
    let recovery: Vec<String> = serde_json::from_value(enrolled["recovery_codes"].clone()).unwrap();
    assert_eq!(recovery.len(), 10);
    assert_eq!(fenna.get("/api/cases/board").await.status, 200);
    assert_eq!(
        fenna
            .post("/api/auth/second-factor/enrol", json!({}))
            .await
            .status,
        409,
        "a confirmed secret cannot be replaced by whoever holds the session"
    );

    // Next sign-in: the code of the step already used is refused (replay), a fresh one works.
    let mut again = app.client().await;
    let me: Me = again.login(email, GOOD_PASSWORD).await.json();
    assert_eq!(me.second_factor, SecondFactor::Verify);
    let replay = again
        .post(
            "/api/auth/second-factor/verify",
            json!({"code": code(&secret, t)}),
        )
        .await;
    assert_eq!(replay.status, 401, "a used code is refused");
    assert_eq!(again.get("/api/cases/board").await.status, 401);
    let next = again
        .post(
            "/api/auth/second-factor/verify",
            json!({"code": code(&secret, t + 30)}),
        )
        .await;
    assert_eq!(next.status, 200, "{}", String::from_utf8_lossy(&next.body));
    assert_eq!(next.json::<Me>().second_factor, SecondFactor::Passed);
    assert_eq!(again.get("/api/cases/board").await.status, 200);

    // A recovery code works once.
    for (attempt, expected) in [(1, 200), (2, 401)] {
        let mut c = app.client().await;
        c.login(email, GOOD_PASSWORD).await;
        let res = c
            .post(
                "/api/auth/second-factor/verify",
                json!({"recovery_code": recovery[0].to_uppercase()}),
            )
            .await;
        assert_eq!(res.status, expected, "recovery code, attempt {attempt}");
    }

    // Phone and codes lost: an admin clears the second factor; her sessions end and the next
    // sign-in sets it up again.
    let fenna_id = again.get("/api/auth/me").await.json::<Me>().id;
    let res = admin
        .post(
            &format!("/api/admin/users/{fenna_id}/reset-second-factor"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(again.get("/api/auth/me").await.status, 401);
    let mut fresh = app.client().await;
    let me: Me = fresh.login(email, GOOD_PASSWORD).await.json();
    assert_eq!(me.second_factor, SecondFactor::Enrol);

    let events: Vec<Value> = admin.get("/api/admin/auth-events").await.json();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for kind in [
        "invitation_accepted",
        "second_factor_enrolled",
        "second_factor_failed",
        "second_factor_succeeded",
        "recovery_code_used",
        "login_succeeded",
        "second_factor_reset",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    // Each names the account by its name and address, and the admin who reset the second
    // factor by theirs.
    let of = |kind: &str| {
        events
            .iter()
            .find(|e| e["kind"] == kind && e["user_name"] == "Fenna Smit")
            .unwrap_or_else(|| panic!("a {kind} event of Fenna Smit in {events:?}"))
    };
    assert_eq!(of("login_succeeded")["email"], email);
    assert_eq!(
        of("second_factor_reset")["actor_name"],
        "Beheerder Zorgroute"
    );
}

#[actix_web::test]
async fn expired_invitations_are_refused_and_coordinators_invite_only_in_their_municipality() {
    let app = TestApp::new();
    let (geldrop, korein) = ids(&app, "geldrop-mierlo", "Korein");
    let heerlen: Uuid = {
        let conn = &mut app.db.conn();
        municipalities::table
            .filter(municipalities::slug.eq("heerlen"))
            .select(municipalities::id)
            .first(conn)
            .unwrap()
    };
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let invite = |role: &str, municipality: Uuid| {
        json!({"email": format!("{role}.{municipality}@x.nl"), "display_name": "X",
               "role": role, "municipality_id": municipality, "organisation_id": korein})
    };
    assert_eq!(
        coordinator
            .post("/api/admin/invitations", invite("professional", geldrop))
            .await
            .status,
        201
    );
    assert_eq!(
        coordinator
            .post("/api/admin/invitations", invite("professional", heerlen))
            .await
            .status,
        403,
        "another municipality"
    );
    assert_eq!(
        coordinator
            .post("/api/admin/invitations", invite("coordinator", geldrop))
            .await
            .status,
        403,
        "coordinators are appointed by an admin"
    );
    let no_org = coordinator
        .post(
            "/api/admin/invitations",
            json!({"email": "a@x.nl", "display_name": "A", "role": "professional",
                   "municipality_id": geldrop}),
        )
        .await;
    assert_eq!(no_org.status, 422);
    let mut professional = app.client().await;
    professional.login_as("professional").await;
    assert_eq!(
        professional
            .post("/api/admin/invitations", invite("professional", geldrop))
            .await
            .status,
        403
    );

    let mut admin = app.client().await;
    admin.login_as("admin").await;
    let email = format!("professional.{geldrop}@x.nl");
    let token = link_token(&app, &email, "/uitnodiging");
    diesel::update(invitations::table)
        .set(invitations::expires_at.eq(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .execute(&mut app.db.conn())
        .unwrap();
    let res = app
        .client()
        .await
        .post(
            "/api/auth/invitations/accept",
            json!({"token": token, "password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(res.status, 410, "expired");
    let unknown = app
        .client()
        .await
        .post(
            "/api/auth/invitations/accept",
            json!({"token": "nope", "password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(unknown.status, 410);

    // The coordinator sees the accounts of their municipality only, and cannot touch the admin.
    let users: Vec<Value> = coordinator.get("/api/admin/users").await.json();
    assert!(
        users
            .iter()
            .all(|u| u["email"] != "admin@demo.zorgroute.nl")
    );
    assert!(
        users
            .iter()
            .any(|u| u["email"] == "professional@demo.zorgroute.nl")
    );
    let admin_id = admin.get("/api/auth/me").await.json::<Me>().id;
    let res = coordinator
        .post(
            &format!("/api/admin/users/{admin_id}/deactivate"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, 404);
}

#[actix_web::test]
async fn password_reset_does_not_reveal_accounts_and_ends_every_session() {
    let app = TestApp::new();
    let pro = "professional@demo.zorgroute.nl";
    let mut old_session = app.client().await;
    old_session.login_as("professional").await;
    let mut admin = app.client().await;
    admin.login_as("admin").await;
    let before = admin
        .get("/api/admin/outbox")
        .await
        .json::<Vec<Value>>()
        .len();

    let mut anonymous = app.client().await;
    let known = anonymous
        .post("/api/auth/password-reset", json!({"email": pro}))
        .await;
    let unknown = anonymous
        .post("/api/auth/password-reset", json!({"email": "niemand@x.nl"}))
        .await;
    assert_eq!((known.status, unknown.status), (202, 202));
    assert_eq!(known.body, unknown.body);
    let mails: Vec<Value> = admin.get("/api/admin/outbox").await.json();
    assert_eq!(mails.len(), before + 1, "one mail, to the known address");
    let token = link_token(&app, pro, "/wachtwoord-herstellen");

    let weak = anonymous
        .post(
            "/api/auth/password-reset/confirm",
            json!({"token": token, "password": "professional-professional"}),
        )
        .await;
    assert_eq!(weak.status, 422);
    let res = anonymous
        .post(
            "/api/auth/password-reset/confirm",
            json!({"token": token, "password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(res.status, 204, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(old_session.get("/api/auth/me").await.status, 401);
    let reused = anonymous
        .post(
            "/api/auth/password-reset/confirm",
            json!({"token": token, "password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(reused.status, 410);
    assert_eq!(anonymous.login(pro, GOOD_PASSWORD).await.status, 200);
    assert_eq!(
        anonymous
            .login(pro, backend::demo::DEMO_PASSWORD)
            .await
            .status,
        401
    );
}

#[actix_web::test]
async fn password_change_refuses_older_tokens_and_ends_other_sessions() {
    let app = TestApp::new();
    let mut a = app.client().await;
    a.login_as("manager").await;
    let mut b = app.client().await;
    b.login_as("manager").await;
    let old_access = a.cookies["zr_access"].clone();

    let sessions: Vec<Value> = a.get("/api/auth/sessions").await.json();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);

    let wrong = a
        .post(
            "/api/auth/password",
            json!({"current_password": "nope", "new_password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(wrong.status, 422);
    // Tokens are stamped in whole seconds: let the next second start.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let res = a
        .post(
            "/api/auth/password",
            json!({"current_password": backend::demo::DEMO_PASSWORD, "new_password": GOOD_PASSWORD}),
        )
        .await;
    assert_eq!(res.status, 204, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(
        a.get("/api/auth/me").await.status,
        200,
        "this session goes on"
    );
    assert_eq!(
        b.get("/api/auth/me").await.status,
        401,
        "other sessions end"
    );
    let mut replay = app.client().await;
    replay.cookies.insert("zr_access".into(), old_access);
    assert_eq!(
        replay.get("/api/auth/me").await.status,
        401,
        "a token from before the change"
    );
    assert_eq!(
        a.get("/api/auth/sessions").await.json::<Vec<Value>>().len(),
        1
    );
}

#[actix_web::test]
async fn a_session_names_the_browser_and_system_it_was_started_from() {
    let app = TestApp::new();
    let mut phone = app.client().await;
    let res = phone
        .send(
            TestRequest::post()
                .uri("/api/auth/login")
                .insert_header((
                    "user-agent",
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 \
                     (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                ))
                .set_json(json!({"email": "manager@demo.zorgroute.nl", "password": backend::demo::DEMO_PASSWORD})),
        )
        .await;
    assert_eq!(res.status, 200);
    let mut script = app.client().await;
    script.login_as("manager").await;
    let sessions: Vec<Value> = script.get("/api/auth/sessions").await.json();
    let started = |current: bool| {
        sessions
            .iter()
            .find(|s| s["current"] == current)
            .unwrap()
            .clone()
    };
    assert_eq!(started(false)["browser"], "Safari");
    assert_eq!(started(false)["system"], "iPhone");
    // A client whose header names no browser: neither is made up.
    assert_eq!(started(true)["browser"], Value::Null);
    assert_eq!(started(true)["system"], Value::Null);
}

#[actix_web::test]
async fn a_user_ends_their_own_sessions_only() {
    let app = TestApp::new();
    let mut a = app.client().await;
    a.login_as("manager").await;
    let mut b = app.client().await;
    b.login_as("manager").await;
    let mut other = app.client().await;
    other.login_as("professional").await;
    let sessions: Vec<Value> = a.get("/api/auth/sessions").await.json();
    let b_session = sessions.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = other
        .send(TestRequest::delete().uri(&format!("/api/auth/sessions/{b_session}")))
        .await;
    assert_eq!(res.status, 404, "someone else's session");
    assert_eq!(b.get("/api/auth/me").await.status, 200);
    let res = a
        .send(TestRequest::delete().uri(&format!("/api/auth/sessions/{b_session}")))
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(b.get("/api/auth/me").await.status, 401);
}

#[actix_web::test]
async fn a_deactivated_account_is_refused_at_its_next_request_and_the_change_is_logged() {
    let app = TestApp::new();
    let mut pro = app.client().await;
    pro.login_as("professional").await;
    let id = pro.get("/api/auth/me").await.json::<Me>().id;
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let res = coordinator
        .post(&format!("/api/admin/users/{id}/deactivate"), json!({}))
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(res.json::<Value>()["active"], false);
    assert_eq!(pro.get("/api/cases/board").await.status, 401);
    assert_eq!(pro.post("/api/auth/refresh", json!({})).await.status, 401);

    let mut admin = app.client().await;
    admin.login_as("admin").await;
    let changes: Vec<Value> = admin.get("/api/admin/changes").await.json();
    let change = &changes[0];
    assert_eq!(change["action"], "account_deactivated");
    assert_eq!(change["actor_name"], "Noor Jansen");
    assert_eq!(change["before"]["active"], true);
    assert_eq!(change["after"]["active"], false);
    let res = coordinator
        .post(&format!("/api/admin/users/{id}/activate"), json!({}))
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(
        pro.get("/api/auth/me").await.status,
        401,
        "sessions stay ended"
    );
    pro.login_as("professional").await;

    // The logs cannot be rewritten.
    let conn = &mut app.db.conn();
    assert!(diesel::delete(admin_changes::table).execute(conn).is_err());
    assert!(
        diesel::update(auth_events::table)
            .set(auth_events::detail.eq("x"))
            .execute(conn)
            .is_err()
    );
    assert!(diesel::delete(auth_events::table).execute(conn).is_err());
}

#[actix_web::test]
async fn roles_are_granted_and_removed_within_scope() {
    let app = TestApp::new();
    let (geldrop, korein) = ids(&app, "geldrop-mierlo", "Korein");
    let mut pro = app.client().await;
    pro.login_as("professional").await;
    let id = pro.get("/api/auth/me").await.json::<Me>().id;
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let manager = json!({"role": "manager", "municipality_id": geldrop, "organisation_id": korein});
    let res = coordinator
        .post(
            &format!("/api/admin/users/{id}/memberships"),
            manager.clone(),
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    assert_eq!(pro.get("/api/planner/scenarios").await.status, 200);
    let admin_role = json!({"role": "admin"});
    assert_eq!(
        coordinator
            .post(&format!("/api/admin/users/{id}/memberships"), admin_role)
            .await
            .status,
        403
    );
    let res = coordinator
        .post(
            &format!("/api/admin/users/{id}/memberships/remove"),
            manager,
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(pro.get("/api/planner/scenarios").await.status, 403);
}

#[actix_web::test]
async fn admins_manage_municipalities_organisations_and_locations() {
    let app = TestApp::new();
    let mut admin = app.client().await;
    admin.login_as("admin").await;
    let m: Value = admin
        .post(
            "/api/admin/municipalities",
            json!({"slug": "eindhoven", "name": "Eindhoven"}),
        )
        .await
        .json();
    let dup = admin
        .post(
            "/api/admin/municipalities",
            json!({"slug": "eindhoven", "name": "E"}),
        )
        .await;
    assert_eq!(dup.status, 422);
    let bad = admin
        .post(
            "/api/admin/municipalities",
            json!({"slug": "Eind Hoven", "name": "E"}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let o: Value = admin
        .post(
            "/api/admin/organisations",
            json!({"name": "Peuterspeelzaal De Vlinder", "kind": "childcare",
                   "municipality_ids": [m["id"]]}),
        )
        .await
        .json();
    assert_eq!(o["municipality_ids"], json!([m["id"]]));
    let res = admin
        .post(
            "/api/admin/locations",
            json!({"organisation_id": o["id"], "municipality_id": m["id"], "name": "De Vlinder",
                   "postcode": "5611ab", "city": "Eindhoven"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", String::from_utf8_lossy(&res.body));
    let location: Value = res.json();
    assert_eq!(location["postcode"], "5611 AB");
    let renamed = admin
        .send(
            TestRequest::put()
                .uri(&format!(
                    "/api/admin/municipalities/{}",
                    m["id"].as_str().unwrap()
                ))
                .set_json(json!({"slug": "eindhoven", "name": "Gemeente Eindhoven"})),
        )
        .await;
    assert_eq!(renamed.status, 200);
    let changes: Vec<Value> = admin.get("/api/admin/changes").await.json();
    assert_eq!(changes[0]["before"]["name"], "Eindhoven");
    assert_eq!(changes[0]["after"]["name"], "Gemeente Eindhoven");
    let mut coordinator = app.client().await;
    coordinator.login_as("coordinator").await;
    let res = coordinator
        .post(
            "/api/admin/municipalities",
            json!({"slug": "x", "name": "X"}),
        )
        .await;
    assert_eq!(res.status, 403);
    let visible: Vec<Value> = coordinator.get("/api/admin/municipalities").await.json();
    assert_eq!(
        visible.len(),
        1,
        "a coordinator sees their own municipality"
    );
}

#[actix_web::test]
async fn a_forged_forwarded_for_does_not_escape_the_login_limit() {
    let app = TestApp::with_env(&[
        ("LOGIN_BURST_PER_IP", "3"),
        ("LOGIN_BURST_PER_ACCOUNT", "100"),
    ]);
    let mut c = app.client().await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let res = c
            .send(
                TestRequest::post()
                    .uri("/api/auth/login")
                    .insert_header(("x-forwarded-for", format!("198.51.100.{i}")))
                    .set_json(json!({"email": format!("u{i}@x.nl"), "password": "x"})),
            )
            .await;
        statuses.push(res.status);
    }
    assert_eq!(statuses, vec![401, 401, 401, 429, 429]);

    // Behind a configured proxy the forwarded address counts, so clients are told apart.
    let app = TestApp::with_env(&[
        ("LOGIN_BURST_PER_IP", "3"),
        ("LOGIN_BURST_PER_ACCOUNT", "100"),
        ("TRUSTED_PROXIES", "203.0.113.0/24"),
    ]);
    let mut c = app.client().await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let res = c
            .send(
                TestRequest::post()
                    .uri("/api/auth/login")
                    .insert_header(("x-forwarded-for", format!("198.51.100.{i}")))
                    .set_json(json!({"email": format!("u{i}@x.nl"), "password": "x"})),
            )
            .await;
        statuses.push(res.status);
    }
    assert_eq!(statuses, vec![401; 5]);
    let events: Vec<String> = auth_events::table
        .filter(auth_events::kind.eq("login_failed"))
        .select(auth_events::client_ip)
        .load(&mut app.db.conn())
        .unwrap();
    assert!(events.contains(&"198.51.100.4".to_owned()), "{events:?}");
}

#[actix_web::test]
async fn every_authenticated_response_is_no_store_and_pages_carry_the_policy() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("coordinator").await;
    for (method, path) in backend::startup::all_routes() {
        if method != actix_web::http::Method::GET || path.contains('{') {
            continue;
        }
        let res = c.get(&format!("/api{path}")).await;
        assert_eq!(res.header("cache-control"), Some("no-store"), "{path}");
    }
    let page = c.get("/").await;
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("referrer-policy"), Some("same-origin"));
    assert!(
        page.header("strict-transport-security")
            .unwrap()
            .contains("max-age=")
    );
    let dev = TestApp::with_env(&[("APP_ENV", "development")]);
    let res = dev.client().await.get("/").await;
    assert_eq!(
        res.header("strict-transport-security"),
        None,
        "no HSTS in development"
    );
}

/// A minimal SMTP server: answers every command of one session after another and hands over
/// each message it received (headers and body as sent).
fn fake_smtp() -> (u16, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut out = stream.try_clone().unwrap();
            let mut lines = BufReader::new(stream);
            out.write_all(b"220 fake ESMTP\r\n").unwrap();
            let mut line = String::new();
            while lines.read_line(&mut line).unwrap_or(0) > 0 {
                let command = line.to_ascii_uppercase();
                if command.starts_with("EHLO") {
                    out.write_all(b"250-fake\r\n250 8BITMIME\r\n").unwrap();
                } else if command.starts_with("DATA") {
                    out.write_all(b"354 go on\r\n").unwrap();
                    let mut message = String::new();
                    loop {
                        let mut l = String::new();
                        if lines.read_line(&mut l).unwrap_or(0) == 0 || l == ".\r\n" {
                            break;
                        }
                        message.push_str(&l);
                    }
                    tx.send(message).unwrap();
                    out.write_all(b"250 queued\r\n").unwrap();
                } else if command.starts_with("QUIT") {
                    out.write_all(b"221 bye\r\n").unwrap();
                    break;
                } else {
                    out.write_all(b"250 ok\r\n").unwrap();
                }
                line.clear();
            }
        }
    });
    (port, rx)
}

#[actix_web::test]
async fn the_outbox_is_delivered_over_smtp_once_and_kept_when_the_server_is_down() {
    use backend::db::schema::outbox;
    use backend::mail::{Mailer, deliver_pending};
    let app = TestApp::new();
    let mut c = app.client().await;
    let res = c
        .post(
            "/api/auth/password-reset",
            json!({"email": "manager@demo.zorgroute.nl"}),
        )
        .await;
    assert_eq!(res.status, 202);

    // Nobody listens: the mail stays, with the attempt and the reason recorded.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = closed.local_addr().unwrap().port();
    drop(closed);
    let down = Mailer::new(
        &format!("smtp://127.0.0.1:{dead_port}"),
        "Zorgroute <noreply@zorgroute.nl>",
    )
    .unwrap();
    let conn = &mut app.db.conn();
    assert_eq!(deliver_pending(conn, &down).unwrap(), 0);
    let (attempts, error, sent): (i32, Option<String>, Option<chrono::DateTime<chrono::Utc>>) =
        outbox::table
            .select((outbox::attempts, outbox::last_error, outbox::sent_at))
            .first(conn)
            .unwrap();
    assert_eq!((attempts, sent), (1, None));
    assert!(error.is_some());

    let (port, received) = fake_smtp();
    let up = Mailer::new(
        &format!("smtp://127.0.0.1:{port}"),
        "Zorgroute <noreply@zorgroute.nl>",
    )
    .unwrap();
    assert_eq!(deliver_pending(conn, &up).unwrap(), 1);
    let message = received
        .recv_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    let unfolded = message.replace("=\r\n", "");
    assert!(
        message.contains("To: manager@demo.zorgroute.nl"),
        "{message}"
    );
    assert!(
        message.contains("From: Zorgroute <noreply@zorgroute.nl>"),
        "{message}"
    );
    assert!(unfolded.contains("/wachtwoord-herstellen#"), "{message}");
    assert_eq!(deliver_pending(conn, &up).unwrap(), 0, "sent once only");
    let sent: Option<chrono::DateTime<chrono::Utc>> =
        outbox::table.select(outbox::sent_at).first(conn).unwrap();
    assert!(sent.is_some());
    assert!(Mailer::new("ftp://x", "a@b.nl").is_err());
    assert!(Mailer::new("smtp://localhost", "not an address").is_err());
}

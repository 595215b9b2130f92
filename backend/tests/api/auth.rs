//! Sign-in, sessions, CSRF, rate limits and the role extractor, as a browser or an attacker sees them.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use crate::helpers::TestApp;
use backend::auth::jwt::{Claims, JwtKeys};
use backend::demo::DEMO_PASSWORD;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::prelude::*;
use serde_json::json;
use shared::auth::{Me, Role};
use shared::error::ErrorCode;

const PRO: &str = "professional@demo.zorgroute.nl";

#[actix_web::test]
async fn login_sets_http_only_strict_cookies_and_me_answers() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let res = c
        .login("  Professional@Demo.Zorgroute.nl ", DEMO_PASSWORD)
        .await;
    assert_eq!(res.status, 200);
    let me: Me = res.json();
    assert_eq!(me.email, PRO);
    assert_eq!(me.roles(), vec![Role::Professional]);
    assert_eq!(
        me.memberships[0].organisation_name.as_deref(),
        Some("Korein")
    );
    let cookies = res.set_cookies();
    assert_eq!(cookies.len(), 3);
    for cookie in &cookies {
        // The tokens are out of the scripts' reach; the third only says a session may exist.
        let marker = cookie.starts_with("zr_signed_in=1;");
        assert_eq!(cookie.contains("HttpOnly"), !marker, "{cookie}");
        assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    }
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("zr_signed_in=1;") && c.contains("Path=/;"))
    );
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("zr_refresh=") && c.contains("Path=/api/auth"))
    );
    assert_eq!(res.header("cache-control"), Some("no-store"));

    let me2: Me = c.get("/api/auth/me").await.json();
    assert_eq!(me2, me);
}

#[actix_web::test]
async fn production_cookies_are_secure_and_demo_accounts_are_refused() {
    let secret = "p".repeat(40);
    let app = TestApp::with_env(&[("APP_ENV", "production"), ("JWT_SECRET", &secret)]);
    let mut c = app.client().await;
    let res = c.login(PRO, DEMO_PASSWORD).await;
    assert_eq!(
        res.status, 401,
        "demo accounts cannot sign in in production"
    );
    assert_eq!(res.error().code, ErrorCode::InvalidCredentials);

    diesel::update(backend::db::schema::users::table)
        .set(backend::db::schema::users::is_demo.eq(false))
        .execute(&mut app.db.conn())
        .unwrap();
    let res = c.login(PRO, DEMO_PASSWORD).await;
    assert_eq!(res.status, 200);
    assert!(res.set_cookies().iter().all(|c| c.contains("Secure")));
    // A real account that sees case data must set up its second factor before anything else.
    assert_eq!(
        res.json::<Me>().second_factor,
        shared::auth::SecondFactor::Enrol
    );
    let board = c.get("/api/cases/board").await;
    assert_eq!(board.error().code, ErrorCode::SecondFactorRequired);
}

#[actix_web::test]
async fn wrong_password_and_unknown_account_look_the_same() {
    let app = TestApp::new();
    let mut c = app.client().await;
    let wrong = c.login(PRO, "not-the-password").await;
    let unknown = c
        .login("nobody@demo.zorgroute.nl", "not-the-password")
        .await;
    let malformed = c.login("no-at-sign", "x").await;
    for res in [&wrong, &unknown, &malformed] {
        assert_eq!(res.status, 401);
        assert_eq!(res.error(), wrong.error());
        assert!(res.set_cookies().is_empty());
    }
    assert_eq!(c.get("/api/auth/me").await.status, 401);
}

#[actix_web::test]
async fn repeated_wrong_passwords_are_throttled_per_account() {
    let app = TestApp::new();
    let mut c = app.client().await;
    for attempt in 0..5 {
        c.ip = format!("198.51.100.{attempt}");
        assert_eq!(c.login(PRO, "wrong-password").await.status, 401);
    }
    c.ip = "198.51.100.99".into();
    let res = c.login(PRO, DEMO_PASSWORD).await;
    assert_eq!(
        res.status, 429,
        "the account is locked for a while, even with the right password"
    );
    assert_eq!(res.error().code, ErrorCode::RateLimited);
    let retry: u64 = res.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    // Other accounts are not affected.
    assert_eq!(
        c.login("manager@demo.zorgroute.nl", DEMO_PASSWORD)
            .await
            .status,
        200
    );
}

#[actix_web::test]
async fn one_ip_spraying_many_accounts_is_throttled() {
    let app = TestApp::with_env(&[("LOGIN_BURST_PER_IP", "4")]);
    let mut c = app.client().await;
    for i in 0..4 {
        assert_eq!(
            c.login(&format!("user{i}@example.nl"), "guess")
                .await
                .status,
            401
        );
    }
    assert_eq!(c.login("user9@example.nl", "guess").await.status, 429);
    c.ip = "192.0.2.55".into();
    assert_eq!(c.login("user9@example.nl", "guess").await.status, 401);
}

#[actix_web::test]
async fn state_changing_requests_without_the_csrf_header_are_refused() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.csrf = false;
    let res = c.login(PRO, DEMO_PASSWORD).await;
    assert_eq!(res.status, 403);
    assert_eq!(res.error().code, ErrorCode::CsrfMissing);
    assert!(res.set_cookies().is_empty());

    c.csrf = true;
    c.login_as("professional").await;
    c.csrf = false;
    for path in ["/api/auth/logout", "/api/auth/refresh"] {
        assert_eq!(c.post(path, json!({})).await.status, 403, "{path}");
    }
    c.csrf = true;
    assert_eq!(
        c.get("/api/auth/me").await.status,
        200,
        "the refused logout did nothing"
    );
}

#[actix_web::test]
async fn logout_revokes_the_session_for_every_copy_of_its_tokens() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("professional").await;
    let stolen = c.cookies.clone();
    let res = c.post("/api/auth/logout", json!({})).await;
    assert_eq!(res.status, 204);
    assert!(c.cookies.is_empty(), "cookies are cleared");

    let mut thief = app.client().await;
    thief.cookies = stolen;
    assert_eq!(
        thief.get("/api/auth/me").await.status,
        401,
        "access token after logout"
    );
    assert_eq!(
        thief.post("/api/auth/refresh", json!({})).await.status,
        401,
        "refresh token after logout"
    );
}

#[actix_web::test]
async fn refresh_rotates_and_a_replayed_refresh_token_ends_the_session() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("professional").await;
    let old = c.cookies.clone();
    let res = c.post("/api/auth/refresh", json!({})).await;
    assert_eq!(res.status, 200);
    assert_ne!(
        c.cookies["zr_refresh"], old["zr_refresh"],
        "refresh token rotated"
    );
    assert_eq!(c.get("/api/auth/me").await.status, 200);

    // Within the overlap the old token is the same swap again (the answer got lost on the way):
    // the same successor, nothing changed.
    let mut retry = app.client().await;
    retry.cookies = old.clone();
    assert_eq!(retry.post("/api/auth/refresh", json!({})).await.status, 200);
    assert_eq!(retry.cookies["zr_refresh"], c.cookies["zr_refresh"]);

    // Later, the old token can only be a stolen copy.
    diesel::sql_query(
        "UPDATE sessions SET refresh_rotated_at = refresh_rotated_at - interval '31 seconds'",
    )
    .execute(&mut app.db.conn())
    .unwrap();
    let mut thief = app.client().await;
    thief.cookies = old;
    assert_eq!(thief.post("/api/auth/refresh", json!({})).await.status, 401);
    assert_eq!(
        c.get("/api/auth/me").await.status,
        401,
        "reuse of a rotated token revokes the session"
    );
    assert_eq!(c.post("/api/auth/refresh", json!({})).await.status, 401);
}

#[actix_web::test]
async fn tabs_renewing_at_once_keep_the_session() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("professional").await;
    let refresh = || actix_web::test::TestRequest::post().uri("/api/auth/refresh");
    let statuses = c.send_all((0..6).map(|_| refresh()).collect()).await;
    assert_eq!(statuses, vec![200; 6], "one swap, answered six times");
    // The jar still holds the first token: its successor is the session's token, and it rotates on.
    assert_eq!(c.post("/api/auth/refresh", json!({})).await.status, 200);
    let successor = c.cookies["zr_refresh"].clone();
    assert_eq!(c.post("/api/auth/refresh", json!({})).await.status, 200);
    assert_ne!(c.cookies["zr_refresh"], successor);
    assert_eq!(c.get("/api/auth/me").await.status, 200);
}

fn forge(claims: &serde_json::Value, header: &serde_json::Value, sig: &str) -> String {
    let enc = |v: &serde_json::Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap());
    format!("{}.{}.{sig}", enc(header), enc(claims))
}

#[actix_web::test]
async fn tampered_expired_and_unsigned_tokens_are_refused() {
    let app = TestApp::new();
    let mut c = app.client().await;
    c.login_as("professional").await;
    let good = c.cookies["zr_access"].clone();
    let claims = app.state.jwt.verify(&good).unwrap();
    let sig = good.rsplit('.').next().unwrap();

    let mut promoted = serde_json::to_value(&claims).unwrap();
    promoted["exp"] = json!(claims.exp + 86_400);
    let tampered = forge(&promoted, &json!({"alg": "HS256", "typ": "JWT"}), sig);
    let unsigned = forge(
        &serde_json::to_value(&claims).unwrap(),
        &json!({"alg": "none", "typ": "JWT"}),
        "",
    );
    let keys = JwtKeys::new(&app.state.config.jwt_secret);
    let mut old = Claims::new(
        claims.sub,
        claims.sid,
        chrono::Utc::now().timestamp() - 7200,
    );
    old.exp = chrono::Utc::now().timestamp() - 3600;
    let expired = keys.issue(&old).unwrap();
    let mut wrong_aud = claims.clone();
    wrong_aud.aud = "other-app".into();
    let wrong_aud = keys.issue(&wrong_aud).unwrap();
    let other_secret = JwtKeys::new(b"someone-elses-secret-someone-elses")
        .issue(&claims)
        .unwrap();

    for (what, token) in [
        ("tampered", tampered),
        ("alg none", unsigned),
        ("expired", expired),
        ("wrong aud", wrong_aud),
        ("other secret", other_secret),
        ("garbage", "abc".into()),
    ] {
        c.cookies.insert("zr_access".into(), token);
        let res = c.get("/api/auth/me").await;
        assert_eq!(res.status, 401, "{what}");
        assert_eq!(res.error().code, ErrorCode::Unauthenticated, "{what}");
    }
    c.cookies.insert("zr_access".into(), good);
    assert_eq!(c.get("/api/auth/me").await.status, 200);
}

#[actix_web::test]
async fn tokens_of_deleted_deactivated_or_repassworded_users_are_refused() {
    use backend::db::schema::users;
    let app = TestApp::new();
    for (what, role) in [
        ("deactivated", "manager"),
        ("password changed", "coordinator"),
        ("deleted", "professional"),
    ] {
        let mut c = app.client().await;
        c.login_as(role).await;
        assert_eq!(c.get("/api/auth/me").await.status, 200);
        let conn = &mut app.db.conn();
        let user = users::table.filter(users::email.eq(format!("{role}@demo.zorgroute.nl")));
        match what {
            "deactivated" => diesel::update(user)
                .set(users::active.eq(false))
                .execute(conn),
            "password changed" => diesel::update(user)
                .set(
                    users::password_changed_at
                        .eq(chrono::Utc::now() + chrono::Duration::seconds(2)),
                )
                .execute(conn),
            _ => diesel::delete(user).execute(conn),
        }
        .unwrap();
        assert_eq!(c.get("/api/auth/me").await.status, 401, "{what}");
    }
}

#[actix_web::test]
async fn role_extractor_gives_401_anonymous_403_wrong_role_200_right_role() {
    let app = TestApp::new();
    let mut c = app.client().await;
    assert_eq!(c.get("/api/admin/outbox").await.status, 401);
    for role in ["professional", "coordinator", "manager", "partner_editor"] {
        let mut c = app.client().await;
        c.login_as(role).await;
        let res = c.get("/api/admin/outbox").await;
        assert_eq!(res.status, 403, "{role}");
        assert_eq!(res.error().code, ErrorCode::Forbidden);
    }
    c.login_as("admin").await;
    let res = c.get("/api/admin/users").await;
    assert_eq!(res.status, 200);
    let users: Vec<shared::admin::UserSummary> = res.json();
    assert_eq!(users.len(), 6);
    let pro = users.iter().find(|u| u.email == PRO).unwrap();
    assert_eq!(
        pro.memberships[0].municipality_name.as_deref(),
        Some("Geldrop-Mierlo")
    );
}

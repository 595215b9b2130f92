//! Session cookies: HttpOnly, SameSite=Strict, Secure outside development; and beside them the
//! one the browser app reads to know whether to ask who is signed in (no secret in it).
use super::jwt::ACCESS_TTL_SECS;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use shared::auth::SIGNED_IN_COOKIE;

pub const ACCESS_COOKIE: &str = "zr_access";
pub const REFRESH_COOKIE: &str = "zr_refresh";
/// The refresh cookie only travels to the endpoints that use it.
pub const REFRESH_PATH: &str = "/api/auth";
/// A session lasts one working day at most; after that the user signs in again.
pub const SESSION_TTL_HOURS: i64 = 12;

fn base(name: &'static str, value: String, path: &'static str, secure: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path(path)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .finish()
}

pub fn access(token: String, secure: bool) -> Cookie<'static> {
    let mut c = base(ACCESS_COOKIE, token, "/", secure);
    c.set_max_age(Duration::seconds(ACCESS_TTL_SECS));
    c
}

pub fn refresh(token: String, secure: bool) -> Cookie<'static> {
    let mut c = base(REFRESH_COOKIE, token, REFRESH_PATH, secure);
    c.set_max_age(Duration::hours(SESSION_TTL_HOURS));
    c
}

/// `zr_signed_in=1`, readable by the app's scripts, for as long as the refresh cookie lasts.
pub fn signed_in_marker(secure: bool) -> Cookie<'static> {
    let mut c = base(SIGNED_IN_COOKIE, "1".to_owned(), "/", secure);
    c.set_http_only(false);
    c.set_max_age(Duration::hours(SESSION_TTL_HOURS));
    c
}

/// Cookies that make the browser forget both tokens, and that a session may exist.
pub fn cleared(secure: bool) -> [Cookie<'static>; 3] {
    let mut cookies = [
        base(ACCESS_COOKIE, String::new(), "/", secure),
        base(REFRESH_COOKIE, String::new(), REFRESH_PATH, secure),
        base(SIGNED_IN_COOKIE, String::new(), "/", secure),
    ];
    for cookie in &mut cookies {
        cookie.make_removal();
    }
    cookies
}

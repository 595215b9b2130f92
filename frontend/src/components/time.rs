//! Moments as the reader's clock shows them (the browser's time zone: the server sends UTC), in
//! the page's language ([`shared::time::day_format`]).
use chrono::{DateTime, Utc};
use shared::time::day_format;

/// `at` in the browser's time zone, written with `format`.
fn local(at: DateTime<Utc>, format: &str) -> String {
    at.with_timezone(&chrono::Local).format(format).to_string()
}

/// "05-12-2026 19:04:31" / "5 Dec 2026 19:04:31"
pub fn local_second(at: DateTime<Utc>, english: bool) -> String {
    local(at, &format!("{} %H:%M:%S", day_format(english)))
}

/// "05-12-2026 19:04" / "5 Dec 2026 19:04"
pub fn local_minute(at: DateTime<Utc>, english: bool) -> String {
    local(at, &format!("{} %H:%M", day_format(english)))
}

/// "05-12-2026" / "5 Dec 2026": the reader's day (a moment just after midnight in the
/// Netherlands is on the new day, though UTC is still on the old one).
pub fn local_day(at: DateTime<Utc>, english: bool) -> String {
    local(at, day_format(english))
}

//! Moments as the reader's clock shows them (the browser's time zone: the server sends UTC).
use chrono::{DateTime, Utc};

/// `at` in the browser's time zone, written with `format`.
pub fn local(at: DateTime<Utc>, format: &str) -> String {
    at.with_timezone(&chrono::Local).format(format).to_string()
}

/// "05-12-2026 19:04"
pub fn local_minute(at: DateTime<Utc>) -> String {
    local(at, "%d-%m-%Y %H:%M")
}

/// "05-12-2026": the reader's day (a moment just after midnight in the Netherlands is on the
/// new day, though UTC is still on the old one).
pub fn local_day(at: DateTime<Utc>) -> String {
    local(at, "%d-%m-%Y")
}

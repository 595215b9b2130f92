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

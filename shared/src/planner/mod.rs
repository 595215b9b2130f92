//! The support-pyramid planner's engine: staffing rules as versioned data with their sources, and
//! a pure scenario computation. The same code runs in the browser (instant feedback) and on the
//! server (the authority).
pub mod bkr;
pub mod presets;
pub mod report;
pub mod rules;
pub mod saved;
pub mod scenario;
pub mod ve;

use serde::{Deserialize, Serialize};

/// A sentence in both product languages: how a figure was computed, or what a warning means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// A sentence whose figures are written as each language writes them: `write(english)` gives
    /// the English sentence when `english` is true, the Dutch one otherwise.
    pub fn each(write: impl Fn(bool) -> String) -> Self {
        Self {
            nl: write(false),
            en: write(true),
        }
    }
}

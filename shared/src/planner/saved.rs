//! Wire types for saved scenarios (`/api/planner/scenarios`).
use super::scenario::ScenarioInput;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const NAME_MAX: usize = 120;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scenario {
    pub id: Uuid,
    pub municipality_id: Uuid,
    pub municipality_name: String,
    pub name: String,
    pub input: ScenarioInput,
    /// Increases with every change; send it back as `expected_version` to update.
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewScenario {
    pub municipality_id: Uuid,
    pub name: String,
    pub input: ScenarioInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateScenario {
    pub name: String,
    pub input: ScenarioInput,
    pub expected_version: i32,
}

/// The trimmed name, or why it cannot be one.
pub fn clean_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("a scenario needs a name");
    }
    if name.chars().count() > NAME_MAX {
        return Err("the name is longer than 120 characters");
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(clean_name("  Heerlen 2027 "), Ok("Heerlen 2027".into()));
        assert!(clean_name("   ").is_err());
        assert!(clean_name(&"x".repeat(121)).is_err());
        assert!(clean_name(&"é".repeat(120)).is_ok());
    }
}

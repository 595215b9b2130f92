//! Zorgroute's wire types and pure domain rules.
//!
//! Compiled for the server and for the browser (wasm32): no database, web-server or runtime crates here.
pub mod admin;
pub mod auth;
pub mod cases;
pub mod csv;
pub mod error;
pub mod map;
pub mod numbers;
pub mod planner;
pub mod time;
pub mod url;

/// The answer of `GET /api/health` and `GET /api/ready`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthStatus {
    /// `"ok"` or `"unavailable"`.
    pub status: String,
}

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

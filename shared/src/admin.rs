//! Wire types of the administration module.
use crate::auth::{Membership, Role};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One account with all its roles, for `GET /api/admin/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    pub memberships: Vec<Membership>,
}

/// Query of `GET /api/admin/users`: only accounts with this role and/or this state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub active: Option<bool>,
}

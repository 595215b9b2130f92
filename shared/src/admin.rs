//! Wire types of the administration module.
use crate::auth::Membership;
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

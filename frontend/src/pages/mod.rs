pub mod admin;
pub mod auth;
pub mod cases;
pub mod home;
pub mod map;
pub mod not_found;
pub mod planner;

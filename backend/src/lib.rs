//! Zorgroute's API server. `startup::build_app` is the one app factory, used by `main` and the tests.
pub mod admin;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod json;
pub mod mail;
pub mod map;
pub mod openapi;
pub mod planner;
pub mod routes;
pub mod startup;
pub mod state;
pub mod static_files;

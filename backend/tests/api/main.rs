//! HTTP tests: the real app factory, in-process, each test against its own PostgreSQL database.
mod helpers;

mod hsds;

mod accounts;
mod auth;
mod cases;
mod errors;
mod map;
mod map_manage;
mod matrix;
mod migrations;
mod planner;

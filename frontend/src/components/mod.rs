pub mod download;
pub mod header;
pub mod page;

pub mod header;
pub mod page;

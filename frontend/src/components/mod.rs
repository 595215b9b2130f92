pub mod download;
pub mod form;
pub mod header;
pub mod page;
pub mod table;
pub mod time;

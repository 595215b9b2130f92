pub mod download;
pub mod form;
pub mod header;
pub mod page;
pub mod print;
pub mod table;
pub mod time;
pub mod unsaved;

DROP TABLE parent_questions;
DROP TABLE service_versions;
DROP TABLE service_drafts;

DROP TABLE case_attachments;

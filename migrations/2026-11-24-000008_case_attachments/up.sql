-- Small attachments on a case (observation reports: PDF, PNG, JPEG), kept in the database with
-- the case, so backups, access rules and anonymisation cover them like the rest of the file.
CREATE TABLE case_attachments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 120),
    kind text NOT NULL CHECK (kind IN ('pdf', 'png', 'jpeg')),
    size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
    content bytea NOT NULL CHECK (octet_length(content) = size_bytes),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_attachments_case_idx ON case_attachments (case_id, created_at);
-- Already-compressed formats: store them out of line without another compression pass.
ALTER TABLE case_attachments ALTER COLUMN content SET STORAGE EXTERNAL;

-- The parents or guardians of a case's child: whom the team contacts. Personal data: removed
-- when the case is anonymised (on request or after the retention period).
CREATE TABLE case_guardians (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    relation text NOT NULL DEFAULT '' CHECK (char_length(relation) <= 40),
    phone text NOT NULL DEFAULT '' CHECK (char_length(phone) <= 20),
    email text NOT NULL DEFAULT '' CHECK (char_length(email) <= 254),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_guardians_case_idx ON case_guardians (case_id);

-- Parents asked for their consent by mail. They answer on a page behind a one-time link; only the
-- SHA-256 of the link's token is kept. Anonymising a case deletes its requests (name, address).
CREATE TABLE consent_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    guardian_name text NOT NULL,
    email text NOT NULL,
    organisation_ids uuid[] NOT NULL,
    data_categories text[] NOT NULL,
    valid_until date NOT NULL,
    asked_by uuid REFERENCES users (id) ON DELETE SET NULL,
    asked_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    answered_at timestamptz,
    answer text CHECK (answer IN ('given', 'refused', 'cancelled')),
    consent_id uuid REFERENCES consents (id) ON DELETE SET NULL
);
CREATE INDEX consent_requests_case_idx ON consent_requests (case_id, asked_at);

-- Partner self-service on the social map: drafts a coordinator approves, a version per published
-- change, and parents' questions to a partner (personal data, erased after a retention period).
CREATE TABLE service_drafts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- What the proposal changes: a service (NULL id: a new one) or a location.
    kind text NOT NULL DEFAULT 'service' CHECK (kind IN ('service', 'location')),
    service_id uuid REFERENCES services (id) ON DELETE CASCADE,
    location_id uuid REFERENCES locations (id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    payload jsonb NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
    submitted_by_name text NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_by_name text,
    decided_at timestamptz,
    note text,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((kind = 'location') = (location_id IS NOT NULL)),
    CHECK (kind = 'service' OR service_id IS NULL)
);
-- One open proposal per service: a new submission replaces the pending one.
CREATE UNIQUE INDEX service_drafts_one_pending_idx ON service_drafts (service_id)
    WHERE status = 'pending' AND service_id IS NOT NULL;
CREATE UNIQUE INDEX service_drafts_one_pending_location_idx ON service_drafts (location_id)
    WHERE status = 'pending' AND location_id IS NOT NULL;
CREATE INDEX service_drafts_organisation_idx ON service_drafts (organisation_id, submitted_at DESC);

CREATE TABLE service_versions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    version integer NOT NULL CHECK (version > 0),
    payload jsonb NOT NULL,
    changes jsonb NOT NULL,
    changed_by_name text NOT NULL,
    approved_by_name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (service_id, version)
);

CREATE TABLE parent_questions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reference text NOT NULL UNIQUE,
    service_id uuid REFERENCES services (id) ON DELETE SET NULL,
    service_name text NOT NULL,
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    -- Personal data: NULL once erased.
    name text,
    phone text,
    email text,
    question text,
    language text NOT NULL CHECK (language IN ('nl', 'en')),
    consent_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'handled')),
    created_at timestamptz NOT NULL DEFAULT now(),
    handled_at timestamptz,
    handled_by uuid REFERENCES users (id) ON DELETE SET NULL,
    erased_at timestamptz
);
CREATE INDEX parent_questions_organisation_idx ON parent_questions (organisation_id, created_at DESC);
CREATE INDEX parent_questions_created_idx ON parent_questions (created_at) WHERE erased_at IS NULL;

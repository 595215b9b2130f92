-- Tenancy, organisations, people and sessions: the model every module builds on.

CREATE TABLE municipalities (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN (
        'municipality', 'childcare', 'coaching', 'youth_health', 'youth_care',
        'education', 'parent_support', 'care_provider')),
    website text,
    is_demo boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A partner may serve several municipalities.
CREATE TABLE organisation_municipalities (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    municipality_id uuid NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, municipality_id)
);
CREATE INDEX organisation_municipalities_municipality_idx ON organisation_municipalities (municipality_id);

CREATE TABLE locations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    municipality_id uuid NOT NULL REFERENCES municipalities (id),
    name text NOT NULL,
    street text,
    postcode text CHECK (postcode IS NULL OR postcode ~ '^[1-9][0-9]{3} ?[A-Z]{2}$'),
    city text,
    latitude double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision CHECK (longitude BETWEEN -180 AND 180),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organisation_id, name)
);
CREATE INDEX locations_municipality_idx ON locations (municipality_id);

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE CHECK (email = lower(email)),
    display_name text NOT NULL,
    password_hash text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    is_demo boolean NOT NULL DEFAULT false,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A role in a municipality and/or organisation. Admins hold theirs without either.
CREATE TABLE memberships (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('professional', 'coordinator', 'manager', 'partner_editor', 'admin')),
    municipality_id uuid REFERENCES municipalities (id) ON DELETE CASCADE,
    organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (role = 'admin' OR municipality_id IS NOT NULL OR organisation_id IS NOT NULL),
    UNIQUE NULLS NOT DISTINCT (user_id, role, municipality_id, organisation_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- One row per login. The refresh token is stored only as its SHA-256; revoking the row ends the
-- session for every access token that names it.
CREATE TABLE sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    refresh_token_hash bytea NOT NULL UNIQUE,
    -- The token this one replaced: presenting it again means it was stolen, so the session ends.
    previous_refresh_token_hash bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    ip text,
    user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

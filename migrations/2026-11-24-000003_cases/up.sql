-- The case board: each municipality's route, the cases (children) on it, the case team, parental
-- consent, the stage history and the append-only access log (NEN 7513 style).

CREATE TABLE route_stages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    municipality_id uuid NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
    key text NOT NULL CHECK (key ~ '^[a-z0-9-]+$'),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
    position integer NOT NULL,
    wip_limit integer CHECK (wip_limit IS NULL OR wip_limit > 0),
    requires_consent boolean NOT NULL DEFAULT false,
    terminal boolean NOT NULL DEFAULT false,
    UNIQUE (municipality_id, key),
    UNIQUE (municipality_id, position)
);

CREATE TABLE cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    municipality_id uuid NOT NULL REFERENCES municipalities (id),
    -- The childcare organisation where the need was found; its staff form the case's home team.
    organisation_id uuid NOT NULL REFERENCES organisations (id),
    location_id uuid REFERENCES locations (id),
    child_first_name text NOT NULL CHECK (char_length(child_first_name) BETWEEN 1 AND 60),
    child_initial text NOT NULL CHECK (char_length(child_initial) BETWEEN 1 AND 3),
    birth_date date NOT NULL,
    mentor_id uuid REFERENCES users (id) ON DELETE SET NULL,
    concerns text[] NOT NULL DEFAULT '{}',
    ve_indication boolean NOT NULL DEFAULT false,
    need_category text CHECK (need_category IN ('catch_up', 'fits', 'not_fitting')),
    support_level text CHECK (support_level IN ('basis', 'on_group', 'outside_group', 'outside_regular')),
    stage_id uuid NOT NULL REFERENCES route_stages (id),
    stage_entered_at timestamptz NOT NULL DEFAULT now(),
    outcome text CHECK (outcome IN ('regular_group', 'primary_school', 'plus_group', 'mkd', 'moved_away', 'other')),
    first_signal_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    next_evaluation_on date,
    version integer NOT NULL DEFAULT 1,
    anonymised_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_board_idx ON cases (municipality_id, stage_id) WHERE anonymised_at IS NULL;

CREATE TABLE case_team (
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_in_case text NOT NULL CHECK (char_length(role_in_case) BETWEEN 1 AND 60),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_team_user_idx ON case_team (user_id);

-- Written consent of the parents/guardians: who, when, how, for which organisations, until when.
CREATE TABLE consents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    given_by text NOT NULL CHECK (char_length(given_by) BETWEEN 1 AND 120),
    given_on date NOT NULL,
    method text NOT NULL CHECK (method IN ('paper', 'digital')),
    organisation_ids uuid[] NOT NULL,
    data_categories text[] NOT NULL DEFAULT '{}',
    valid_until date NOT NULL,
    withdrawn_at timestamptz,
    recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_until >= given_on)
);
CREATE INDEX consents_case_idx ON consents (case_id);

CREATE TABLE stage_history (
    id bigserial PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    from_stage_id uuid REFERENCES route_stages (id),
    to_stage_id uuid NOT NULL REFERENCES route_stages (id),
    moved_at timestamptz NOT NULL DEFAULT now(),
    moved_by uuid REFERENCES users (id) ON DELETE SET NULL,
    reason text,
    outcome text
);
CREATE INDEX stage_history_case_idx ON stage_history (case_id, moved_at);

-- Every read, write, move, search and export of case data. Append-only: the database itself
-- refuses UPDATE and DELETE (and TRUNCATE) on it.
CREATE TABLE access_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    action text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'refused', 'conflict')),
    user_id uuid,
    user_name text,
    user_role text,
    on_behalf_of text,
    client_ip text,
    case_id uuid,
    data text NOT NULL,
    basis text NOT NULL
);
CREATE INDEX access_log_case_idx ON access_log (case_id, at);

CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only();

-- Accounts to the standard of a care system: second factor, one-time links, mail outbox,
-- authentication events and the administration's change log (both append-only).

-- TOTP (RFC 6238). The secret is set at enrolment and counts once confirmed (`totp_enabled_at`);
-- `totp_last_step` is the last time step accepted, so a code cannot be used twice.
ALTER TABLE users
    ADD COLUMN totp_secret bytea,
    ADD COLUMN totp_enabled_at timestamptz,
    ADD COLUMN totp_last_step bigint;

-- A session that has passed the password but not yet the second factor can only enrol or verify.
ALTER TABLE sessions ADD COLUMN second_factor_pending boolean NOT NULL DEFAULT false;

CREATE TABLE recovery_codes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea NOT NULL,
    used_at timestamptz,
    UNIQUE (user_id, code_hash)
);

-- Invitations: one-time, expiring links; the token is stored only as its SHA-256.
CREATE TABLE invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL CHECK (email = lower(email)),
    display_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('professional', 'coordinator', 'manager', 'partner_editor', 'admin')),
    municipality_id uuid REFERENCES municipalities (id) ON DELETE CASCADE,
    organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
    invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz,
    CHECK (role = 'admin' OR municipality_id IS NOT NULL OR organisation_id IS NOT NULL)
);
CREATE INDEX invitations_email_idx ON invitations (email);

CREATE TABLE password_resets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- Every mail the platform sends goes through here; a sender delivers it over SMTP when configured.
CREATE TABLE outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    to_address text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    last_error text
);
CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL;

CREATE FUNCTION zr_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

-- Sign-ins, failures, lockouts, second-factor events, password and role changes.
CREATE TABLE auth_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    kind text NOT NULL CHECK (kind IN (
        'login_succeeded', 'login_failed', 'locked_out', 'second_factor_succeeded',
        'second_factor_failed', 'second_factor_enrolled', 'recovery_code_used', 'password_changed',
        'password_reset_requested', 'password_reset', 'invitation_accepted', 'role_changed',
        'account_deactivated', 'account_activated', 'session_ended', 'second_factor_reset')),
    -- No foreign keys: the log outlives the accounts it names.
    user_id uuid,
    email text,
    actor_id uuid,
    client_ip text NOT NULL,
    detail text NOT NULL DEFAULT ''
);
CREATE INDEX auth_events_at_idx ON auth_events (at DESC);
CREATE INDEX auth_events_user_idx ON auth_events (user_id, at DESC);
CREATE TRIGGER auth_events_no_update BEFORE UPDATE OR DELETE ON auth_events
    FOR EACH ROW EXECUTE FUNCTION zr_append_only();
CREATE TRIGGER auth_events_no_truncate BEFORE TRUNCATE ON auth_events
    FOR EACH STATEMENT EXECUTE FUNCTION zr_append_only();

-- What the administration changed: who, when, which record, before and after.
CREATE TABLE admin_changes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id uuid NOT NULL,
    actor_name text NOT NULL,
    entity text NOT NULL,
    entity_id uuid NOT NULL,
    action text NOT NULL,
    before jsonb,
    after jsonb
);
CREATE INDEX admin_changes_at_idx ON admin_changes (at DESC);
CREATE TRIGGER admin_changes_no_update BEFORE UPDATE OR DELETE ON admin_changes
    FOR EACH ROW EXECUTE FUNCTION zr_append_only();
CREATE TRIGGER admin_changes_no_truncate BEFORE TRUNCATE ON admin_changes
    FOR EACH STATEMENT EXECUTE FUNCTION zr_append_only();

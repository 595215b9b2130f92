DROP TABLE admin_changes;
DROP TABLE auth_events;
DROP FUNCTION zr_append_only();
DROP TABLE outbox;
DROP TABLE password_resets;
DROP TABLE invitations;
DROP TABLE recovery_codes;
ALTER TABLE sessions DROP COLUMN second_factor_pending;
ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step;

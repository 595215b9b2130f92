-- The user of a live session ($1: session id, $2: user id): not revoked, not expired, the account
-- active. Their memberships are a JSON array of rows in the field order of `MembershipRow` (role,
-- municipality id and name, organisation id and name). No row without a live session. Every
-- signed-in request asks this; the case read asks it in the same statement as the case file
-- (cases/queries.rs), so the column names must not be the case file's.
SELECT u.id AS user_id, u.email AS user_email, u.display_name AS user_display_name,
  u.password_changed_at, s.second_factor_pending, u.totp_enabled_at IS NOT NULL AS totp_enabled,
  (SELECT coalesce(json_agg(json_build_array(m.role, m.municipality_id, mu.name, m.organisation_id,
            o.name) ORDER BY m.role, mu.name, o.name), '[]')::text
     FROM memberships m
     LEFT JOIN municipalities mu ON mu.id = m.municipality_id
     LEFT JOIN organisations o ON o.id = m.organisation_id
     WHERE m.user_id = u.id) AS memberships
FROM sessions s
JOIN users u ON u.id = s.user_id
WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active

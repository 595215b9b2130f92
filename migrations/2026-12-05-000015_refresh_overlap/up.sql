-- When the refresh token was last swapped: for a short overlap after it, the same swap is
-- answered again (tabs renewing at once, an answer lost on the way) instead of ending the session.
ALTER TABLE sessions ADD COLUMN refresh_rotated_at timestamptz;

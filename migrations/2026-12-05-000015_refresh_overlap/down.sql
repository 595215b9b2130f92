ALTER TABLE sessions DROP COLUMN refresh_rotated_at;

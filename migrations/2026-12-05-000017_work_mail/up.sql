-- A mail when someone gives a user a task or adds them to the team around a child (who did it and
-- a link, never the child or the task): who turned it off.
CREATE TABLE work_mail_off (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    since timestamptz NOT NULL DEFAULT now()
);

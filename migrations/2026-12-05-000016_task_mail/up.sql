-- The morning mail about one's own tasks that are overdue or due today (counts and a link, never
-- a child): who turned it off, and the days it went out — one per user and day, whichever server
-- instance sends it.
CREATE TABLE task_mail_off (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    since timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE task_mail_days (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day date NOT NULL,
    mailed boolean NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, day)
);

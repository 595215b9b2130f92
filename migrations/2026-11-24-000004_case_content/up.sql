-- What the team writes about a case: notes, the handelingsplan (goals and evaluations) and tasks.

CREATE TABLE case_notes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    author_id uuid REFERENCES users (id) ON DELETE SET NULL,
    -- 'team': the whole case team; 'organisation': only colleagues of the author's organisation.
    visibility text NOT NULL CHECK (visibility IN ('team', 'organisation')),
    organisation_id uuid REFERENCES organisations (id),
    body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (visibility = 'team' OR organisation_id IS NOT NULL)
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, created_at);

CREATE TABLE plan_goals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    goal text NOT NULL CHECK (char_length(goal) BETWEEN 1 AND 500),
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    achieved_on date
);
CREATE INDEX plan_goals_case_idx ON plan_goals (case_id);

CREATE TABLE evaluations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    held_on date NOT NULL,
    summary text NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 4000),
    next_on date NOT NULL,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluations_case_idx ON evaluations (case_id, held_on);

CREATE TABLE case_tasks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
    due_on date,
    done_at timestamptz,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_tasks_case_idx ON case_tasks (case_id);

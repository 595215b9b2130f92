-- Saved planner scenarios, per municipality. The input is the engine's JSON (shared::planner).
CREATE TABLE planner_scenarios (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    municipality_id uuid NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    input jsonb NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX planner_scenarios_municipality_idx ON planner_scenarios (municipality_id, updated_at DESC);

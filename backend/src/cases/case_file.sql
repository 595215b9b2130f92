-- The lists of one case file (the case id is the one parameter) in one statement, each a JSON
-- array of rows; a row is an array in the field order of its Rust row type (cases/queries.rs,
-- `CaseLists`). One round trip instead of ten: a case file is read on every open of a case page.
WITH this AS (SELECT id, municipality_id FROM cases WHERE id = $1)
SELECT
  (SELECT coalesce(json_agg(json_build_array(h.from_stage_id, h.to_stage_id, h.moved_at, u.display_name,
            h.reason, h.outcome) ORDER BY h.moved_at, h.id), '[]')::text
     FROM stage_history h LEFT JOIN users u ON u.id = h.moved_by WHERE h.case_id = this.id) AS history,
  (SELECT coalesce(json_agg(json_build_array(c.id, c.given_by, c.given_on, c.method, c.organisation_ids,
            c.data_categories, c.valid_until, c.withdrawn_at) ORDER BY c.recorded_at), '[]')::text
     FROM consents c WHERE c.case_id = this.id) AS consents,
  (SELECT coalesce(json_agg(json_build_array(u.id, u.display_name, t.role_in_case)
            ORDER BY t.added_at, u.id), '[]')::text
     FROM case_team t JOIN users u ON u.id = t.user_id WHERE t.case_id = this.id) AS team,
  (SELECT coalesce(json_agg(json_build_array(g.id, g.name, g.relation, g.phone, g.email)
            ORDER BY g.created_at, g.id), '[]')::text
     FROM case_guardians g WHERE g.case_id = this.id) AS guardians,
  (SELECT coalesce(json_agg(json_build_array(s.id, s.key, s.name, s.position, s.wip_limit, s.requires_consent,
            s.terminal) ORDER BY s.position), '[]')::text
     FROM route_stages s WHERE s.municipality_id = this.municipality_id) AS stages,
  (SELECT coalesce(json_agg(json_build_array(n.id, u.display_name, n.visibility, n.organisation_id, n.body,
            n.created_at) ORDER BY n.created_at DESC), '[]')::text
     FROM case_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.case_id = this.id) AS notes,
  (SELECT coalesce(json_agg(json_build_array(p.id, p.goal, p.achieved_on) ORDER BY p.created_at), '[]')::text
     FROM plan_goals p WHERE p.case_id = this.id) AS goals,
  (SELECT coalesce(json_agg(json_build_array(e.id, e.held_on, e.summary, e.next_on, u.display_name)
            ORDER BY e.held_on DESC), '[]')::text
     FROM evaluations e LEFT JOIN users u ON u.id = e.created_by WHERE e.case_id = this.id) AS evaluations,
  (SELECT coalesce(json_agg(json_build_array(k.id, k.title, k.assignee_id, u.display_name, k.due_on, k.done_at)
            ORDER BY k.done_at IS NOT NULL, k.due_on ASC NULLS LAST, k.created_at), '[]')::text
     FROM case_tasks k LEFT JOIN users u ON u.id = k.assignee_id WHERE k.case_id = this.id) AS tasks,
  (SELECT coalesce(json_agg(json_build_array(a.id, a.file_name, a.kind, a.size_bytes, u.display_name,
            a.created_at) ORDER BY a.created_at DESC), '[]')::text
     FROM case_attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.case_id = this.id) AS attachments
FROM this

-- One case file (the case id is the one parameter) in one statement: the card's row with its
-- location, mentor and organisation names, then the lists, each a JSON array of rows; a row is an
-- array in the field order of its Rust row type (cases/queries.rs, `CaseFileRow`). One round trip
-- instead of eleven: a case file is read on every open of a case page. No row when the case does
-- not exist or is anonymised. The case's revision (migration 000012) tells whether a file read
-- earlier is still this one.
WITH this AS (
  SELECT c.id, c.municipality_id, c.organisation_id, c.child_first_name, c.child_initial, c.birth_date,
    c.concerns, c.ve_indication, c.need_category, c.support_level, c.stage_id, c.stage_entered_at,
    c.outcome, c.first_signal_at, c.next_evaluation_on, c.version, c.mentor_id, c.revision,
    l.name AS location_name, m.display_name AS mentor_name, o.name AS organisation_name
  FROM cases c
  LEFT JOIN locations l ON l.id = c.location_id
  LEFT JOIN users m ON m.id = c.mentor_id
  JOIN organisations o ON o.id = c.organisation_id
  WHERE c.id = $1 AND c.anonymised_at IS NULL)
SELECT this.*,
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

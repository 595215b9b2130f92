-- What the access rule (shared::cases::access) needs to know about one case ($1): its
-- municipality and owning organisation, the user ids on its team, and its consents as a JSON
-- array of rows in the field order of `ConsentRow` (as in zr_case_file, migration 000014). No row
-- when the case does not exist or is anonymised.
SELECT c.municipality_id, c.organisation_id,
  ARRAY(SELECT t.user_id FROM case_team t WHERE t.case_id = c.id) AS team,
  (SELECT coalesce(json_agg(json_build_array(k.id, k.given_by, k.given_on, k.method, k.organisation_ids,
            k.data_categories, k.valid_until, k.withdrawn_at) ORDER BY k.recorded_at), '[]')::text
     FROM consents k WHERE k.case_id = c.id) AS consents
FROM cases c
WHERE c.id = $1 AND c.anonymised_at IS NULL

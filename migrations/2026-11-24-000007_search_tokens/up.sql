-- One GIN index answers a whole map search: the words (search_vector) and every indexed filter
-- (filter_tokens) are intersected inside a single index scan, so only real hits are read from
-- the table. Tokens: 'c' grid cell, 't' taxonomy term, 'f' financing, 'r' referral route,
-- 'l' language, 'v' support level, 'a' age bucket of 6 months (0–216 months, both ends
-- included; the exact age check stays in the query).
CREATE FUNCTION zr_filter_tokens(
    cells integer[], term_ids uuid[], financing text[], referral text[], languages text[],
    support_level text, minimum_age integer, maximum_age integer)
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg(token) FROM (
        SELECT 'c' || c AS token FROM unnest(cells) c
        UNION ALL SELECT 't' || t FROM unnest(term_ids) t
        UNION ALL SELECT 'f' || f FROM unnest(financing) f
        UNION ALL SELECT 'r' || r FROM unnest(referral) r
        UNION ALL SELECT 'l' || l FROM unnest(languages) l
        UNION ALL SELECT 'v' || support_level
        UNION ALL SELECT 'a' || b
            FROM generate_series(coalesce(minimum_age, 0) / 6, coalesce(maximum_age, 216) / 6) b
    ) tokens
$$;

ALTER TABLE services ADD COLUMN filter_tokens text[] GENERATED ALWAYS AS (
    zr_filter_tokens(cells, term_ids, financing, referral, languages, support_level,
                     minimum_age, maximum_age)
) STORED;

CREATE INDEX services_filter_idx ON services USING gin (search_vector, filter_tokens);
DROP INDEX services_search_idx;
DROP INDEX services_cells_idx;

-- The social map (sociale kaart), aligned with Open Referral HSDS 3.0: organisations and locations
-- are the tenancy tables of the foundation, extended with their public fields; services, taxonomy,
-- phones, contacts, schedules and service_at_locations are new. Ages are in months.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE organisations
    ADD COLUMN description text NOT NULL DEFAULT '',
    ADD COLUMN email text;

ALTER TABLE locations
    ADD COLUMN description text,
    ADD COLUMN accessibility text,
    ADD COLUMN accessibility_en text,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE taxonomies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE CHECK (code IN ('need', 'service_type')),
    name text NOT NULL,
    description text NOT NULL,
    version text NOT NULL
);

-- Hierarchical terms; admins may add and rename them.
CREATE TABLE taxonomy_terms (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    taxonomy_id uuid NOT NULL REFERENCES taxonomies (id) ON DELETE CASCADE,
    code text NOT NULL CHECK (code ~ '^[a-z0-9-]+$'),
    name text NOT NULL,
    name_en text NOT NULL,
    description text,
    parent_id uuid REFERENCES taxonomy_terms (id) ON DELETE SET NULL,
    position integer NOT NULL DEFAULT 0,
    UNIQUE (taxonomy_id, code)
);

CREATE TABLE services (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_en text,
    description text NOT NULL,
    description_en text,
    url text,
    email text,
    status text NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
    -- How a family gets there: 'self' (no referral needed), or via wijkteam, huisarts, jgz.
    referral text[] NOT NULL DEFAULT '{}'
        CHECK (referral <@ ARRAY['self', 'wijkteam', 'huisarts', 'jgz']),
    application_process text,
    application_process_en text,
    eligibility_description text,
    eligibility_description_en text,
    minimum_age integer CHECK (minimum_age BETWEEN 0 AND 216),
    maximum_age integer CHECK (maximum_age BETWEEN 0 AND 216),
    financing text[] NOT NULL DEFAULT '{}'
        CHECK (financing <@ ARRAY['oab', 'jeugdwet', 'zvw', 'wlz', 'free', 'own_cost']),
    fees_description text,
    support_level text NOT NULL
        CHECK (support_level IN ('basis', 'op_de_groep', 'buiten_de_groep', 'buiten_regulier')),
    wait_weeks integer CHECK (wait_weeks BETWEEN 0 AND 520),
    languages text[] NOT NULL DEFAULT '{nl}' CHECK (languages <@ ARRAY[
        'nl', 'en', 'ar', 'tr', 'pl', 'uk', 'so', 'ti', 'fy', 'de', 'fr', 'es', 'pap', 'zgh', 'ngt']),
    -- The taxonomy terms (needs and service types) of the service: HSDS attributes.
    term_ids uuid[] NOT NULL DEFAULT '{}',
    -- Grid cells of the service's places at two sizes (0.1° and 0.5°, see zr_cells): "within
    -- N km" searches combine this GIN index with the text and term indexes before measuring
    -- exact distances (small radii use the fine cells, larger ones the coarse: fewer keys).
    cells integer[] NOT NULL DEFAULT '{}',
    -- Positions of the service's places (kept with the cells), so distances need no joins.
    place_lats float8[] NOT NULL DEFAULT '{}',
    place_lons float8[] NOT NULL DEFAULT '{}',
    assured_date date,
    assurer_email text,
    is_demo boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Organisation and term names, kept by the application so free text finds them too.
    keywords text NOT NULL DEFAULT '',
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch', name), 'A')
        || setweight(to_tsvector('dutch', keywords), 'B')
        || setweight(to_tsvector('dutch', description), 'C')
        || setweight(to_tsvector('english', coalesce(name_en, '') || ' ' || coalesce(description_en, '')), 'D')
    ) STORED,
    typo_text text GENERATED ALWAYS AS (lower(name || ' ' || keywords)) STORED,
    CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age),
    UNIQUE (organisation_id, name)
);
CREATE INDEX services_search_idx ON services USING gin (search_vector);
CREATE INDEX services_typo_idx ON services USING gin (typo_text gin_trgm_ops);
CREATE INDEX services_terms_idx ON services USING gin (term_ids);
CREATE INDEX services_cells_idx ON services USING gin (cells);

-- Bounding boxes for "within N km" searches.
CREATE INDEX locations_position_idx ON locations (latitude, longitude);

CREATE TABLE service_at_locations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    description text,
    UNIQUE (service_id, location_id)
);
CREATE INDEX service_at_locations_location_idx ON service_at_locations (location_id);

CREATE TABLE phones (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
    service_id uuid REFERENCES services (id) ON DELETE CASCADE,
    location_id uuid REFERENCES locations (id) ON DELETE CASCADE,
    number text NOT NULL CHECK (number ~ '^\+?[0-9 ()-]{6,20}$'),
    description text,
    CHECK (num_nonnulls(organisation_id, service_id, location_id) = 1)
);
CREATE INDEX phones_service_idx ON phones (service_id);

CREATE TABLE contacts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
    service_id uuid REFERENCES services (id) ON DELETE CASCADE,
    name text,
    title text,
    email text,
    phone text,
    CHECK (num_nonnulls(organisation_id, service_id) = 1)
);
CREATE INDEX contacts_service_idx ON contacts (service_id);

-- Weekly opening hours (HSDS schedule with freq WEEKLY), in Europe/Amsterdam local time.
CREATE TABLE schedules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    byday text NOT NULL CHECK (byday ~ '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$'),
    opens_at time NOT NULL,
    closes_at time NOT NULL CHECK (closes_at > opens_at),
    description text
);
CREATE INDEX schedules_service_idx ON schedules (service_id);

-- Four-digit postcode areas with an approximate centroid, for "near postcode …" searches.
CREATE TABLE postcode_areas (
    pc4 integer PRIMARY KEY CHECK (pc4 BETWEEN 1000 AND 9999),
    place text NOT NULL,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL
);

-- The grid cells of a point: 0.1° × 0.1° and 0.5° × 0.5° (shared::map::cells computes the same).
CREATE FUNCTION zr_cells(lat float8, lon float8)
RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY[(floor(lat * 10)::integer + 900) * 10000 + floor(lon * 10)::integer + 1800,
                 100000000 + (floor(lat * 2)::integer + 180) * 1000 + floor(lon * 2)::integer + 360]
$$;

-- Great-circle distance in kilometres (haversine); inlined by the planner.
CREATE FUNCTION zr_distance_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 12742 * asin(sqrt(
        power(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;

INSERT INTO taxonomies (code, name, description, version) VALUES
    ('need', 'Zorgroute behoeften', 'Waar maakt de ouder of professional zich zorgen over?', '2026.1'),
    ('service_type', 'Zorgroute soorten hulp', 'Wat voor hulp biedt de dienst?', '2026.1');

INSERT INTO taxonomy_terms (taxonomy_id, code, name, name_en, position)
SELECT t.id, v.code, v.name, v.name_en, v.position
FROM taxonomies t
JOIN (VALUES
    ('need', 'spraak-taal', 'Spraak en taal', 'Speech and language', 1),
    ('need', 'gedrag', 'Gedrag', 'Behaviour', 2),
    ('need', 'motoriek', 'Bewegen (motoriek)', 'Movement (motor skills)', 3),
    ('need', 'sociaal-emotioneel', 'Contact en gevoelens', 'Social and emotional', 4),
    ('need', 'zintuigen', 'Horen en zien', 'Hearing and sight', 5),
    ('need', 'medisch', 'Gezondheid', 'Health', 6),
    ('need', 'opvoedvragen', 'Vragen over opvoeden', 'Parenting questions', 7),
    ('need', 'meertaligheid', 'Meer talen thuis', 'Several languages at home', 8),
    ('service_type', 'logopedie', 'Logopedie', 'Speech therapy', 1),
    ('service_type', 'fysiotherapie', 'Fysiotherapie', 'Physiotherapy', 2),
    ('service_type', 'orthopedagogiek', 'Orthopedagogiek', 'Remedial educational support', 3),
    ('service_type', 'jeugdhulp', 'Jeugdhulp', 'Youth care', 4),
    ('service_type', 'jgz', 'Jeugdgezondheidszorg (consultatiebureau)', 'Youth health care (child health clinic)', 5),
    ('service_type', 've', 'Voorschoolse educatie (VE)', 'Early childhood education (VE)', 6),
    ('service_type', 'peuteropvang-plus', 'Peuteropvang plus', 'Toddler care plus', 7),
    ('service_type', 'mkd', 'Ontwikkelcentrum of MKD', 'Development centre (MKD)', 8),
    ('service_type', 'ouderondersteuning', 'Steun voor ouders', 'Parent support', 9),
    ('service_type', 'coaching', 'Coaching op de groep', 'Coaching on location', 10)
) AS v (taxonomy, code, name, name_en, position) ON v.taxonomy = t.code;

-- Approximate centroids (demo quality) for the four municipalities of the demo.
INSERT INTO postcode_areas (pc4, place, latitude, longitude) VALUES
    (5661, 'Geldrop', 51.4262, 5.5449), (5662, 'Geldrop', 51.4283, 5.5604),
    (5663, 'Geldrop', 51.4182, 5.5713), (5664, 'Geldrop', 51.4166, 5.5568),
    (5665, 'Geldrop', 51.4074, 5.5580), (5666, 'Geldrop', 51.4036, 5.5721),
    (5667, 'Geldrop', 51.4003, 5.5502), (5730, 'Mierlo', 51.4402, 5.6170),
    (5731, 'Mierlo', 51.4410, 5.6146),
    (6411, 'Heerlen', 50.8882, 5.9795), (6412, 'Heerlen', 50.8956, 5.9848),
    (6413, 'Heerlen', 50.8995, 5.9645), (6414, 'Heerlen', 50.8851, 5.9626),
    (6415, 'Heerlen', 50.8736, 5.9645), (6416, 'Heerlen', 50.8806, 5.9927),
    (6417, 'Heerlen', 50.8760, 5.9880), (6418, 'Heerlen', 50.8662, 5.9768),
    (6419, 'Heerlen', 50.8697, 5.9929), (6421, 'Heerlen', 50.9107, 5.9777),
    (6422, 'Heerlen', 50.9131, 5.9603),
    (5211, '''s-Hertogenbosch', 51.6892, 5.3019), (5212, '''s-Hertogenbosch', 51.6935, 5.3110),
    (5213, '''s-Hertogenbosch', 51.6985, 5.3185), (5215, '''s-Hertogenbosch', 51.6956, 5.3350),
    (5216, '''s-Hertogenbosch', 51.6830, 5.3215), (5221, '''s-Hertogenbosch', 51.7106, 5.3122),
    (5223, '''s-Hertogenbosch', 51.7064, 5.3310), (5224, '''s-Hertogenbosch', 51.7076, 5.3448),
    (5231, '''s-Hertogenbosch', 51.7185, 5.3030), (5232, '''s-Hertogenbosch', 51.7042, 5.2921),
    (5235, '''s-Hertogenbosch', 51.6997, 5.3537), (5236, '''s-Hertogenbosch', 51.6969, 5.3682),
    (5241, 'Rosmalen', 51.7165, 5.3660), (5242, 'Rosmalen', 51.7107, 5.3785),
    (2401, 'Alphen aan den Rijn', 52.1340, 4.6608), (2402, 'Alphen aan den Rijn', 52.1397, 4.6770),
    (2403, 'Alphen aan den Rijn', 52.1443, 4.6604), (2404, 'Alphen aan den Rijn', 52.1329, 4.6803),
    (2405, 'Alphen aan den Rijn', 52.1254, 4.6699), (2406, 'Alphen aan den Rijn', 52.1240, 4.6475),
    (2407, 'Alphen aan den Rijn', 52.1371, 4.6370), (2408, 'Alphen aan den Rijn', 52.1180, 4.6590);

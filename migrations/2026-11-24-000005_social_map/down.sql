DROP FUNCTION zr_distance_km(float8, float8, float8, float8);
DROP FUNCTION zr_cells(float8, float8);
DROP TABLE postcode_areas;
DROP TABLE schedules;
DROP TABLE contacts;
DROP TABLE phones;
DROP TABLE service_at_locations;
DROP TABLE services;
DROP INDEX locations_position_idx;
DROP TABLE taxonomy_terms;
DROP TABLE taxonomies;
ALTER TABLE locations
    DROP COLUMN updated_at,
    DROP COLUMN accessibility_en,
    DROP COLUMN accessibility,
    DROP COLUMN description;
ALTER TABLE organisations
    DROP COLUMN email,
    DROP COLUMN description;
DROP EXTENSION IF EXISTS pg_trgm;

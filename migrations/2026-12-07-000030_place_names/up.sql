-- Names people use for a place besides the one its postcode areas carry ("Den Bosch"), so a
-- parent may search from "Den Bosch" or "Alphen" as well as from a postcode.
CREATE TABLE place_names (
    name text PRIMARY KEY,
    place text NOT NULL CHECK (place <> '')
);

INSERT INTO place_names (name, place) VALUES
    ('Den Bosch', '''s-Hertogenbosch'),
    ('Hertogenbosch', '''s-Hertogenbosch'),
    ('Alphen', 'Alphen aan den Rijn'),
    ('Alphen a/d Rijn', 'Alphen aan den Rijn'),
    ('Geldrop-Mierlo', 'Geldrop');

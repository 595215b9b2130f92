DROP TRIGGER schedules_map_changed ON schedules;
DROP TRIGGER services_map_changed ON services;
DROP FUNCTION zr_map_changed();
DROP TABLE map_revision;

DROP TABLE place_names;

DROP TABLE sessions;
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE locations;
DROP TABLE organisation_municipalities;
DROP TABLE organisations;
DROP TABLE municipalities;

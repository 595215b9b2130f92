DROP TABLE case_guardians;

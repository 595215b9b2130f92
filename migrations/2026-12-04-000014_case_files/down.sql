DROP TRIGGER cases_file_kept ON cases;
DROP FUNCTION zr_case_file_kept();
DROP TABLE case_files;
DROP FUNCTION zr_case_file(uuid);

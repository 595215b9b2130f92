DROP INDEX services_name_idx;

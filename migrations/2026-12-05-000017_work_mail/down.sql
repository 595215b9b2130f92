DROP TABLE work_mail_off;

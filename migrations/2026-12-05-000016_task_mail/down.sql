DROP TABLE task_mail_days;
DROP TABLE task_mail_off;

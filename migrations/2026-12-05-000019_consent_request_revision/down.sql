DROP TRIGGER consent_requests_revise ON consent_requests;

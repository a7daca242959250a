DROP POLICY evf_housekeeping ON evf;

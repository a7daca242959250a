-- Undo of V1. The roles evf_app and evf_system are cluster-wide and left in place (another database of the
-- cluster may use them); after this undo they hold nothing in this database.
DROP TABLE tenants;

-- Undo of V1. The roles are cluster-wide: left in place.
DROP TABLE repositories;
DROP TABLE installations;

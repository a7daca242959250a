-- Not a leak, a warning: the policies of reviews filter on installation_id, and no index leads with it any more.
DROP INDEX reviews_installation_id;

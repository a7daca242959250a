-- Give the table back to the migrating superuser (RLS stays not forced, as before V900) and rebuild the grants
-- in their original order: the ownership change folded authenticated's grant into the owner's privileges and
-- re-issued service_role's grant in authenticated's name.
ALTER TABLE meals.meals OWNER TO CURRENT_USER;
REVOKE ALL ON meals.meals FROM service_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON meals.meals TO authenticated;
GRANT ALL ON meals.meals TO service_role;

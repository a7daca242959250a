-- meals_service revision 0002_off_fields: Open Food Facts product fields.
ALTER TABLE meals.meals
    ADD COLUMN off_barcode text,
    ADD COLUMN off_product_name text,
    ADD COLUMN nutriscore_grade char(1) CHECK (nutriscore_grade IN ('a', 'b', 'c', 'd', 'e'));

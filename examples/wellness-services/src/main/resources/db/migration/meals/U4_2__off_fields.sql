-- Undo of V4_2 (the column's CHECK constraint goes with the column).
ALTER TABLE meals.meals
    DROP COLUMN nutriscore_grade,
    DROP COLUMN off_product_name,
    DROP COLUMN off_barcode;

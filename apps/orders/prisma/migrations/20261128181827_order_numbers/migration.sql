-- Order numbers come from one sequence per company-calendar year, not from a counter row every
-- create had to update (and wait on) in its own commit. A sequence hands out numbers without
-- waiting on anyone's commit; a number taken by a create that then fails is a gap.

-- The next number of a year, making the year's sequence on its first order (a concurrent maker
-- wins the race and the other simply uses its sequence). It runs as its owner, the migrations'
-- role, in this schema: the service's own role has no DDL.
CREATE FUNCTION next_order_number(year integer) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  sequence_name text := 'order_number_' || year;
BEGIN
  IF to_regclass(sequence_name) IS NULL THEN
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', sequence_name);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
      NULL;
    END;
  END IF;
  RETURN nextval(sequence_name::regclass);
END
$$;

-- The years already counted go on from their last number.
DO $$
DECLARE
  counted record;
BEGIN
  FOR counted IN SELECT year, last FROM "order_sequence" LOOP
    EXECUTE format('CREATE SEQUENCE %I START WITH %s', 'order_number_' || counted.year, counted.last + 1);
  END LOOP;
END
$$;

-- DropTable
DROP TABLE "order_sequence";

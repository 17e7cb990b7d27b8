-- array_to_string is STABLE (it calls the element type's output function), so generated columns
-- cannot use it; for text[] it is immutable in fact. The exercise tables' search columns
-- (db/schema/exercises.ts) join their arrays with this.
CREATE OR REPLACE FUNCTION app_text_join(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN array_to_string($1, ' ');

-- deliberately broken: the end-to-end test proves a failed migration rolls the whole environment back
ALTER TABLE no_such_table ADD COLUMN nope INT;

-- The data quality check run with every settlement, kept with the statement it was run for:
-- whether the statement is provisional, why, and the findings' codes and counts (no student
-- ids). Null for statements issued before the check existed. Statements stay immutable.
ALTER TABLE statements ADD COLUMN data_quality jsonb;

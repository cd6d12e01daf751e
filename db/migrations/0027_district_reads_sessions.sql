-- A district's reads of its large tables without a function call per row.
--
-- The read policies of these tables call accord_sees_contract or accord_sees_student, SQL
-- functions with a subquery that the planner cannot inline, so every row a scan keeps
-- costs a function call: a district's evidence report reads some 570,000 session rows of
-- a contract, and 100,000 students with 400,000 test rows. For a district organization
-- both functions are true exactly when accord_owns_district is (their vendor branch is
-- false for it), and for every other organization accord_owns_district is false; so
-- `accord_owns_district(d) OR accord_sees_...(...)` is true for the same rows as the call
-- alone, for every organization and every command the policy covers. Put first in the
-- policy's own expression, the inlined check decides a district's rows and the call is
-- made only for the rows it does not decide (a vendor's, as before).
--
-- The check goes into the policy itself rather than into a second permissive policy: the
-- server ORs permissive policies in an order of its own (not the order written), and with
-- `tenant` checked first a second policy saved nothing on service_sessions.
ALTER POLICY tenant ON service_sessions
  USING (accord_owns_district(district_id) OR accord_sees_contract(district_id, contract_id));
ALTER POLICY tenant ON session_rollups
  USING (accord_owns_district(district_id) OR accord_sees_contract(district_id, contract_id));
ALTER POLICY read ON enrollments
  USING (accord_owns_district(district_id) OR accord_sees_contract(district_id, contract_id));
ALTER POLICY read ON students
  USING (accord_owns_district(district_id) OR accord_sees_student(district_id, student_id));
ALTER POLICY read ON assessment_results
  USING (accord_owns_district(district_id) OR accord_sees_student(district_id, student_id));

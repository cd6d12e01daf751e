-- The statements and payments API: idempotency keys for exactly-once POSTs, and the
-- lookups of settlement runs.

-- A POST with an Idempotency-Key (src/api/idempotency.ts) claims its key with an INSERT
-- in the same transaction as its effect, then writes the response it gives into the
-- claimed row before it commits: a concurrent request with the same key waits on the
-- primary key until then, and finds the response. Only the response columns may change;
-- the claim itself (key, method, path, request hash) never does.
GRANT UPDATE (status_code, response_body) ON idempotency_keys TO accord_app;

-- A platform table (no district_id): each organization sees and writes only its own keys.
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON idempotency_keys TO accord_app
  USING (organization_id = accord_org()) WITH CHECK (organization_id = accord_org());

-- A settlement run looks up the contract's latest statement of a kind; a statement
-- names the one that replaced it.
CREATE INDEX statements_contract_kind ON statements (district_id, contract_id, kind, statement_id);
CREATE INDEX statements_supersedes ON statements (district_id, supersedes_statement_id);

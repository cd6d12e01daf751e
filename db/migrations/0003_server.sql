-- The server: organizations, accounts, sessions, API tokens, idempotency keys, the audit
-- log, the contract lifecycle, statement reviews, obligation evidence, and row-level
-- security keyed on the acting organization (docs/decisions/0008).
--
-- Tables without district_id are platform tables (organizations, users and what hangs off
-- them, the audit log): on Citus they are reference tables, replicated to every node.
-- Tenant tables reference them never; they reference tenant tables never.

CREATE TABLE organizations (
  organization_id text PRIMARY KEY CHECK (organization_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
  -- A district organization's id is its district_id; a vendor's is the vendor id its
  -- contracts' terms name (vendors.vendor_id) in every district it serves.
  kind text NOT NULL CHECK (kind IN ('district', 'vendor', 'platform')),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  user_id text PRIMARY KEY,
  -- Lower case; the sign-in name.
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  -- argon2id PHC string; null for accounts that sign in only with OpenID Connect.
  password_hash text,
  -- Base32 TOTP secret, set when a second factor is enrolled; confirmed when enabled.
  totp_secret text,
  totp_enabled_at timestamptz,
  oidc_issuer text,
  oidc_subject text,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  UNIQUE (oidc_issuer, oidc_subject)
);

CREATE TABLE memberships (
  user_id text NOT NULL REFERENCES users (user_id),
  organization_id text NOT NULL REFERENCES organizations (organization_id),
  role text NOT NULL CHECK (role IN ('district_admin', 'district_analyst', 'vendor_user', 'auditor', 'platform_admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, organization_id)
);

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE auth_sessions (
  session_sha256 text PRIMARY KEY CHECK (session_sha256 ~ '^[0-9a-f]{64}$'),
  user_id text NOT NULL REFERENCES users (user_id),
  organization_id text NOT NULL REFERENCES organizations (organization_id),
  csrf_token text NOT NULL,
  -- False until the TOTP code is given, for accounts that must give one.
  second_factor_done boolean NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

-- Failed sign-ins, for throttling (more than 10 in 5 minutes for one e-mail refuses more).
CREATE TABLE sign_in_failures (
  email text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, failed_at);

CREATE TABLE password_resets (
  token_sha256 text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  user_id text NOT NULL REFERENCES users (user_id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- A bearer token for integrations (a vendor pushing session logs), scoped to one
-- organization and role. Only the SHA-256 of the secret is stored.
CREATE TABLE api_tokens (
  token_id text PRIMARY KEY,
  token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  organization_id text NOT NULL REFERENCES organizations (organization_id),
  role text NOT NULL CHECK (role IN ('district_admin', 'district_analyst', 'vendor_user', 'auditor')),
  name text NOT NULL,
  created_by text NOT NULL REFERENCES users (user_id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);

-- An OpenID Connect sign-in in flight (state, nonce and PKCE verifier), for 10 minutes.
CREATE TABLE oidc_logins (
  state text PRIMARY KEY,
  provider text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL
);

-- The first response to a POST with an Idempotency-Key, replayed for the same key.
CREATE TABLE idempotency_keys (
  organization_id text NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  method text NOT NULL,
  path text NOT NULL,
  request_sha256 text NOT NULL,
  status_code integer NOT NULL,
  response_body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organization_id, idempotency_key)
);

-- The audit log: append only, hash-chained. entry_sha256 is the SHA-256 of the previous
-- entry's hash and this entry's fields (src/app/audit-chain.ts); audit_chain_head holds
-- the last entry, locked by each append so entries chain in one order.
CREATE TABLE audit_events (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  occurred_at timestamptz NOT NULL,
  actor_user_id text,
  actor_token_id text,
  organization_id text,
  district_id text,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  detail text NOT NULL,
  prev_sha256 text NOT NULL CHECK (prev_sha256 ~ '^[0-9a-f]{64}$'),
  entry_sha256 text NOT NULL CHECK (entry_sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX audit_events_organization ON audit_events (organization_id, seq);
CREATE INDEX audit_events_district ON audit_events (district_id, seq);

CREATE TABLE audit_chain_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  last_seq bigint NOT NULL,
  last_sha256 text NOT NULL
);
INSERT INTO audit_chain_head (last_seq, last_sha256) VALUES (0, repeat('0', 64));

-- The contract lifecycle: draft -> proposed -> active -> settled -> closed. Contracts
-- recorded from signed terms files (accord contract add) are active.
ALTER TABLE contracts
  ADD COLUMN stage text NOT NULL DEFAULT 'active' CHECK (stage IN ('draft', 'proposed', 'active', 'settled', 'closed')),
  ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1);

-- A terms version is approved by both parties before it applies; an amendment of an
-- active contract is a proposed version until both approve it. Settlement reads the
-- latest approved version.
ALTER TABLE contract_terms_versions
  ADD COLUMN status text NOT NULL DEFAULT 'approved' CHECK (status IN ('proposed', 'approved', 'withdrawn')),
  ADD COLUMN district_approved_by text,
  ADD COLUMN district_approved_at timestamptz,
  ADD COLUMN vendor_approved_by text,
  ADD COLUMN vendor_approved_at timestamptz;

-- Who imported a batch (the organization), so a vendor sees its own uploads.
ALTER TABLE import_batches ADD COLUMN organization_id text;

-- A settlement run: interim or final; a re-run links to the statement it replaces.
ALTER TABLE statements
  ADD COLUMN kind text NOT NULL DEFAULT 'final' CHECK (kind IN ('interim', 'final')),
  ADD COLUMN issued_by text NOT NULL DEFAULT 'cli',
  ADD COLUMN supersedes_statement_id bigint,
  ADD FOREIGN KEY (district_id, supersedes_statement_id) REFERENCES statements (district_id, statement_id);

-- Approvals and disputes of a statement (the statement itself never changes).
CREATE TABLE statement_reviews (
  district_id text NOT NULL,
  statement_id bigint NOT NULL,
  review_no integer NOT NULL CHECK (review_no >= 1),
  action text NOT NULL CHECK (action IN ('approve', 'dispute')),
  comment text,
  organization_id text NOT NULL,
  reviewed_by text NOT NULL,
  reviewed_at timestamptz NOT NULL,
  PRIMARY KEY (district_id, statement_id, review_no),
  FOREIGN KEY (district_id, statement_id) REFERENCES statements (district_id, statement_id),
  CHECK (action <> 'dispute' OR comment IS NOT NULL)
);

CREATE TABLE obligation_evidence (
  district_id text NOT NULL,
  contract_id text NOT NULL,
  obligation_id text NOT NULL,
  evidence_id bigint GENERATED BY DEFAULT AS IDENTITY,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  PRIMARY KEY (district_id, evidence_id),
  FOREIGN KEY (district_id, contract_id) REFERENCES contracts (district_id, contract_id)
);

-- Row-level security. The server works as the role accord_app (never a superuser, never
-- BYPASSRLS) and sets, in each transaction, the acting organization: accord.org_id and
-- accord.org_kind. A district organization sees its district's rows; a vendor sees its
-- own contracts and what hangs off them, and only the students enrolled in them; a
-- platform organization sees no tenant rows. The CLI, as the database owner, is not
-- subject to these policies (it is the operator's tool).
DO $$
BEGIN
  CREATE ROLE accord_app NOLOGIN;
EXCEPTION
  -- Two databases of one cluster migrating at once may race to create it.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

CREATE FUNCTION accord_org() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('accord.org_id', true), '')
$$;
CREATE FUNCTION accord_org_kind() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('accord.org_kind', true), '')
$$;

-- Whether the acting organization is the district, or a vendor with a contract in it.
CREATE FUNCTION accord_sees_district(d text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (accord_org_kind() = 'district' AND d = accord_org())
      OR (accord_org_kind() = 'vendor'
          AND EXISTS (SELECT 1 FROM contracts c WHERE c.district_id = d AND c.vendor_id = accord_org()))
$$;

-- Whether the acting organization is the contract's district or its vendor.
CREATE FUNCTION accord_sees_contract(d text, c text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (accord_org_kind() = 'district' AND d = accord_org())
      OR (accord_org_kind() = 'vendor'
          AND EXISTS (SELECT 1 FROM contracts k
                       WHERE k.district_id = d AND k.contract_id = c AND k.vendor_id = accord_org()))
$$;

-- Whether the acting organization is the student's district, or a vendor serving the
-- student under one of its contracts.
CREATE FUNCTION accord_sees_student(d text, s text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (accord_org_kind() = 'district' AND d = accord_org())
      OR (accord_org_kind() = 'vendor'
          AND EXISTS (SELECT 1 FROM enrollments e JOIN contracts k USING (district_id, contract_id)
                       WHERE e.district_id = d AND e.student_id = s AND k.vendor_id = accord_org()))
$$;

-- Reading and writing are separate policies: an organization reads what it sees, but
-- writes only what it owns. A district writes its district's rows; a vendor writes only
-- what a session-log import of its own contracts writes (sessions, their rollups and
-- batches, its own import batches and their rejects) and evidence for its contracts.
CREATE FUNCTION accord_owns_district(d text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT accord_org_kind() = 'district' AND d = accord_org()
$$;

ALTER TABLE districts ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON districts FOR SELECT TO accord_app
  USING (accord_sees_district(district_id) OR accord_org_kind() = 'platform');
CREATE POLICY write ON districts FOR INSERT TO accord_app WITH CHECK (accord_org_kind() = 'platform');

ALTER TABLE vendors ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON vendors FOR SELECT TO accord_app
  USING (accord_owns_district(district_id) OR (accord_org_kind() = 'vendor' AND vendor_id = accord_org()));
CREATE POLICY write ON vendors TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));

ALTER TABLE contracts ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON contracts FOR SELECT TO accord_app
  USING (accord_owns_district(district_id) OR (accord_org_kind() = 'vendor' AND vendor_id = accord_org()));
CREATE POLICY write ON contracts TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));

ALTER TABLE schools ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON schools FOR SELECT TO accord_app USING (accord_sees_district(district_id));
CREATE POLICY write ON schools TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));

ALTER TABLE students ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON students FOR SELECT TO accord_app USING (accord_sees_student(district_id, student_id));
CREATE POLICY write ON students TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));

ALTER TABLE assessment_results ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON assessment_results FOR SELECT TO accord_app USING (accord_sees_student(district_id, student_id));
CREATE POLICY write ON assessment_results TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));

ALTER TABLE import_batches ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON import_batches FOR SELECT TO accord_app
  USING (accord_owns_district(district_id) OR organization_id = accord_org());
CREATE POLICY write ON import_batches TO accord_app
  USING (organization_id = accord_org() AND accord_sees_district(district_id))
  WITH CHECK (organization_id = accord_org() AND accord_sees_district(district_id));

-- A batch's rejects go with the batch: read where the batch is read, written by its importer.
ALTER TABLE import_rejects ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON import_rejects FOR SELECT TO accord_app
  USING (EXISTS (SELECT 1 FROM import_batches b
                  WHERE b.district_id = import_rejects.district_id AND b.batch_id = import_rejects.batch_id));
CREATE POLICY write ON import_rejects TO accord_app
  USING (EXISTS (SELECT 1 FROM import_batches b
                  WHERE b.district_id = import_rejects.district_id AND b.batch_id = import_rejects.batch_id
                    AND b.organization_id = accord_org()))
  WITH CHECK (EXISTS (SELECT 1 FROM import_batches b
                  WHERE b.district_id = import_rejects.district_id AND b.batch_id = import_rejects.batch_id
                    AND b.organization_id = accord_org()));

-- Rows of a contract that only the district writes.
ALTER TABLE contract_terms_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON contract_terms_versions FOR SELECT TO accord_app USING (accord_sees_contract(district_id, contract_id));
CREATE POLICY write ON contract_terms_versions TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));
ALTER TABLE enrollments ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON enrollments FOR SELECT TO accord_app USING (accord_sees_contract(district_id, contract_id));
CREATE POLICY write ON enrollments TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));
ALTER TABLE obligation_statuses ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON obligation_statuses FOR SELECT TO accord_app USING (accord_sees_contract(district_id, contract_id));
CREATE POLICY write ON obligation_statuses TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON payments FOR SELECT TO accord_app USING (accord_sees_contract(district_id, contract_id));
CREATE POLICY write ON payments TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));
ALTER TABLE statements ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON statements FOR SELECT TO accord_app USING (accord_sees_contract(district_id, contract_id));
CREATE POLICY write ON statements FOR INSERT TO accord_app WITH CHECK (accord_owns_district(district_id));

-- Rows of a contract that its vendor writes too (a session-log import, evidence files).
ALTER TABLE service_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON service_sessions TO accord_app USING (accord_sees_contract(district_id, contract_id));
ALTER TABLE session_rollups ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON session_rollups TO accord_app USING (accord_sees_contract(district_id, contract_id));
ALTER TABLE session_batches ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON session_batches TO accord_app USING (accord_sees_contract(district_id, contract_id));
ALTER TABLE obligation_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON obligation_evidence TO accord_app USING (accord_sees_contract(district_id, contract_id));

-- A review is made by the acting organization, in its own name, of a statement it sees.
ALTER TABLE statement_reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON statement_reviews FOR SELECT TO accord_app
  USING (EXISTS (SELECT 1 FROM statements s
                  WHERE s.district_id = statement_reviews.district_id AND s.statement_id = statement_reviews.statement_id));
CREATE POLICY write ON statement_reviews FOR INSERT TO accord_app
  WITH CHECK (organization_id = accord_org()
              AND EXISTS (SELECT 1 FROM statements s
                           WHERE s.district_id = statement_reviews.district_id
                             AND s.statement_id = statement_reviews.statement_id));

-- An organization sees its own audit events; a district also those about its district.
-- Entries are written in the acting organization's name; only the sign-in code, which
-- runs before there is an acting organization (no accord.org_id), names the organization
-- being signed in to.
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON audit_events FOR SELECT TO accord_app
  USING (organization_id = accord_org() OR (accord_org_kind() = 'district' AND district_id = accord_org()));
CREATE POLICY write ON audit_events FOR INSERT TO accord_app
  WITH CHECK (accord_org() = '' OR organization_id = accord_org());

-- What accord_app may do at all (policies then narrow the rows). No UPDATE or DELETE on
-- the audit log, statements or reviews.
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO accord_app', current_schema());
END
$$;
GRANT SELECT ON schema_migrations TO accord_app;
GRANT SELECT, INSERT ON districts, organizations TO accord_app;
GRANT SELECT, INSERT, UPDATE ON users, memberships, auth_sessions, password_resets, api_tokens, oidc_logins TO accord_app;
GRANT DELETE ON oidc_logins, sign_in_failures TO accord_app;
GRANT SELECT, INSERT ON sign_in_failures, idempotency_keys TO accord_app;
GRANT SELECT, INSERT ON audit_events TO accord_app;
GRANT SELECT, UPDATE ON audit_chain_head TO accord_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON schools, students, vendors, contracts, contract_terms_versions,
  enrollments, assessment_results, service_sessions, session_rollups, session_batches, obligation_statuses,
  obligation_evidence, payments, import_batches, import_rejects TO accord_app;
GRANT SELECT, INSERT ON statements, statement_reviews TO accord_app;
DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO accord_app', current_schema());
END
$$;

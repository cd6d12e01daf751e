-- Requests for proposals, vendors' proposals, the district's scores and the award.
--
-- An RFP is a district's: its draft obc-terms/1 terms (kept as received text next to a
-- jsonb copy, as contract terms are) and the RFP document drafted from them (accord-rfp/1).
-- Stages: draft -> published (vendors may see it and propose) -> closed (no more
-- proposals) -> awarded (one proposal won; a contract draft was created from it).
--
-- Visibility: the district sees its RFPs; every vendor organization on the platform sees
-- every RFP that has been published (published, closed or awarded), never a draft.
-- A vendor sees only its own proposals, and writes them only while the RFP is published.
-- The district sees the proposals to its RFPs (a proposal is stored when it is
-- submitted: there are no unsent proposals in the store) and alone sees their scores.
CREATE TABLE rfps (
  district_id text NOT NULL REFERENCES districts (district_id),
  rfp_id text NOT NULL CHECK (rfp_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  title text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'closed', 'awarded')),
  terms_source text NOT NULL,
  terms jsonb NOT NULL CHECK (terms = terms_source::jsonb),
  document jsonb NOT NULL,
  -- The contract whose terms the RFP started from, if any (its stored rows are the
  -- comparison's default data).
  source_contract_id text,
  proposals_due_on date,
  revision integer NOT NULL DEFAULT 1,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  published_at timestamptz,
  closed_at timestamptz,
  awarded_at timestamptz,
  awarded_proposal_id text,
  awarded_contract_id text,
  PRIMARY KEY (district_id, rfp_id)
);

CREATE TABLE proposals (
  district_id text NOT NULL,
  rfp_id text NOT NULL,
  proposal_id text NOT NULL,
  -- The vendor organization (the vendor id a contract's terms name).
  vendor_id text NOT NULL,
  vendor_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted', 'withdrawn', 'awarded', 'notSelected')),
  narrative text NOT NULL,
  evidence text NOT NULL,
  rate_card_source text NOT NULL,
  rate_card jsonb NOT NULL CHECK (rate_card = rate_card_source::jsonb),
  price_cents bigint NOT NULL CHECK (price_cents > 0),
  revision integer NOT NULL DEFAULT 1,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL,
  revised_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  PRIMARY KEY (district_id, rfp_id, proposal_id),
  UNIQUE (district_id, rfp_id, vendor_id),
  FOREIGN KEY (district_id, rfp_id) REFERENCES rfps (district_id, rfp_id)
);

-- One score per proposal and criterion (0 to 5 points), the latest scorer's.
CREATE TABLE proposal_scores (
  district_id text NOT NULL,
  rfp_id text NOT NULL,
  proposal_id text NOT NULL,
  criterion_key text NOT NULL,
  points smallint NOT NULL CHECK (points BETWEEN 0 AND 5),
  comment text NOT NULL,
  scored_by text NOT NULL,
  scored_at timestamptz NOT NULL,
  PRIMARY KEY (district_id, rfp_id, proposal_id, criterion_key),
  FOREIGN KEY (district_id, rfp_id, proposal_id) REFERENCES proposals (district_id, rfp_id, proposal_id)
);

ALTER TABLE rfps ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON rfps FOR SELECT TO accord_app
  USING (accord_owns_district(district_id) OR (accord_org_kind() = 'vendor' AND status <> 'draft'));
CREATE POLICY write ON rfps TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));

ALTER TABLE proposals ENABLE ROW LEVEL SECURITY;
CREATE POLICY read ON proposals FOR SELECT TO accord_app
  USING (accord_owns_district(district_id) OR (accord_org_kind() = 'vendor' AND vendor_id = accord_org()));
-- A vendor writes its own proposals to a published RFP (the rfps policy lets it see only
-- published ones); the district writes the outcome of the award.
CREATE POLICY vendor_insert ON proposals FOR INSERT TO accord_app
  WITH CHECK (accord_org_kind() = 'vendor' AND vendor_id = accord_org()
              AND EXISTS (SELECT 1 FROM rfps r WHERE r.district_id = proposals.district_id
                             AND r.rfp_id = proposals.rfp_id AND r.status = 'published'));
CREATE POLICY vendor_update ON proposals FOR UPDATE TO accord_app
  USING (accord_org_kind() = 'vendor' AND vendor_id = accord_org())
  WITH CHECK (accord_org_kind() = 'vendor' AND vendor_id = accord_org()
              AND EXISTS (SELECT 1 FROM rfps r WHERE r.district_id = proposals.district_id
                             AND r.rfp_id = proposals.rfp_id AND r.status = 'published'));
CREATE POLICY district_update ON proposals FOR UPDATE TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));

ALTER TABLE proposal_scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY district ON proposal_scores TO accord_app
  USING (accord_owns_district(district_id)) WITH CHECK (accord_owns_district(district_id));

GRANT SELECT, INSERT, UPDATE ON rfps, proposals, proposal_scores TO accord_app;

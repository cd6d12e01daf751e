-- The contract lifecycle over the API. A vendor approves terms too: its approval is written
-- on the terms version, and like every change of a contract it bumps the contract's
-- revision (the ETag clients send back in If-Match); the last approval of version 1 makes
-- a proposed contract active, that of an amendment gives the contract its title, and the
-- vendor's approval of a final statement marks the contract settled. 0003 lets only the
-- district write contracts and terms versions; these policies let a vendor update the
-- rows of its own contracts, and the triggers hold it to the columns those changes touch
-- (a vendor still never rewrites terms, reasons or the district's approval).
-- On Citus, row triggers on distributed tables need citus.enable_unsafe_triggers, as the
-- statements trigger of 0001 does (docs/ARCHITECTURE.md, "Store").
CREATE POLICY vendor_approval ON contracts FOR UPDATE TO accord_app
  USING (accord_org_kind() = 'vendor' AND vendor_id = accord_org())
  WITH CHECK (accord_org_kind() = 'vendor' AND vendor_id = accord_org());

CREATE POLICY vendor_approval ON contract_terms_versions FOR UPDATE TO accord_app
  USING (accord_org_kind() = 'vendor' AND accord_sees_contract(district_id, contract_id))
  WITH CHECK (accord_org_kind() = 'vendor' AND accord_sees_contract(district_id, contract_id));

-- Refuses an update by a vendor that changes a column other than those named as the
-- trigger's arguments.
CREATE FUNCTION accord_vendor_updates_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF accord_org_kind() = 'vendor' AND (to_jsonb(NEW) - TG_ARGV) IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV) THEN
    RAISE EXCEPTION 'permission denied: a vendor changes only % of %', array_to_string(TG_ARGV, ', '), TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER vendor_updates_only BEFORE UPDATE ON contracts
  FOR EACH ROW EXECUTE FUNCTION accord_vendor_updates_only('stage', 'revision', 'title');

CREATE TRIGGER vendor_updates_only BEFORE UPDATE ON contract_terms_versions
  FOR EACH ROW EXECUTE FUNCTION accord_vendor_updates_only('status', 'vendor_approved_by', 'vendor_approved_at');

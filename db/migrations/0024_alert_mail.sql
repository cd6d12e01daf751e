-- Alerts by e-mail: each member's delivery preferences per alert kind, and what has been
-- mailed to whom, so an alert is mailed once per person while it stays active.

-- One row per membership that has chosen (or been sent) something; a membership without a
-- row takes its role's defaults (src/core/alert-mail/preferences.ts). A platform table,
-- like the memberships it hangs off: the application limits writes to the actor's own row.
CREATE TABLE alert_preferences (
  user_id text NOT NULL,
  organization_id text NOT NULL,
  -- {"enrolment-behind": "immediate", "obligation-due-soon": "digest", ...}: the kinds
  -- chosen; a kind absent takes the role's default.
  deliveries jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(deliveries) = 'object'),
  -- The hour of the day (in the alert time zone) after which the daily digest is sent.
  digest_hour smallint NOT NULL CHECK (digest_hour BETWEEN 0 AND 23),
  -- The local day of the last digest run for this membership (sent, or nothing to send).
  last_digest_on date,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, organization_id),
  FOREIGN KEY (user_id, organization_id) REFERENCES memberships (user_id, organization_id) ON DELETE CASCADE
);

-- One row per active alert per person it is meant for. `pending` until the relay takes the
-- mail (a failure keeps it pending, with the attempt counted and the error's name, and the
-- next run tries again); `sent` once mailed. A row whose alert is no longer active is
-- deleted, so an alert that clears and comes back is mailed again; a row whose alert got
-- more severe than `severity` is mailed again.
CREATE TABLE alert_deliveries (
  district_id text NOT NULL,
  contract_id text NOT NULL,
  organization_id text NOT NULL,
  user_id text NOT NULL,
  alert_code text NOT NULL,
  -- What the alert is about within the contract (metric, window, obligation or statement id).
  alert_subject text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
  delivery text NOT NULL CHECK (delivery IN ('immediate', 'digest')),
  status text NOT NULL CHECK (status IN ('pending', 'sent')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error text,
  first_seen_at timestamptz NOT NULL,
  sent_at timestamptz,
  PRIMARY KEY (district_id, contract_id, organization_id, user_id, alert_code, alert_subject),
  FOREIGN KEY (district_id, contract_id) REFERENCES contracts (district_id, contract_id)
);

-- An organization reads and writes only its own members' deliveries, and only for the
-- contracts it sees (a vendor: its own contracts).
ALTER TABLE alert_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON alert_deliveries TO accord_app
  USING (organization_id = accord_org() AND accord_sees_contract(district_id, contract_id))
  WITH CHECK (organization_id = accord_org() AND accord_sees_contract(district_id, contract_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON alert_preferences, alert_deliveries TO accord_app;

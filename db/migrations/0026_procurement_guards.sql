-- One-click unsubscribe from alert mail (RFC 8058). Each alert mail carries a link with a
-- random token; the store keeps only its SHA-256, like password_resets, so a copy of the
-- database unsubscribes no one. A token turns off, for its membership, the kinds of alert
-- of the mail it came in (one kind for an alert sent at once, the digest's kinds for a
-- digest); it may be used again (mail programs repeat the POST) until it expires. A platform
-- table like alert_preferences: it hangs off memberships and goes with them.
CREATE TABLE alert_unsubscribe_tokens (
  token_sha256 text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  user_id text NOT NULL,
  organization_id text NOT NULL,
  -- ["enrolment-behind", ...]: the alert codes the token turns off.
  alert_codes jsonb NOT NULL CHECK (jsonb_typeof(alert_codes) = 'array' AND jsonb_array_length(alert_codes) > 0),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- The last time the token was used (null: never).
  used_at timestamptz,
  FOREIGN KEY (user_id, organization_id) REFERENCES memberships (user_id, organization_id) ON DELETE CASCADE
);

-- Each send run deletes the expired tokens.
CREATE INDEX alert_unsubscribe_tokens_expires_at ON alert_unsubscribe_tokens (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON alert_unsubscribe_tokens TO accord_app;

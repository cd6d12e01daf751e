-- Accounts and their administration: what the second factor needs to refuse a replayed
-- code and to end a session that keeps guessing, and removing a member from an
-- organization. users and auth_sessions are platform tables (no district_id, no
-- row-level security): the application limits these writes to the actor's own account,
-- session and organization.

-- The last TOTP time step (30 s counter) accepted for the account: a code of this step or
-- an earlier one is refused, so a code seen over a shoulder cannot be used again
-- (RFC 6238, section 5.2).
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Wrong TOTP codes given in this session; the fifth ends it.
ALTER TABLE auth_sessions
  ADD COLUMN second_factor_failures integer NOT NULL DEFAULT 0 CHECK (second_factor_failures >= 0);

-- A district administrator removes a member from the organization.
GRANT DELETE ON memberships TO accord_app;

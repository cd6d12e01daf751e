/**
 * Roles and what each may do. The server checks a route's required capability against
 * the actor's role; row-level security then keeps every query inside the actor's
 * organization (src/app/act-as.ts).
 */
import type { OrgKind } from "../act-as.js";

export const ROLES = [
  "district_admin",
  "district_analyst",
  "vendor_user",
  "auditor",
  "platform_admin",
] as const;
export type Role = (typeof ROLES)[number];

/** The kind of organization each role belongs to. */
export const ROLE_ORG_KIND: Readonly<Record<Role, OrgKind>> = {
  district_admin: "district",
  district_analyst: "district",
  auditor: "district",
  vendor_user: "vendor",
  platform_admin: "platform",
};

/**
 * Capabilities, each held by the roles listed:
 * - read:contracts      contracts, terms, statements (totals), obligations
 * - read:students       student-level data (rosters, per-student statement lines, sessions)
 * - read:audit          the audit log
 * - write:contracts     create and edit drafts, propose, amend
 * - approve:terms       approve terms versions on behalf of the organization
 * - write:data          imports, obligation statuses and evidence
 * - write:sessions      session-log imports (vendors)
 * - run:settlement      run settlements (a statement is a computation, not a payment)
 * - approve:money       approve or dispute statements, record payments
 * - read:budget         funding sources, encumbrances and the money ledger (district-internal)
 * - write:budget        funding sources, encumbrances, ledger reversals
 * - write:check-ins     check-in schedules, agendas, minutes and action items of the
 *                       organization's contracts (auditors and analysts read them only)
 * - admin:organization  users and API tokens of the organization
 * - admin:platform      organizations (no student data)
 * - write:rfps          create, edit, publish, close and award RFPs
 * - score:proposals     score the proposals to the district's RFPs
 * - write:proposals     submit, revise and withdraw the organization's proposals
 */
export const CAPABILITIES = {
  "read:contracts": ["district_admin", "district_analyst", "vendor_user", "auditor"],
  "read:students": ["district_admin", "district_analyst", "vendor_user", "auditor"],
  "read:audit": ["district_admin", "auditor"],
  "write:contracts": ["district_admin"],
  "approve:terms": ["district_admin", "vendor_user"],
  "write:data": ["district_admin", "district_analyst"],
  "write:sessions": ["district_admin", "district_analyst", "vendor_user"],
  "run:settlement": ["district_admin", "district_analyst"],
  "approve:money": ["district_admin", "vendor_user"],
  "read:budget": ["district_admin", "district_analyst", "auditor"],
  "write:budget": ["district_admin"],
  "write:check-ins": ["district_admin", "vendor_user"],
  "admin:organization": ["district_admin"],
  "admin:tokens": ["district_admin", "vendor_user"],
  "admin:platform": ["platform_admin"],
  "write:rfps": ["district_admin"],
  "score:proposals": ["district_admin", "district_analyst"],
  "write:proposals": ["vendor_user"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/** Roles whose accounts must sign in with a second factor. */
export const ADMIN_ROLES: readonly Role[] = ["district_admin", "platform_admin"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

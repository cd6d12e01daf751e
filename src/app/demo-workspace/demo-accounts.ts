/**
 * The demo workspace's accounts: one per role (three in the district, one in each vendor,
 * a platform administrator), each with a password drawn at random for this workspace, so
 * no two stores share one and none is written in the code. Administrators must give a
 * TOTP code at sign-in, so their second factor is enrolled here and its secret handed
 * back with the password.
 */
import { randomInt } from "node:crypto";
import type { SqlRunner } from "../ports/db.js";
import type { PasswordHasher, Totp } from "../ports/auth.js";
import { storedTime } from "../ports/clock.js";
import { addMembership, createUser } from "../auth/create-account.js";
import { ADMIN_ROLES, type Role } from "../auth/roles.js";
import type { DemoDistrict } from "./demo-district.js";

export const PLATFORM_ORGANIZATION = { id: "platform", name: "Accord operators" } as const;

export interface DemoUser {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly organizationId: string;
  readonly password: string;
  /** Base32, for an authenticator app; administrators only. */
  readonly totpSecret?: string;
  /** otpauth://totp/... (a QR code of it); administrators only. */
  readonly totpUri?: string;
}

export interface PlannedAccount extends Omit<DemoUser, "userId"> {
  readonly displayName: string;
  readonly passwordHash: string;
}

// Lower-case letters and digits without the look-alikes (0/o, 1/l/i): 31 symbols, so
// 20 of them are about 99 bits, typed from a terminal without doubt.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Four groups of five random symbols: `k7mqa-3vx9t-...`. */
export function demoPassword(): string {
  const group = (): string => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

/** Who gets an account; `.example` addresses (RFC 2606), which reach no one. */
function people(district: DemoDistrict): { email: string; displayName: string; role: Role; org: string }[] {
  const d = district.districtId;
  return [
    { email: `admin@${d}.example`, displayName: "District administrator", role: "district_admin", org: d },
    { email: `analyst@${d}.example`, displayName: "District analyst", role: "district_analyst", org: d },
    { email: `auditor@${d}.example`, displayName: "District auditor", role: "auditor", org: d },
    ...district.vendors.map((v) => ({
      email: `contracts@${v.id}.example`,
      displayName: `${v.name} contract manager`,
      role: "vendor_user" as const,
      org: v.id,
    })),
    {
      email: "operator@accord.example",
      displayName: "Platform administrator",
      role: "platform_admin",
      org: PLATFORM_ORGANIZATION.id,
    },
  ];
}

/** Passwords, their hashes and the administrators' TOTP secrets (hashing is the slow part: done before any transaction). */
export async function planAccounts(
  district: DemoDistrict,
  deps: { readonly hasher: PasswordHasher; readonly totp: Totp },
): Promise<PlannedAccount[]> {
  return Promise.all(
    people(district).map(async ({ email, displayName, role, org }) => {
      const password = demoPassword();
      const secret = ADMIN_ROLES.includes(role) ? deps.totp.createSecret(email) : null;
      return {
        email,
        displayName,
        role,
        organizationId: org,
        password,
        passwordHash: await deps.hasher.hash(password),
        ...(secret === null ? {} : { totpSecret: secret.base32, totpUri: secret.uri }),
      };
    }),
  );
}

/** Creates each account with its membership and, for administrators, its enrolled second factor. */
export async function createAccounts(
  tx: SqlRunner,
  accounts: readonly PlannedAccount[],
  at: Date,
): Promise<DemoUser[]> {
  const users: DemoUser[] = [];
  for (const { displayName, passwordHash, ...account } of accounts) {
    const userId = await createUser(tx, { email: account.email, displayName, passwordHash });
    await addMembership(tx, userId, account.organizationId, account.role);
    if (account.totpSecret !== undefined)
      await tx.query("UPDATE users SET totp_secret = $2, totp_enabled_at = $3 WHERE user_id = $1", [
        userId,
        account.totpSecret,
        storedTime(at),
      ]);
    users.push({ userId, ...account });
  }
  return users;
}

/**
 * Canonical JSON and SHA-256 for digests that must not depend on how a value was
 * written: object keys sorted (by UTF-16 code units, as `Array.prototype.sort` does),
 * no whitespace. Two requests or inputs that mean the same get the same digest.
 */
import { createHash } from "node:crypto";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  // Money and ids are strings by the time they get here; a bigint would be a bug.
  if (typeof value === "bigint") throw new TypeError("canonical JSON has no bigint: format it first");
  return value;
}

/** JSON text with every object's keys sorted and no whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

/** SHA-256 of UTF-8 text or bytes, as 64 lower-case hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

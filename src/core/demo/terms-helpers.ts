/**
 * Shared pieces of the archetypes' money side (terms-per-student.ts, terms-pool.ts):
 * prices in whole dollars rounded the way a procurement office would, and the standard
 * obligations.
 */
import { formatCents } from "../money.js";
import type { ContractSpec } from "./contracts.js";
import type { Prng } from "./prng.js";
import type { BaseJson, ObligationJson, OutcomesJson } from "./terms-json.js";

export interface ArchetypeInput {
  readonly spec: ContractSpec;
  /** `expectedStudents` of the terms; prices and obligation minimums scale with it. */
  readonly expected: number;
  /** The contract's own stream, so its amounts do not depend on other contracts. */
  readonly rng: Prng;
}

/** Everything of a terms document that differs by archetype. */
export interface ArchetypeTerms {
  readonly threshold?: { minSessions?: number; minMinutes?: number };
  readonly maxRapidGuessPercent?: string;
  readonly base: BaseJson;
  readonly outcomes: OutcomesJson;
  readonly obligations?: ObligationJson[];
  readonly maxValueDollars: number;
}

/** Whole dollars as a money string (`"650.00"`). */
export function usd(dollars: number): string {
  return formatCents(BigInt(dollars) * 100n);
}

/** A price step: a multiple of `by` in [lo, hi]. */
export function step(rng: Prng, lo: number, hi: number, by: number): number {
  return rng.int(Math.ceil(lo / by), Math.floor(hi / by)) * by;
}

/** Contract prices are whole thousands, rounded up. */
export function thousands(dollars: number): number {
  return Math.ceil(dollars / 1000) * 1000;
}

/** An obligation minimum: a share of the planned students, at least 1. */
export function atLeast(share: number, expected: number): number {
  return Math.max(1, Math.floor(share * expected));
}

/** Fresh per use, so no two documents share (and could mutate) one object. */
export function fromRow(percent = "100"): { fromRow: true; percent: string } {
  return { fromRow: true, percent };
}

type Consequence = ObligationJson["consequence"];

export function enroll(min: number, consequence: Consequence): ObligationJson {
  const description = `Enroll at least ${min} eligible students`;
  return {
    id: "enroll",
    party: "district",
    description,
    measure: { kind: "enrolledStudents", min },
    consequence,
  };
}

export function serve(min: number, consequence: Consequence): ObligationJson {
  const description = `Serve at least ${min} students`;
  return { id: "serve", party: "vendor", description, measure: { kind: "servedStudents", min }, consequence };
}

export function manual(
  id: string,
  party: "district" | "vendor",
  description: string,
  consequence: Consequence,
): ObligationJson {
  return { id, party, description, measure: { kind: "manual" }, consequence };
}

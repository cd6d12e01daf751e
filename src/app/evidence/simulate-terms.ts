/**
 * Use case: price proposed terms before they are agreed. The draft (the contract's
 * latest version, or terms sent with the request) is moved onto a like-performing
 * population: the stored data of a contract of another school year (by default the
 * contract itself), its period and window names shifted by the whole years between the
 * two periods' starts (target-setting-prior-year.ts). On that population:
 *
 * - the share of students meeting each metric at its proposed target and around it;
 * - a bootstrap of the payment (payment-simulation.ts): P10/P50/P90 of the total and of
 *   the share of the contingent money earned.
 *
 * Manual obligations are pending in the simulation (the population's statuses belong to
 * another contract's obligations), so they have no consequence.
 */
import type { SqlRunner } from "../ports/db.js";
import { loadStoredData } from "../load-stored-data.js";
import type { JsonProblem } from "../../core/problem.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import type { Terms } from "../../core/terms/types.js";
import { onPriorYear, yearsBetween } from "../../core/evidence/target-setting-prior-year.js";
import { targetSetting, type MetricTargets } from "../../core/evidence/target-setting.js";
import {
  DEFAULT_DRAWS,
  simulatePayments,
  type SimulationResult,
} from "../../core/evidence/payment-simulation.js";
import { readContractTerms } from "./read-contract-terms.js";

export interface SimulationRequest {
  readonly districtId: string;
  readonly contractId: string;
  /** An obc-terms/1 document to price instead of the contract's latest version. */
  readonly termsDocument: unknown;
  /** The contract whose stored population stands in; default the contract itself. */
  readonly populationContractId: string | null;
  readonly draws: number | null;
  readonly seed: string | null;
}

export interface TermsSimulation {
  readonly terms: Terms;
  /** The version priced, or null for terms sent with the request. */
  readonly termsVersion: number | null;
  readonly populationContractId: string;
  /** Whole years the draft was moved back to meet the population's data. */
  readonly yearsBack: number;
  readonly targets: readonly MetricTargets[];
  readonly simulation: SimulationResult;
}

export type SimulationOutcome =
  | { readonly kind: "not-found" }
  | { readonly kind: "invalid-terms"; readonly problems: readonly JsonProblem[] }
  | { readonly kind: "no-population"; readonly message: string }
  | { readonly kind: "simulated"; readonly result: TermsSimulation };

export const DEFAULT_SEED = "accord";

async function draftTerms(
  tx: SqlRunner,
  request: SimulationRequest,
): Promise<SimulationOutcome | { terms: Terms; version: number | null }> {
  const stored = await readContractTerms(tx, request.districtId, request.contractId, "latest");
  if (stored === null) return { kind: "not-found" };
  if (request.termsDocument === undefined || request.termsDocument === null)
    return { terms: stored.terms, version: stored.version };
  const parsed = parseTerms(request.termsDocument);
  if (!parsed.ok)
    return {
      kind: "invalid-terms",
      problems: parsed.problems.map((p) => ({ ...p, path: p.path.replace(/^\$/, "$.body.terms") })),
    };
  const mismatch: JsonProblem[] = [];
  if (parsed.terms.contractId !== request.contractId)
    mismatch.push({
      path: "$.body.terms.contractId",
      code: "other-contract",
      message: `the terms are of contract ${parsed.terms.contractId}, not ${request.contractId}`,
    });
  if (parsed.terms.district.id !== request.districtId)
    mismatch.push({
      path: "$.body.terms.district.id",
      code: "other-district",
      message: `the terms are of district ${parsed.terms.district.id}, not ${request.districtId}`,
    });
  if (mismatch.length > 0) return { kind: "invalid-terms", problems: mismatch };
  return { terms: parsed.terms, version: null };
}

export async function simulateTerms(tx: SqlRunner, request: SimulationRequest): Promise<SimulationOutcome> {
  const draft = await draftTerms(tx, request);
  if ("kind" in draft) return draft;
  const populationId = request.populationContractId ?? request.contractId;
  const population = await readContractTerms(tx, request.districtId, populationId, "approved");
  if (population === null)
    return {
      kind: "no-population",
      message: `contract ${populationId} has no approved terms in district ${request.districtId}`,
    };
  const yearsBack = yearsBetween(population.terms, draft.terms);
  const terms = onPriorYear(draft.terms, populationId, yearsBack);
  // Obligation statuses of the population's contract name its own obligations: not read.
  const stored = await loadStoredData(
    tx,
    request.districtId,
    [{ ...terms, obligations: [] }],
    () => terms.period.end,
  );
  const contractData = stored.data.contractData(populationId, terms.period.start, terms.period.end);
  const data = { ...contractData, obligationStatus: () => undefined };
  if (data.enrollments.length === 0)
    return {
      kind: "no-population",
      message: `contract ${populationId} has no enrolled students to simulate on`,
    };
  const end = terms.period.end;
  const simulation = simulatePayments(terms, data, end, {
    draws: request.draws ?? DEFAULT_DRAWS,
    seed: request.seed ?? DEFAULT_SEED,
  });
  return {
    kind: "simulated",
    result: {
      terms: draft.terms,
      termsVersion: draft.version,
      populationContractId: populationId,
      yearsBack,
      targets: targetSetting(terms, data, end),
      simulation,
    },
  };
}

/**
 * Use case: the proposals to an RFP side by side, for the district: price, weighted score
 * per criterion, and what each rate card would have paid on stored data. Each proposal's
 * rate card is merged into the RFP's terms and settled as the terms preview settles draft
 * terms (src/app/terms-preview/preview-terms.ts: the same loadStoredData and core, nothing
 * written) on the rows stored for one of the district's contracts: by default the
 * contract the RFP was drafted from. When that contract is of an earlier school year, the
 * merged terms' period and window names are moved back by the whole years between the two
 * periods' starts (src/core/evidence/target-setting-prior-year.ts, as the payment
 * simulation moves draft terms), so "last year's data" is read with last year's windows.
 * Withdrawn proposals are listed without a preview.
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import type { JsonProblem } from "../../core/problem.js";
import { formatCents } from "../../core/money.js";
import { mergeRateCard } from "../../core/rfp/rate-card.js";
import { shiftDate, shiftWindowName } from "../../core/evidence/target-setting-prior-year.js";
import { previewTerms, type TermsPreview } from "../terms-preview/preview-terms.js";
import { evaluateProposals, type Evaluation, type ProposalEvaluation } from "./score-proposals.js";

export interface CompareRequest {
  readonly districtId: string;
  readonly rfpId: string;
  /** The contract whose stored rows stand in; null: the RFP's source contract. */
  readonly dataFrom: string | null;
  readonly asOf: IsoDate | null;
}

export type WouldHavePaid =
  | { readonly kind: "previewed"; readonly preview: TermsPreview }
  | { readonly kind: "withdrawn" }
  | { readonly kind: "invalid"; readonly problems: readonly JsonProblem[] };

export interface ComparedProposal extends ProposalEvaluation {
  readonly wouldHavePaid: WouldHavePaid;
}

export type CompareResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "no-data"; readonly contractId: string | null }
  | {
      readonly kind: "compared";
      readonly evaluation: Evaluation;
      readonly dataFrom: string;
      /** Whole years the terms were moved back onto the data's school year. */
      readonly yearsBack: number;
      readonly proposals: readonly ComparedProposal[];
    };

export async function compareProposals(tx: SqlRunner, request: CompareRequest): Promise<CompareResult> {
  const evaluation = await evaluateProposals(tx, request.districtId, request.rfpId);
  if (evaluation === null) return { kind: "not-found" };
  const dataFrom = request.dataFrom ?? evaluation.rfp.sourceContractId;
  if (dataFrom === null) return { kind: "no-data", contractId: null };
  const [found] = await tx.query<{ terms_source: string }>(
    `SELECT terms_source FROM contract_terms_versions WHERE district_id = $1 AND contract_id = $2
      ORDER BY version DESC LIMIT 1`,
    [request.districtId, dataFrom],
  );
  if (found === undefined) return { kind: "no-data", contractId: dataFrom };
  const rfpTerms = JSON.parse(evaluation.rfp.termsSource) as Record<string, unknown>;
  const yearsBack =
    startYear(rfpTerms) - startYear(JSON.parse(found.terms_source) as Record<string, unknown>);
  const proposals: ComparedProposal[] = [];
  for (const item of evaluation.proposals) {
    const wouldHavePaid = await settle(tx, request, dataFrom, yearsBack, rfpTerms, item);
    proposals.push({ ...item, wouldHavePaid });
  }
  return { kind: "compared", evaluation, dataFrom, yearsBack, proposals };
}

/** The calendar year a terms document's period starts in (both documents are valid terms). */
function startYear(terms: Record<string, unknown>): number {
  const period = terms.period as { start?: unknown } | undefined;
  return typeof period?.start === "string" ? Number(period.start.slice(0, 4)) : 0;
}

/** The terms document with its period and window names moved back `years` years. */
function onPriorYear(document: Record<string, unknown>, years: number): Record<string, unknown> {
  if (years === 0) return document;
  const period = document.period as { start: IsoDate; end: IsoDate };
  const windows = document.windows as Record<string, Record<string, unknown>>;
  return {
    ...document,
    period: { start: shiftDate(period.start, years), end: shiftDate(period.end, years) },
    windows: Object.fromEntries(
      Object.entries(windows).map(([name, w]) => [
        name,
        { ...w, window: shiftWindowName(String(w.window), years) },
      ]),
    ),
  };
}

async function settle(
  tx: SqlRunner,
  request: CompareRequest,
  dataFrom: string,
  yearsBack: number,
  rfpTerms: Record<string, unknown>,
  item: ProposalEvaluation,
): Promise<WouldHavePaid> {
  if (item.proposal.status === "withdrawn") return { kind: "withdrawn" };
  const merged = mergeRateCard(
    rfpTerms,
    JSON.parse(item.proposal.rateCardSource) as unknown,
    formatCents(item.proposal.priceCents),
  );
  if (!merged.ok) return { kind: "invalid", problems: merged.problems };
  const result = await previewTerms(tx, {
    districtId: request.districtId,
    terms: onPriorYear({ ...merged.document }, yearsBack),
    dataFrom,
    asOf: request.asOf,
  });
  if (result.kind === "previewed") return { kind: "previewed", preview: result.preview };
  if (result.kind === "invalid-terms") return { kind: "invalid", problems: result.problems };
  return {
    kind: "invalid",
    problems: [{ path: "$.dataFrom", code: "unknown-contract", message: `no contract ${dataFrom}` }],
  };
}

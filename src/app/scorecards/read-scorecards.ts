/**
 * Use cases: a district's portfolio scorecard and a vendor's scorecard, from stored
 * terms, statements and payments (read-contract-facts.ts) through the pure scoring of
 * src/core/scorecards/.
 *
 * Who sees what (docs/glossary.md, "Scorecard"):
 * - a district sees its own contracts only: its portfolio, and a vendor's scorecard made of
 *   the contracts the district holds with that vendor. Figures of other districts' contracts
 *   with the same vendor are never read, so nothing needs suppressing;
 * - a vendor sees its own scorecard across the districts it serves (its own contracts only;
 *   row-level security keeps it there too) and no district's portfolio;
 * - platform organizations see neither (the routes refuse them; row-level security gives
 *   them no tenant rows anyway).
 * The figures are aggregates of statements the reader may already read; no student id leaves.
 */
import type { SqlRunner } from "../ports/db.js";
import type { OrgScope } from "../act-as.js";
import { scoreContract, type ContractScore } from "../../core/scorecards/contract-score.js";
import { matchesFilter, type ScorecardFilter } from "../../core/scorecards/scorecard-filter.js";
import { totalScores, totalsBy, type ScorecardTotals } from "../../core/scorecards/scorecard-totals.js";
import { readContractFacts } from "./read-contract-facts.js";

export interface GroupTotals {
  readonly id: string;
  readonly name: string;
  readonly totals: ScorecardTotals;
}

export interface DistrictScorecard {
  readonly districtId: string;
  readonly districtName: string;
  readonly contracts: readonly ContractScore[];
  readonly totals: ScorecardTotals;
  /** The district's vendors compared: each vendor's totals over the district's contracts with it. */
  readonly vendors: readonly GroupTotals[];
}

export interface VendorScorecard {
  readonly vendorId: string;
  readonly vendorName: string;
  /** "vendor": the vendor's own scorecard; "district": the figures of the reading district's contracts only. */
  readonly view: "vendor" | "district";
  readonly contracts: readonly ContractScore[];
  readonly totals: ScorecardTotals;
  readonly districts: readonly GroupTotals[];
}

export type ScorecardResult<T> =
  { readonly kind: "not-found" } | { readonly kind: "ready"; readonly scorecard: T };

function scored(
  facts: Awaited<ReturnType<typeof readContractFacts>>,
  filter: ScorecardFilter,
): ContractScore[] {
  return facts.filter((f) => matchesFilter(f, filter)).map(scoreContract);
}

/** A district's portfolio scorecard, for the district's own staff. */
export async function readDistrictScorecard(
  tx: SqlRunner,
  scope: OrgScope,
  request: { readonly districtId: string; readonly filter: ScorecardFilter },
): Promise<ScorecardResult<DistrictScorecard>> {
  const { districtId } = request;
  if (scope.orgKind !== "district" || scope.organizationId !== districtId) return { kind: "not-found" };
  const [district] = await tx.query<{ name: string }>("SELECT name FROM districts WHERE district_id = $1", [
    districtId,
  ]);
  if (district === undefined) return { kind: "not-found" };
  const lines = scored(await readContractFacts(tx, { districtId, vendorId: null }), request.filter);
  return {
    kind: "ready",
    scorecard: {
      districtId,
      districtName: district.name,
      contracts: lines,
      totals: totalScores(lines),
      vendors: totalsBy(lines, (l) => l.facts.vendorId).map((g) => ({
        id: g.key,
        name: g.lines[0]?.facts.vendorName ?? g.key,
        totals: g.totals,
      })),
    },
  };
}

/**
 * A vendor's scorecard: for the vendor itself, across every district it serves; for a
 * district, over that district's contracts with the vendor (none: not found, as for a
 * vendor that does not exist).
 */
export async function readVendorScorecard(
  tx: SqlRunner,
  scope: OrgScope,
  request: { readonly vendorId: string; readonly filter: ScorecardFilter },
): Promise<ScorecardResult<VendorScorecard>> {
  const { vendorId } = request;
  if (scope.orgKind === "vendor" && scope.organizationId !== vendorId) return { kind: "not-found" };
  if (scope.orgKind !== "vendor" && scope.orgKind !== "district") return { kind: "not-found" };
  const districtId = scope.orgKind === "district" ? scope.organizationId : null;
  const facts = await readContractFacts(tx, { districtId, vendorId });
  let vendorName = facts[0]?.vendorName ?? null;
  if (scope.orgKind === "vendor" && vendorName === null) {
    const [org] = await tx.query<{ name: string }>(
      "SELECT name FROM organizations WHERE organization_id = $1",
      [vendorId],
    );
    vendorName = org?.name ?? vendorId;
  }
  if (vendorName === null) return { kind: "not-found" };
  const lines = scored(facts, request.filter);
  return {
    kind: "ready",
    scorecard: {
      vendorId,
      vendorName,
      view: scope.orgKind,
      contracts: lines,
      totals: totalScores(lines),
      districts: totalsBy(lines, (l) => l.facts.districtId).map((g) => ({
        id: g.key,
        name: g.lines[0]?.facts.districtName ?? g.key,
        totals: g.totals,
      })),
    },
  };
}

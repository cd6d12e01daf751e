/**
 * Use case: the evidence beside a contract's payment, from what the store holds now:
 * the data quality report (is the statement to be trusted, or provisional), the
 * mid-year forecast of the final statement, and the statistics of the service's effect
 * (impact, equity by subgroup, persistence; evidence-statistics.ts).
 *
 * The acting organization must see the contract (a vendor sees its own). The figures
 * are computed with the district's view of its data, because the comparison students of
 * the statistics are district students a vendor never sees; what a vendor then gets is
 * the suppressed shape (evidence-json.ts): aggregates only, no student ids, small
 * cells withheld.
 */
import type { Db, SqlRunner } from "../ports/db.js";
import { actAs, type OrgScope } from "../act-as.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import { contractVisible } from "../statements/read-statements.js";
import { loadStoredData } from "../load-stored-data.js";
import { minDate, type IsoDate } from "../../core/date.js";
import type { RowProblem } from "../../core/problem.js";
import type { Terms } from "../../core/terms/types.js";
import { dataQualityReport } from "../../core/evidence/data-quality.js";
import type { DataQualityReport } from "../../core/evidence/data-quality-types.js";
import {
  defaultMoyWindow,
  forecastStatement,
  withMoyWindow,
  type Forecast,
} from "../../core/evidence/forecast.js";
import { readContractTerms } from "./read-contract-terms.js";
import { qualityInput, readQualityFacts } from "./read-quality-facts.js";
import { evidenceStatistics, type EvidenceStatistics } from "./evidence-statistics.js";

export interface EvidenceRequest {
  readonly districtId: string;
  readonly contractId: string;
  /** Null: today, or the period end once it has passed. */
  readonly asOf: IsoDate | null;
  /** The date the report is made (the clock's, in UTC). */
  readonly today: IsoDate;
  /** The window persistence is measured at (e.g. `2025-fall`); null or absent: the fall after the outcome window. */
  readonly followUp?: string | null;
}

export interface EvidenceReport {
  readonly districtId: string;
  readonly terms: Terms;
  readonly termsVersion: number;
  readonly asOf: IsoDate;
  readonly quality: DataQualityReport;
  readonly forecast: Forecast;
  readonly statistics: EvidenceStatistics;
}

export type EvidenceResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "invalid-data"; readonly problems: readonly RowProblem[] }
  | { readonly kind: "built"; readonly report: EvidenceReport };

/** Computes the report in `tx`, which must see the district's data (the district, or the store's owner). */
export async function computeEvidence(tx: SqlRunner, request: EvidenceRequest): Promise<EvidenceResult> {
  const recorded = await readContractTerms(tx, request.districtId, request.contractId, "approved");
  if (recorded === null) return { kind: "not-found" };
  const { terms } = recorded;
  const asOf = request.asOf ?? minDate(request.today, terms.period.end);
  const moy = defaultMoyWindow(terms);
  const loadTerms = moy === null ? terms : withMoyWindow(terms, moy);
  const [stored, facts] = await Promise.all([
    loadStoredData(tx, request.districtId, [loadTerms], () => asOf),
    readQualityFacts(tx, request.districtId, terms),
  ]);
  if (stored.problems.length > 0) return { kind: "invalid-data", problems: stored.problems };
  const data = stored.data.contractData(
    terms.contractId,
    terms.period.start,
    minDate(terms.period.end, asOf),
  );
  const quality = dataQualityReport({
    ...qualityInput(data.enrollments, facts),
    terms,
    asOf,
    today: request.today,
  });
  const forecast = forecastStatement(terms, data, asOf, moy);
  const statistics = await evidenceStatistics(
    tx,
    request.districtId,
    terms,
    forecast.current,
    request.followUp ?? null,
  );
  return {
    kind: "built",
    report: {
      districtId: request.districtId,
      terms,
      termsVersion: recorded.version,
      asOf,
      quality,
      forecast,
      statistics,
    },
  };
}

/**
 * The report for `actor`: null-free 404 when the actor's organization does not see the
 * contract; the read is recorded in the audit log (it summarizes student-level data).
 */
export async function buildEvidence(
  db: Db,
  actor: Actor,
  request: EvidenceRequest,
  at: Date,
): Promise<EvidenceResult> {
  const scope: OrgScope = { organizationId: actor.organizationId, orgKind: actor.orgKind };
  const visible = await actAs(db, scope, (tx) => contractVisible(tx, request.districtId, request.contractId));
  if (!visible) return { kind: "not-found" };
  const district: OrgScope = { organizationId: request.districtId, orgKind: "district" };
  const result = await actAs(db, district, (tx) => computeEvidence(tx, request));
  if (result.kind !== "built") return result;
  await actAs(db, scope, (tx) =>
    appendAudit(
      tx,
      {
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        organizationId: actor.organizationId,
        districtId: request.districtId,
        action: "evidence.read",
        objectType: "contract",
        objectId: request.contractId,
        detail: { districtId: request.districtId, contractId: request.contractId, asOf: result.report.asOf },
      },
      at,
    ),
  );
  return result;
}

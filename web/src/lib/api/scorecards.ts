/**
 * GET /api/districts/{districtId}/scorecard and GET /api/vendors/{vendorId}/scorecard.
 * The shapes are the server's own (src/shared/scorecard-json.ts): money and ratios come as
 * decimal strings, already rounded half away from zero for display.
 */
import type { ApiClient } from "../api-client.js";
import type {
  ContractScoreJson,
  DistrictScorecardJson,
  TotalsJson,
  VendorScorecardJson,
} from "../../../../src/shared/scorecard-json.js";

export type { ContractScoreJson, DistrictScorecardJson, TotalsJson, VendorScorecardJson };

export interface ScorecardQuery {
  /** "2024-2025", or null for every year. */
  readonly schoolYear: string | null;
  /** One stage, or null for active, settled and closed. */
  readonly stage: "active" | "settled" | "closed" | null;
}

const seg = encodeURIComponent;

function queryText(q: ScorecardQuery): string {
  const parts: string[] = [];
  if (q.schoolYear !== null) parts.push(`schoolYear=${seg(q.schoolYear)}`);
  if (q.stage !== null) parts.push(`stage=${q.stage}`);
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

export function fetchDistrictScorecard(
  api: ApiClient,
  districtId: string,
  query: ScorecardQuery,
): Promise<DistrictScorecardJson> {
  return api.request("GET", `/api/districts/${seg(districtId)}/scorecard${queryText(query)}`);
}

export function fetchVendorScorecard(
  api: ApiClient,
  vendorId: string,
  query: ScorecardQuery,
): Promise<VendorScorecardJson> {
  return api.request("GET", `/api/vendors/${seg(vendorId)}/scorecard${queryText(query)}`);
}

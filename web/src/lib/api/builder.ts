/**
 * The contract builder's requests: the district's vendors, the preview of draft terms on
 * the district's stored data or on demo data (nothing recorded), and creating the draft
 * contract.
 */
import type { ApiClient } from "../api-client.js";
import type { ContractDetail } from "../api-types.js";

const seg = encodeURIComponent;

export interface DistrictVendor {
  readonly vendorId: string;
  readonly name: string;
  readonly contracts: number;
}

export interface TermsPreview {
  readonly contractId: string;
  readonly dataFrom: string;
  /** `demo`: settled on synthetic data fitted to the terms, not the district's. */
  readonly source: "stored" | "demo";
  readonly demo: {
    readonly note: string;
    readonly students: number;
    readonly windows: readonly { window: string; testDate: string }[];
  } | null;
  readonly currency: string;
  readonly asOf: string;
  readonly population: { enrolled: number; eligible: number; served: number; measured: number };
  readonly maxValue: string;
  readonly base: string;
  readonly pool: string | null;
  readonly metrics: readonly {
    id: string;
    label: string;
    kind: string;
    denominator: number;
    met: number;
    missing: number;
    rate: string;
    amount: string;
    capped: boolean;
  }[];
  readonly outcome: string;
  readonly outcomeCapped: boolean;
  readonly reduction: string;
  readonly obligations: readonly {
    id: string;
    party: string;
    status: string;
    value: number | null;
    consequenceApplied: boolean;
  }[];
  readonly payFull: boolean;
  readonly total: string;
  readonly skipped: readonly { path: string; code: string; message: string }[];
}

export interface PreviewRequest {
  readonly terms: unknown;
  readonly source?: "stored" | "demo";
  readonly dataFrom?: string;
  readonly asOf?: string;
}

export async function districtVendors(api: ApiClient, districtId: string): Promise<DistrictVendor[]> {
  const answer = await api.request<{ items: DistrictVendor[] }>(
    "GET",
    `/api/districts/${seg(districtId)}/vendors`,
  );
  return [...answer.items];
}

export function previewTerms(
  api: ApiClient,
  districtId: string,
  request: PreviewRequest,
): Promise<TermsPreview> {
  return api.request("POST", `/api/districts/${seg(districtId)}/terms/preview`, request);
}

export function createContract(api: ApiClient, terms: unknown): Promise<ContractDetail> {
  return api.request("POST", "/api/contracts", { terms });
}

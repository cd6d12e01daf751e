/**
 * GET /api/districts/{districtId}/contracts/{contractId}/outcomes: a contract's outcomes
 * computed from the stored data. Decimals come as strings ("0.583333", "-2.5").
 */
import type { ApiClient } from "../api-client.js";

export interface OutcomeBin {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

export type MetricKind = "growth" | "proficiency" | "dosage" | "consistency";

export interface MetricAttainment {
  readonly id: string;
  readonly label: string;
  readonly kind: MetricKind;
  readonly criterion: string;
  readonly denominator: number;
  readonly met: number;
  readonly missing: number;
  readonly rate: string;
}

export interface GrowthDistribution {
  readonly metricId: string;
  readonly label: string;
  readonly axis: "growth" | "growthMinusTarget";
  readonly line: string;
  readonly students: number;
  readonly met: number;
  readonly bins: readonly OutcomeBin[];
}

export type SubgroupCell =
  | {
      readonly group: string;
      readonly label: string;
      readonly suppressed: null;
      readonly n: number;
      readonly met: number;
      readonly rate: string;
    }
  | { readonly group: string; readonly label: string; readonly suppressed: "small" | "complementary" };

export interface SubgroupDimension {
  readonly dimension: string;
  readonly label: string;
  readonly cells: readonly SubgroupCell[];
}

export interface MetricSubgroups {
  readonly metricId: string;
  readonly label: string;
  readonly dimensions: readonly SubgroupDimension[];
}

export interface DosagePoint {
  readonly studentId: string;
  readonly sessions: number;
  readonly minutes: number;
  readonly growth: string;
  readonly met: boolean;
}

export interface ContractOutcomes {
  readonly districtId: string;
  readonly contractId: string;
  readonly title: string;
  readonly asOf: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly suppressSmallCells: boolean;
  readonly minCellStudents: number;
  readonly population: {
    readonly enrolled: number;
    readonly eligible: number;
    readonly served: number;
    readonly measured: number;
  };
  readonly hasAssessments: boolean;
  readonly metrics: readonly MetricAttainment[];
  readonly growth: readonly GrowthDistribution[];
  readonly subgroups: readonly MetricSubgroups[];
  readonly dosage: readonly {
    readonly metricId: string;
    readonly label: string;
    readonly points: readonly DosagePoint[];
  }[];
  readonly consistency: {
    readonly students: number;
    readonly withoutSessions: number;
    readonly minShare: string | null;
    readonly bins: readonly OutcomeBin[];
  };
}

const seg = encodeURIComponent;

/** The outcomes as of `asOf` (null: the end of the period). */
export function fetchOutcomes(
  api: ApiClient,
  districtId: string,
  contractId: string,
  asOf: string | null,
): Promise<ContractOutcomes> {
  const query = asOf === null ? "" : `?asOf=${seg(asOf)}`;
  return api.request(
    "GET",
    `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}/outcomes${query}`,
  );
}

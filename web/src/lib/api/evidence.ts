/**
 * GET /api/districts/{districtId}/contracts/{contractId}/evidence (the evidence beside a
 * contract's payment) and POST .../simulation (draft terms priced on a prior year's
 * population). Money comes as decimal strings ("1234.50"), rates as six-decimal strings,
 * statistics as plain numbers (null when not finite or withheld).
 */
import type { ApiClient } from "../api-client.js";

const seg = encodeURIComponent;

export type Range = { readonly low: string; readonly expected: string; readonly high: string };
export type Spread = { readonly p10: string; readonly p50: string; readonly p90: string };
export type Interval = { readonly low: number | null; readonly high: number | null };

export interface Finding {
  readonly code: string;
  readonly severity: "error" | "warning" | "info";
  readonly subject: string | null;
  readonly count: number | null;
  readonly students: number | null;
  readonly suppressed: boolean;
  readonly exampleStudentIds: readonly string[];
  readonly message: string;
}

export interface Freshness {
  readonly kind: string;
  readonly lastImportedAt: string | null;
  readonly fileName: string | null;
  readonly ageDays: number | null;
}

export type ImpactVerdict = "positive" | "negative" | "noDetectableEffect" | "cannotConclude";

export interface Attrition {
  readonly servedRate: number | null;
  readonly comparisonRate: number | null;
  readonly overallRate: number | null;
  readonly differentialRate: number | null;
}

export interface Impact {
  readonly verdict: ImpactVerdict;
  readonly reasons: readonly { readonly code: string; readonly message: string }[];
  readonly sample: Readonly<Record<string, number | null>>;
  readonly suppressed: boolean;
  readonly meanGrowth: {
    readonly served: number | null;
    readonly comparison: number | null;
    readonly difference: number | null;
  } | null;
  readonly baseline: { readonly hedgesG: number | null; readonly equivalence: string } | null;
  readonly regression: {
    readonly estimate: number | null;
    readonly standardError: number | null;
    readonly ciLow: number | null;
    readonly ciHigh: number | null;
    readonly df: number;
    readonly n: number;
  } | null;
  readonly effectSize: {
    readonly hedgesG: number | null;
    readonly ciLow: number | null;
    readonly ciHigh: number | null;
  } | null;
  /** What Works Clearinghouse attrition; null when withheld (a group under 10 students). */
  readonly attrition: Attrition | null;
}

/** A subgroup cell: shown cells carry `n` and `value`; a withheld one only its `reason`. */
export interface TableCell {
  readonly key: string;
  readonly suppressed: boolean;
  readonly n?: number;
  readonly value?: unknown;
  readonly reason?: "smallCell" | "complementary";
}

export interface SubgroupTable {
  readonly title: string;
  readonly audience: string;
  readonly dimensions: readonly { readonly dimension: string; readonly cells: readonly TableCell[] }[];
}

export interface ComputedStatistics {
  readonly kind: "computed";
  readonly subject: string;
  readonly windows: { readonly baseline: string; readonly outcome: string; readonly followUp: string | null };
  readonly impact: Impact;
  readonly equity: {
    readonly metrics: readonly {
      readonly metricId: string;
      readonly label: string;
      readonly studentsWithoutRecord: number | null;
      readonly table: SubgroupTable;
    }[];
    readonly impact: SubgroupTable;
  };
  readonly persistence: {
    readonly status: string;
    readonly followUpWindow: string | null;
    readonly table: SubgroupTable;
  };
}

export type Statistics =
  | {
      readonly kind: "unavailable";
      readonly problems: readonly {
        readonly path: string;
        readonly code: string;
        readonly message: string;
      }[];
    }
  | ComputedStatistics;

export interface MetricNow {
  readonly id: string;
  readonly met: number;
  readonly denominator: number;
  readonly rate: string;
  readonly amount: string;
}

export interface Forecast {
  readonly final: boolean;
  readonly moyWindow: {
    readonly assessment: string;
    readonly subject: string;
    readonly window: string;
  } | null;
  readonly elapsedDays: number;
  readonly periodDays: number;
  readonly projectedStudents: number;
  readonly current: {
    readonly total: string;
    readonly outcome: string;
    readonly metrics: readonly MetricNow[];
  };
  readonly total: Range;
  readonly outcome: Range;
  readonly metrics: readonly {
    readonly id: string;
    readonly kind: string;
    readonly amount: Range;
    readonly rate: Range;
    readonly met: { readonly low: number; readonly expected: number; readonly high: number };
  }[];
}

export interface ContractEvidence {
  readonly districtId: string;
  readonly contractId: string;
  readonly termsVersion: number;
  readonly currency: string;
  readonly asOf: string;
  readonly audience: "district" | "vendor";
  readonly quality: {
    readonly provisional: boolean;
    readonly reasons: readonly string[];
    readonly findings: readonly Finding[];
    readonly freshness: readonly Freshness[];
  };
  readonly forecast: Forecast;
  readonly statistics: Statistics;
}

export interface TermsSimulation {
  readonly districtId: string;
  readonly contractId: string;
  readonly termsVersion: number | null;
  readonly currency: string;
  readonly populationContractId: string;
  readonly yearsBack: number;
  readonly population: {
    readonly enrolled: number;
    readonly eligible: number;
    readonly served: number;
    readonly measured: number;
  };
  readonly observed: {
    readonly total: string;
    readonly outcome: string;
    readonly metrics: readonly MetricNow[];
  };
  readonly draws: number;
  readonly seed: string;
  readonly total: Spread;
  readonly contingent: Spread;
  readonly contingentShare: Spread;
  readonly metrics: readonly { readonly id: string; readonly amount: Spread }[];
  readonly targets: readonly {
    readonly metricId: string;
    readonly kind: string;
    readonly candidates: readonly {
      readonly target: string;
      readonly proposed: boolean;
      readonly met: number;
      readonly denominator: number;
      readonly rate: string;
    }[];
  }[];
}

function contractBase(districtId: string, contractId: string): string {
  return `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}`;
}

export function fetchEvidence(
  api: ApiClient,
  districtId: string,
  contractId: string,
  asOf: string | null,
  /** The window persistence is measured at; null: the fall after the outcome window. */
  followUp: string | null = null,
): Promise<ContractEvidence> {
  const params = [
    ...(asOf === null ? [] : [`asOf=${seg(asOf)}`]),
    ...(followUp === null ? [] : [`followUp=${seg(followUp)}`]),
  ];
  const query = params.length === 0 ? "" : `?${params.join("&")}`;
  return api.request("GET", `${contractBase(districtId, contractId)}/evidence${query}`);
}

export interface SimulationRequest {
  readonly draws: number;
  readonly seed: string;
  /** The contract whose stored students stand in (another school year); null: the contract's own. */
  readonly populationContractId?: string | null;
}

export function runSimulation(
  api: ApiClient,
  districtId: string,
  contractId: string,
  request: SimulationRequest,
): Promise<TermsSimulation> {
  return api.request("POST", `${contractBase(districtId, contractId)}/simulation`, {
    draws: request.draws,
    seed: request.seed,
    ...(request.populationContractId === undefined || request.populationContractId === null
      ? {}
      : { populationContractId: request.populationContractId }),
  });
}

/**
 * The contract page's calls: the contract's progress as of today (enrolment, dosage and
 * metrics against the plan's pace, obligations, windows, data freshness, alerts), its
 * obligations with their evidence files (upload, download, a manual status), owner, due
 * date and status history, and its payments. Shapes as GET /api/openapi.json documents them.
 */
import type { ApiClient } from "../api-client.js";
import type { AlertItem } from "./alerts.js";

const seg = encodeURIComponent;

export function contractApiPath(districtId: string, contractId: string): string {
  return `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}`;
}

export interface MetricProgress {
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly denominator: number;
  readonly met: number;
  readonly missing: number;
  readonly rate: string;
  readonly amount: string;
  readonly targetRate: string | null;
  readonly dosage: {
    readonly minSessions: number | null;
    readonly minMinutes: number | null;
    readonly sessionsByNow: number;
    readonly minutesByNow: number;
    readonly onPace: number;
    readonly eligible: number;
    readonly targetShare: string;
  } | null;
}

export interface ObligationProgress {
  readonly obligationId: string;
  readonly party: "district" | "vendor";
  readonly description: string;
  readonly measure: "enrolledStudents" | "servedStudents" | "manual";
  readonly min: number | null;
  readonly status: "met" | "notMet" | "pending";
  readonly value: number | null;
  readonly paceByNow: number | null;
  readonly dueOn: string;
}

export interface FreshnessEntry {
  readonly kind: string;
  readonly batchId: string | null;
  readonly fileName: string | null;
  readonly importedAt: string | null;
  readonly ageDays: number | null;
  readonly staleAfterDays: number | null;
  readonly stale: boolean;
}

export interface WindowProgress {
  readonly name: string;
  readonly assessment: string;
  readonly subject: string;
  readonly window: string;
  readonly closesOn: string | null;
  readonly withScore: number;
}

export interface ContractProgress {
  readonly districtId: string;
  readonly contractId: string;
  readonly stage: string;
  readonly termsVersion: number;
  readonly asOf: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly elapsedDays: number;
  readonly periodDays: number;
  readonly enrolment: {
    readonly expectedStudents: number;
    readonly expectedByNow: number;
    readonly enrolled: number;
    readonly eligible: number;
    readonly served: number;
    readonly measured: number;
  };
  readonly money: {
    readonly currency: string;
    readonly maxValue: string;
    readonly contingentAtStake: string;
    readonly base: string;
    readonly outcome: string;
    readonly total: string;
    readonly paid: string;
  };
  readonly metrics: readonly MetricProgress[];
  readonly obligations: readonly ObligationProgress[];
  readonly windows: readonly WindowProgress[];
  readonly freshness: readonly FreshnessEntry[];
  readonly alerts: readonly Omit<AlertItem, "contractTitle">[];
}

export interface EvidenceFile {
  readonly evidenceId: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

export interface Obligation {
  readonly obligationId: string;
  readonly party: "district" | "vendor";
  readonly description: string;
  readonly measure: {
    readonly kind: "enrolledStudents" | "servedStudents" | "manual";
    readonly min: number | null;
  };
  readonly consequence: {
    readonly kind: "payFull" | "reduceOutcomePercent" | "none";
    readonly percent: string | null;
  };
  readonly status: "met" | "notMet" | null;
  readonly evidence: string | null;
  readonly statusBatchId: string | null;
  readonly evidenceFiles: readonly EvidenceFile[];
  readonly owner: ObligationOwner | null;
  /** The due date set, else the period's end (dueOnSource "periodEnd"). */
  readonly dueOn: string;
  readonly dueOnSource: "plan" | "periodEnd";
  /** Days from today to dueOn (negative: overdue); null once met. */
  readonly daysLeft: number | null;
  /** Every status recorded, newest first. */
  readonly history: readonly StatusHistoryEntry[];
}

export interface ObligationOwner {
  readonly name: string;
  readonly email: string | null;
}

export interface StatusHistoryEntry {
  readonly entryId: string;
  readonly status: "met" | "notMet";
  readonly evidence: string | null;
  readonly source: "manual" | "import";
  readonly batchId: string;
  readonly recordedBy: string;
  readonly recordedByName: string | null;
  readonly recordedAt: string;
}

export interface Payment {
  readonly batchId: string;
  readonly sourceLine: number;
  readonly paidOn: string;
  readonly amount: string;
  readonly reference: string | null;
  readonly runningTotal: string;
}

export function contractProgress(
  api: ApiClient,
  districtId: string,
  contractId: string,
): Promise<ContractProgress> {
  return api.request("GET", `${contractApiPath(districtId, contractId)}/progress`);
}

export function obligations(
  api: ApiClient,
  districtId: string,
  contractId: string,
): Promise<{ termsVersion: number; items: readonly Obligation[] }> {
  return api.request("GET", `${contractApiPath(districtId, contractId)}/obligations`);
}

export function payments(
  api: ApiClient,
  districtId: string,
  contractId: string,
): Promise<{ items: readonly Payment[]; total: string }> {
  return api.request("GET", `${contractApiPath(districtId, contractId)}/payments`);
}

export function setObligationStatus(
  api: ApiClient,
  districtId: string,
  contractId: string,
  obligationId: string,
  status: "met" | "notMet",
  evidence: string,
): Promise<Obligation> {
  const body = evidence.trim() === "" ? { status } : { status, evidence: evidence.trim() };
  return api.request(
    "PUT",
    `${contractApiPath(districtId, contractId)}/obligations/${seg(obligationId)}`,
    body,
  );
}

/** Sets an obligation's owner and due date (null: nobody named; the period's end). */
export function setObligationPlan(
  api: ApiClient,
  districtId: string,
  contractId: string,
  obligationId: string,
  plan: { readonly owner: ObligationOwner | null; readonly dueOn: string | null },
): Promise<Obligation> {
  return api.request(
    "PUT",
    `${contractApiPath(districtId, contractId)}/obligations/${seg(obligationId)}/plan`,
    plan,
  );
}

export function uploadEvidence(
  api: ApiClient,
  districtId: string,
  contractId: string,
  obligationId: string,
  file: File,
): Promise<EvidenceFile> {
  const path = `${contractApiPath(districtId, contractId)}/obligations/${seg(obligationId)}/evidence?fileName=${seg(file.name)}`;
  return api.upload(path, file, file.type === "" ? "application/octet-stream" : file.type);
}

/** The download address of an evidence file (an attachment; the session cookie authorizes it). */
export function evidencePath(
  districtId: string,
  contractId: string,
  obligationId: string,
  evidenceId: string,
): string {
  return `${contractApiPath(districtId, contractId)}/obligations/${seg(obligationId)}/evidence/${seg(evidenceId)}`;
}

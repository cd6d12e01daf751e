/**
 * The statement page's calls: the statement with its contract and the viewer's session,
 * the per-student lines (student-level data: the server audits the read), the reasons of
 * the waterfall lines, reviews (approve, dispute with a comment), a re-run, and the
 * addresses of the exported files.
 */
import type { ApiClient } from "../api-client.js";
import type { Session, StatementDetail, StatementSummary } from "../api-types.js";

const seg = encodeURIComponent;

export interface StudentMetric {
  readonly status: string;
  readonly value: string | null;
  readonly target: string | null;
  readonly amount: string;
}

export interface StudentLine {
  readonly studentId: string;
  readonly eligible: boolean;
  readonly ineligibleReason: string | null;
  readonly served: boolean;
  readonly sessions: number;
  readonly minutes: number;
  readonly consistency: string;
  readonly base: string;
  readonly metrics: Readonly<Record<string, StudentMetric>>;
}

export interface Why {
  /** The waterfall line it explains: base, metric:<id>, outcome-cap, reduction, subtotal-bound, breach, total, paid, due. */
  readonly line: string;
  readonly text: string;
}

export type ExportFormat = "csv" | "xlsx" | "pdf";

export function statementApiPath(districtId: string, contractId: string, statementId?: string): string {
  const base = `/api/districts/${seg(districtId)}/contracts/${seg(contractId)}/statements`;
  return statementId === undefined ? base : `${base}/${seg(statementId)}`;
}

export async function statementStudents(
  api: ApiClient,
  districtId: string,
  contractId: string,
  statementId: string,
): Promise<readonly StudentLine[]> {
  const path = `${statementApiPath(districtId, contractId, statementId)}/students`;
  return (await api.request<{ students: StudentLine[] }>("GET", path)).students;
}

export async function statementWhy(
  api: ApiClient,
  districtId: string,
  contractId: string,
  statementId: string,
): Promise<readonly Why[]> {
  const path = `${statementApiPath(districtId, contractId, statementId)}/explanation`;
  return (await api.request<{ why: Why[] }>("GET", path)).why;
}

export interface ReviewAnswer {
  readonly statement: StatementSummary;
  readonly contractSettled: boolean;
}

export function reviewStatement(
  api: ApiClient,
  detail: StatementDetail,
  action: "approve" | "dispute",
  comment: string,
): Promise<ReviewAnswer> {
  const path = `${statementApiPath(detail.districtId, detail.contractId, detail.statement.statementId)}/${action}`;
  const trimmed = comment.trim();
  return api.request("POST", path, action === "approve" && trimmed === "" ? {} : { comment: trimmed });
}

/**
 * Settles the contract again for the same kind and as-of date: the latest figures, a new
 * statement if anything changed. Runs need an Idempotency-Key: a new one per attempt (a
 * run whose inputs did not change issues nothing anyway).
 */
export function rerunStatement(api: ApiClient, detail: StatementDetail): Promise<StatementDetail> {
  const s = detail.statement;
  const body = new Blob([JSON.stringify({ kind: s.kind, asOf: s.asOf })]);
  return api.upload(statementApiPath(detail.districtId, detail.contractId), body, "application/json", {
    "idempotency-key": `rerun-${s.statementId}-${crypto.randomUUID()}`,
  });
}

export function exportUrl(detail: StatementDetail, format: ExportFormat): string {
  return `${statementApiPath(detail.districtId, detail.contractId, detail.statement.statementId)}/export.${format}`;
}

export interface StatementView {
  readonly session: Session | null;
  readonly contractTitle: string;
  readonly contractStage: string;
  readonly detail: StatementDetail;
  readonly why: readonly Why[];
}

export async function loadStatementView(
  api: ApiClient,
  districtId: string,
  contractId: string,
  statementId: string,
): Promise<StatementView> {
  const [session, contract, detail, why] = await Promise.all([
    api.session(),
    api.contract(districtId, contractId),
    api.statement(districtId, contractId, statementId),
    statementWhy(api, districtId, contractId, statementId),
  ]);
  return {
    session,
    contractTitle: contract.contract.title,
    contractStage: contract.contract.stage,
    detail,
    why,
  };
}

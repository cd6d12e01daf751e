/**
 * Use case: a contract's progress this year, as of today. The contract is settled on the
 * stored rows with its approved terms and `asOf` = today (settle-as-of-today.ts: the same
 * core as a statement, nothing issued or written), and its figures are set beside the plan's pace
 * (src/core/alerts/pacing.ts): students enrolled against the plan, dosage to date against
 * the pace each dosage metric asks, the share meeting each metric now, obligations, the
 * assessment windows' coverage, the freshness of each kind of data, and the alerts.
 */
import type { SqlRunner } from "../ports/db.js";
import type { IsoDate } from "../../core/date.js";
import type { RowProblem } from "../../core/problem.js";
import type { Terms } from "../../core/terms/types.js";
import type { Statement } from "../../core/settlement/statement.js";
import { bySeverity, type Alert } from "../../core/alerts/alert.js";
import { actionItemAlerts } from "../check-ins/action-item-alerts.js";
import { contractAlerts } from "../../core/alerts/contract-alerts.js";
import { dataFreshness, type Freshness } from "../../core/alerts/data-freshness.js";
import type { WindowCoverage } from "../../core/alerts/data-rules.js";
import { obligationPace, type ObligationFacts } from "../../core/alerts/obligation-rules.js";
import { elapsedDays, expectedEnrolment, periodDays } from "../../core/alerts/pacing.js";
import {
  dosageByNow,
  dosageTarget,
  studentsOnPace,
  type DosageRequirement,
} from "../../core/alerts/pacing-rules.js";
import type { StatementFacts } from "../../core/alerts/statement-rules.js";
import { groupedAmount } from "../../shared/format-amount.js";
import { parseMoney } from "../../core/money.js";
import type { Ratio } from "../../core/ratio.js";
import type { StoredSettlement } from "../settle-stored-contracts.js";
import { settleAsOf } from "./settle-as-of-today.js";
import { listStatements } from "../statements/read-statements.js";
import { latestImports } from "./progress-queries.js";
import { readObligationPlans, type ObligationPlan } from "../obligations/obligation-plans.js";

export interface ContractHead {
  readonly districtId: string;
  readonly contractId: string;
  readonly title: string;
  readonly stage: string;
}

export interface DosageProgress {
  readonly metricId: string;
  readonly required: DosageRequirement;
  readonly onPace: number;
  readonly eligible: number;
  /** The share of eligible students the metric should have on pace. */
  readonly target: Ratio;
}

export interface ObligationProgress extends ObligationFacts {
  readonly status: "met" | "notMet" | "pending";
  /** Measured obligations: the count the plan's pace expects by today. */
  readonly pace: number | null;
  /** The due date: the obligation's own (obligation_plans), else the period's end. */
  readonly dueOn: IsoDate;
  /** The name of the obligation's owner, null when none is named. */
  readonly ownerName: string | null;
}

export interface ContractProgress {
  readonly contract: ContractHead;
  readonly today: IsoDate;
  readonly termsVersion: number;
  readonly terms: Terms;
  readonly statement: Statement;
  readonly elapsedDays: number;
  readonly periodDays: number;
  readonly expectedByNow: number;
  readonly dosage: readonly DosageProgress[];
  readonly coverage: readonly WindowCoverage[];
  readonly freshness: readonly Freshness[];
  readonly obligations: readonly ObligationProgress[];
  readonly alerts: readonly Alert[];
}

export type ProgressResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "no-approved-terms"; readonly stage: string }
  | { readonly kind: "invalid-data"; readonly problems: readonly RowProblem[] }
  | { readonly kind: "ready"; readonly progress: ContractProgress };

/** The UTC calendar day of a clock reading. */
export function dayOf(at: Date): IsoDate {
  return at.toISOString().slice(0, 10) as IsoDate;
}

function obligationsOf(
  terms: Terms,
  statement: Statement,
  plans: ReadonlyMap<string, ObligationPlan>,
  today: IsoDate,
): ObligationProgress[] {
  return terms.obligations.map((o, i) => {
    const result = statement.obligations[i];
    const status = result?.status ?? "pending";
    const plan = plans.get(o.id);
    const dueOn = plan?.dueOn ?? terms.period.end;
    return {
      id: o.id,
      party: o.party,
      description: o.description,
      measure: o.measure,
      consequence: o.consequence,
      recorded: o.measure.kind === "manual" && status !== "pending" ? status : null,
      value: o.measure.kind === "manual" ? null : (result?.value ?? null),
      status,
      pace: obligationPace(o.measure, { start: terms.period.start, end: dueOn }, today),
      dueOn,
      ownerName: plan?.owner?.name ?? null,
    };
  });
}

function moneyText(symbol: string, amount: string): string {
  const cents = parseMoney(amount, { allowNegative: true });
  return typeof cents === "string"
    ? amount
    : `${cents < 0n ? "-" : ""}${symbol}${groupedAmount(cents < 0n ? -cents : cents)}`;
}

async function statementFacts(
  tx: SqlRunner,
  head: ContractHead,
  currency: string,
): Promise<StatementFacts[]> {
  const rows = await listStatements(tx, head.districtId, head.contractId);
  const symbol = currency === "USD" ? "$" : `${currency} `;
  return rows.map((s) => ({
    statementId: s.statementId.toString(),
    kind: s.kind,
    status: s.status,
    superseded: s.supersededByStatementId !== null,
    asOf: s.asOf as IsoDate,
    issuedOn: s.issuedAt.slice(0, 10) as IsoDate,
    totalText: moneyText(symbol, s.total),
  }));
}

/** The progress of a contract already settled as of `today` (see settleStoredContracts). */
export async function progressOfSettled(
  tx: SqlRunner,
  head: ContractHead,
  settled: StoredSettlement,
  coverage: readonly WindowCoverage[],
  today: IsoDate,
): Promise<ContractProgress> {
  const { terms, statement } = settled;
  const ref = { districtId: head.districtId, contractId: head.contractId };
  const eligible = statement.students.filter((s) => s.eligible).length;
  const dosage = terms.outcomes.metrics.flatMap((m) => {
    if (m.measure.kind !== "dosage") return [];
    const required = dosageByNow(m.measure, terms.period, today);
    return [
      {
        metricId: m.id,
        required,
        onPace: studentsOnPace(statement.students, required),
        eligible,
        target: dosageTarget(m),
      },
    ];
  });
  const freshness = dataFreshness(
    await latestImports(tx, head.districtId, head.contractId),
    terms.period,
    today,
  );
  const plans = await readObligationPlans(tx, head.districtId, head.contractId);
  const obligations = obligationsOf(terms, statement, plans, today);
  const ruleAlerts = contractAlerts(ref, {
    terms,
    today,
    enrolled: statement.population.enrolled,
    students: statement.students,
    coverage,
    obligations,
    statements: await statementFacts(tx, head, terms.currency),
  });
  const alerts = bySeverity([...ruleAlerts, ...(await actionItemAlerts(tx, ref, today))]);
  return {
    contract: head,
    today,
    termsVersion: settled.termsVersion,
    terms,
    statement,
    elapsedDays: elapsedDays(terms.period, today),
    periodDays: periodDays(terms.period),
    expectedByNow: expectedEnrolment(terms.period, terms.expectedStudents, today),
    dosage,
    coverage,
    freshness,
    obligations,
    alerts,
  };
}

export async function readContractHead(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<ContractHead | null> {
  const [row] = await tx.query<{ title: string; stage: string }>(
    "SELECT title, stage FROM contracts WHERE district_id = $1 AND contract_id = $2",
    [districtId, contractId],
  );
  return row === undefined ? null : { districtId, contractId, title: row.title, stage: row.stage };
}

export async function readContractProgress(
  tx: SqlRunner,
  request: { readonly districtId: string; readonly contractId: string; readonly today: IsoDate },
): Promise<ProgressResult> {
  const head = await readContractHead(tx, request.districtId, request.contractId);
  if (head === null) return { kind: "not-found" };
  const result = await settleAsOf(tx, request.districtId, request.contractId, request.today);
  if (result.kind === "no-approved-terms") return { kind: "no-approved-terms", stage: head.stage };
  if (result.kind === "invalid-data") return result;
  return {
    kind: "ready",
    progress: await progressOfSettled(tx, head, result.settled, result.coverage, request.today),
  };
}

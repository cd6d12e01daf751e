/**
 * The facts of every contract a scorecard covers, read with four queries in all
 * (scorecard-queries.ts) and joined here by contract. Terms and statements are written by
 * the application after validation, so one that does not have the expected shape is a
 * bug and throws, naming the contract and the JSON path.
 */
import type { SqlRunner } from "../ports/db.js";
import { compareIds } from "../../core/ids.js";
import { parseIsoDate, type IsoDate } from "../../core/date.js";
import { cents, parseMoney, type Cents } from "../../core/money.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import { contingentAtStakeCents } from "../../core/alerts/money-at-stake.js";
import type { ContractFacts, Stage, StatementFigures } from "../../core/scorecards/contract-score.js";
import {
  readDisputes,
  readLatestStatements,
  readPaid,
  readScoredContracts,
  type ScorecardScope,
  type StatementRowRaw,
} from "./scorecard-queries.js";

type Summary = {
  asOf?: unknown;
  final?: unknown;
  population?: { served?: unknown };
  outcome?: unknown;
  reduction?: unknown;
  metrics?: { id?: unknown; met?: unknown; denominator?: unknown }[];
  obligations?: { id?: unknown; status?: unknown }[];
};

function fail(contractId: string, path: string, why: string): never {
  throw new Error(`statement of contract ${contractId} ${path}: ${why}`);
}

function money(contractId: string, value: unknown, path: string): Cents {
  const parsed = parseMoney(value, { allowNegative: true });
  return typeof parsed === "string" ? fail(contractId, path, parsed) : parsed;
}

function count(contractId: string, value: unknown, path: string): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0
    ? value
    : fail(contractId, path, "not a count");
}

function text(contractId: string, value: unknown, path: string): string {
  return typeof value === "string" ? value : fail(contractId, path, "not a string");
}

function statementFigures(row: StatementRowRaw): StatementFigures {
  const id = row.contract_id;
  const s = JSON.parse(row.summary) as Summary;
  const asOf = parseIsoDate(text(id, s.asOf, "$.asOf")) ?? fail(id, "$.asOf", "not a date");
  return {
    statementId: row.statement_id.toString(),
    kind: row.kind,
    asOf,
    final: s.final === true,
    status: row.last_review === null ? "issued" : row.last_review === "approve" ? "approved" : "disputed",
    served: count(id, s.population?.served, "$.population.served"),
    outcomeCents: money(id, s.outcome, "$.outcome"),
    reductionCents: money(id, s.reduction, "$.reduction"),
    metrics: (s.metrics ?? []).map((m, i) => ({
      id: text(id, m.id, `$.metrics[${i}].id`),
      met: count(id, m.met, `$.metrics[${i}].met`),
      denominator: count(id, m.denominator, `$.metrics[${i}].denominator`),
    })),
    obligations: (s.obligations ?? []).map((o, i) => {
      const status = o.status;
      if (status !== "met" && status !== "notMet" && status !== "pending")
        fail(id, `$.obligations[${i}].status`, "not met, notMet or pending");
      return { id: text(id, o.id, `$.obligations[${i}].id`), status };
    }),
    studentsMeetingAny: row.meeting_any,
  };
}

const key = (districtId: string, contractId: string) => `${districtId}\u0000${contractId}`;

/** Contracts in scope, in (district, contract) byte order, with their facts. */
export async function readContractFacts(tx: SqlRunner, scope: ScorecardScope): Promise<ContractFacts[]> {
  const [contracts, statements, paid, disputes] = [
    await readScoredContracts(tx, scope),
    await readLatestStatements(tx, scope),
    await readPaid(tx, scope),
    await readDisputes(tx, scope),
  ];
  const statementOf = new Map(statements.map((s) => [key(s.district_id, s.contract_id), s]));
  const paidOf = new Map(paid.map((p) => [key(p.district_id, p.contract_id), BigInt(p.paid_cents)]));
  const disputesOf = new Map(disputes.map((d) => [key(d.district_id, d.contract_id), d]));
  const facts = contracts.map((c): ContractFacts => {
    const parsed = parseTerms(JSON.parse(c.terms_source) as unknown);
    // Terms are checked before they are recorded: a stored version that fails is a bug.
    if (!parsed.ok)
      throw new Error(`stored terms of contract ${c.contract_id} version ${c.version} do not parse`);
    const terms = parsed.terms;
    const k = key(c.district_id, c.contract_id);
    const statement = statementOf.get(k);
    const dispute = disputesOf.get(k);
    return {
      districtId: c.district_id,
      districtName: c.district_name ?? c.district_id,
      contractId: c.contract_id,
      title: c.title,
      vendorId: c.vendor_id,
      vendorName: c.vendor_name,
      stage: c.stage as Stage,
      termsVersion: c.version,
      period: { start: terms.period.start as IsoDate, end: terms.period.end as IsoDate },
      maxValueCents: terms.maxValueCents,
      contingentAtStakeCents: contingentAtStakeCents(terms),
      metrics: terms.outcomes.metrics.map((m) => ({
        id: m.id,
        label: m.label,
        kind: m.measure.kind,
        targetRate: m.pay.kind === "pool" ? m.pay.targetRate : null,
      })),
      obligations: terms.obligations.map((o) => ({ id: o.id, party: o.party })),
      statement: statement === undefined ? null : statementFigures(statement),
      paidCents: cents(paidOf.get(k) ?? 0n),
      disputes: { raised: dispute?.raised ?? 0, open: dispute?.open ?? 0 },
    };
  });
  return facts.sort(
    (a, b) => compareIds(a.districtId, b.districtId) || compareIds(a.contractId, b.contractId),
  );
}

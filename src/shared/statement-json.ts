/**
 * The `obc-statement/1` document (settlement-v1 section 5): money as strings with two
 * decimals, rates and consistency rounded half away from zero to six decimals, display
 * values with at most six decimals and trailing zeros dropped.
 */
import type { Statement, StudentLine } from "../core/settlement/statement.js";
import { formatCents } from "../core/money.js";
import { formatFixed, formatTrimmed, type Ratio } from "../core/ratio.js";

export interface StatementJson {
  format: "obc-statement/1";
  contractId: string;
  currency: string;
  asOf: string;
  final: boolean;
  population: { enrolled: number; eligible: number; served: number; measured: number };
  base: string;
  metrics: {
    id: string;
    kind: string;
    denominator: number;
    met: number;
    missing: number;
    rate: string;
    amount: string;
    capped: boolean;
  }[];
  outcome: string;
  reduction: string;
  obligations: {
    id: string;
    party: string;
    status: string;
    value: number | null;
    consequenceApplied: boolean;
  }[];
  subtotal: string;
  payFull: boolean;
  total: string;
  paid: string;
  due: string;
  students: StudentLineJson[];
}

export interface StudentLineJson {
  studentId: string;
  eligible: boolean;
  ineligibleReason: string | null;
  served: boolean;
  sessions: number;
  minutes: number;
  consistency: string;
  base: string;
  metrics: Record<string, { status: string; value: string | null; target: string | null; amount: string }>;
}

const display = (r: Ratio | null): string | null => (r === null ? null : formatTrimmed(r, 6));

function studentMetrics(metrics: StudentLine["metrics"]): StudentLineJson["metrics"] {
  const out: StudentLineJson["metrics"] = {};
  for (const [id, m] of metrics) {
    out[id] = {
      status: m.status,
      value: display(m.value),
      target: display(m.target),
      amount: formatCents(m.amountCents),
    };
  }
  return out;
}

export function statementToJson(s: Statement): StatementJson {
  return {
    format: "obc-statement/1",
    contractId: s.contractId,
    currency: s.currency,
    asOf: s.asOf,
    final: s.final,
    population: { ...s.population },
    base: formatCents(s.baseCents),
    metrics: s.metrics.map((m) => ({
      id: m.id,
      kind: m.kind,
      denominator: m.denominator,
      met: m.met,
      missing: m.missing,
      rate: formatFixed(m.rate, 6),
      amount: formatCents(m.amountCents),
      capped: m.capped,
    })),
    outcome: formatCents(s.outcomeCents),
    reduction: formatCents(s.reductionCents),
    obligations: s.obligations.map((o) => ({
      id: o.id,
      party: o.party,
      status: o.status,
      value: o.value,
      consequenceApplied: o.consequenceApplied,
    })),
    subtotal: formatCents(s.subtotalCents),
    payFull: s.payFull,
    total: formatCents(s.totalCents),
    paid: formatCents(s.paidCents),
    due: formatCents(s.dueCents),
    students: s.students.map((l) => ({
      studentId: l.studentId,
      eligible: l.eligible,
      ineligibleReason: l.ineligibleReason,
      served: l.served,
      sessions: l.sessions,
      minutes: l.minutes,
      consistency: formatFixed(l.consistency, 6),
      base: formatCents(l.baseCents),
      metrics: studentMetrics(l.metrics),
    })),
  };
}

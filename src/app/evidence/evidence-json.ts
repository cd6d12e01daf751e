/**
 * The evidence report as JSON (money as decimal strings, rates to six decimals), in one
 * of two shapes:
 *
 * - `district`: everything, with a few example student ids per data quality finding;
 * - `vendor` (anyone outside the district): no student ids and no file names, the
 *   counts of a finding withheld when they are 1 to 9 (`suppressed: true`), messages
 *   replaced by the code's description (the district's messages carry the counts), and
 *   the statistics in their suppressed form.
 *
 * The forecast is of the contract's own students, whom its vendor already sees line by
 * line in its statements, so both shapes carry it whole.
 */
import { formatCents } from "../../core/money.js";
import { formatFixed, type Ratio } from "../../core/ratio.js";
import type { Finding, FindingCode } from "../../core/evidence/data-quality-types.js";
import type { Statement } from "../../core/settlement/statement.js";
import { SCENARIOS, type Scenario } from "../../core/evidence/forecast.js";
import type { EvidenceReport } from "./build-evidence.js";
import { statisticsJson, type StatisticsJson } from "./statistics-json.js";
import { MIN_CELL_STUDENTS } from "../../core/evidence/suppression.js";

export type Audience = "district" | "vendor";

export const FINDING_TEXT: Readonly<Record<FindingCode, string>> = {
  "enrollment-unknown-student": "enrollments name students not in the roster",
  "duplicate-enrollment": "enrollment rows repeat a student already enrolled",
  "window-not-tested": "no enrolled student has a score in this window yet",
  "missing-window": "enrolled students have no score in this window",
  "rapid-guess": "test rows show rapid guessing above the limit",
  "test-date-outside-window": "test rows are dated outside their window's season",
  "window-dates-unknown": "the window's dates cannot be checked",
  "implausible-growth": "students grew implausibly far from their grade's mean",
  "assessment-unknown-student": "test rows are of students not in the roster",
  "session-outside-period": "sessions are dated outside the contract period",
  "session-unknown-student": "sessions are of students not in the roster",
  "session-not-enrolled": "sessions are of students not enrolled in the contract",
  "duplicate-session-id": "sessions repeat a session id",
  "file-never-imported": "no file of this kind has been imported",
  "file-stale": "the last import of this kind is older than its limit",
};

export interface FindingJson {
  code: FindingCode;
  severity: Finding["severity"];
  subject: string | null;
  count: number | null;
  students: number | null;
  suppressed: boolean;
  exampleStudentIds: string[];
  message: string;
}

type Range = { low: string; expected: string; high: string };

export interface EvidenceJson {
  districtId: string;
  contractId: string;
  termsVersion: number;
  currency: string;
  asOf: string;
  audience: Audience;
  quality: {
    provisional: boolean;
    reasons: string[];
    findings: FindingJson[];
    freshness: {
      kind: string;
      lastImportedAt: string | null;
      fileName: string | null;
      ageDays: number | null;
    }[];
  };
  forecast: {
    final: boolean;
    moyWindow: { assessment: string; subject: string; window: string } | null;
    elapsedDays: number;
    periodDays: number;
    projectedStudents: number;
    current: { total: string; outcome: string; metrics: MetricNowJson[] };
    total: Range;
    outcome: Range;
    metrics: {
      id: string;
      kind: string;
      amount: Range;
      rate: Range;
      met: { low: number; expected: number; high: number };
    }[];
  };
  statistics: StatisticsJson;
}

interface MetricNowJson {
  id: string;
  met: number;
  denominator: number;
  rate: string;
  amount: string;
}

const rate = (r: Ratio) => formatFixed(r, 6);
const small = (n: number) => n > 0 && n < MIN_CELL_STUDENTS;

export function findingJson(f: Finding, audience: Audience): FindingJson {
  if (audience === "district")
    return { ...f, suppressed: false, exampleStudentIds: [...f.exampleStudentIds] };
  const hide = small(f.count) || small(f.students);
  return {
    code: f.code,
    severity: f.severity,
    subject: f.subject,
    count: hide ? null : f.count,
    students: hide ? null : f.students,
    suppressed: hide,
    exampleStudentIds: [],
    message: FINDING_TEXT[f.code],
  };
}

function range(pick: (s: Statement) => string, scenarios: Readonly<Record<Scenario, Statement>>): Range {
  const [low, expected, high] = SCENARIOS.map((s) => pick(scenarios[s]));
  return { low: low ?? "", expected: expected ?? "", high: high ?? "" };
}

export function evidenceJson(report: EvidenceReport, audience: Audience): EvidenceJson {
  const { quality, forecast, terms } = report;
  const sc = forecast.scenarios;
  const findings = quality.findings.map((f) => findingJson(f, audience));
  return {
    districtId: report.districtId,
    contractId: terms.contractId,
    termsVersion: report.termsVersion,
    currency: terms.currency,
    asOf: report.asOf,
    audience,
    quality: {
      provisional: quality.provisional,
      reasons:
        audience === "district"
          ? [...quality.reasons]
          : findings.filter((f) => f.severity === "error").map((f) => `${f.subject ?? ""}: ${f.message}`),
      findings,
      freshness: quality.freshness.map((f) => ({
        ...f,
        fileName: audience === "district" ? f.fileName : null,
      })),
    },
    forecast: {
      final: report.asOf >= terms.period.end,
      moyWindow:
        forecast.moyWindow === null
          ? null
          : {
              assessment: forecast.moyWindow.assessment,
              subject: forecast.moyWindow.subject,
              window: forecast.moyWindow.window,
            },
      elapsedDays: forecast.elapsedDays,
      periodDays: forecast.periodDays,
      projectedStudents: forecast.projectedStudents,
      current: {
        total: formatCents(forecast.current.totalCents),
        outcome: formatCents(forecast.current.outcomeCents),
        metrics: forecast.current.metrics.map((m) => ({
          id: m.id,
          met: m.met,
          denominator: m.denominator,
          rate: rate(m.rate),
          amount: formatCents(m.amountCents),
        })),
      },
      total: range((s) => formatCents(s.totalCents), sc),
      outcome: range((s) => formatCents(s.outcomeCents), sc),
      metrics: terms.outcomes.metrics.map((m, mi) => {
        const at = (s: Scenario) => sc[s].metrics[mi];
        return {
          id: m.id,
          kind: m.measure.kind,
          amount: range((s) => formatCents(s.metrics[mi]?.amountCents ?? 0n), sc),
          rate: range((s) => (s.metrics[mi] === undefined ? "0.000000" : rate(s.metrics[mi].rate)), sc),
          met: { low: at("low")?.met ?? 0, expected: at("expected")?.met ?? 0, high: at("high")?.met ?? 0 },
        };
      }),
    },
    statistics: statisticsJson(report.statistics, audience),
  };
}

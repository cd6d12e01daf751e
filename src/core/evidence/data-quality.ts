/**
 * The data quality report run before every settlement: what in the contract's data
 * could make its statement wrong or incomplete, each finding with a stable code, its
 * counts and a few example student ids, and a verdict whether the statement should be
 * treated as provisional (any `error` finding) with the reasons.
 *
 * Checks besides those of data-quality-windows.ts:
 * - enrollments naming a student not in the roster, repeated (contract, student) rows;
 * - sessions dated outside the contract period (they count for nothing), of students not
 *   in the roster, of students not enrolled in the contract, repeated session ids;
 * - assessment rows of students not in the roster;
 * - per file kind, the last import: a kind the settlement reads (students, enrollments,
 *   assessments, sessions) never imported is an error; one older than its freshness
 *   limit (`STALE_AFTER_DAYS`) while the period is running is a warning.
 *
 * Pure: the same input gives the same report. Findings are listed by severity (errors
 * first), then in the order the checks run.
 */
import { dayNumber, parseIsoDate, type IsoDate } from "../date.js";
import { DATA_FILE_KINDS, type AssessmentRecord, type DataFileKind } from "../data/records.js";
import type { Grade } from "../terms/types.js";
import { inWindow } from "../settlement/scores.js";
import type {
  DataQualityInput,
  DataQualityReport,
  FileFreshness,
  Finding,
  ImportFact,
} from "./data-quality-types.js";
import { checkWindows } from "./data-quality-windows.js";
import { checkSessions } from "./data-quality-sessions.js";
import { finding } from "./data-quality-finding.js";

/** Days after which the last import of a kind is stale while the period runs. */
export const STALE_AFTER_DAYS: Readonly<Partial<Record<DataFileKind, number>>> = {
  students: 60,
  enrollments: 30,
  assessments: 120,
  sessions: 14,
};

const REQUIRED_KINDS: readonly DataFileKind[] = ["students", "enrollments", "assessments", "sessions"];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function dataQualityReport(input: DataQualityInput): DataQualityReport {
  const { terms, asOf } = input;
  const findings: Finding[] = [];
  const roster = new Map<string, Grade>(input.students.map((s) => [s.studentId, s.grade]));
  const known = (id: string) => roster.has(id) || (input.otherKnownStudentIds?.has(id) ?? false);

  const unknownEnrolled: string[] = [];
  const duplicateEnrolled: string[] = [];
  const enrolledOn = new Map<string, IsoDate>();
  for (const e of input.enrollments) {
    if (!known(e.studentId)) unknownEnrolled.push(e.studentId);
    else if (enrolledOn.has(e.studentId)) duplicateEnrolled.push(e.studentId);
    if (known(e.studentId)) enrolledOn.set(e.studentId, e.enrolledOn);
  }
  if (unknownEnrolled.length > 0)
    findings.push(
      finding(
        "enrollment-unknown-student",
        "error",
        unknownEnrolled.length,
        unknownEnrolled,
        "enrollments",
        `${unknownEnrolled.length} enrollment rows name a student not in the roster`,
      ),
    );
  if (duplicateEnrolled.length > 0)
    findings.push(
      finding(
        "duplicate-enrollment",
        "warning",
        duplicateEnrolled.length,
        duplicateEnrolled,
        "enrollments",
        `${duplicateEnrolled.length} enrollment rows repeat a student already enrolled (the later row counts)`,
      ),
    );

  const enrolled = new Map<string, Grade>();
  for (const [id, on] of enrolledOn) {
    const grade = roster.get(id);
    if (on <= asOf && grade !== undefined) enrolled.set(id, grade);
  }
  const tests = new Map<string, AssessmentRecord[]>();
  const unknownTested: string[] = [];
  for (const row of input.assessments) {
    if (!terms.windows.some((w) => inWindow(row, w))) continue;
    if (!known(row.studentId)) unknownTested.push(row.studentId);
    if (!enrolled.has(row.studentId)) continue;
    const list = tests.get(row.studentId);
    if (list === undefined) tests.set(row.studentId, [row]);
    else list.push(row);
  }
  checkWindows(
    {
      windows: terms.windows,
      asOf,
      periodEnd: terms.period.end,
      maxRapidGuessPercent: terms.maxRapidGuessPercent,
      enrolled,
      tests,
      growthPairs: terms.outcomes.metrics.flatMap((m) =>
        m.measure.kind === "growth" ? [{ metricId: m.id, from: m.measure.from, to: m.measure.to }] : [],
      ),
    },
    findings,
  );
  if (unknownTested.length > 0)
    findings.push(
      finding(
        "assessment-unknown-student",
        "warning",
        unknownTested.length,
        unknownTested,
        "assessments",
        `${unknownTested.length} test rows in the contract's windows are of students not in the roster`,
      ),
    );
  checkSessions(input, known, enrolledOn, findings);
  const freshness = checkFreshness(input, findings);

  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
  const reasons = ordered.filter((f) => f.severity === "error").map((f) => f.message);
  return {
    contractId: terms.contractId,
    asOf,
    findings: ordered,
    freshness,
    provisional: reasons.length > 0,
    reasons,
  };
}

function checkFreshness(input: DataQualityInput, findings: Finding[]): FileFreshness[] {
  const today = dayNumber(input.today);
  const running = input.asOf < input.terms.period.end;
  return DATA_FILE_KINDS.map((kind) => {
    const last = input.imports.reduce<ImportFact | null>(
      (best, b) => (b.kind === kind && (best === null || b.importedAt > best.importedAt) ? b : best),
      null,
    );
    const day = last === null ? null : parseIsoDate(last.importedAt.slice(0, 10));
    const ageDays = day === null ? null : Math.max(0, today - dayNumber(day));
    if (last === null && REQUIRED_KINDS.includes(kind))
      findings.push(
        finding("file-never-imported", "error", 0, [], kind, `no ${kind} file has been imported`),
      );
    const limit = STALE_AFTER_DAYS[kind];
    if (running && ageDays !== null && limit !== undefined && ageDays > limit)
      findings.push(
        finding(
          "file-stale",
          "warning",
          0,
          [],
          kind,
          `the last ${kind} import is ${ageDays} days old (more than ${limit} while the period runs)`,
        ),
      );
    return { kind, lastImportedAt: last?.importedAt ?? null, fileName: last?.fileName ?? null, ageDays };
  });
}

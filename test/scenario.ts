/**
 * Scenario helper: terms (small defaults, overridden per test) and data as inline CSV,
 * settled through the same path as `accord settle`: files on disk, the CSV reader, the
 * terms parser, the settlement and the obc-statement/1 presenter.
 */
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { settleOffline } from "../src/app/settle-offline.js";
import type { DataReport } from "../src/adapters/csv/read-data-dir.js";
import { offlineFiles } from "../src/adapters/files/offline-files.js";
import { statementToJson, type StatementJson } from "../src/shared/statement-json.js";
import type { IsoDate } from "../src/core/date.js";
import type { JsonProblem } from "../src/core/problem.js";

export type TermsDoc = Record<string, unknown>;

export function terms(overrides: TermsDoc = {}): TermsDoc {
  return {
    format: "obc-terms/1",
    contractId: "c1",
    title: "Scenario contract",
    district: { id: "d", name: "District" },
    vendor: { id: "v", name: "Vendor" },
    service: "tutoring",
    currency: "USD",
    period: { start: "2024-09-01", end: "2025-06-30" },
    maxValue: "100000.00",
    expectedStudents: 10,
    windows: {
      fall: { assessment: "MAP Growth", subject: "math", window: "2024-fall" },
      spring: { assessment: "MAP Growth", subject: "math", window: "2025-spring" },
    },
    base: { kind: "perStudent", amount: "100.00", per: "served" },
    outcomes: {
      kind: "perStudent",
      metrics: [
        {
          id: "growth",
          label: "Grew 5",
          kind: "growth",
          from: "fall",
          to: "spring",
          target: { points: "5" },
          amount: "50.00",
        },
      ],
    },
    ...overrides,
  };
}

/** Student ids S1..Sn. */
export function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `S${i + 1}`);
}

/** A perStudent growth metric: 5 points fall to spring pays 50.00, with overrides. */
export function growth(extra: TermsDoc = {}): TermsDoc {
  return {
    id: "growth",
    label: "growth",
    kind: "growth",
    from: "fall",
    to: "spring",
    target: { points: "5" },
    amount: "50.00",
    ...extra,
  };
}

/** A perStudent outcomes block with the given metrics. */
export function perStudent(metrics: TermsDoc[], extra: TermsDoc = {}): TermsDoc {
  return { kind: "perStudent", metrics, ...extra };
}

export interface Files {
  students?: string;
  enrollments?: string;
  assessments?: string;
  sessions?: string;
  obligations?: string;
  payments?: string;
}

export const STUDENTS_HEADER =
  "student_id,school_id,grade,gender,race_ethnicity,economically_disadvantaged,english_learner,special_education";
export const ASSESSMENTS_HEADER =
  "student_id,assessment,subject,window,test_date,scale_score,performance_level,percentile,growth_target,rapid_guess_percent";

/** Students S1..Sn in grade 5 at school A unless given. */
export function students(
  n: number,
  line: (i: number) => string = (i) => `S${i},A,5,,,false,false,false`,
): string {
  return [STUDENTS_HEADER, ...Array.from({ length: n }, (_, k) => line(k + 1))].join("\n") + "\n";
}

export function enrollments(ids: string[], enrolledOn = "2024-09-05", contract = "c1"): string {
  return (
    [
      "contract_id,student_id,enrolled_on,exited_on",
      ...ids.map((id) => `${contract},${id},${enrolledOn},`),
    ].join("\n") + "\n"
  );
}

/** `n` attended 30-minute sessions for each student with tutor T1. */
export function sessions(ids: string[], n = 10, contract = "c1"): string {
  const lines = ["session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size"];
  for (const id of ids)
    for (let k = 0; k < n; k++)
      lines.push(`${id}-${k},${contract},${id},T1,2024-10-${String(k + 1).padStart(2, "0")},30,true,1`);
  return lines.join("\n") + "\n";
}

/** Fall and spring MAP math rows: [id, fall, spring, growthTarget?, level?]. */
export function scores(rows: [string, number, number, string?, number?][]): string {
  const lines = [ASSESSMENTS_HEADER];
  for (const [id, fall, spring, target = "", level = 1] of rows) {
    lines.push(`${id},MAP Growth,math,2024-fall,2024-09-20,${fall},1,50,${target},`);
    lines.push(`${id},MAP Growth,math,2025-spring,2025-05-01,${spring},${level},50,,`);
  }
  return lines.join("\n") + "\n";
}

export type ScenarioResult =
  | { kind: "settled"; statement: StatementJson; statements: StatementJson[]; report: DataReport }
  | { kind: "invalid-terms"; problems: JsonProblem[] }
  | { kind: "rejected-rows"; report: DataReport };

export async function settleScenario(options: {
  terms: TermsDoc | TermsDoc[];
  files: Files;
  asOf?: string;
  allowRejects?: boolean;
}): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), "accord-scenario-"));
  try {
    const termsList = Array.isArray(options.terms) ? options.terms : [options.terms];
    const termsDir = join(dir, "terms");
    const dataDir = join(dir, "data");
    for (const d of [termsDir, dataDir]) rmSync(d, { recursive: true, force: true });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(termsDir);
    mkdirSync(dataDir);
    termsList.forEach((t, i) =>
      writeFileSync(join(termsDir, `${String(i).padStart(3, "0")}.json`), JSON.stringify(t)),
    );
    const defaults: Required<Files> = {
      students: STUDENTS_HEADER + "\n",
      enrollments: "contract_id,student_id,enrolled_on,exited_on\n",
      assessments: ASSESSMENTS_HEADER + "\n",
      sessions: "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size\n",
      obligations: "",
      payments: "",
    };
    for (const [name, text] of Object.entries({ ...defaults, ...options.files })) {
      if (text !== "") writeFileSync(join(dataDir, `${name}.csv`), text);
    }
    const result = await settleOffline(offlineFiles, {
      termsPath: termsDir,
      dataDir,
      asOf: (options.asOf ?? null) as IsoDate | null,
      allowRejects: options.allowRejects ?? false,
    });
    if (result.kind === "invalid-terms")
      return { kind: "invalid-terms", problems: result.problems.flatMap((p) => p.problems) };
    if (result.kind === "rejected-rows") return { kind: "rejected-rows", report: result.report };
    const statements = result.settled.map((s) => statementToJson(s.statement));
    return { kind: "settled", statement: statements[0]!, statements, report: result.report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Settles and fails the test unless a statement came out. */
export async function statementOf(options: Parameters<typeof settleScenario>[0]): Promise<StatementJson> {
  const result = await settleScenario(options);
  if (result.kind !== "settled")
    throw new Error(`expected a statement, got ${JSON.stringify(result).slice(0, 1500)}`);
  return result.statement;
}

export function line(statement: StatementJson, studentId: string): StatementJson["students"][number] {
  const found = statement.students.find((s) => s.studentId === studentId);
  if (found === undefined) throw new Error(`no line for ${studentId}`);
  return found;
}

/**
 * The per-student data the evidence statistics read (impact, equity, persistence):
 * who was served by one contract, who could be compared with them, their subgroups and
 * their scores in the baseline, outcome and (optional) follow-up windows.
 *
 * Built from the canonical records (shared/spec/data-v1.md) and the contract's
 * settlement statement, so "served" means exactly what the statement says: eligible and
 * over the service threshold as of the statement's date (settlement-v1). Scores are
 * picked with the settlement's own rule (`pickScore`: latest test date, then highest
 * score, rapid-guess rows above the contract's maximum ignored).
 *
 * The comparison pool is every other district student (not served by this contract,
 * whether or not enrolled in it) in the contract's eligible grades (or, without a grade
 * condition, the grades of its served students), who has a score in the baseline or
 * outcome window and who passes the contract's `baselineMaxScore` condition when there
 * is one. The school condition is not applied: students of other
 * schools are the natural comparison for a school-restricted contract.
 *
 * Scores become plain JS numbers here: they feed estimates, not money.
 */
import type { AssessmentRecord, StudentRecord } from "../data/records.js";
import type { IsoDate } from "../date.js";
import type { JsonProblem } from "../problem.js";
import type { AssessmentWindow, Grade, Terms } from "../terms/types.js";
import type { Statement } from "../settlement/statement.js";
import { pickScore } from "../settlement/scores.js";
import { compare, parseDecimal } from "../ratio.js";

export interface EvidenceScore {
  readonly score: number;
  readonly date: IsoDate;
}

export interface EvidenceSubgroups {
  readonly economicallyDisadvantaged: boolean;
  readonly englishLearner: boolean;
  readonly specialEducation: boolean;
  readonly raceEthnicity: string | null;
  readonly gender: string | null;
  readonly school: string;
}

export interface EvidenceStudent {
  readonly id: string;
  readonly grade: Grade;
  readonly school: string;
  /** Served by this contract (the statement's `served`). */
  readonly served: boolean;
  /** Enrolled in this contract (served or not): an unserved enrolled student is in the comparison pool. */
  readonly enrolled: boolean;
  readonly subgroups: EvidenceSubgroups;
  readonly baseline: EvidenceScore | null;
  readonly outcome: EvidenceScore | null;
  readonly followUp: EvidenceScore | null;
  /** The `growth_target` of the baseline row, when the data gives one. */
  readonly growthTarget: number | null;
}

export interface EvidenceWindows {
  readonly baseline: AssessmentWindow;
  readonly outcome: AssessmentWindow;
  readonly followUp: AssessmentWindow | null;
}

export interface EvidenceInput {
  readonly contractId: string;
  readonly subject: string;
  readonly asOf: IsoDate;
  readonly windows: EvidenceWindows;
  /** Served students first, then the comparison pool; each in student id order as given. */
  readonly students: readonly EvidenceStudent[];
}

export interface BuildEvidenceInputArgs {
  readonly terms: Terms;
  /** The contract's settlement statement: the source of `served`. */
  readonly statement: Statement;
  /** The district's students (students.csv records). */
  readonly students: Iterable<StudentRecord>;
  /** Assessment rows of any windows; those outside the chosen windows are skipped. */
  readonly assessments: Iterable<AssessmentRecord>;
  /** Window names of the terms; default: the `from`/`to` of the first growth metric. */
  readonly baselineWindow?: string;
  readonly outcomeWindow?: string;
  /** A window name of the terms, or a window given in full (a later test not in the terms). */
  readonly followUpWindow?: string | AssessmentWindow;
}

export type BuildEvidenceInputResult =
  | { readonly ok: true; readonly input: EvidenceInput }
  | { readonly ok: false; readonly problems: JsonProblem[] };

/** Follow-up tests come after the contract's period: the statement's date does not bound them. */
const NO_LIMIT = "9999-12-31" as IsoDate;

export function buildEvidenceInput(args: BuildEvidenceInputArgs): BuildEvidenceInputResult {
  const { terms, statement } = args;
  const problems: JsonProblem[] = [];
  const named = (name: string | undefined, path: string, role: string): AssessmentWindow | null => {
    if (name === undefined) {
      problems.push({
        path,
        code: "no-window",
        message: `no ${role} window given and no growth metric names one`,
      });
      return null;
    }
    const w = terms.windows.find((x) => x.name === name);
    if (w === undefined) {
      problems.push({
        path,
        code: "unknown-window",
        message: `contract ${terms.contractId} has no window ${JSON.stringify(name)}`,
      });
    }
    return w ?? null;
  };
  const growth = terms.outcomes.metrics.find((m) => m.measure.kind === "growth")?.measure;
  const defaults = growth?.kind === "growth" ? growth : undefined;
  const baseline = named(args.baselineWindow ?? defaults?.from, "$.baselineWindow", "baseline");
  const outcome = named(args.outcomeWindow ?? defaults?.to, "$.outcomeWindow", "outcome");
  const follow = args.followUpWindow;
  const followUp =
    typeof follow === "string" ? named(follow, "$.followUpWindow", "follow-up") : (follow ?? null);
  if (
    baseline !== null &&
    outcome !== null &&
    baseline.subject.toLowerCase() !== outcome.subject.toLowerCase()
  ) {
    problems.push({
      path: "$.outcomeWindow",
      code: "subject-mismatch",
      message: `baseline window ${baseline.name} is ${baseline.subject}, outcome window ${outcome.name} is ${outcome.subject}`,
    });
  }
  if (baseline === null || outcome === null || problems.length > 0) return { ok: false, problems };

  const served = new Set<string>();
  const enrolled = new Set<string>();
  for (const line of statement.students) {
    enrolled.add(line.studentId);
    if (line.served) served.add(line.studentId);
  }
  const cut = terms.eligibility.baselineMaxScore;
  const cutWindow = cut === undefined ? null : (terms.windows.find((w) => w.name === cut.window) ?? null);
  const wanted = [baseline, outcome, followUp, cutWindow].filter((w): w is AssessmentWindow => w !== null);
  const tests = new Map<string, AssessmentRecord[]>();
  for (const row of args.assessments) {
    if (!wanted.some((w) => sameWindow(row, w))) continue;
    const rows = tests.get(row.studentId);
    if (rows === undefined) tests.set(row.studentId, [row]);
    else rows.push(row);
  }

  const records = [...args.students];
  const known = new Set(records.map((s) => s.studentId));
  for (const id of served) {
    if (!known.has(id)) {
      problems.push({
        path: "$.students",
        code: "unknown-student",
        message: `served student ${JSON.stringify(id)} of the statement is not among the students given`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const servedGrades = new Set<Grade>(records.filter((s) => served.has(s.studentId)).map((s) => s.grade));
  const grades = terms.eligibility.grades === undefined ? servedGrades : new Set(terms.eligibility.grades);
  const rapid = terms.maxRapidGuessPercent;

  const servedStudents: EvidenceStudent[] = [];
  const pool: EvidenceStudent[] = [];
  for (const s of records) {
    const isServed = served.has(s.studentId);
    if (!isServed && !grades.has(s.grade)) continue;
    const rows = tests.get(s.studentId) ?? [];
    const base = pickScore(rows, baseline, statement.asOf, rapid);
    const out = pickScore(rows, outcome, statement.asOf, rapid);
    if (!isServed) {
      if (base === null && out === null) continue;
      if (cut !== undefined && cutWindow !== null) {
        const cutRow = pickScore(rows, cutWindow, statement.asOf, rapid);
        if (cutRow === null || compare(decimal(cutRow.scaleScore), cut.score) > 0) continue;
      }
    }
    const follow = followUp === null ? null : pickScore(rows, followUp, NO_LIMIT, rapid);
    const student: EvidenceStudent = {
      id: s.studentId,
      grade: s.grade,
      school: s.schoolId,
      served: isServed,
      enrolled: enrolled.has(s.studentId),
      subgroups: {
        economicallyDisadvantaged: s.economicallyDisadvantaged,
        englishLearner: s.englishLearner,
        specialEducation: s.specialEducation,
        raceEthnicity: s.raceEthnicity,
        gender: s.gender,
        school: s.schoolId,
      },
      baseline: scoreAt(base),
      outcome: scoreAt(out),
      followUp: scoreAt(follow),
      growthTarget: base === null || base.growthTarget === null ? null : Number(base.growthTarget),
    };
    (isServed ? servedStudents : pool).push(student);
  }
  return {
    ok: true,
    input: {
      contractId: terms.contractId,
      subject: outcome.subject,
      asOf: statement.asOf,
      windows: { baseline, outcome, followUp },
      students: [...servedStudents, ...pool],
    },
  };
}

function sameWindow(row: AssessmentRecord, w: AssessmentWindow): boolean {
  return (
    row.assessment === w.assessment &&
    row.window === w.window &&
    row.subject.toLowerCase() === w.subject.toLowerCase()
  );
}

function scoreAt(row: AssessmentRecord | null): EvidenceScore | null {
  return row === null ? null : { score: Number(row.scaleScore), date: row.testDate };
}

function decimal(text: string) {
  const value = parseDecimal(text);
  if (value === null) throw new Error(`validated decimal ${text} does not parse`);
  return value;
}

import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../date.js";
import { parseMoney } from "../money.js";
import { parseDecimal } from "../ratio.js";
import { type GeneratedDistrict, generateDistrict } from "./generate-district.js";
import {
  ASSESSMENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
  SESSION_COLUMNS,
  STUDENT_COLUMNS,
} from "./rows.js";

// A small data-v1 checker, independent of the importers: each returns a reason or null.
const isDate = (v: string) => parseIsoDate(v) !== null;
const isInt = (v: string, lo: number, hi: number) => /^-?\d+$/.test(v) && Number(v) >= lo && Number(v) <= hi;
const isDecimal = (v: string) => parseDecimal(v) !== null;
const isBool = (v: string) => v === "true" || v === "false";
const optional = (v: string, check: (v: string) => boolean) => v === "" || check(v);
const GRADES = new Set(["K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);

function all<T>(rows: Iterable<T>): T[] {
  return Array.from(rows);
}

function everything(d: GeneratedDistrict) {
  return {
    students: all(d.students()),
    enrollments: all(d.enrollments()),
    assessments: all(d.assessments()),
    sessions: all(d.sessions()),
    obligations: all(d.obligations()),
    payments: all(d.payments()),
    terms: d.terms(),
  };
}

function problems(d: GeneratedDistrict): string[] {
  const data = everything(d);
  const found: string[] = [];
  const expect = (ok: boolean, what: string, row: unknown) => {
    if (!ok && found.length < 20) found.push(`${what}: ${JSON.stringify(row)}`);
  };
  const keys = (row: object, columns: readonly string[]) =>
    expect(Object.keys(row).join() === columns.join(), "columns", row);
  const schools = new Set(d.description.schools.map((s) => s.id));
  const students = new Set<string>();
  for (const r of data.students) {
    keys(r, STUDENT_COLUMNS);
    expect(r.student_id !== "" && !students.has(r.student_id), "student_id unique", r);
    students.add(r.student_id);
    expect(schools.has(r.school_id) && GRADES.has(r.grade), "school and grade", r);
    expect(
      isBool(r.economically_disadvantaged) && isBool(r.english_learner) && isBool(r.special_education),
      "flags",
      r,
    );
  }
  const contracts = new Map(data.terms.map((t) => [t.contractId, t]));
  const enrolled = new Set<string>();
  for (const r of data.enrollments) {
    keys(r, ENROLLMENT_COLUMNS);
    expect(contracts.has(r.contract_id) && students.has(r.student_id), "enrollment refers", r);
    expect(!enrolled.has(`${r.contract_id}/${r.student_id}`), "enrollment key unique", r);
    enrolled.add(`${r.contract_id}/${r.student_id}`);
    expect(
      isDate(r.enrolled_on) && optional(r.exited_on, (v) => isDate(v) && v >= r.enrolled_on),
      "enrollment dates",
      r,
    );
  }
  for (const r of data.assessments) {
    keys(r, ASSESSMENT_COLUMNS);
    expect(students.has(r.student_id) && r.assessment === "MAP Growth", "assessment refers", r);
    expect(
      ["math", "reading"].includes(r.subject) && /^20\d\d-(fall|winter|spring)$/.test(r.window),
      "window",
      r,
    );
    expect(isDate(r.test_date) && isDecimal(r.scale_score), "date and score", r);
    expect(
      optional(r.performance_level, (v) => isInt(v, 0, 99)) && optional(r.percentile, (v) => isInt(v, 1, 99)),
      "levels",
      r,
    );
    expect(optional(r.growth_target, isDecimal), "growth_target", r);
    expect(
      optional(r.rapid_guess_percent, (v) => isDecimal(v) && Number(v) >= 0 && Number(v) <= 100),
      "rapid",
      r,
    );
  }
  const sessionIds = new Set<string>();
  for (const r of data.sessions) {
    keys(r, SESSION_COLUMNS);
    expect(enrolled.has(`${r.contract_id}/${r.student_id}`), "session of an enrolled student", r);
    expect(
      r.session_id !== "" && !sessionIds.has(`${r.contract_id}/${r.session_id}`),
      "session_id unique",
      r,
    );
    sessionIds.add(`${r.contract_id}/${r.session_id}`);
    expect(isDate(r.session_date) && isInt(r.minutes, 0, 1440), "date and minutes", r);
    expect(
      optional(r.attended, isBool) && optional(r.group_size, (v) => isInt(v, 1, 1000)),
      "attended, group",
      r,
    );
  }
  const obligationKeys = new Set<string>();
  for (const r of data.obligations) {
    keys(r, OBLIGATION_COLUMNS);
    const obligation = contracts.get(r.contract_id)?.obligations?.find((o) => o.id === r.obligation_id);
    expect(obligation?.measure.kind === "manual", "names a manual obligation", r);
    expect(!obligationKeys.has(`${r.contract_id}/${r.obligation_id}`), "obligation key unique", r);
    obligationKeys.add(`${r.contract_id}/${r.obligation_id}`);
    expect(r.status === "met" || r.status === "notMet", "status", r);
  }
  for (const r of data.payments) {
    keys(r, PAYMENT_COLUMNS);
    expect(contracts.has(r.contract_id) && isDate(r.paid_on), "payment refers", r);
    expect(typeof parseMoney(r.amount, { allowNegative: true }) === "bigint", "money", r);
  }
  return found;
}

describe("generateDistrict", () => {
  it("makes only rows that are valid per data-v1, with unique keys", () => {
    expect(problems(generateDistrict({ students: 3000, seed: "valid", contracts: 8 }))).toEqual([]);
    expect(problems(generateDistrict({ students: 1500, seed: 7, contracts: 12 }))).toEqual([]);
  });

  it("gives the same rows for the same seed, on every call", () => {
    const a = generateDistrict({ students: 1200, seed: 42, contracts: 8 });
    const b = generateDistrict({ students: 1200, seed: "42", contracts: 8 });
    expect(everything(a)).toEqual(everything(b));
    expect(all(a.sessions())).toEqual(all(a.sessions()));
    expect(a.description).toEqual(b.description);
  });

  it("gives different rows for a different seed", () => {
    const a = everything(generateDistrict({ students: 1200, seed: 1, contracts: 3 }));
    const b = everything(generateDistrict({ students: 1200, seed: 2, contracts: 3 }));
    expect(a.students).not.toEqual(b.students);
    expect(a.assessments).not.toEqual(b.assessments);
    expect(a.sessions.slice(0, 100)).not.toEqual(b.sessions.slice(0, 100));
  });

  it("names demo contracts and numbers benchmark ones", () => {
    const demo = generateDistrict({ students: 500, seed: 1 }).description.contracts.map((c) => c.contractId);
    expect(demo).toEqual(["demo-2024-math-tutoring", "demo-2024-reading-pool", "demo-2024-math-stages"]);
    const bench = generateDistrict({ students: 500, seed: 1, contracts: 12 }).description.contracts;
    expect(bench.map((c) => c.contractId).slice(0, 2)).toEqual(["c001", "c002"]);
    expect(() => generateDistrict({ students: 500, seed: 1, contracts: 9, contractIds: "named" })).toThrow(
      RangeError,
    );
    expect(() => generateDistrict({ students: 0, seed: 1 })).toThrow(RangeError);
  });

  it("counts exactly the session rows it streams", () => {
    const d = generateDistrict({ students: 2000, seed: "count", contracts: 8 });
    expect(all(d.sessions()).length).toBe(d.description.counts.sessions);
    expect(all(d.enrollments()).length).toBe(d.description.counts.enrollments);
  });

  it("scales session rows linearly with students, for a fixed number of contracts", () => {
    const sessions = (students: number) =>
      generateDistrict({ students, seed: "scale", contracts: 40 }).description.counts.sessions;
    const small = sessions(5000);
    const large = sessions(20000);
    expect(small / 5000).toBeGreaterThan(27);
    expect(large / small).toBeGreaterThan(3.8);
    expect(large / small).toBeLessThan(4.2);
  });

  it("plans about 3,000,000 sessions for the state-scale benchmark", () => {
    const d = generateDistrict({ students: 100_000, seed: 1, contracts: 200 });
    expect(d.description.counts.sessions).toBeGreaterThan(2_900_000);
    expect(d.description.counts.sessions).toBeLessThan(3_100_000);
    expect(d.description.counts.enrollments).toBeGreaterThan(95_000);
    expect(new Set(d.description.contracts.map((c) => c.contractId)).size).toBe(200);
  });
});

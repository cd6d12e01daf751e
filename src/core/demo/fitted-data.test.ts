import { describe, expect, it } from "vitest";
import { DataSet } from "../data/data-set.js";
import type { IsoDate } from "../date.js";
import { settleContract } from "../settlement/settle.js";
import { parseTerms } from "../terms/parse-terms.js";
import type { Terms } from "../terms/types.js";
import { FITTED_MAX_STUDENTS, fitWindows, generateFittedData } from "./fitted-data.js";
import { generateDistrict } from "./generate-district.js";

const documents = generateDistrict({ students: 2000, seed: "fitted", contracts: 8 }).terms();

function parsed(document: unknown): Terms {
  const result = parseTerms(document);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.terms;
}

const allTerms = documents.map(parsed);

function settled(terms: Terms): ReturnType<typeof settleContract> {
  const fitted = generateFittedData(terms, "s");
  const data = new DataSet([terms]);
  for (const s of fitted.students) data.addStudent(s);
  for (const e of fitted.enrollments) expect(data.addEnrollment(e)).toBeNull();
  for (const a of fitted.assessments) data.addAssessment(a);
  for (const s of fitted.sessions) data.addSession(s);
  return settleContract(terms, data);
}

describe("data fitted to draft terms", () => {
  it("is the same for the same terms and seed, and differs with the seed", () => {
    const terms = allTerms[0]!;
    expect(JSON.stringify(generateFittedData(terms, 7))).toBe(JSON.stringify(generateFittedData(terms, "7")));
    expect(JSON.stringify(generateFittedData(terms, 7))).not.toBe(
      JSON.stringify(generateFittedData(terms, 8)),
    );
  });

  it("fits every demo contract's terms: eligible grades and schools, the period, the named windows", () => {
    for (const terms of allTerms) {
      const fitted = generateFittedData(terms, "s");
      expect(fitted.students).toHaveLength(Math.min(terms.expectedStudents, FITTED_MAX_STUDENTS));
      for (const s of fitted.students) {
        if (terms.eligibility.grades !== undefined) expect(terms.eligibility.grades).toContain(s.grade);
        if (terms.eligibility.schools !== undefined) expect(terms.eligibility.schools).toContain(s.schoolId);
      }
      for (const e of fitted.enrollments) {
        expect(e.contractId).toBe(terms.contractId);
        expect(e.enrolledOn >= terms.period.start && e.enrolledOn <= terms.period.end).toBe(true);
      }
      for (const s of fitted.sessions)
        expect(s.sessionDate >= terms.period.start && s.sessionDate <= terms.period.end).toBe(true);
      const keys = new Set(terms.windows.map((w) => `${w.assessment}|${w.subject}|${w.window}`));
      for (const a of fitted.assessments) {
        expect(keys.has(`${a.assessment}|${a.subject}|${a.window}`)).toBe(true);
        expect(a.testDate >= terms.period.start && a.testDate <= terms.period.end).toBe(true);
      }
    }
  });

  it("settles to a positive total with most students eligible and served", () => {
    for (const terms of allTerms) {
      const statement = settled(terms);
      expect(statement.totalCents > 0n).toBe(true);
      expect(statement.population.eligible).toBeGreaterThan(statement.population.enrolled * 0.8);
      expect(statement.population.served).toBeGreaterThan(statement.population.eligible * 0.65);
    }
  });

  it("places any window names on test dates in school-year order", () => {
    const terms = {
      ...allTerms[0]!,
      period: { start: "2025-08-15" as IsoDate, end: "2026-06-10" as IsoDate },
      windows: [
        { name: "end", assessment: "STAR", subject: "Math", window: "Spring" },
        { name: "mid", assessment: "STAR", subject: "Math", window: "Window 2" },
        { name: "start", assessment: "STAR", subject: "Math", window: "Fall 25" },
      ],
    };
    const windows = fitWindows(terms);
    expect(windows.map((w) => [w.window, w.yearFraction])).toEqual([
      ["Fall 25", 0],
      ["Window 2", 0.5],
      ["Spring", 1],
    ]);
    expect(windows.map((w) => w.testDate)).toEqual([...windows.map((w) => w.testDate)].sort());
    expect(windows[0]!.testDate > "2025-08-15" && windows[2]!.testDate < "2026-06-10").toBe(true);
  });

  it("caps the number of students", () => {
    const fitted = generateFittedData({ ...allTerms[0]!, expectedStudents: 50_000 }, 1);
    expect(fitted.students).toHaveLength(FITTED_MAX_STUDENTS);
  });
});

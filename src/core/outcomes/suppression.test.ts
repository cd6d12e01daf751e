import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { StudentRecord } from "../data/records.js";
import { MIN_CELL_STUDENTS, suppressCells } from "./suppression.js";
import { subgroupResults, type CountedStudent } from "./subgroups.js";

const student = fc.record({
  studentId: fc.string({ minLength: 1, maxLength: 6 }),
  schoolId: fc.constantFrom("S1", "S2", "S3", "S4"),
  grade: fc.constant("5" as const),
  gender: fc.constantFrom("F", "M", "X", null),
  raceEthnicity: fc.constantFrom("A", "B", "H", "W", "M", null),
  economicallyDisadvantaged: fc.boolean(),
  englishLearner: fc.boolean(),
  specialEducation: fc.boolean(),
}) satisfies fc.Arbitrary<StudentRecord>;

const counted: fc.Arbitrary<CountedStudent[]> = fc.array(fc.record({ student, met: fc.boolean() }), {
  maxLength: 80,
});

describe("small-cell suppression", () => {
  it("hides every cell of fewer than 10 students, and enough others that none can be derived", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { maxLength: 8 }), (counts) => {
        const reasons = suppressCells(counts);
        const hidden = counts.filter((_, i) => reasons[i] !== null);
        counts.forEach((n, i) => {
          if (n < MIN_CELL_STUDENTS) expect(reasons[i]).toBe("small");
          if (n >= MIN_CELL_STUDENTS) expect(reasons[i]).not.toBe("small");
        });
        const sum = hidden.reduce((a, b) => a + b, 0);
        const safe =
          hidden.length === 0 ||
          hidden.length === counts.length ||
          (hidden.length >= 2 && sum >= MIN_CELL_STUDENTS);
        expect(safe).toBe(true);
      }),
    );
  });

  it("leaves every cell of 10 or more students alone when nothing is small", () => {
    expect(suppressCells([10, 25, 11])).toEqual([null, null, null]);
  });

  it("hides the next smallest cell when only one is small, until the hidden cells hold 10", () => {
    expect(suppressCells([40, 3, 12, 30])).toEqual([null, "small", "complementary", null]);
    expect(suppressCells([2, 3, 30, 11])).toEqual(["small", "small", null, "complementary"]);
    expect(suppressCells([4, 40])).toEqual(["small", "complementary"]);
  });

  it("gives a reader outside the district no subgroup number based on fewer than 10 students", () => {
    fc.assert(
      fc.property(counted, (students) => {
        for (const dim of subgroupResults(students, true)) {
          let hiddenStudents = 0;
          let hiddenCells = 0;
          for (const cell of dim.cells) {
            const inGroup = students.filter((s) => {
              const st = s.student;
              switch (dim.dimension) {
                case "economicallyDisadvantaged":
                  return (st.economicallyDisadvantaged ? "yes" : "no") === cell.group;
                case "englishLearner":
                  return (st.englishLearner ? "yes" : "no") === cell.group;
                case "specialEducation":
                  return (st.specialEducation ? "yes" : "no") === cell.group;
                case "raceEthnicity":
                  return (st.raceEthnicity ?? "not-recorded") === cell.group;
                case "gender":
                  return (st.gender ?? "not-recorded") === cell.group;
                case "school":
                  return st.schoolId === cell.group;
              }
            }).length;
            if (cell.suppressed === null) {
              expect(cell.n).toBe(inGroup);
              expect(cell.n).toBeGreaterThanOrEqual(MIN_CELL_STUDENTS);
            } else {
              expect(Object.keys(cell).sort()).toEqual(["group", "label", "suppressed"]);
              hiddenStudents += inGroup;
              hiddenCells += 1;
            }
          }
          // What the shown cells and the total let one derive: the hidden cells together.
          if (hiddenCells > 0 && hiddenCells < dim.cells.length) {
            expect(hiddenCells).toBeGreaterThanOrEqual(2);
            expect(hiddenStudents).toBeGreaterThanOrEqual(MIN_CELL_STUDENTS);
          }
        }
      }),
    );
  });

  it("shows the district every cell with its numbers", () => {
    fc.assert(
      fc.property(counted, (students) => {
        for (const dim of subgroupResults(students, false)) {
          const total = dim.cells.reduce((sum, c) => sum + (c.suppressed === null ? c.n : Number.NaN), 0);
          expect(total).toBe(students.length);
        }
      }),
    );
  });
});

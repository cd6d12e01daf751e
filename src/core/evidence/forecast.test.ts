import { describe, expect, it } from "vitest";
import { defaultMoyWindow, forecastStatement, withMoyWindow } from "./forecast.js";
import { formatCents } from "../money.js";
import type { IsoDate } from "../date.js";
import { dataSet, parsed, student, test } from "../../../test/evidence-app/fixtures.js";
import { growth, perStudent } from "../../../test/scenario.js";

const AS_OF = "2025-01-31" as IsoDate;

/** Fall 200 on 2024-09-20; winter on 2025-01-18: 120 days later, 163 days before the period end. */
function midYear() {
  const terms = parsed({
    outcomes: perStudent([
      growth(),
      { id: "dose", label: "d", kind: "dosage", minSessions: 10, amount: "10.00" },
    ]),
  });
  const winter = { A: "203", B: "201.5", C: "202" } as Record<string, string>;
  const students = ["A", "B", "C", "D"].map((id) => student(id));
  const tests = students.flatMap((s) => [
    test(s.studentId, "2024-fall", "2024-09-20", "200"),
    ...(winter[s.studentId] === undefined
      ? []
      : [test(s.studentId, "2025-winter", "2025-01-18", winter[s.studentId]!)]),
  ]);
  const data = dataSet(withMoyWindow(terms, defaultMoyWindow(terms)!), {
    students,
    tests,
    sessions: [["A", 5]],
  });
  return { terms, data: data.contractData("c1", terms.period.start, AS_OF) };
}

describe("mid-year forecast", () => {
  it("projects growth from the winter score in proportion to time, and dosage at the pace to date", () => {
    const { terms, data } = midYear();
    const moy = defaultMoyWindow(terms);
    expect(moy).toEqual({ name: "moy", assessment: "MAP Growth", subject: "math", window: "2025-winter" });
    const f = forecastStatement(terms, data, AS_OF, moy!);
    expect([f.elapsedDays, f.periodDays, f.projectedStudents]).toEqual([153, 303, 3]);
    // A: 3 x (1 + 163/120 x s) >= 5 in every scenario; C: 2 + 2 x 163/120 x 1.25 = 5.40 only when high;
    // B: 1.5 + 1.5 x 163/120 x 1.25 = 4.05 never; D has no winter score.
    // Dosage: A's 5 sessions in 153 of 303 days: + floor(5 x 150 x s / 153) = 3, 4, 6.
    const amounts = (s: "low" | "expected" | "high") =>
      f.scenarios[s].metrics.map((m) => [m.met, formatCents(m.amountCents)]);
    expect(amounts("low")).toEqual([
      [1, "50.00"],
      [0, "0.00"],
    ]);
    expect(amounts("expected")).toEqual([
      [1, "50.00"],
      [0, "0.00"],
    ]);
    expect(amounts("high")).toEqual([
      [2, "100.00"],
      [1, "10.00"],
    ]);
    expect(formatCents(f.scenarios.low.totalCents)).toBe("450.00");
    expect(formatCents(f.scenarios.high.totalCents)).toBe("510.00");
    expect(f.current.metrics[0]?.met).toBe(0);
    expect(f.scenarios.expected.students.find((s) => s.studentId === "A")?.sessions).toBe(9);
  });

  it("takes no MOY window when the outcome window has no season name or there is no growth metric", () => {
    const eoy = parsed({
      windows: {
        fall: { assessment: "MAP Growth", subject: "math", window: "BOY" },
        spring: { assessment: "MAP Growth", subject: "math", window: "EOY" },
      },
    });
    expect(defaultMoyWindow(eoy)).toBeNull();
    const dosageOnly = parsed({
      outcomes: perStudent([{ id: "dose", label: "d", kind: "dosage", minSessions: 10, amount: "10.00" }]),
    });
    expect(defaultMoyWindow(dosageOnly)).toBeNull();
  });

  it("from the period end on, every scenario is the statement itself", () => {
    const { terms, data } = midYear();
    const end = terms.period.end;
    const f = forecastStatement(terms, data, end, defaultMoyWindow(terms)!);
    expect(f.scenarios.low).toBe(f.current);
    expect(f.scenarios.high).toBe(f.current);
    expect(f.projectedStudents).toBe(0);
  });
});

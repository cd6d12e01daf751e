import { describe, expect, it } from "vitest";
import type { IsoDate } from "../date.js";
import { ratio } from "../ratio.js";
import { elapsedDays, expectedEnrolment, paceByNow, pacingApplies } from "./pacing.js";
import { dosageAlert, dosageByNow, enrolmentAlert, studentsOnPace } from "./pacing-rules.js";

const d = (s: string) => s as IsoDate;
const ref = { districtId: "d1", contractId: "c1" };
const period = { start: d("2024-09-01"), end: d("2025-05-31") };

describe("the plan's pace", () => {
  it("ramps enrolment evenly over the first 60 days, rounded down, then holds the plan", () => {
    expect(expectedEnrolment(period, 1200, d("2024-08-31"))).toBe(0);
    expect(expectedEnrolment(period, 1200, d("2024-09-01"))).toBe(0);
    expect(expectedEnrolment(period, 1200, d("2024-09-02"))).toBe(20);
    expect(expectedEnrolment(period, 1000, d("2024-09-08"))).toBe(116); // 1000 * 7 / 60 = 116.67
    expect(expectedEnrolment(period, 1200, d("2024-10-31"))).toBe(1200);
    expect(expectedEnrolment(period, 1200, d("2025-03-01"))).toBe(1200);
  });

  it("spreads service evenly over the period, both ends counted", () => {
    expect(elapsedDays(period, d("2024-08-01"))).toBe(0);
    expect(elapsedDays(period, d("2024-09-01"))).toBe(1);
    expect(elapsedDays(period, d("2025-05-31"))).toBe(273);
    expect(elapsedDays(period, d("2026-01-01"))).toBe(273);
    expect(paceByNow(period, 40, d("2025-05-31"))).toBe(40);
    expect(paceByNow(period, 40, d("2025-01-15"))).toBe(20); // 137 of 273 days: 20.07
  });

  it("applies pacing from day 14 of the period to its last day", () => {
    expect(pacingApplies(period, d("2024-09-14"))).toBe(false);
    expect(pacingApplies(period, d("2024-09-15"))).toBe(true);
    expect(pacingApplies(period, d("2025-05-31"))).toBe(true);
    expect(pacingApplies(period, d("2025-06-01"))).toBe(false);
  });
});

describe("enrolment behind plan", () => {
  const facts = (enrolled: number, today: string, expectedStudents = 1200) => ({
    period,
    expectedStudents,
    enrolled,
    today: d(today),
  });

  it("alarms on 451 enrolled of 1,200 planned in October", () => {
    const early = enrolmentAlert(ref, facts(451, "2024-10-01"));
    expect(early?.severity).toBe("warning"); // 600 expected: 75%
    const mid = enrolmentAlert(ref, facts(451, "2024-10-15"));
    expect(mid).toEqual({
      ...ref,
      code: "enrolment-behind",
      severity: "critical",
      subject: "enrolment",
      message:
        "Enrolment is behind plan: 451 students enrolled of 880 expected by Oct 15, 2024 (of 1,200 planned), 51% of pace.",
      target: { page: "contract", section: "progress" },
    });
    expect(enrolmentAlert(ref, facts(451, "2024-10-31"))?.message).toBe(
      "Enrolment is behind plan: 451 students enrolled of 1,200 expected by Oct 31, 2024, 37% of pace.",
    );
  });

  it("warns below 90% of pace and is critical below 60%, exactly", () => {
    const at = (enrolled: number) =>
      enrolmentAlert(ref, facts(enrolled, "2024-11-15", 1000))?.severity ?? null;
    expect(at(1000)).toBeNull();
    expect(at(900)).toBeNull();
    expect(at(899)).toBe("warning");
    expect(at(600)).toBe("warning");
    expect(at(599)).toBe("critical");
  });

  it("says nothing in the grace days or after the period", () => {
    expect(enrolmentAlert(ref, facts(0, "2024-09-14"))).toBeNull();
    expect(enrolmentAlert(ref, facts(0, "2024-09-15"))?.severity).toBe("critical");
    expect(enrolmentAlert(ref, facts(0, "2025-06-01"))).toBeNull();
  });
});

describe("dosage behind pace", () => {
  const measure = { minSessions: 40, minMinutes: null };
  const today = d("2025-01-15");
  const required = dosageByNow(measure, period, today);
  const students = (onPace: number, behind: number) => [
    ...Array.from({ length: onPace }, () => ({ eligible: true, sessions: 20, minutes: 600 })),
    ...Array.from({ length: behind }, () => ({ eligible: true, sessions: 19, minutes: 600 })),
    { eligible: false, sessions: 99, minutes: 9999 },
  ];
  const alertFor = (onPace: number, behind: number, target = ratio(1n, 2n)) => {
    const list = students(onPace, behind);
    return dosageAlert(ref, {
      period,
      today,
      metric: { id: "dosage", label: "Attended 40 sessions" },
      required,
      target,
      eligible: list.filter((s) => s.eligible).length,
      onPace: studentsOnPace(list, required),
    });
  };

  it("asks the minimum spread over the period and counts eligible students who reach it", () => {
    expect(required).toEqual({ minSessions: 20, minMinutes: 0 });
    expect(studentsOnPace(students(3, 2), required)).toBe(3);
  });

  it("warns below the target share and is critical below half of it", () => {
    expect(alertFor(50, 50)).toBeNull();
    expect(alertFor(49, 51)?.severity).toBe("warning");
    expect(alertFor(25, 75)?.severity).toBe("warning");
    expect(alertFor(24, 76)?.severity).toBe("critical");
    expect(alertFor(79, 21, ratio(4n, 5n))?.message).toBe(
      'Dosage is behind pace for "Attended 40 sessions": 79 of 100 eligible students (79%) have 20 sessions by Jan 15, 2025, below the target of 80%.',
    );
  });
});

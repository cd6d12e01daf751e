import { describe, it, expect } from "vitest";
import {
  terms,
  perStudent,
  students,
  enrollments,
  sessions,
  scores,
  statementOf,
  line,
  ASSESSMENTS_HEADER,
  ids,
  growth,
} from "../scenario.js";

const rows = (lines: string[]): string => [ASSESSMENTS_HEADER, ...lines].join("\n") + "\n";
const base = (n: number) => ({
  students: students(n),
  enrollments: enrollments(ids(n)),
  sessions: sessions(ids(n)),
});

describe("settlement-v1 section 2: window scores", () => {
  it("uses the latest test date, then the highest score, then the row read last", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        ...base(3),
        assessments: rows([
          "S1,MAP Growth,math,2024-fall,2024-09-20,200,,,,",
          "S1,MAP Growth,math,2025-spring,2025-05-01,230,,,,",
          "S1,MAP Growth,math,2025-spring,2025-05-10,203,,,,", // later date wins: growth 3
          "S2,MAP Growth,math,2024-fall,2024-09-20,200,,,,",
          "S2,MAP Growth,math,2025-spring,2025-05-01,203,,,,",
          "S2,MAP Growth,math,2025-spring,2025-05-01,206,,,,", // same date, higher score: growth 6
          "S3,MAP Growth,math,2024-fall,2024-09-20,200,,,5,",
          "S3,MAP Growth,math,2024-fall,2024-09-20,200,,,9,", // full tie: the later row
          "S3,MAP Growth,math,2025-spring,2025-05-01,207,,,,",
        ]),
      },
    });
    expect(line(s, "S1").metrics["growth"]?.value).toBe("3");
    expect(line(s, "S2").metrics["growth"]?.value).toBe("6");
    const fromRow = await statementOf({
      terms: terms({ outcomes: perStudent([growth({ target: { fromRow: true, percent: "100" } })]) }),
      files: {
        ...base(3),
        assessments: rows([
          "S3,MAP Growth,math,2024-fall,2024-09-20,200,,,5,",
          "S3,MAP Growth,math,2024-fall,2024-09-20,200,,,9,",
          "S3,MAP Growth,math,2025-spring,2025-05-01,207,,,,",
        ]),
      },
    });
    expect(line(fromRow, "S3").metrics["growth"]).toMatchObject({ status: "notMet", target: "9" });
  });

  it("ignores tests after asOf and tests above maxRapidGuessPercent", async () => {
    const s = await statementOf({
      terms: terms({ maxRapidGuessPercent: "30" }),
      files: {
        ...base(2),
        assessments: rows([
          "S1,MAP Growth,math,2024-fall,2024-09-20,200,,,,",
          "S1,MAP Growth,math,2025-spring,2025-05-01,206,,,,30",
          "S1,MAP Growth,math,2025-spring,2025-05-20,220,,,,30.1", // rapid guessing: ignored
          "S2,MAP Growth,math,2024-fall,2024-09-20,200,,,,",
          "S2,MAP Growth,math,2025-spring,2025-06-20,230,,,,", // after asOf
        ]),
      },
      asOf: "2025-06-01",
    });
    expect(line(s, "S1").metrics["growth"]).toMatchObject({ status: "met", value: "6" });
    expect(line(s, "S2").metrics["growth"]).toMatchObject({ status: "missing", value: null });
  });

  it("matches assessment and window exactly and subject case-insensitively", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        ...base(2),
        assessments: rows([
          "S1,MAP Growth,MATH,2024-fall,2024-09-20,200,,,,",
          "S1,MAP Growth,Math,2025-spring,2025-05-01,206,,,,",
          "S2,map growth,math,2024-fall,2024-09-20,200,,,,",
          "S2,MAP Growth,math,2025-Spring,2025-05-01,206,,,,",
        ]),
      },
    });
    expect(line(s, "S1").metrics["growth"]?.status).toBe("met");
    expect(line(s, "S2").metrics["growth"]?.status).toBe("missing");
  });
});

describe("settlement-v1 section 2: metric kinds", () => {
  it("meets a points growth target when growth equals it exactly", async () => {
    const s = await statementOf({
      terms: terms(),
      files: {
        ...base(2),
        assessments: scores([
          ["S1", 200, 205],
          ["S2", 200.5, 205.4],
        ]),
      },
    });
    expect(line(s, "S1").metrics["growth"]).toEqual({
      status: "met",
      value: "5",
      target: "5",
      amount: "50.00",
    });
    expect(line(s, "S2").metrics["growth"]).toMatchObject({ status: "notMet", value: "4.9" });
  });

  it("takes a fromRow target from the from row times percent, and is missing without growth_target", async () => {
    const s = await statementOf({
      terms: terms({ outcomes: perStudent([growth({ target: { fromRow: true, percent: "150" } })]) }),
      files: {
        ...base(3),
        assessments: scores([
          ["S1", 200, 212, "8"],
          ["S2", 200, 211, "8"],
          ["S3", 200, 230],
        ]),
      },
    });
    expect(line(s, "S1").metrics["growth"]).toMatchObject({ status: "met", target: "12" });
    expect(line(s, "S2").metrics["growth"]?.status).toBe("notMet");
    expect(line(s, "S3").metrics["growth"]).toEqual({
      status: "missing",
      value: null,
      target: null,
      amount: "0.00",
    });
  });

  it("prorates a fromRow target by weeks between the tests over prorateWeeks, at most 1", async () => {
    // 2024-09-20 to 2025-05-01 is 223 days = 31.857 weeks; over 60 weeks: target 10 x 223/420.
    const s = await statementOf({
      terms: terms({
        outcomes: perStudent([growth({ target: { fromRow: true, percent: "100", prorateWeeks: 60 } })]),
      }),
      files: {
        ...base(2),
        assessments: scores([
          ["S1", 200, 205.31, "10"],
          ["S2", 200, 205.3, "10"],
        ]),
      },
    });
    expect(line(s, "S1").metrics["growth"]).toMatchObject({ status: "met", target: "5.309524" });
    expect(line(s, "S2").metrics["growth"]?.status).toBe("notMet");
    const capped = await statementOf({
      terms: terms({
        outcomes: perStudent([growth({ target: { fromRow: true, percent: "100", prorateWeeks: 20 } })]),
      }),
      files: { ...base(1), assessments: scores([["S1", 200, 210, "10"]]) },
    });
    expect(line(capped, "S1").metrics["growth"]?.target).toBe("10");
  });

  it("pays the highest tier reached, not the sum, and meets the metric at the 100 tier", async () => {
    const tiers = [
      { atLeast: "50", amount: "100.00" },
      { atLeast: "100", amount: "300.00" },
      { atLeast: "150", amount: "500.00" },
    ];
    const s = await statementOf({
      terms: terms({
        outcomes: perStudent([growth({ target: { points: "10" }, amount: undefined, tiers })]),
      }),
      files: {
        ...base(4),
        assessments: scores([
          ["S1", 200, 204],
          ["S2", 200, 206],
          ["S3", 200, 210],
          ["S4", 200, 215],
        ]),
      },
    });
    expect(s.students.map((l) => [l.metrics["growth"]?.status, l.metrics["growth"]?.amount])).toEqual([
      ["notMet", "0.00"],
      ["notMet", "100.00"],
      ["met", "300.00"],
      ["met", "500.00"],
    ]);
    expect(s.metrics[0]).toMatchObject({ met: 2, amount: "900.00" });
  });

  it("meets tiers without a 100 tier only at the highest tier, and reaches every tier on a target <= 0 when growth >= target", async () => {
    const tiers = [
      { atLeast: "50", amount: "100.00" },
      { atLeast: "80", amount: "200.00" },
    ];
    const s = await statementOf({
      terms: terms({
        outcomes: perStudent([growth({ target: { points: "10" }, amount: undefined, tiers })]),
      }),
      files: {
        ...base(2),
        assessments: scores([
          ["S1", 200, 205],
          ["S2", 200, 208],
        ]),
      },
    });
    expect(s.students.map((l) => l.metrics["growth"]?.status)).toEqual(["notMet", "met"]);
    const zero = await statementOf({
      terms: terms({ outcomes: perStudent([growth({ target: { points: "0" }, amount: undefined, tiers })]) }),
      files: {
        ...base(2),
        assessments: scores([
          ["S1", 200, 200],
          ["S2", 200, 199],
        ]),
      },
    });
    expect(zero.students.map((l) => [l.metrics["growth"]?.status, l.metrics["growth"]?.amount])).toEqual([
      ["met", "200.00"],
      ["notMet", "0.00"],
    ]);
  });

  it("meets proficiency by level, missing without a level, or by score", async () => {
    const level = {
      id: "prof",
      label: "p",
      kind: "proficiency",
      window: "spring",
      minLevel: 3,
      amount: "10.00",
    };
    const s = await statementOf({
      terms: terms({ outcomes: perStudent([level]) }),
      files: {
        ...base(3),
        assessments: rows([
          "S1,MAP Growth,math,2025-spring,2025-05-01,200,3,,,",
          "S2,MAP Growth,math,2025-spring,2025-05-01,250,2,,,",
          "S3,MAP Growth,math,2025-spring,2025-05-01,250,,,,",
        ]),
      },
    });
    expect(s.students.map((l) => l.metrics["prof"])).toEqual([
      { status: "met", value: "3", target: "3", amount: "10.00" },
      { status: "notMet", value: "2", target: "3", amount: "0.00" },
      { status: "missing", value: null, target: null, amount: "0.00" },
    ]);
    const score = await statementOf({
      terms: terms({ outcomes: perStudent([{ ...level, minLevel: undefined, minScore: "215.5" }]) }),
      files: {
        ...base(2),
        assessments: rows([
          "S1,MAP Growth,math,2025-spring,2025-05-01,215.5,,,,",
          "S2,MAP Growth,math,2025-spring,2025-05-01,215.4,,,,",
        ]),
      },
    });
    expect(score.students.map((l) => l.metrics["prof"]?.status)).toEqual(["met", "notMet"]);
  });

  it("meets dosage on attended sessions and minutes, never missing", async () => {
    const dosage = {
      id: "dose",
      label: "d",
      kind: "dosage",
      minSessions: 10,
      minMinutes: 300,
      amount: "20.00",
    };
    const s = await statementOf({
      terms: terms({ outcomes: perStudent([dosage]) }),
      files: {
        students: students(2),
        enrollments: enrollments(ids(2)),
        sessions: sessions(["S1"], 10) + sessions(["S2"], 9).split("\n").slice(1).join("\n"),
      },
    });
    expect(s.students.map((l) => l.metrics["dose"])).toEqual([
      { status: "met", value: "10", target: "10", amount: "20.00" },
      { status: "notMet", value: "9", target: "10", amount: "0.00" },
    ]);
    expect(s.metrics[0]?.missing).toBe(0);
  });

  it("does not meet consistency without an attended session", async () => {
    const consistency = { id: "same", label: "c", kind: "consistency", minShare: "0", amount: "5.00" };
    const s = await statementOf({
      terms: terms({ outcomes: perStudent([consistency], { denominator: "enrolled" }) }),
      files: { students: students(2), enrollments: enrollments(ids(2)), sessions: sessions(["S1"], 2) },
    });
    expect(s.students.map((l) => l.metrics["same"]?.status)).toEqual(["met", "notMet"]);
  });

  it("keeps students missing a score in the denominator with notMet and leaves them out with exclude", async () => {
    const files = {
      ...base(4),
      assessments: scores([
        ["S1", 200, 210],
        ["S2", 200, 201],
      ]),
    };
    const notMet = await statementOf({ terms: terms(), files });
    expect(notMet.metrics[0]).toMatchObject({ denominator: 4, met: 1, missing: 2, rate: "0.250000" });
    const exclude = await statementOf({
      terms: terms({ outcomes: perStudent([growth()], { missingOutcome: "exclude" }) }),
      files,
    });
    expect(exclude.metrics[0]).toMatchObject({ denominator: 2, met: 1, missing: 2, rate: "0.500000" });
    expect(line(exclude, "S3").metrics["growth"]?.status).toBe("missing");
  });
});

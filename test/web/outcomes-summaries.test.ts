import { describe, expect, it } from "vitest";
import type { DosagePoint, GrowthDistribution, SubgroupDimension } from "../../web/src/lib/api/outcomes.js";
import {
  attainmentSummary,
  consistencySummary,
  dosageSummary,
  growthSummary,
  medianSessions,
  percentOf,
  shareBinLabel,
  subgroupSummary,
} from "../../web/src/lib/outcomes/summaries.js";

const growth = (over: Partial<GrowthDistribution>): GrowthDistribution => ({
  metricId: "growth",
  label: "Met projected growth",
  axis: "growthMinusTarget",
  line: "0",
  students: 11,
  met: 6,
  bins: [
    { from: "-4", to: "-2", count: 2 },
    { from: "-2", to: "0", count: 3 },
    { from: "0", to: "2", count: 5 },
    { from: "2", to: "4", count: 1 },
  ],
  ...over,
});

const point = (studentId: string, sessions: number, met: boolean): DosagePoint => ({
  studentId,
  sessions,
  minutes: sessions * 30,
  growth: met ? "12" : "3",
  met,
});

describe("outcomes summaries", () => {
  it("computes percentages in integers, half away from zero", () => {
    expect(percentOf(7, 12)).toBe("58.3%");
    expect(percentOf(1, 8)).toBe("12.5%");
    expect(percentOf(1, 16)).toBe("6.3%");
    expect(percentOf(12, 12)).toBe("100.0%");
    expect(percentOf(0, 0)).toBe("0.0%");
  });

  it("says how many met their own growth target and where most students are", () => {
    expect(growthSummary(growth({}))).toBe(
      "6 of 11 students with both tests (54.5%) met their own growth target (the line at 0). The most common result was 0 to 2 points above the target.",
    );
    expect(growthSummary(growth({ bins: [{ from: "-4", to: "-2", count: 9 }] }))).toContain(
      "2 to 4 points below the target",
    );
    expect(growthSummary(growth({ axis: "growth", line: "9.5" }))).toContain(
      "grew by at least 9.5 points, the target. The most common growth was 0 to 2 points.",
    );
    expect(growthSummary(growth({ students: 0, met: 0, bins: [] }))).toMatch(
      /^No student has scores from both tests/,
    );
  });

  it("lists each metric's attainment", () => {
    expect(
      attainmentSummary([
        {
          id: "g",
          label: "Growth",
          kind: "growth",
          criterion: "",
          denominator: 12,
          met: 6,
          missing: 1,
          rate: "0.500000",
        },
        {
          id: "d",
          label: "Dosage",
          kind: "dosage",
          criterion: "",
          denominator: 1,
          met: 1,
          missing: 0,
          rate: "1.000000",
        },
      ]),
    ).toBe("6 of 12 students met “Growth” (50.0%); 1 of 1 student met “Dosage” (100.0%).");
  });

  it("names the lowest and highest groups shown and counts the hidden ones", () => {
    const dimension: SubgroupDimension = {
      dimension: "school",
      label: "School",
      cells: [
        { group: "A", label: "School A", suppressed: null, n: 20, met: 5, rate: "0.250000" },
        { group: "B", label: "School B", suppressed: "small" },
        { group: "C", label: "School C", suppressed: "complementary" },
        { group: "D", label: "School D", suppressed: null, n: 10, met: 8, rate: "0.800000" },
      ],
    };
    expect(subgroupSummary(dimension, 10)).toBe(
      "Rates range from 25.0% (School A) to 80.0% (School D). 2 groups are hidden to protect students in groups of fewer than 10.",
    );
    expect(subgroupSummary({ ...dimension, cells: dimension.cells.slice(1, 3) }, 10)).toBe(
      "No group can be shown. 2 groups are hidden to protect students in groups of fewer than 10.",
    );
  });

  it("compares growth above and below the median number of sessions", () => {
    const points = [
      point("a", 10, false),
      point("b", 12, false),
      point("c", 20, true),
      point("d", 25, true),
      point("e", 30, false),
    ];
    expect(medianSessions(points)).toBe(20);
    expect(dosageSummary(points)).toBe(
      "Each dot is one student: sessions attended across, growth up. Students with 20 or more sessions (the median) met the growth target at 66.7%; those with fewer, at 0.0%.",
    );
    expect(dosageSummary([])).toBe("No student has growth to compare with sessions yet.");
  });

  it("counts the students who stayed with one tutor, with the contract's minimum", () => {
    const bins = Array.from({ length: 10 }, (_, i) => ({
      from: i === 0 ? "0" : `0.${i}`,
      to: i === 9 ? "1" : `0.${i + 1}`,
      count: i === 9 ? 30 : i === 5 ? 10 : 0,
    }));
    expect(consistencySummary({ students: 40, withoutSessions: 2, minShare: "0.75", bins })).toBe(
      "30 of 40 students (75.0%) had 90% or more of their sessions with the same tutor. The contract asks for at least 75%. 2 students had no sessions and are not shown.",
    );
    expect(shareBinLabel({ from: "0.9", to: "1", count: 3 })).toBe("90% to 100%");
  });
});

import { describe, expect, it } from "vitest";
import { targetSetting } from "./target-setting.js";
import { onPriorYear, shiftDate, shiftWindowName, yearsBetween } from "./target-setting-prior-year.js";
import { formatFixed } from "../ratio.js";
import type { IsoDate } from "../date.js";
import { dataSet, parsed, student, test } from "../../../test/evidence-app/fixtures.js";
import { growth, perStudent } from "../../../test/scenario.js";

const END = "2025-06-30" as IsoDate;

describe("target-setting aid", () => {
  it("gives the share meeting each candidate target around the proposed one", () => {
    const terms = parsed({
      outcomes: perStudent([
        growth(),
        { id: "prof", label: "p", kind: "proficiency", window: "spring", minLevel: 3, amount: "10.00" },
      ]),
    });
    const gains = [0, 3, 4, 5, 6, 7, 8];
    const students = gains.map((_, i) => student(`S${i}`));
    const tests = students.flatMap((s, i) => [
      test(s.studentId, "2024-fall", "2024-09-20", "200"),
      test(s.studentId, "2025-spring", "2025-05-01", String(200 + (gains[i] ?? 0)), {
        performanceLevel: i % 5,
      }),
    ]);
    const data = dataSet(terms, { students, tests }).contractData("c1", terms.period.start, END);
    const targets = targetSetting(terms, data, END);
    const rows = targets.map((t) => [
      t.metricId,
      t.candidates.map(
        (c) => `${c.target}${c.proposed ? "*" : ""}: ${c.met}/${c.denominator} ${formatFixed(c.rate, 4)}`,
      ),
    ]);
    expect(rows).toEqual([
      [
        "growth",
        [
          "growth >= 2.5 points: 6/7 0.8571",
          "growth >= 3.75 points: 5/7 0.7143",
          "growth >= 5 points*: 4/7 0.5714",
          "growth >= 6.25 points: 2/7 0.2857",
          "growth >= 7.5 points: 1/7 0.1429",
        ],
      ],
      // levels 0 1 2 3 4 0 1
      ["prof", ["level >= 2: 3/7 0.4286", "level >= 3*: 2/7 0.2857", "level >= 4: 1/7 0.1429"]],
    ]);
  });

  it("moves draft terms onto a prior year: period, window names, the population's contract", () => {
    expect(shiftDate("2024-02-29" as IsoDate, 1)).toBe("2023-02-28");
    expect(shiftWindowName("2024-2025", 1)).toBe("2023-2024");
    expect(shiftWindowName("2025-spring", 2)).toBe("2023-spring");
    expect(shiftWindowName("BOY", 1)).toBe("BOY");
    const draft = parsed({ period: { start: "2025-09-01", end: "2026-06-30" } });
    const prior = parsed();
    expect(yearsBetween(prior, draft)).toBe(1);
    const moved = onPriorYear(draft, "last-year", 1);
    expect(moved.contractId).toBe("last-year");
    expect(moved.period).toEqual({ start: "2024-09-01", end: "2025-06-30" });
    expect(moved.windows.map((w) => w.window)).toEqual(["2023-fall", "2024-spring"]);
  });
});

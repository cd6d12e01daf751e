import { describe, expect, it } from "vitest";
import type { Impact, SubgroupTable } from "../../web/src/lib/api/evidence.js";
import {
  share,
  attritionText,
  countText,
  equivalenceText,
  impactSentence,
  points,
} from "../../web/src/lib/evidence/impact-text.js";
import {
  flaggedLabels,
  gapText,
  rateRow,
  tableRows,
  withheldCount,
} from "../../web/src/lib/evidence/subgroups.js";
import {
  forecastMethod,
  parseDraws,
  parseSeed,
  qualityVerdict,
} from "../../web/src/lib/evidence/report-text.js";
import { evidencePath, parseRoute } from "../../web/src/lib/routes.js";

const SAMPLE = {
  served: 314,
  servedMissingBaseline: 26,
  servedMissingOutcome: 18,
  servedMatched: 259,
  comparison: 313,
  comparisonMatched: 266,
};

function impact(over: Partial<Impact>): Impact {
  return {
    verdict: "positive",
    reasons: [],
    sample: SAMPLE,
    suppressed: false,
    meanGrowth: { served: 9.4, comparison: 7.3, difference: 2.1 },
    baseline: { hedgesG: 0.003, equivalence: "satisfied" },
    regression: { estimate: 4.06, standardError: 1.07, ciLow: 1.96, ciHigh: 6.16, df: 507, n: 525 },
    effectSize: { hedgesG: 0.2111, ciLow: 0.1, ciHigh: 0.32 },
    attrition: { servedRate: 0.0625, comparisonRate: 0.052, overallRate: 0.0612, differentialRate: 0.0105 },
    ...over,
  };
}

describe("the impact sentence", () => {
  it("says how much more served students grew, with the interval and effect size", () => {
    expect(impactSentence(impact({}))).toBe(
      "Served students grew 4.1 points more than similar students not served (95% CI 2.0 to 6.2); effect size g = 0.21.",
    );
  });

  it("says less for a negative estimate, without a minus sign on the amount", () => {
    const r = { estimate: -3.04, standardError: 1, ciLow: -5.0, ciHigh: -1.08, df: 90, n: 100 };
    expect(impactSentence(impact({ verdict: "negative", regression: r, effectSize: null }))).toBe(
      "Served students grew 3.0 points less than similar students not served (95% CI -5.0 to -1.1).",
    );
  });

  it("says the interval includes zero when no effect is detectable", () => {
    const r = { estimate: 1.27, standardError: 0.7, ciLow: -0.17, ciHigh: 2.71, df: 290, n: 292 };
    expect(impactSentence(impact({ verdict: "noDetectableEffect", regression: r }))).toBe(
      "No detectable difference: served students grew 1.3 points more than similar students not served, " +
        "but the interval includes zero (95% CI -0.2 to 2.7); effect size g = 0.21.",
    );
  });

  it("gives every reason when the data cannot support a conclusion", () => {
    const reasons = [
      { code: "tooFewServed", message: "1 served students have both scores; an estimate needs at least 30" },
      { code: "tooFewComparison", message: "2 comparison students match a served student." },
    ];
    expect(impactSentence(impact({ verdict: "cannotConclude", reasons, regression: null }))).toBe(
      "The data cannot support a conclusion: 1 served students have both scores; an estimate needs at least 30. " +
        "2 comparison students match a served student.",
    );
  });

  it("says the figures are withheld in the vendor's suppressed shape", () => {
    const text = impactSentence(impact({ suppressed: true, regression: null, effectSize: null }));
    expect(text).toBe(
      "Served students grew more. The figures are withheld: a matched group has fewer than 10 students.",
    );
  });

  it("rounds to one decimal and never shows -0.0", () => {
    expect(points(-0.04)).toBe("0.0");
    expect(points(null)).toBe("n/a");
    expect(points(2.05)).toBe("2.1");
  });
});

describe("baseline equivalence, attrition and counts", () => {
  it("reads each WWC verdict", () => {
    expect(equivalenceText({ hedgesG: 0.003, equivalence: "satisfied" })).toMatch(
      /^Satisfied \(baseline difference g = 0.00/,
    );
    expect(equivalenceText({ hedgesG: 0.12, equivalence: "requiresAdjustment" })).toMatch(
      /with statistical adjustment/,
    );
    expect(equivalenceText({ hedgesG: -0.4, equivalence: "notSatisfied" })).toMatch(
      /^Not satisfied \(baseline difference g = -0.40/,
    );
    expect(equivalenceText(null)).toMatch(/^Not computed/);
  });

  it("gives each group's attrition, overall and differential, or says it is withheld", () => {
    expect(attritionText(impact({}))).toBe("Overall 6.1%, differential 1.1% (served 6.3%, comparison 5.2%).");
    expect(attritionText(impact({ attrition: null }))).toBe("Withheld: fewer than 10 students in a group.");
  });

  it("shows a withheld count as fewer than 10", () => {
    expect(countText(null)).toBe("fewer than 10");
    expect(countText(12)).toBe("12");
  });
});

describe("subgroup tables", () => {
  const table: SubgroupTable = {
    title: "growth",
    audience: "vendor",
    dimensions: [
      {
        dimension: "englishLearner",
        cells: [
          {
            key: "yes",
            suppressed: false,
            n: 40,
            value: {
              n: 40,
              met: 12,
              rate: 0.3,
              ci: { low: 0.18, high: 0.45 },
              gap: { difference: -0.29, ci: { low: -0.44, high: -0.12 }, flagged: true },
            },
          },
          { key: "no", suppressed: true, reason: "complementary" },
        ],
      },
      { dimension: "gender", cells: [{ key: "X", suppressed: true, reason: "smallCell" }] },
    ],
  };

  it("reads shown cells, says why withheld ones are hidden and lists flagged gaps", () => {
    const dims = tableRows(table, rateRow);
    expect(dims.map((d) => d.label)).toEqual(["English learner", "Gender"]);
    const [yes, no] = dims[0]?.rows ?? [];
    expect(yes).toMatchObject({
      label: "English learner: yes",
      shown: true,
      value: { n: 40, met: 12, rate: 0.3 },
    });
    expect(no).toEqual({
      key: "no",
      label: "English learner: no",
      shown: false,
      withheld: "Hidden so a smaller group cannot be worked out",
    });
    expect(dims[1]?.rows[0]).toMatchObject({ shown: false, withheld: "Fewer than 10 students" });
    expect(flaggedLabels(dims)).toEqual(["English learner: yes"]);
    expect(withheldCount(dims)).toBe(2);
  });

  it("writes a gap with the rest, marking a flagged one", () => {
    expect(gapText({ difference: -0.29, low: -0.44, high: -0.12, flagged: true }, share)).toBe(
      "-29.0% (-44.0% to -12.0%), gap",
    );
    expect(gapText({ difference: 0.04, low: -0.07, high: 0.15, flagged: false }, share)).toBe(
      "4.0% (-7.0% to 15.0%)",
    );
    expect(gapText(null, share)).toBe("—");
  });

  it("fails with the cell's path on a shown cell of the wrong shape", () => {
    const broken: SubgroupTable = {
      ...table,
      dimensions: [{ dimension: "gender", cells: [{ key: "F", suppressed: false, value: { n: "many" } }] }],
    };
    expect(() => tableRows(broken, rateRow)).toThrow(
      'growth.dimensions[0].cells[0].value.n: expected a whole number, got "many"',
    );
  });
});

describe("the simulation form and the page's address", () => {
  it("accepts 1,000 to 20,000 whole draws and a seed of up to 100 characters", () => {
    expect(parseDraws(" 1000 ")).toEqual({ ok: true, draws: 1000 });
    expect(parseDraws("999")).toEqual({ ok: false, message: "Draws must be between 1000 and 20000." });
    expect(parseDraws("1e3")).toEqual({ ok: false, message: "Draws must be a whole number." });
    expect(parseSeed("")).toMatchObject({ ok: false });
    expect(parseSeed("x".repeat(101))).toMatchObject({ ok: false });
    expect(parseSeed(" demo ")).toEqual({ ok: true, seed: "demo" });
  });

  it("words the data quality verdict", () => {
    const base = { findings: [], freshness: [] };
    expect(qualityVerdict({ ...base, provisional: true, reasons: ["a", "b"] })).toBe(
      "Provisional: 2 problems in the data may change the figures on this page.",
    );
    expect(qualityVerdict({ ...base, provisional: false, reasons: [] })).toMatch(/^Not provisional/);
  });

  it("states the forecast's method, final once the period has ended", () => {
    const forecast = {
      final: false,
      moyWindow: { assessment: "MAP Growth", subject: "math", window: "2025-winter" },
      elapsedDays: 120,
      periodDays: 263,
      projectedStudents: 300,
      current: { total: "1.00", outcome: "0.00", metrics: [] },
      total: { low: "1.00", expected: "2.00", high: "3.00" },
      outcome: { low: "0.00", expected: "1.00", high: "2.00" },
      metrics: [],
    };
    expect(forecastMethod(forecast, "2025-01-06")).toMatch(
      /^Each student's end-of-year score is projected from the middle-of-year score \(the 2025-winter window\).*\(120 of 263 days\).*0\.75 \(low\), 1 \(expected\) and 1\.25 \(high\)/,
    );
    expect(forecastMethod({ ...forecast, final: true }, "2025-05-23")).toBe(
      "The period has ended: the statement as of 2025-05-23 is final, so low, expected and high are the same.",
    );
  });

  it("routes /contracts/{districtId}/{contractId}/evidence", () => {
    const path = evidencePath("d 1", "c/2");
    expect(path).toBe("/contracts/d%201/c%2F2/evidence");
    expect(parseRoute(path)).toEqual({ page: "evidence", districtId: "d 1", contractId: "c/2" });
  });
});

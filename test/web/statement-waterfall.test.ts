/** The statement page's waterfall: its lines in order with their reasons, and the chart's bars. */
import { describe, expect, it } from "vitest";
import type { Waterfall } from "../../web/src/lib/api-types.js";
import { waterfallBars, waterfallLines, waterfallSummary } from "../../web/src/lib/waterfall.js";

const waterfall: Waterfall = {
  currency: "USD",
  final: true,
  population: { enrolled: 3, eligible: 3, served: 2, measured: 2 },
  base: "100.00",
  metrics: [
    {
      id: "growth",
      kind: "growth",
      denominator: 2,
      met: 1,
      missing: 0,
      rate: "0.5",
      amount: "50.00",
      capped: true,
    },
    {
      id: "dosage",
      kind: "dosage",
      denominator: 2,
      met: 2,
      missing: 0,
      rate: "1",
      amount: "20.00",
      capped: false,
    },
  ],
  outcome: "60.00",
  reduction: "10.00",
  obligations: [],
  subtotal: "150.00",
  payFull: false,
  total: "150.00",
  paid: "160.00",
  due: "-10.00",
};

describe("statement waterfall", () => {
  it("goes from the base through each metric, the cap and the reduction to the total, what was paid and what is due", () => {
    const lines = waterfallLines(waterfall, [{ line: "reduction", text: "Vendor obligation not met." }]);
    expect(lines.map((l) => [l.key, l.kind, l.cents, l.runningCents])).toEqual([
      ["base", "step", 10000n, 10000n],
      ["metric:growth", "step", 5000n, 15000n],
      ["metric:dosage", "step", 2000n, 17000n],
      ["outcome-cap", "step", -1000n, 16000n],
      ["reduction", "step", -1000n, 15000n],
      ["subtotal", "sum", 15000n, 15000n],
      ["total", "sum", 15000n, 15000n],
      ["paid", "step", -16000n, -1000n],
      ["due", "sum", -1000n, -1000n],
    ]);
    expect(lines.find((l) => l.key === "reduction")?.why).toEqual(["Vendor obligation not met."]);
    expect(lines.find((l) => l.key === "metric:growth")?.label).toBe("Outcome: growth (capped)");
    expect(lines.at(-1)?.label).toBe("Due (refund to the district)");
  });

  it("shows a district breach as the step from the subtotal to the maximum value", () => {
    const breach = { ...waterfall, payFull: true, total: "500.00", due: "340.00" };
    const step = waterfallLines(breach).find((l) => l.key === "breach");
    expect(step?.cents).toBe(35000n);
  });

  it("refuses figures that are not money, or that do not follow from the lines above", () => {
    expect(() => waterfallLines({ ...waterfall, total: "150" })).toThrow(/total is not money/);
    expect(() => waterfallLines({ ...waterfall, due: "-9.99" })).toThrow(/due does not follow/);
  });

  it("floats each step's bar between the running amounts and stands sums on zero", () => {
    const bars = waterfallBars(waterfallLines(waterfall));
    expect(bars.find((b) => b.key === "outcome-cap")).toMatchObject({
      range: [160, 170],
      kind: "decrease",
      label: "Cap",
    });
    expect(bars.find((b) => b.key === "metric:growth")).toMatchObject({
      range: [100, 150],
      kind: "increase",
    });
    expect(bars.find((b) => b.key === "total")).toMatchObject({ range: [0, 150], kind: "sum" });
  });

  it("tells the whole waterfall in one sentence for readers who do not see the chart", () => {
    expect(waterfallSummary(waterfallLines(waterfall), "USD")).toBe(
      "From the base to what is due: Base plus $100.00; Outcome: growth (capped) plus $50.00; Outcome: dosage plus $20.00; Outcome cap minus $10.00; Reduction for vendor obligations minus $10.00; subtotal $150.00; total $150.00; Paid minus $160.00; due (refund to the district) -$10.00.",
    );
  });
});

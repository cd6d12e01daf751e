import { describe, expect, it } from "vitest";
import { simulatePayments, drawPicks, drawnContractData, nearestRank } from "./payment-simulation.js";
import { paymentModel, priceDraw } from "./payment-model.js";
import { settle } from "../settlement/settle.js";
import { Prng } from "../demo/prng.js";
import { formatCents } from "../money.js";
import { formatFixed } from "../ratio.js";
import type { IsoDate } from "../date.js";
import type { Terms } from "../terms/types.js";
import { dataSet, parsed, student, test } from "../../../test/evidence-app/fixtures.js";
import { perStudent } from "../../../test/scenario.js";

const END = "2025-06-30" as IsoDate;

function contract(terms: Terms, spring: (i: number) => number, n: number) {
  const students = Array.from({ length: n }, (_, i) =>
    student(`S${String(i + 1).padStart(3, "0")}`, "5", { englishLearner: i % 3 === 0 }),
  );
  const tests = students.flatMap((s, i) => [
    test(s.studentId, "2024-fall", "2024-09-20", "200", { growthTarget: "6", performanceLevel: 2 }),
    test(s.studentId, "2025-spring", "2025-05-01", String(200 + spring(i)), {
      performanceLevel: 1 + (i % 4),
    }),
  ]);
  const sessions = students.map((s, i) => [s.studentId, 5 + (i % 20), 30] as const);
  const data = dataSet(terms, { students, tests, sessions });
  return data.contractData(terms.contractId, terms.period.start, END);
}

describe("payment simulation", () => {
  it("pays the same exact amount in every draw when all students are identical", () => {
    const terms = parsed();
    const data = contract(terms, () => 7, 40);
    const result = simulatePayments(terms, data, END, { draws: 1000, seed: 1 });
    // 40 served x 100.00 base + 40 met x 50.00
    expect(formatCents(result.totalCents.p10)).toBe("6000.00");
    expect(formatCents(result.totalCents.p50)).toBe("6000.00");
    expect(formatCents(result.totalCents.p90)).toBe("6000.00");
    expect(formatFixed(result.contingentShare.p50, 6)).toBe("1.000000");
    expect(result.observed.totalCents).toBe(600000n);
  });

  it("two students, one meeting the target: the median draw is one of each", () => {
    const terms = parsed();
    const data = contract(terms, (i) => (i === 0 ? 9 : 1), 2);
    const result = simulatePayments(terms, data, END, { draws: 1000, seed: "two" });
    expect(formatCents(result.totalCents.p10)).toBe("200.00");
    expect(formatCents(result.totalCents.p50)).toBe("250.00");
    expect(formatCents(result.totalCents.p90)).toBe("300.00");
    expect(formatFixed(result.contingentShare.p50, 6)).toBe("0.500000");
  });

  it("is reproducible for a seed", () => {
    const terms = parsed();
    const data = contract(terms, (i) => (i * 7) % 13, 60);
    const a = simulatePayments(terms, data, END, { draws: 300, seed: 42 });
    const b = simulatePayments(terms, data, END, { draws: 300, seed: "42" });
    expect(b.totalCents).toEqual(a.totalCents);
    expect(b.contingentShare).toEqual(a.contingentShare);
    expect(a.totalCents.p10 < a.totalCents.p90).toBe(true);
  });

  const shapes: [string, Terms][] = [
    [
      "perStudent with tiers, decline, subgroup amounts and caps",
      parsed({
        base: { kind: "share", percent: "20", prorate: true },
        expectedStudents: 50,
        service_threshold: { minSessions: 10 },
        outcomes: perStudent(
          [
            {
              id: "growth",
              label: "g",
              kind: "growth",
              from: "fall",
              to: "spring",
              target: { fromRow: true, percent: "100" },
              decline: "15.00",
              tiers: [
                { atLeast: "50", amount: "20.00" },
                { atLeast: "100", amount: "60.00" },
              ],
            },
            {
              id: "prof",
              label: "p",
              kind: "proficiency",
              window: "spring",
              minLevel: 3,
              amount: "40.00",
              amountBySubgroup: { englishLearner: "55.00" },
              cap: "900.00",
            },
          ],
          { cap: "2500.00", missingOutcome: "exclude", denominator: "enrolled" },
        ),
        obligations: [
          {
            id: "serve",
            party: "vendor",
            description: "serve 45",
            measure: { kind: "servedStudents", min: 45 },
            consequence: { reduceOutcomePercent: "10" },
          },
        ],
      }),
    ],
    [
      "pool with weights, rates and an enrollment obligation",
      parsed({
        maxValue: "50000.00",
        outcomes: {
          kind: "pool",
          pool: { percent: "40" },
          metrics: [
            {
              id: "growth",
              label: "g",
              kind: "growth",
              from: "fall",
              to: "spring",
              target: { points: "5" },
              weight: "2",
              targetRate: "0.6",
              minRate: "0.2",
            },
            { id: "dose", label: "d", kind: "dosage", minSessions: 15, weight: "1" },
          ],
        },
        obligations: [
          {
            id: "enroll",
            party: "district",
            description: "enroll 55",
            measure: { kind: "enrolledStudents", min: 55 },
            consequence: "payFull",
          },
        ],
      }),
    ],
  ];
  for (const [name, terms] of shapes) {
    it(`prices a draw exactly as settling the drawn students does (${name})`, () => {
      const data = contract(terms, (i) => ((i * 11) % 17) - 4, 60);
      const model = paymentModel(terms, data, settle(terms, data, END));
      const prng = new Prng("check", "draws");
      for (let d = 0; d < 25; d++) {
        const picks = drawPicks(prng, 60);
        const fast = priceDraw(model, picks);
        const slow = settle(terms, drawnContractData(model, picks), END);
        expect(fast.totalCents).toBe(slow.totalCents);
        expect(fast.contingentCents).toBe(slow.outcomeCents - slow.reductionCents);
        expect(fast.metricCents).toEqual(slow.metrics.map((m) => m.amountCents));
      }
    });
  }

  it("takes the nearest-rank percentile", () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    expect([nearestRank(values, 0.1), nearestRank(values, 0.5), nearestRank(values, 0.9)]).toEqual([1, 5, 9]);
    expect(nearestRank([7], 0.1)).toBe(7);
  });
});

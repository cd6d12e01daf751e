import { describe, expect, it } from "vitest";
import { mergeRateCard } from "./rate-card.js";
import { pricePoints, scoreProposal } from "./scoring.js";
import { formatFixed, ratio } from "../ratio.js";
import type { Cents } from "../money.js";

const RFP_TERMS = {
  format: "obc-terms/1",
  contractId: "rfp-1",
  title: "Math tutoring",
  district: { id: "d1", name: "District One" },
  vendor: { id: "to-be-awarded", name: "To be awarded" },
  service: "tutoring",
  currency: "USD",
  period: { start: "2025-09-02", end: "2026-05-29" },
  maxValue: "100000.00",
  expectedStudents: 100,
  windows: {
    fall: { assessment: "MAP Growth", subject: "math", window: "2025-fall" },
    spring: { assessment: "MAP Growth", subject: "math", window: "2026-spring" },
  },
  base: { kind: "perStudent", amount: "500.00", per: "served" },
  outcomes: {
    kind: "perStudent",
    cap: "40000.00",
    metrics: [
      {
        id: "growth",
        label: "Growth",
        kind: "growth",
        from: "fall",
        to: "spring",
        target: { points: "5" },
        amount: "300.00",
        decline: "10.00",
      },
      {
        id: "proficient",
        label: "Proficient",
        kind: "proficiency",
        window: "spring",
        minLevel: 3,
        amount: "200.00",
      },
    ],
  },
} as const;

const card = (growth: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  base: { kind: "fixed", amount: "20000.00" },
  outcomes: {
    metrics: [
      { id: "proficient", amount: "150.00" },
      { id: "growth", ...growth },
    ],
    ...extra,
  },
});

describe("mergeRateCard", () => {
  it("replaces base, the outcome cap and every payment key of each metric; the price becomes maxValue", () => {
    const merged = mergeRateCard(
      RFP_TERMS,
      card({ tiers: [{ atLeast: "100", amount: "250.00" }] }),
      "90000.00",
    );
    if (!merged.ok) throw new Error(JSON.stringify(merged.problems));
    const doc = merged.document as {
      maxValue: string;
      base: unknown;
      outcomes: { cap?: string; metrics: unknown[] };
    };
    expect(doc.maxValue).toBe("90000.00");
    expect(doc.base).toEqual({ kind: "fixed", amount: "20000.00" });
    // The RFP's cap is not the vendor's: a rate card without one has none.
    expect(doc.outcomes.cap).toBeUndefined();
    expect(doc.outcomes.metrics[0]).toEqual({
      id: "growth",
      label: "Growth",
      kind: "growth",
      from: "fall",
      to: "spring",
      target: { points: "5" },
      tiers: [{ atLeast: "100", amount: "250.00" }],
    });
    expect(merged.terms.maxValueCents).toBe(9_000_000n);
  });

  it("names each problem by its JSON path in the fragment or the price", () => {
    const merged = mergeRateCard(
      RFP_TERMS,
      card({ amount: "3.001", weight: "1" }, { minRate: "0.5" }),
      "100000.01",
    );
    expect(merged.ok).toBe(false);
    if (merged.ok) return;
    expect(merged.problems.map((p) => [p.path, p.code])).toEqual([
      ["$.price", "above-max-value"],
      ["$.rateCard.outcomes.minRate", "not-a-rate"],
      ["$.rateCard.outcomes.metrics[1].weight", "not-a-rate"],
    ]);
    const money = mergeRateCard(RFP_TERMS, card({ amount: "3.001" }), "0");
    expect(money.ok ? [] : money.problems.map((p) => p.path)).toEqual([
      "$.price",
      "$.rateCard.outcomes.metrics[1].amount",
    ]);
  });

  it("refuses a rate card that leaves a metric unpriced or names one the RFP lacks", () => {
    const merged = mergeRateCard(
      RFP_TERMS,
      {
        base: RFP_TERMS.base,
        outcomes: {
          metrics: [
            { id: "growth", amount: "1.00" },
            { id: "dosage", amount: "1.00" },
          ],
        },
      },
      "1000.00",
    );
    expect(merged.ok ? [] : merged.problems.map((p) => [p.path, p.code])).toEqual([
      ["$.rateCard.outcomes.metrics[1].id", "unknown-metric"],
      ["$.rateCard.outcomes.metrics", "missing-metric"],
    ]);
  });
});

describe("scoring", () => {
  const criteria = [
    { key: "evidence", weight: 30 },
    { key: "approach", weight: 25 },
    { key: "price", weight: 25 },
    { key: "data-privacy", weight: 10 },
    { key: "references", weight: 10 },
  ];
  const hand = new Map([
    ["evidence", 4],
    ["approach", 3],
    ["data-privacy", 5],
    ["references", 2],
  ]);

  it("gives the lowest price 5 points and others 5 x lowest / price, exactly", () => {
    expect(pricePoints(600_000_00n as Cents, 600_000_00n as Cents)).toEqual(ratio(5n));
    expect(pricePoints(639_000_00n as Cents, 600_000_00n as Cents)).toEqual(ratio(1000n, 213n));
  });

  it("weights each criterion's points out of 100 and rounds only to show", () => {
    const score = scoreProposal(criteria, hand, pricePoints(639_000_00n as Cents, 600_000_00n as Cents));
    // 24 + 15 + 5000/213 + 10 + 4 = 16289/213
    expect(score.total).toEqual(ratio(16289n, 213n));
    expect(formatFixed(score.total ?? ratio(0n), 2)).toBe("76.47");
  });

  it("has no total until every criterion is scored", () => {
    const score = scoreProposal(criteria, new Map([["evidence", 5]]), ratio(5n));
    expect(score.total).toBeNull();
    expect(score.scoredSoFar).toEqual(ratio(55n));
  });
});

import { describe, expect, it } from "vitest";
import { cents } from "../money.js";
import type { IsoDate } from "../date.js";
import { planEncumbrance, type SourceFacts } from "./encumber.js";

const sources = new Map<string, SourceFacts>([
  [
    "1",
    { sourceId: "1", code: "ESSER-III", endsOn: "2026-09-30" as IsoDate, availableCents: cents(50_000_00n) },
  ],
  [
    "2",
    { sourceId: "2", code: "TITLE-I", endsOn: "2027-06-30" as IsoDate, availableCents: cents(20_000_00n) },
  ],
  ["3", { sourceId: "3", code: "OLD", endsOn: "2025-06-30" as IsoDate, availableCents: cents(99_000_00n) }],
]);
const input = (splits: { sourceId: string; amount: string }[]) => ({
  maxValueCents: cents(60_000_00n),
  contractEndsOn: "2026-06-30" as IsoDate,
  splits,
});

describe("planEncumbrance", () => {
  it("accepts splits that add up to exactly the maxValue within each source's available money", () => {
    expect(
      planEncumbrance(
        input([
          { sourceId: "1", amount: "45000.01" },
          { sourceId: "2", amount: "14999.99" },
        ]),
        sources,
        "$.body.splits",
      ),
    ).toEqual({
      ok: true,
      lines: [
        { sourceId: "1", amountCents: 4_500_001n },
        { sourceId: "2", amountCents: 1_499_999n },
      ],
    });
  });

  it("refuses splits that do not add up to the maxValue, naming both sums", () => {
    expect(planEncumbrance(input([{ sourceId: "1", amount: "45000" }]), sources, "$.body.splits")).toEqual({
      ok: false,
      problems: [
        {
          path: "$.body.splits",
          code: "splits-do-not-add-up",
          message: "the splits add up to 45000.00; the contract's maxValue is 60000.00",
        },
      ],
    });
  });

  it("refuses more than a source has available, a source ending before the contract, and bad amounts", () => {
    const plan = planEncumbrance(
      input([
        { sourceId: "2", amount: "20000.01" },
        { sourceId: "3", amount: "10000" },
        { sourceId: "9", amount: "1.005" },
        { sourceId: "1", amount: "-5" },
      ]),
      sources,
      "$.body.splits",
    );
    expect(plan).toEqual({
      ok: false,
      problems: [
        {
          path: "$.body.splits[0].amount",
          code: "exceeds-available",
          message: "funding source TITLE-I has 20000.00 available; 20000.01 asked",
        },
        {
          path: "$.body.splits[1].fundingSourceId",
          code: "source-ends-before-contract",
          message: "funding source OLD ends on 2025-06-30, before the contract ends on 2026-06-30",
        },
        {
          path: "$.body.splits[2].fundingSourceId",
          code: "unknown-funding-source",
          message: "no funding source 9 in this district",
        },
        {
          path: "$.body.splits[2].amount",
          code: "invalid-amount",
          message: "not an amount (too-many-decimals)",
        },
        {
          path: "$.body.splits[3].amount",
          code: "invalid-amount",
          message: "an encumbrance is a positive amount",
        },
      ],
    });
  });

  it("refuses no splits and a source named twice", () => {
    expect(planEncumbrance(input([]), sources, "$.body.splits")).toMatchObject({
      ok: false,
      problems: [{ path: "$.body.splits", code: "required" }],
    });
    expect(
      planEncumbrance(
        input([
          { sourceId: "1", amount: "30000" },
          { sourceId: "1", amount: "30000" },
        ]),
        sources,
        "$.body.splits",
      ),
    ).toEqual({
      ok: false,
      problems: [
        {
          path: "$.body.splits[1].fundingSourceId",
          code: "duplicate-funding-source",
          message: "funding source ESSER-III is named twice; give it one split",
        },
      ],
    });
  });
});

import { describe, expect, it } from "vitest";
import { cents } from "../money.js";
import { sourceBalances, type LedgerLine } from "./ledger.js";
import { chargePayment, releaseAtSettlement } from "./settle.js";
import { planReversal } from "./reverse.js";
import { contractPositions } from "./ledger.js";

const line = (
  sourceId: string,
  contractId: string | null,
  countsAs: LedgerLine["countsAs"],
  amount: bigint,
): LedgerLine => ({
  sourceId,
  contractId,
  countsAs,
  amountCents: cents(amount),
});

describe("source balances", () => {
  it("adds funding, encumbrance, payment and release entries up to amount = available + encumbered + paid", () => {
    const lines = [
      line("1", null, "funding", 100_000_00n),
      line("1", "c1", "encumbrance", 60_000_00n),
      line("1", "c1", "payment", 20_000_00n),
      line("1", "c1", "release", 15_000_00n),
    ];
    expect(sourceBalances(lines).get("1")).toEqual({
      amountCents: 100_000_00n,
      encumberedCents: 25_000_00n,
      paidCents: 20_000_00n,
      releasedCents: 15_000_00n,
      overrunCents: 0n,
      availableCents: 55_000_00n,
    });
  });

  it("draws a payment beyond the contract's encumbrance from the source's available money", () => {
    const lines = [
      line("1", null, "funding", 1000n),
      line("1", "c1", "encumbrance", 600n),
      line("1", "c1", "payment", 700n),
    ];
    expect(sourceBalances(lines).get("1")).toMatchObject({
      encumberedCents: 0n,
      paidCents: 700n,
      overrunCents: 100n,
      availableCents: 300n,
    });
  });

  it("lists a source without entries with zero balances", () => {
    expect(sourceBalances([], ["7"]).get("7")).toMatchObject({ amountCents: 0n, availableCents: 0n });
  });
});

describe("charging payments and releasing at settlement", () => {
  const positions = contractPositions(
    [line("1", "c1", "encumbrance", 40_000_00n), line("2", "c1", "encumbrance", 20_000_00n)],
    "c1",
  );

  it("charges a payment pro rata to the encumbrance splits, the odd cent to the larger remainder", () => {
    expect(chargePayment(cents(100_01n), positions)).toEqual([
      { sourceId: "1", amountCents: 66_67n },
      { sourceId: "2", amountCents: 33_34n },
    ]);
  });

  it("charges nothing when the contract has no encumbrance", () => {
    expect(chargePayment(cents(5n), [])).toBeNull();
  });

  it("releases the unearned part (maxValue less the final total) pro rata to what is outstanding", () => {
    const paid = contractPositions(
      [
        line("1", "c1", "encumbrance", 40_000_00n),
        line("2", "c1", "encumbrance", 20_000_00n),
        line("1", "c1", "payment", 10_000_00n),
        line("2", "c1", "payment", 5_000_00n),
      ],
      "c1",
    );
    // Total 45,000.00 of 60,000.00: 15,000.00 released, 30,000 : 15,000 outstanding.
    expect(releaseAtSettlement(cents(45_000_00n), paid)).toEqual([
      { sourceId: "1", amountCents: 10_000_00n },
      { sourceId: "2", amountCents: 5_000_00n },
    ]);
    expect(releaseAtSettlement(cents(60_000_00n), paid)).toEqual([]);
  });

  it("releases nothing of what was already paid beyond the statement's total", () => {
    const overpaid = contractPositions(
      [line("1", "c1", "encumbrance", 1000n), line("1", "c1", "payment", 900n)],
      "c1",
    );
    expect(releaseAtSettlement(cents(500n), overpaid)).toEqual([{ sourceId: "1", amountCents: 100n }]);
  });
});

describe("reversals", () => {
  const ledger = [line("1", null, "funding", 1000n), line("1", "c1", "encumbrance", 800n)];
  const entry = (over: Partial<Parameters<typeof planReversal>[0]>) => ({
    entryId: "5",
    kind: "encumbrance" as const,
    reversedBy: null,
    ...line("1", "c1", "encumbrance", 800n),
    ...over,
  });

  it("negates the entry and counts it as the entry it reverses", () => {
    expect(planReversal(entry({}), ledger)).toEqual({
      ok: true,
      line: line("1", "c1", "encumbrance", -800n),
    });
  });

  it("refuses to reverse an entry twice or a reversal", () => {
    expect(planReversal(entry({ reversedBy: "9" }), ledger)).toEqual({
      ok: false,
      code: "already-reversed",
      message: "entry 5 was reversed by entry 9",
    });
    expect(planReversal(entry({ kind: "reversal" }), ledger)).toMatchObject({
      ok: false,
      code: "reversal-of-reversal",
    });
  });

  it("refuses to take back funding that is encumbered", () => {
    expect(
      planReversal({ ...entry({}), ...line("1", null, "funding", 1000n), kind: "funding" }, ledger),
    ).toEqual({
      ok: false,
      code: "would-overdraw",
      message: "reversing entry 5 would leave the funding source with -8.00 available",
    });
  });

  it("refuses to take back an encumbrance that payments already use", () => {
    expect(planReversal(entry({}), [...ledger, line("1", "c1", "payment", 100n)])).toMatchObject({
      ok: false,
      code: "encumbrance-in-use",
    });
  });
});

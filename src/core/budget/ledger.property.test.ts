/**
 * Random sequences of funding, encumbrance, payment, release at settlement and reversal,
 * each accepted or refused by the core as the use cases do. After every operation, for
 * every source: amount = available + encumbered + paid; nothing is negative but an
 * available balance overdrawn by a payment beyond its encumbrance (an overrun); and every
 * reversal leaves the balances exactly as if the reversed entry had never been made.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cents, formatCents, type Cents } from "../money.js";
import type { IsoDate } from "../date.js";
import { contractPositions, outstandingCents, sourceBalances, type LedgerLine } from "./ledger.js";
import { planEncumbrance, type SourceFacts } from "./encumber.js";
import { chargePayment, releaseAtSettlement } from "./settle.js";
import { planReversal } from "./reverse.js";

interface Entry extends LedgerLine {
  readonly id: string;
  readonly kind: LedgerLine["countsAs"] | "reversal";
  readonly reverses: string | null;
}

const SOURCES = ["1", "2", "3"];
const CONTRACTS = ["c1", "c2", "c3"];

const op = fc.oneof(
  fc.record({
    op: fc.constant("fund" as const),
    source: fc.nat(2),
    amount: fc.bigInt({ min: 1n, max: 10n ** 8n }),
  }),
  fc.record({
    op: fc.constant("encumber" as const),
    contract: fc.nat(2),
    parts: fc.array(fc.record({ source: fc.nat(2), amount: fc.bigInt({ min: 1n, max: 5n * 10n ** 7n }) }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({
    op: fc.constant("pay" as const),
    contract: fc.nat(2),
    permille: fc.integer({ min: -300, max: 1200 }),
  }),
  fc.record({
    op: fc.constant("release" as const),
    contract: fc.nat(2),
    permille: fc.integer({ min: 0, max: 1000 }),
  }),
  fc.record({ op: fc.constant("reverse" as const), pick: fc.nat() }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function balances(entries: readonly LedgerLine[]) {
  return sourceBalances(entries, SOURCES);
}

function check(entries: readonly Entry[]): void {
  for (const [id, b] of balances(entries)) {
    expect(b.amountCents, `source ${id}`).toBe(b.availableCents + b.encumberedCents + b.paidCents);
    expect(b.encumberedCents >= 0n && b.releasedCents >= 0n && b.overrunCents >= 0n).toBe(true);
    if (b.availableCents < 0n)
      expect(b.overrunCents, `source ${id} overdrawn without an overrun`).toBeGreaterThan(0n);
  }
  // A reversed entry and its reversal together change nothing.
  for (const r of entries.filter((e) => e.reverses !== null)) {
    const without = entries.filter((e) => e.id !== r.id && e.id !== r.reverses);
    expect(balances(entries)).toEqual(balances(without));
  }
}

function run(ops: readonly Op[]): void {
  const entries: Entry[] = [];
  let next = 1;
  const append = (line: LedgerLine, kind: Entry["kind"], reverses: string | null = null) =>
    entries.push({ ...line, id: String(next++), kind, reverses });
  for (const o of ops) {
    const before = balances(entries);
    if (o.op === "fund") {
      append(
        {
          sourceId: SOURCES[o.source] ?? "1",
          contractId: null,
          countsAs: "funding",
          amountCents: cents(o.amount),
        },
        "funding",
      );
    } else if (o.op === "encumber") {
      const contractId = CONTRACTS[o.contract] ?? "c1";
      const positions = contractPositions(entries, contractId);
      if (positions.some((p) => p.encumberedTotalCents !== 0n)) continue;
      const facts = new Map<string, SourceFacts>(
        SOURCES.map((id) => [
          id,
          {
            sourceId: id,
            code: id,
            endsOn: "2030-01-01" as IsoDate,
            availableCents: before.get(id)?.availableCents ?? cents(0n),
          },
        ]),
      );
      const splits = o.parts.map((p) => ({
        sourceId: SOURCES[p.source] ?? "1",
        amount: formatCents(p.amount),
      }));
      const total = o.parts.reduce((s, p) => s + p.amount, 0n);
      const plan = planEncumbrance(
        { maxValueCents: cents(total), contractEndsOn: "2029-06-30" as IsoDate, splits },
        facts,
        "$",
      );
      if (!plan.ok) {
        expect(balances(entries)).toEqual(before);
        continue;
      }
      for (const l of plan.lines)
        append(
          { sourceId: l.sourceId, contractId, countsAs: "encumbrance", amountCents: l.amountCents },
          "encumbrance",
        );
    } else if (o.op === "pay") {
      const contractId = CONTRACTS[o.contract] ?? "c1";
      const positions = contractPositions(entries, contractId);
      const outstanding = positions.reduce((s, p) => s + outstandingCents(p), 0n);
      const amount = (outstanding * BigInt(o.permille)) / 1000n;
      if (amount === 0n) continue;
      const parts = chargePayment(cents(amount), positions);
      if (parts === null) continue;
      expect(parts.reduce((s, p) => s + p.amountCents, 0n)).toBe(amount);
      for (const p of parts)
        append(
          { sourceId: p.sourceId, contractId, countsAs: "payment", amountCents: p.amountCents },
          "payment",
        );
    } else if (o.op === "release") {
      const contractId = CONTRACTS[o.contract] ?? "c1";
      const positions = contractPositions(entries, contractId);
      const encumbered = positions.reduce((s, p) => s + p.encumberedTotalCents, 0n);
      const total: Cents = cents((encumbered * BigInt(o.permille)) / 1000n);
      const parts = releaseAtSettlement(total, positions);
      for (const p of parts) {
        const position = positions.find((x) => x.sourceId === p.sourceId);
        expect(position !== undefined && p.amountCents <= outstandingCents(position)).toBe(true);
        append(
          { sourceId: p.sourceId, contractId, countsAs: "release", amountCents: p.amountCents },
          "release",
        );
      }
    } else {
      if (entries.length === 0) continue;
      const target = entries[o.pick % entries.length];
      if (target === undefined) continue;
      const reversedBy = entries.find((e) => e.reverses === target.id)?.id ?? null;
      const plan = planReversal({ ...target, entryId: target.id, reversedBy }, entries);
      if (!plan.ok) {
        expect(target.kind === "reversal" || reversedBy !== null || plan.code !== "already-reversed").toBe(
          true,
        );
        continue;
      }
      const last = entries.length - 1;
      append(plan.line, "reversal", target.id);
      // Reversing the latest entry restores the balances from before it exactly.
      if (entries.indexOf(target) === last)
        expect(balances(entries)).toEqual(balances(entries.slice(0, last)));
    }
    check(entries);
  }
}

describe("the ledger under random operations", () => {
  it("balances after every operation and reversals restore balances exactly", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => run(ops)),
      { numRuns: 300 },
    );
  });

  it("refuses an encumbrance beyond a source's available money and leaves the balances as they were", () => {
    run([
      { op: "fund", source: 0, amount: 1000n },
      { op: "encumber", contract: 0, parts: [{ source: 0, amount: 1001n }] },
    ]);
    const facts = new Map<string, SourceFacts>([
      ["1", { sourceId: "1", code: "A", endsOn: "2030-01-01" as IsoDate, availableCents: cents(1000n) }],
    ]);
    expect(
      planEncumbrance(
        {
          maxValueCents: cents(1001n),
          contractEndsOn: "2029-01-01" as IsoDate,
          splits: [{ sourceId: "1", amount: "10.01" }],
        },
        facts,
        "$",
      ),
    ).toMatchObject({ ok: false, problems: [{ code: "exceeds-available" }] });
  });
});

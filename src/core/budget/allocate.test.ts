import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cents } from "../money.js";
import { allocateProRata } from "./allocate.js";

const w = (key: string, weight: bigint) => ({ key, weightCents: cents(weight) });

describe("allocateProRata", () => {
  it("splits 100.00 over 2:1 as 66.67 and 33.33 (the larger remainder takes the cent)", () => {
    expect(allocateProRata(cents(10000n), [w("a", 200n), w("b", 100n)])).toEqual([
      { key: "a", amountCents: 6667n },
      { key: "b", amountCents: 3333n },
    ]);
  });

  it("gives a cent left over on equal remainders to the earlier part", () => {
    expect(allocateProRata(cents(1n), [w("a", 5n), w("b", 5n)])).toEqual([
      { key: "a", amountCents: 1n },
      { key: "b", amountCents: 0n },
    ]);
    expect(allocateProRata(cents(200n), [w("a", 1n), w("b", 1n), w("c", 1n)])).toEqual([
      { key: "a", amountCents: 67n },
      { key: "b", amountCents: 67n },
      { key: "c", amountCents: 66n },
    ]);
  });

  it("splits a refund exactly as the payment it undoes, negated", () => {
    expect(allocateProRata(cents(-10000n), [w("a", 200n), w("b", 100n)])).toEqual([
      { key: "a", amountCents: -6667n },
      { key: "b", amountCents: -3333n },
    ]);
  });

  it("gives nothing to a part of zero weight and refuses when no part has weight", () => {
    expect(allocateProRata(cents(999n), [w("a", 0n), w("b", 7n)])).toEqual([
      { key: "a", amountCents: 0n },
      { key: "b", amountCents: 999n },
    ]);
    expect(allocateProRata(cents(5n), [w("a", 0n)])).toBeNull();
    expect(allocateProRata(cents(5n), [])).toBeNull();
  });

  it("always adds up to the amount, each part within a cent of its exact share", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), { minLength: 1, maxLength: 8 }),
        (amount, weights) => {
          const parts = allocateProRata(
            cents(amount),
            weights.map((weight, i) => w(String(i), weight)),
          );
          const total = weights.reduce((s, x) => s + x, 0n);
          if (total === 0n) return parts === null;
          if (parts === null) return false;
          if (parts.reduce((s, p) => s + p.amountCents, 0n) !== amount) return false;
          return parts.every((p, i) => {
            const exactTimesTotal = amount * (weights[i] ?? 0n);
            const diff = p.amountCents * total - exactTimesTotal;
            return (diff < 0n ? -diff : diff) < total;
          });
        },
      ),
    );
  });
});

/**
 * The two small files a district keeps by hand: statuses of manual obligations and
 * payments already made. Some evidence and references hold commas and quotes, as typed
 * by people, so the CSV writer's quoting is exercised.
 */
import { formatCents, parseMoney } from "../money.js";
import type { Prng } from "./prng.js";
import type { ObligationRow, PaymentRow } from "./rows.js";
import type { TermsDocument } from "./terms-json.js";

const EVIDENCE = [
  "Site visit log",
  "Tutor roster review, 2025-05-30",
  'Principal memo "rooms ready"',
  "Board minutes, June 2025",
  "",
];

/** About three manual obligations in four have a status row; three in four of those are met. */
export function* obligationRows(terms: readonly TermsDocument[], seed: Prng): Generator<ObligationRow> {
  for (const doc of terms) {
    const rng = seed.derive(`obligations:${doc.contractId}`);
    for (const obligation of doc.obligations ?? []) {
      if (obligation.measure.kind !== "manual" || !rng.bernoulli(0.75)) continue;
      yield {
        contract_id: doc.contractId,
        obligation_id: obligation.id,
        status: rng.bernoulli(0.75) ? "met" : "notMet",
        evidence: rng.pick(EVIDENCE),
      };
    }
  }
}

/**
 * Half the contracts have an interim payment at the end of January (15%-30% of the price,
 * in hundreds of dollars); one in ten of those also has a small refund.
 */
export function* paymentRows(terms: readonly TermsDocument[], seed: Prng): Generator<PaymentRow> {
  let invoice = 0;
  for (const doc of terms) {
    const rng = seed.derive(`payments:${doc.contractId}`);
    if (!rng.bernoulli(0.5)) continue;
    const maxValue = parseMoney(doc.maxValue);
    if (typeof maxValue !== "bigint") throw new Error(`generated a bad maxValue: ${doc.maxValue}`);
    // Percent of the price, in whole hundreds of dollars (10,000 cents).
    const hundreds = (maxValue * BigInt(rng.int(15, 30))) / 1_000_000n;
    invoice++;
    yield {
      contract_id: doc.contractId,
      paid_on: rng.pick(["2025-01-31", "2025-02-14"]),
      amount: formatCents(hundreds * 10000n),
      reference: `INV-2025-${String(invoice).padStart(4, "0")}`,
    };
    if (rng.bernoulli(0.1)) {
      yield {
        contract_id: doc.contractId,
        paid_on: "2025-03-14",
        amount: formatCents(-BigInt(rng.int(5, 50)) * 10000n),
        reference: `Credit memo, duplicate invoice INV-2025-${String(invoice).padStart(4, "0")}`,
      };
    }
  }
}

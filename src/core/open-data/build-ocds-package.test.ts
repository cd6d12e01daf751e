/**
 * The OCDS export of a known contract: the pool-60-40 worked example (terms and the
 * figures of its final statement, copied here) with payments and a refund. Exact money,
 * counts and shares; both schemas (release package + release, and + Metrics extension).
 */
import { describe, expect, it } from "vitest";
import { cents } from "../money.js";
import type { IsoDate } from "../date.js";
import { validateOcdsPackage } from "../../adapters/ocds-schemas/validate-ocds.js";
import { buildOcdsPackage } from "./build-ocds-package.js";
import { statementFacts } from "./statement-facts.js";
import type { OpenContract, PaymentFacts } from "./ocds-types.js";
import { POOL_STATEMENT, POOL_TERMS, termsOf } from "../../../test/open-data/pool-contract.js";

const PAYMENTS: PaymentFacts[] = [
  { batchId: "7", sourceLine: 1, paidOn: "2025-06-10" as IsoDate, amountCents: cents(89546244n) },
  { batchId: "8", sourceLine: 3, paidOn: "2025-06-20" as IsoDate, amountCents: cents(-1010n) },
];

function open(statement: typeof POOL_STATEMENT | null, payments = PAYMENTS): OpenContract {
  return {
    contract: {
      districtId: "d1",
      contractId: "pool-6040",
      stage: "settled",
      termsVersion: 1,
      terms: termsOf(POOL_TERMS),
      signedAt: "2024-08-20T14:03:07.250000Z",
      recordedAt: "2024-08-01T09:00:00.000000Z",
    },
    statement:
      statement === null
        ? null
        : statementFacts(
            { statementId: "42", kind: "final", issuedAt: "2025-06-01T16:30:00.000000Z" },
            statement,
          ),
    payments,
  };
}

const OPTIONS = { uri: "urn:accord:open-data:d1", publisherName: "District One" };

describe("the OCDS package of a settled pool contract", () => {
  const pkg = buildOcdsPackage([open(POOL_STATEMENT)], OPTIONS);
  const release = pkg?.releases[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const contract = release.contracts[0];

  it("validates against the release package schema, plain and with the Metrics extension", async () => {
    expect(await validateOcdsPackage(pkg)).toEqual([]);
  });

  it("names the process with the stable ocid and dates the package by its last change", () => {
    expect(release.ocid).toBe("ocds-accord-d1/pool-6040");
    expect(release.id).toBe("ocds-accord-d1/pool-6040-terms1-statement42-payments2");
    expect(release.date).toBe("2025-06-20T00:00:00Z");
    expect(pkg?.publishedDate).toBe("2025-06-20T00:00:00Z");
    expect(release.tag).toEqual(["contract", "implementation"]);
    expect(release.parties.map((p: { id: string; roles: string[] }) => [p.id, p.roles])).toEqual([
      ["district-d1", ["buyer", "procuringEntity", "payer"]],
      ["vendor-v1", ["supplier", "payee"]],
    ]);
  });

  it("gives the maximum value and the period to tender, award and contract", () => {
    const value = { amount: 1200000, currency: "USD" };
    const period = { startDate: "2024-09-03T00:00:00Z", endDate: "2025-05-23T00:00:00Z" };
    expect(release.tender).toMatchObject({ value, contractPeriod: period, status: "complete" });
    expect(release.awards[0]).toMatchObject({ value, contractPeriod: period, date: "2024-08-20T14:03:07Z" });
    expect(contract).toMatchObject({ value, period, status: "active", dateSigned: "2024-08-20T14:03:07Z" });
  });

  it("writes payments as transactions in exact amounts, a refund from the vendor to the district", () => {
    const district = { id: "district-d1", name: "District One" };
    const vendor = { id: "vendor-v1", name: "Vendor One" };
    expect(contract.implementation.transactions).toEqual([
      { id: "payment-7-1", date: "2025-06-10T00:00:00Z", value: { amount: 895462.44, currency: "USD" }, payer: district, payee: vendor },
      { id: "payment-8-3", date: "2025-06-20T00:00:00Z", value: { amount: 10.1, currency: "USD" }, payer: vendor, payee: district },
    ]); // prettier-ignore
  });

  it("publishes each metric's students measured and share meeting it, rounded once", () => {
    const results = contract.implementation.metrics.map(
      (m: { id: string; observations: { id: string; measure?: number }[] }) => [
        m.id,
        m.observations.map((o) => [o.id, o.measure]),
      ],
    );
    expect(results).toEqual([
      [
        "growth",
        [
          ["growth-students-measured", 808],
          ["growth-share-met", 43.3],
        ],
      ],
      [
        "proficient",
        [
          ["proficient-students-measured", 858],
          ["proficient-share-met", 47.4],
        ],
      ],
      [
        "consistent",
        [
          ["consistent-students-measured", 938],
          ["consistent-share-met", 75.9],
        ],
      ],
    ]);
  });

  it("states the targets of the terms as agreed metrics", () => {
    const growth = contract.agreedMetrics[0];
    expect(growth.observations.map((o: { id: string; measure: unknown }) => [o.id, o.measure])).toEqual([
      ["growth-criterion", "growth from MAP Growth math 2024-fall to MAP Growth math 2025-spring of at least 100% of the student's growth target"],
      ["growth-target-rate", 60],
      ["growth-minimum-rate", 20],
    ]); // prettier-ignore
    expect(contract.agreedMetrics[1].observations.map((o: { id: string }) => o.id)).toEqual([
      "proficient-criterion",
      "proficient-target-rate",
    ]);
  });

  it("marks the base met and each pool metric partly met below its target rate", () => {
    const statuses = contract.implementation.milestones.map((m: { id: string; status?: string }) => [
      m.id,
      m.status,
    ]);
    expect(statuses).toEqual([
      ["payment-base", "met"],
      ["payment-outcome-growth", "partiallyMet"],
      ["payment-outcome-proficient", "partiallyMet"],
      ["payment-outcome-consistent", "partiallyMet"],
    ]);
    expect(contract.implementation.milestones[0]).toMatchObject({
      type: "payment",
      dueDate: "2025-05-23T00:00:00Z",
      dateMet: "2025-05-23T00:00:00Z",
      dateModified: "2025-06-01T16:30:00Z",
    });
  });

  it("withholds a metric measured on fewer than 10 students, and its milestone's status", async () => {
    const small = {
      ...POOL_STATEMENT,
      metrics: [
        { id: "growth", denominator: 9, met: 9, amount: "100.00" },
        { id: "proficient", denominator: 10, met: 10, amount: "200.00" },
        { id: "consistent", denominator: 0, met: 0, amount: "0.00" },
      ],
    };
    const p = buildOcdsPackage([open(small)], OPTIONS);
    expect(await validateOcdsPackage(p)).toEqual([]);
    const c = (p?.releases[0] as Record<string, any>).contracts[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(c.implementation.metrics[0].observations).toEqual([
      expect.objectContaining({ id: "growth-withheld", notes: expect.stringContaining("withheld") }),
    ]);
    expect(c.implementation.metrics[1].observations[1].measure).toBe(100);
    expect(c.implementation.milestones[1].status).toBeUndefined();
    expect(c.implementation.milestones[2].status).toBe("met");
    expect(c.implementation.milestones[3].status).toBeUndefined();
  });

  it("schedules every milestone and writes no results before a statement", async () => {
    const p = buildOcdsPackage([open(null, [])], OPTIONS);
    expect(await validateOcdsPackage(p)).toEqual([]);
    const r = p?.releases[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(r.tag).toEqual(["contract"]);
    expect(r.date).toBe("2024-08-20T14:03:07Z");
    expect(r.contracts[0].implementation).toEqual({
      milestones: expect.arrayContaining([expect.objectContaining({ status: "scheduled" })]),
    });
  });

  it("publishes nothing for no contract (a package needs one release)", () => {
    expect(buildOcdsPackage([], OPTIONS)).toBeNull();
  });
});

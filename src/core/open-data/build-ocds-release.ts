/**
 * One OCDS 1.1 release for one contract (a compiled view of it at the time of the
 * export): parties (the district as buyer, procuring entity and payer; the vendor as
 * supplier and payee), tender, award and contract with the maximum value and the
 * service period, the terms' targets (Metrics extension `agreedMetrics`), and the
 * implementation: payment milestones, transactions and suppressed results.
 *
 * Stable identifiers: ocid `ocds-accord-{district}/{contract}`; tender
 * `{contract}-tender`, award `{contract}-award`, contract `{contract}`. The release id
 * names what it was built from (terms version, statement, payment count), so a release
 * with other contents has another id. Its date is the latest change among those: the
 * terms' approval (or recording), the statement's issue, the last payment's day.
 * Nothing here reads a clock: the same facts give the same release.
 */
import type { Service } from "../terms/types.js";
import { agreedMetrics, publishedFigures, resultMetrics } from "./ocds-metrics.js";
import { outcomeMilestone, paymentMilestones, paymentTransactions } from "./ocds-implementation.js";
import type { ContractStage, OcdsRelease, OpenContract } from "./ocds-types.js";
import {
  OCID_PREFIX,
  dateTimeOf,
  districtRef,
  latestDateTime,
  moneyValue,
  ocidOf,
  periodOf,
  storedDateTime,
  vendorRef,
} from "./ocds-values.js";

/** The stages whose contracts are published: signed by both parties (draft and proposed are not). */
export const PUBLISHED_STAGES: readonly ContractStage[] = ["active", "settled", "closed"];

const CONTRACT_STATUS: Readonly<Record<ContractStage, "pending" | "active" | "terminated">> = {
  draft: "pending",
  proposed: "pending",
  active: "active",
  // Settled: the final statement is approved, payments may still be under way.
  settled: "active",
  // OCDS `terminated`: signed, in force, and now come to a close.
  closed: "terminated",
};

const CATEGORY: Readonly<Record<Service, "services" | null>> = {
  tutoring: "services",
  "professional-learning": "services",
  edtech: "services",
  curriculum: null,
  other: null,
};

/** The release's date: the latest change among the facts it is built from. */
export function releaseDate(open: OpenContract): string {
  const { contract, statement, payments } = open;
  return latestDateTime(
    storedDateTime(contract.signedAt ?? contract.recordedAt),
    ...(statement === null ? [] : [storedDateTime(statement.issuedAt)]),
    ...payments.map((p) => dateTimeOf(p.paidOn)),
  );
}

export function buildOcdsRelease(open: OpenContract, ocidPrefix: string = OCID_PREFIX): OcdsRelease {
  const { contract, statement, payments } = open;
  const { terms } = contract;
  if (!PUBLISHED_STAGES.includes(contract.stage))
    throw new Error(`contract ${contract.contractId} is ${contract.stage}: not published`);
  const ocid = ocidOf(contract.districtId, contract.contractId, ocidPrefix);
  const buyer = districtRef(terms);
  const supplier = vendorRef(terms);
  const value = moneyValue(terms.maxValueCents, terms.currency);
  const period = periodOf(terms.period.start, terms.period.end);
  const signed = contract.signedAt === null ? {} : { dateSigned: storedDateTime(contract.signedAt) };
  const figures = publishedFigures(statement?.metrics ?? []);
  const transactions = paymentTransactions(terms, payments);
  const results = statement === null ? [] : resultMetrics(terms, statement, outcomeMilestone);
  const category = CATEGORY[terms.service];
  const implemented = statement !== null || payments.length > 0;
  const releaseId = `${ocid}-terms${contract.termsVersion}-${
    statement === null ? "nostatement" : `statement${statement.statementId}`
  }-payments${payments.length}`;
  return {
    ocid,
    id: releaseId,
    date: releaseDate(open),
    tag: implemented ? ["contract", "implementation"] : ["contract"],
    initiationType: "tender",
    language: "en",
    parties: [
      { ...buyer, roles: ["buyer", "procuringEntity", "payer"] },
      { ...supplier, roles: ["supplier", "payee"] },
    ],
    buyer,
    tender: {
      id: `${contract.contractId}-tender`,
      title: terms.title,
      status: "complete",
      procuringEntity: buyer,
      ...(category === null ? {} : { mainProcurementCategory: category }),
      value,
      contractPeriod: period,
    },
    awards: [
      {
        id: `${contract.contractId}-award`,
        title: terms.title,
        status: "active",
        ...(contract.signedAt === null ? {} : { date: storedDateTime(contract.signedAt) }),
        value,
        suppliers: [supplier],
        contractPeriod: period,
      },
    ],
    contracts: [
      {
        id: contract.contractId,
        awardID: `${contract.contractId}-award`,
        title: terms.title,
        description: `Outcomes-based contract (${terms.service}) for about ${terms.expectedStudents} students: a base payment and payments contingent on student outcomes, never more than the maximum value.`,
        status: CONTRACT_STATUS[contract.stage],
        period,
        value,
        ...signed,
        agreedMetrics: agreedMetrics(terms),
        implementation: {
          milestones: paymentMilestones(terms, statement, figures),
          ...(transactions.length === 0 ? {} : { transactions }),
          ...(results.length === 0 ? {} : { metrics: results }),
        },
      },
    ],
  };
}

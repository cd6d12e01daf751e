/**
 * The part of OCDS 1.1 (release package, release, Metrics extension) that Accord writes,
 * and the facts an export is built from. Field names are OCDS's; money in the output is
 * a JSON number of currency units (OCDS's `Value.amount`), made from exact cents by
 * string formatting only (ocds-values.ts).
 */
import type { Cents } from "../money.js";
import type { IsoDate } from "../date.js";
import type { Terms } from "../terms/types.js";

export type ContractStage = "draft" | "proposed" | "active" | "settled" | "closed";

/** A contract as the store holds it, with the terms version settlement applies. */
export interface ContractFacts {
  readonly districtId: string;
  readonly contractId: string;
  readonly stage: ContractStage;
  readonly termsVersion: number;
  readonly terms: Terms;
  /** When both parties had approved the terms version (UTC date-time), or null. */
  readonly signedAt: string | null;
  /** When the terms version was recorded (UTC date-time). */
  readonly recordedAt: string;
}

/** A statement's figures (its summary: never its per-student lines). */
export interface StatementFacts {
  readonly statementId: string;
  readonly kind: "interim" | "final";
  /** The document's `final`: no obligation pending and asOf at or after the period end. */
  readonly final: boolean;
  readonly asOf: IsoDate;
  /** UTC date-time. */
  readonly issuedAt: string;
  readonly baseCents: Cents;
  readonly metrics: readonly StatementMetricFacts[];
}

export interface StatementMetricFacts {
  readonly id: string;
  /** Students in the metric's denominator (settlement-v1 section 2). */
  readonly denominator: number;
  readonly met: number;
  /** After the metric's cap. */
  readonly amountCents: Cents;
}

export interface PaymentFacts {
  readonly batchId: string;
  readonly sourceLine: number;
  readonly paidOn: IsoDate;
  /** Negative for a refund (money from the vendor back to the district). */
  readonly amountCents: Cents;
}

/** Everything one contract's release is built from. */
export interface OpenContract {
  readonly contract: ContractFacts;
  /** The statement the release reports on (see selectPublishedStatement), or null. */
  readonly statement: StatementFacts | null;
  readonly payments: readonly PaymentFacts[];
}

export interface OcdsValue {
  readonly amount: number;
  readonly currency: string;
}

export interface OcdsPeriod {
  readonly startDate: string;
  readonly endDate: string;
}

export interface OcdsOrganizationReference {
  readonly id: string;
  readonly name: string;
}

export interface OcdsMilestone {
  readonly id: string;
  readonly title: string;
  readonly type: "payment";
  readonly code: string;
  readonly description: string;
  readonly dueDate: string;
  readonly status?: "scheduled" | "met" | "notMet" | "partiallyMet";
  readonly dateMet?: string;
  readonly dateModified?: string;
}

export interface OcdsTransaction {
  readonly id: string;
  readonly date: string;
  readonly value: OcdsValue;
  readonly payer: OcdsOrganizationReference;
  readonly payee: OcdsOrganizationReference;
}

export interface OcdsObservation {
  readonly id: string;
  readonly period?: OcdsPeriod;
  readonly value?: OcdsValue;
  readonly measure?: number | string;
  readonly unit?: { readonly name: string; readonly scheme?: string; readonly id?: string };
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly notes?: string;
  readonly relatedImplementationMilestone?: { readonly id: string; readonly title: string };
}

export interface OcdsMetric {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly observations: readonly OcdsObservation[];
}

export type OcdsRelease = Readonly<Record<string, unknown>> & {
  readonly ocid: string;
  readonly id: string;
  readonly date: string;
};

export interface OcdsReleasePackage {
  readonly uri: string;
  readonly version: "1.1";
  readonly extensions: readonly string[];
  readonly publishedDate: string;
  readonly publisher: { readonly name: string };
  readonly license?: string;
  readonly publicationPolicy?: string;
  readonly releases: readonly OcdsRelease[];
}

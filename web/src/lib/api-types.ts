/**
 * The shapes of the API answers this app reads, as GET /api/openapi.json documents them
 * (Session, ContractSummary, ContractDetail, Statement, StatementDetail). Money fields are
 * decimal strings, dates YYYY-MM-DD, timestamps ISO strings.
 */

export type Role = "district_admin" | "district_analyst" | "vendor_user" | "auditor" | "platform_admin";

export interface Session {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly organizationId: string;
  readonly organizationKind: "district" | "vendor" | "platform";
  readonly role: Role;
  readonly csrfToken: string;
  readonly secondFactorDone: boolean;
  readonly secondFactorEnrolled: boolean;
  readonly memberships: readonly { organizationId: string; name: string; role: string }[];
}

export const STAGES = ["draft", "proposed", "active", "settled", "closed"] as const;
export type Stage = (typeof STAGES)[number];

export interface ContractSummary {
  readonly districtId: string;
  readonly contractId: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly title: string;
  readonly stage: Stage;
  readonly termsVersion: number;
  readonly maxValue: string;
  readonly periodStart: string;
  readonly periodEnd: string;
}

export interface ContractPage {
  readonly items: readonly ContractSummary[];
  readonly nextCursor: string | null;
}

export interface TermsVersion {
  readonly version: number;
  readonly status: string;
  readonly reason: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly districtApprovedAt: string | null;
  readonly vendorApprovedAt: string | null;
  readonly termsSha256: string;
}

export interface ContractDetail {
  readonly contract: ContractSummary;
  /** The obc-terms/1 document as recorded: read through `partyName`, never trusted blindly. */
  readonly terms: unknown;
  readonly versions: readonly TermsVersion[];
}

export interface StatementSummary {
  readonly statementId: string;
  readonly kind: "interim" | "final";
  readonly asOf: string;
  readonly termsVersion: number;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly issuedByName: string | null;
  readonly status: "issued" | "approved" | "disputed";
  readonly total: string;
  readonly due: string;
  readonly supersedesStatementId: string | null;
  readonly supersededByStatementId: string | null;
  /** The data quality check run when it was issued; null for statements issued before it existed. */
  readonly dataQuality: StatementDataQuality | null;
}

export interface StatementDataQuality {
  readonly provisional: boolean;
  readonly reasons: readonly string[];
  readonly findings: readonly {
    readonly code: string;
    readonly severity: "error" | "warning" | "info";
    readonly count: number;
    readonly students: number;
    readonly subject: string | null;
    readonly message: string;
  }[];
}

export interface WaterfallMetric {
  readonly id: string;
  readonly kind: string;
  readonly denominator: number;
  readonly met: number;
  readonly missing: number;
  readonly rate: string;
  readonly amount: string;
  readonly capped: boolean;
}

export interface WaterfallObligation {
  readonly id: string;
  readonly party: string;
  readonly status: string;
  readonly value: number | null;
  readonly consequenceApplied: boolean;
}

export interface Waterfall {
  readonly currency: string;
  readonly final: boolean;
  readonly population: { enrolled: number; eligible: number; served: number; measured: number };
  readonly base: string;
  readonly metrics: readonly WaterfallMetric[];
  readonly outcome: string;
  readonly reduction: string;
  readonly obligations: readonly WaterfallObligation[];
  readonly subtotal: string;
  readonly payFull: boolean;
  readonly total: string;
  readonly paid: string;
  readonly due: string;
}

export interface StatementReview {
  readonly reviewNo: number;
  readonly action: "approve" | "dispute";
  readonly comment: string | null;
  readonly organizationId: string;
  readonly reviewedBy: string;
  readonly reviewedByName: string | null;
  readonly reviewedAt: string;
}

export interface StatementDetail {
  readonly statement: StatementSummary;
  readonly districtId: string;
  readonly contractId: string;
  readonly inputDigest: string;
  readonly waterfall: Waterfall;
  readonly reviews: readonly StatementReview[];
}

export interface TotpEnrollment {
  readonly secret: string;
  readonly uri: string;
}

/** The name a party has in the terms document (`terms.vendor.name`), when it has one. */
export function partyName(terms: unknown, party: "district" | "vendor"): string | null {
  if (typeof terms !== "object" || terms === null) return null;
  const entry = (terms as Record<string, unknown>)[party];
  if (typeof entry !== "object" || entry === null) return null;
  const name = (entry as Record<string, unknown>)["name"];
  return typeof name === "string" && name.trim() !== "" ? name : null;
}

/**
 * What an exported statement file is made from (the export use case's answer, by shape):
 * the statement as stored, its reviews, the obc-statement/1 document as issued, the terms
 * version it was settled on and the "why" of its lines. Helpers here are shared by the
 * PDF and XLSX writers so that both say the same things in the same words.
 */
import type { StatementJson } from "../../shared/statement-json.js";
import type { Why } from "../../shared/statement-why.js";
import type { Terms } from "../../core/terms/types.js";
import { groupedAmount } from "../../shared/format-amount.js";

export interface StatementFile {
  readonly statement: {
    readonly statementId: bigint;
    readonly districtId: string;
    readonly contractId: string;
    readonly kind: "interim" | "final";
    readonly asOf: string;
    readonly termsVersion: number;
    readonly issuedAt: string;
    readonly issuedBy: string;
    /** The issuer's display name, when a user issued it. */
    readonly issuedByName?: string | null;
    readonly inputDigest: string;
    readonly supersedesStatementId: bigint | null;
    readonly supersededByStatementId: bigint | null;
    readonly status: "issued" | "approved" | "disputed";
  };
  readonly reviews: readonly {
    readonly action: "approve" | "dispute";
    readonly comment: string | null;
    readonly organizationId: string;
    readonly reviewedBy: string;
    /** The reviewer's display name, when a user reviewed it. */
    readonly reviewedByName?: string | null;
    readonly reviewedAt: string;
  }[];
  readonly document: StatementJson;
  readonly terms: Terms;
  readonly why: readonly Why[];
}

/** `statement-d1-c1-42` (+ extension): the ids only, in characters safe in any file system. */
export function statementFileName(file: StatementFile, extension: string): string {
  const s = file.statement;
  const safe = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, "_");
  return `statement-${safe(s.districtId)}-${safe(s.contractId)}-${s.statementId}.${extension}`;
}

/** A stored timestamp as `YYYY-MM-DD HH:MM UTC` (files are read anywhere; UTC says when). */
export function utcMinute(timestamp: string): string {
  const at = new Date(timestamp);
  if (Number.isNaN(at.getTime())) return timestamp;
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Amount for people, with the currency: `USD 12,345.67`. */
export function amountText(cents: bigint, currency: string): string {
  return `${currency} ${groupedAmount(cents)}`;
}

/** A person by name and user id (the id is what the audit log names), or the id alone. */
function personName(name: string | null | undefined, id: string): string {
  return name === null || name === undefined || name === "" ? id : `${name}, user ${id}`;
}

/** Each review as one line: who, which organization, when, and a dispute's comment. */
export function reviewLines(file: StatementFile): string[] {
  return file.reviews.map((r) => {
    const what = r.action === "approve" ? "Approved" : "Disputed";
    const comment = r.comment === null ? "" : `: "${r.comment}"`;
    return `${what} by ${personName(r.reviewedByName, r.reviewedBy)} (${r.organizationId}) on ${utcMinute(r.reviewedAt)}${comment}`;
  });
}

/** The statement's header, label and value, in the order a filing clerk reads it. */
export function statementFacts(file: StatementFile): [string, string][] {
  const { statement: s, terms: t, document: d } = file;
  const facts: [string, string][] = [
    ["District", `${t.district.name} (${s.districtId})`],
    ["Vendor", `${t.vendor.name} (${t.vendor.id})`],
    ["Contract", `${t.title} (${s.contractId}), terms version ${s.termsVersion}`],
    ["Period", `${t.period.start} to ${t.period.end}`],
    ["As of", s.asOf],
    ["Statement", s.statementId.toString()],
    ["Kind", `${s.kind}${d.final ? "" : " (provisional figures)"}`],
    ["Status", s.status],
    ["Issued", `${utcMinute(s.issuedAt)} by ${personName(s.issuedByName, s.issuedBy)}`],
  ];
  if (s.supersedesStatementId !== null) facts.push(["Replaces", `statement ${s.supersedesStatementId}`]);
  if (s.supersededByStatementId !== null)
    facts.push(["Replaced by", `statement ${s.supersededByStatementId}`]);
  facts.push(["Input digest", s.inputDigest]);
  facts.push(["Currency", d.currency]);
  facts.push(["Maximum value", amountText(t.maxValueCents, d.currency)]);
  return facts;
}

/** A document money string as a spreadsheet number: the decimal the cents stand for. */
export function moneyNumber(value: string): number {
  if (!/^-?\d+\.\d\d$/.test(value)) throw new Error(`not a money amount: ${JSON.stringify(value)}`);
  return Number(value);
}

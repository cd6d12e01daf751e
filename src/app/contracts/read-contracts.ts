/**
 * Contracts as an organization sees them (row-level security does the narrowing): a page
 * of the list, and one contract with its terms versions. Each contract's summary comes
 * from its latest approved terms version (the one settlement applies), or, for a draft
 * or a proposal with none approved yet, its latest version. The vendor's name is its
 * organization's (readable by every signed-in organization), else the name the district
 * recorded for it (`vendors`, visible to the district and to that vendor), else the one
 * its terms give.
 */
import type { SqlRunner } from "../ports/db.js";
import { parseMoney } from "../../core/money.js";

export interface ContractRow {
  readonly districtId: string;
  readonly contractId: string;
  readonly vendorId: string;
  /** The vendor organization's name; else the name the district recorded, else the terms'. */
  readonly vendorName: string;
  readonly title: string;
  readonly stage: "draft" | "proposed" | "active" | "settled" | "closed";
  readonly revision: number;
  readonly termsVersion: number;
  readonly maxValueCents: bigint;
  readonly periodStart: string;
  readonly periodEnd: string;
}

type Raw = {
  district_id: string;
  contract_id: string;
  vendor_id: string;
  vendor_name: string;
  title: string;
  stage: ContractRow["stage"];
  revision: number;
  version: number;
  max_value: string;
  period_start: string;
  period_end: string;
};

const SELECT = `
  SELECT c.district_id, c.contract_id, c.vendor_id,
         COALESCE(o.name, vn.name, v.terms->'vendor'->>'name', c.vendor_id) AS vendor_name,
         c.title, c.stage, c.revision, v.version,
         v.terms->>'maxValue' AS max_value, v.terms->'period'->>'start' AS period_start,
         v.terms->'period'->>'end' AS period_end
    FROM contracts c
    JOIN LATERAL (SELECT version, terms FROM contract_terms_versions t
                   WHERE t.district_id = c.district_id AND t.contract_id = c.contract_id
                   ORDER BY (t.status = 'approved') DESC, t.version DESC LIMIT 1) v ON true
    LEFT JOIN organizations o ON o.organization_id = c.vendor_id AND o.kind = 'vendor'
    LEFT JOIN vendors vn ON vn.district_id = c.district_id AND vn.vendor_id = c.vendor_id`;

/** The terms' maxValue (checked when recorded) as cents. */
function moneyCents(text: string): bigint {
  const cents = parseMoney(text);
  if (typeof cents === "string") throw new Error(`stored terms hold a maxValue that is not money (${cents})`);
  return cents;
}

function contractRow(r: Raw): ContractRow {
  return {
    districtId: r.district_id,
    contractId: r.contract_id,
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    title: r.title,
    stage: r.stage,
    revision: r.revision,
    termsVersion: r.version,
    maxValueCents: moneyCents(r.max_value),
    periodStart: r.period_start,
    periodEnd: r.period_end,
  };
}

export interface ContractPage {
  readonly items: readonly ContractRow[];
  /** The sort key of the last item when more may follow. */
  readonly nextKey: readonly [string, string] | null;
}

/** Contracts in (district_id, contract_id) byte order after `after`, at most `limit`. */
export async function listVisibleContracts(
  tx: SqlRunner,
  options: {
    readonly after: readonly string[] | null;
    readonly limit: number;
    readonly stage: string | null;
  },
): Promise<ContractPage> {
  const rows = await tx.query<Raw>(
    `${SELECT}
      WHERE ($1::text IS NULL OR (c.district_id COLLATE "C", c.contract_id COLLATE "C") > ($1::text COLLATE "C", $2::text COLLATE "C"))
        AND ($3::text IS NULL OR c.stage = $3)
      ORDER BY c.district_id COLLATE "C", c.contract_id COLLATE "C"
      LIMIT ${options.limit + 1}`,
    [options.after?.[0] ?? null, options.after?.[1] ?? null, options.stage],
  );
  const items = rows.slice(0, options.limit).map(contractRow);
  const last = items.at(-1);
  return {
    items,
    nextKey: rows.length > options.limit && last !== undefined ? [last.districtId, last.contractId] : null,
  };
}

export interface TermsVersionRow {
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
  readonly contract: ContractRow;
  /** The terms of `contract.termsVersion`, as recorded. */
  readonly termsSource: string;
  readonly versions: readonly TermsVersionRow[];
}

export async function readContract(
  tx: SqlRunner,
  districtId: string,
  contractId: string,
): Promise<ContractDetail | null> {
  const [row] = await tx.query<Raw>(`${SELECT} WHERE c.district_id = $1 AND c.contract_id = $2`, [
    districtId,
    contractId,
  ]);
  if (row === undefined) return null;
  const versions = await tx.query<{
    version: number;
    status: string;
    reason: string;
    recorded_by: string;
    recorded_at: string;
    district_approved_at: string | null;
    vendor_approved_at: string | null;
    terms_sha256: string;
    terms_source: string;
  }>(
    `SELECT version, status, reason, recorded_by, recorded_at, district_approved_at, vendor_approved_at,
            terms_sha256, terms_source
       FROM contract_terms_versions WHERE district_id = $1 AND contract_id = $2 ORDER BY version`,
    [districtId, contractId],
  );
  const current = versions.find((v) => v.version === row.version);
  if (current === undefined) throw new Error(`contract ${contractId} lost its terms version ${row.version}`);
  return {
    contract: contractRow(row),
    termsSource: current.terms_source,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      reason: v.reason,
      recordedBy: v.recorded_by,
      recordedAt: v.recorded_at,
      districtApprovedAt: v.district_approved_at,
      vendorApprovedAt: v.vendor_approved_at,
      termsSha256: v.terms_sha256,
    })),
  };
}

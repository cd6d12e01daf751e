/**
 * The stored figures of a scorecard, one query per kind of figure for every contract in
 * scope at once (never a query per contract): the contracts with their approved terms,
 * their latest statement (final if any, else interim) as a summary with the count of
 * students meeting at least one metric, the sums of their payments, and their statements'
 * disputes. Every query runs as the acting organization (row-level security narrows it);
 * `scope` narrows further to one district and/or one vendor.
 */
import type { SqlParam, SqlRunner } from "../ports/db.js";

export interface ScorecardScope {
  readonly districtId: string | null;
  readonly vendorId: string | null;
}

export interface ContractRowRaw {
  readonly district_id: string;
  readonly contract_id: string;
  readonly vendor_id: string;
  readonly title: string;
  readonly stage: string;
  readonly version: number;
  readonly terms_source: string;
  readonly vendor_name: string;
  readonly district_name: string | null;
}

export interface StatementRowRaw {
  readonly district_id: string;
  readonly contract_id: string;
  readonly statement_id: bigint;
  readonly kind: "interim" | "final";
  readonly summary: string;
  readonly meeting_any: number;
  readonly last_review: "approve" | "dispute" | null;
}

export interface PaidRowRaw {
  readonly district_id: string;
  readonly contract_id: string;
  readonly paid_cents: string;
}

export interface DisputeRowRaw {
  readonly district_id: string;
  readonly contract_id: string;
  readonly raised: number;
  readonly open: number;
}

/** Contracts of `c` in scope and at a scored stage: `$1` district or null, `$2` vendor or null. */
const IN_SCOPE = `c.stage IN ('active', 'settled', 'closed')
   AND ($1::text IS NULL OR c.district_id = $1) AND ($2::text IS NULL OR c.vendor_id = $2)`;

function params(scope: ScorecardScope): SqlParam[] {
  return [scope.districtId, scope.vendorId];
}

export function readScoredContracts(tx: SqlRunner, scope: ScorecardScope): Promise<ContractRowRaw[]> {
  return tx.query<ContractRowRaw & Record<string, unknown>>(
    `SELECT c.district_id, c.contract_id, c.vendor_id, c.title, c.stage, t.version, t.terms_source,
            v.name AS vendor_name, d.name AS district_name
       FROM contracts c
       JOIN LATERAL (SELECT version, terms_source FROM contract_terms_versions t
                      WHERE t.district_id = c.district_id AND t.contract_id = c.contract_id
                        AND t.status = 'approved'
                      ORDER BY t.version DESC LIMIT 1) t ON true
       JOIN vendors v ON v.district_id = c.district_id AND v.vendor_id = c.vendor_id
       LEFT JOIN districts d ON d.district_id = c.district_id
      WHERE ${IN_SCOPE}`,
    params(scope),
  );
}

/**
 * Each contract's latest final statement, else its latest interim one: the summary
 * (the document without its per-student lines) and, counted in the store, how many
 * per-student lines have `met` for at least one metric.
 */
export function readLatestStatements(tx: SqlRunner, scope: ScorecardScope): Promise<StatementRowRaw[]> {
  return tx.query<StatementRowRaw & Record<string, unknown>>(
    `SELECT DISTINCT ON (s.district_id, s.contract_id)
            s.district_id, s.contract_id, s.statement_id, s.kind,
            (s.document - 'students')::text AS summary,
            (SELECT count(*) FROM jsonb_array_elements(coalesce(s.document->'students', '[]'::jsonb)) st
              WHERE EXISTS (SELECT 1 FROM jsonb_each(coalesce(st->'metrics', '{}'::jsonb)) m
                             WHERE m.value->>'status' = 'met'))::integer AS meeting_any,
            (SELECT r.action FROM statement_reviews r
              WHERE r.district_id = s.district_id AND r.statement_id = s.statement_id
              ORDER BY r.review_no DESC LIMIT 1) AS last_review
       FROM statements s
       JOIN contracts c ON c.district_id = s.district_id AND c.contract_id = s.contract_id
      WHERE ${IN_SCOPE}
      ORDER BY s.district_id, s.contract_id, (s.kind = 'final') DESC, s.statement_id DESC`,
    params(scope),
  );
}

export function readPaid(tx: SqlRunner, scope: ScorecardScope): Promise<PaidRowRaw[]> {
  return tx.query<PaidRowRaw & Record<string, unknown>>(
    `SELECT p.district_id, p.contract_id, sum(p.amount_cents)::text AS paid_cents
       FROM payments p
       JOIN contracts c ON c.district_id = p.district_id AND c.contract_id = p.contract_id
      WHERE ${IN_SCOPE}
      GROUP BY p.district_id, p.contract_id`,
    params(scope),
  );
}

/**
 * Per contract: dispute reviews raised on its statements, and statements disputed now
 * (the latest review a dispute, and no re-run replacing the statement).
 */
export function readDisputes(tx: SqlRunner, scope: ScorecardScope): Promise<DisputeRowRaw[]> {
  return tx.query<DisputeRowRaw & Record<string, unknown>>(
    `SELECT x.district_id, x.contract_id, sum(x.raised)::integer AS raised,
            count(*) FILTER (WHERE x.last_review = 'dispute' AND NOT x.superseded)::integer AS open
       FROM (SELECT s.district_id, s.contract_id,
                    (SELECT count(*) FROM statement_reviews r
                      WHERE r.district_id = s.district_id AND r.statement_id = s.statement_id
                        AND r.action = 'dispute') AS raised,
                    (SELECT r.action FROM statement_reviews r
                      WHERE r.district_id = s.district_id AND r.statement_id = s.statement_id
                      ORDER BY r.review_no DESC LIMIT 1) AS last_review,
                    EXISTS (SELECT 1 FROM statements n
                             WHERE n.district_id = s.district_id AND n.supersedes_statement_id = s.statement_id)
                      AS superseded
               FROM statements s
               JOIN contracts c ON c.district_id = s.district_id AND c.contract_id = s.contract_id
              WHERE ${IN_SCOPE}) x
      GROUP BY x.district_id, x.contract_id`,
    params(scope),
  );
}

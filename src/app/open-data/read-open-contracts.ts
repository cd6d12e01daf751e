/**
 * Use case: the facts an OCDS export is built from, for one contract or for all of a
 * district's published contracts, read in one transaction as the acting organization
 * (row-level security narrows every query; the caller decides who may ask at all).
 *
 * Published: contracts at a stage of PUBLISHED_STAGES (active, settled, closed: terms
 * approved by both parties). Per contract: the terms version settlement applies, when it
 * was signed (the later of the two approvals), the newest statement on that version that
 * is neither superseded nor disputed (its summary only: never the per-student lines), and
 * the recorded payments.
 */
import type { SqlRunner } from "../ports/db.js";
import { parseIsoDate, type IsoDate } from "../../core/date.js";
import { parseTerms } from "../../core/terms/parse-terms.js";
import { PUBLISHED_STAGES } from "../../core/open-data/build-ocds-release.js";
import { statementFacts, type StatementSummaryJson } from "../../core/open-data/statement-facts.js";
import type { OpenContract, StatementFacts } from "../../core/open-data/ocds-types.js";
import { readContract, type ContractDetail } from "../contracts/read-contracts.js";
import { listPayments } from "../payments/list-payments.js";
import { listStatements, readStatementDetail } from "../statements/read-statements.js";

export interface OpenDataRequest {
  readonly districtId: string;
  /** One contract, or null for every published contract of the district. */
  readonly contractId: string | null;
}

export type OpenDataResult =
  | { readonly kind: "not-found"; readonly message: string }
  | { readonly kind: "ok"; readonly districtName: string; readonly contracts: readonly OpenContract[] };

function storedDate(text: string): IsoDate {
  const date = parseIsoDate(text);
  if (date === null) throw new Error(`a stored payment date is not a date: ${JSON.stringify(text)}`);
  return date;
}

function signedAt(detail: ContractDetail): string | null {
  const version = detail.versions.find((v) => v.version === detail.contract.termsVersion);
  const district = version?.districtApprovedAt ?? null;
  const vendor = version?.vendorApprovedAt ?? null;
  if (district === null || vendor === null) return null;
  return district > vendor ? district : vendor;
}

async function publishedStatement(tx: SqlRunner, detail: ContractDetail): Promise<StatementFacts | null> {
  const { districtId, contractId, termsVersion } = detail.contract;
  const rows = await listStatements(tx, districtId, contractId);
  const row = rows.find(
    (s) => s.supersededByStatementId === null && s.status !== "disputed" && s.termsVersion === termsVersion,
  );
  if (row === undefined) return null;
  const statement = await readStatementDetail(tx, districtId, contractId, row.statementId);
  if (statement === null) throw new Error(`statement ${row.statementId} vanished while being read`);
  const summary = JSON.parse(statement.documentSource) as StatementSummaryJson;
  return statementFacts(
    { statementId: row.statementId.toString(), kind: row.kind, issuedAt: row.issuedAt },
    summary,
  );
}

async function openContract(tx: SqlRunner, detail: ContractDetail): Promise<OpenContract> {
  const { districtId, contractId, termsVersion } = detail.contract;
  const parsed = parseTerms(JSON.parse(detail.termsSource) as unknown);
  // Terms are validated when recorded: a version that no longer parses is a bug.
  if (!parsed.ok) throw new Error(`terms version ${termsVersion} of ${contractId} does not parse`);
  const version = detail.versions.find((v) => v.version === termsVersion);
  if (version === undefined) throw new Error(`contract ${contractId} lost its terms version ${termsVersion}`);
  const payments = await listPayments(tx, districtId, contractId);
  return {
    contract: {
      districtId,
      contractId,
      stage: detail.contract.stage,
      termsVersion,
      terms: parsed.terms,
      signedAt: signedAt(detail),
      recordedAt: version.recordedAt,
    },
    statement: await publishedStatement(tx, detail),
    payments: payments.payments.map((p) => ({
      batchId: p.batchId.toString(),
      sourceLine: p.sourceLine,
      paidOn: storedDate(p.paidOn),
      amountCents: p.amountCents,
    })),
  };
}

export async function readOpenContracts(tx: SqlRunner, request: OpenDataRequest): Promise<OpenDataResult> {
  const { districtId, contractId } = request;
  const [district] = await tx.query<{ name: string }>("SELECT name FROM districts WHERE district_id = $1", [
    districtId,
  ]);
  if (district === undefined) return { kind: "not-found", message: `no district ${districtId}` };
  const ids =
    contractId === null
      ? (
          await tx.query<{ contract_id: string }>(
            `SELECT contract_id FROM contracts
              WHERE district_id = $1 AND stage = ANY(string_to_array($2, ','))
              ORDER BY contract_id COLLATE "C"`,
            [districtId, PUBLISHED_STAGES.join(",")],
          )
        ).map((r) => r.contract_id)
      : [contractId];
  const contracts: OpenContract[] = [];
  for (const id of ids) {
    const detail = await readContract(tx, districtId, id);
    if (detail === null || !PUBLISHED_STAGES.includes(detail.contract.stage))
      return { kind: "not-found", message: `no published contract ${id} in district ${districtId}` };
    contracts.push(await openContract(tx, detail));
  }
  if (contracts.length === 0)
    return { kind: "not-found", message: `district ${districtId} has no published contract yet` };
  return { kind: "ok", districtName: district.name, contracts };
}

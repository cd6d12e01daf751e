/**
 * An invoice of a contract for the authorization matrix: the matrix's statements have
 * nothing due (no sessions), so a copy of the contract's statement billing a base of
 * 100.00 is written and approved as the store's owner, and the invoice is issued through
 * the API by the district's administrator.
 */
import { randomUUID } from "node:crypto";
import { signInAs, type ApiWorld } from "./harness.js";

const BILLED = { base: "100.00", subtotal: "100.00", total: "100.00", paid: "0.00", due: "100.00" };

export async function invoice(
  world: ApiWorld,
  districtId: string,
  contractId: string,
  statementId: string,
): Promise<string> {
  const [copy] = await world.db.query<{ statement_id: bigint }>(
    `INSERT INTO statements (district_id, contract_id, terms_version, as_of, document_source, document,
                             input_digest, issued_at, kind, issued_by, data_quality)
     SELECT district_id, contract_id, terms_version, as_of, (document || $3::jsonb)::text, document || $3::jsonb,
            input_digest, issued_at, kind, issued_by, data_quality
       FROM statements WHERE district_id = $1 AND statement_id = $2
     RETURNING statement_id`,
    [districtId, BigInt(statementId), JSON.stringify(BILLED)],
  );
  if (copy === undefined) throw new Error(`no statement ${statementId} in ${districtId}`);
  await world.db.query(
    `INSERT INTO statement_reviews (district_id, statement_id, review_no, action, organization_id, reviewed_by, reviewed_at)
     VALUES ($1, $2, 1, 'approve', $1, 'matrix', now())`,
    [districtId, copy.statement_id],
  );
  const admin = await signInAs(world, "district_admin", districtId);
  const response = await admin.request(
    "POST",
    `/api/districts/${districtId}/contracts/${contractId}/statements/${copy.statement_id}/invoice`,
    {},
    { "idempotency-key": randomUUID() },
  );
  if (response.status !== 201)
    throw new Error(`invoice of ${districtId}/${contractId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { invoiceId: string }).invoiceId;
}

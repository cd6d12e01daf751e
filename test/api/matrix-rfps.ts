/**
 * The matrix world's RFPs and proposals: d1's RFP, published, with a proposal from each
 * vendor (sent through the API as they would be), and d2's RFP, a draft (no vendor sees
 * it) with a proposal of v1 written below row-level security, so that another district's
 * proposal exists to be aimed at.
 */
import { signInAs, termsFor, type ApiWorld } from "./harness.js";

export interface MatrixRfps {
  readonly d1: { readonly rfpId: string; readonly v1: string; readonly v2: string };
  readonly d2: { readonly rfpId: string; readonly proposalId: string };
}

/** A rate card for the harness's terms (growth and proficient metrics, perStudent). */
export function matrixProposal(price = "6500.00"): Record<string, unknown> {
  return {
    narrative: "Matrix narrative",
    evidence: "Matrix evidence",
    rateCard: {
      base: { kind: "perStudent", amount: "800.00", per: "served" },
      outcomes: {
        metrics: [
          { id: "growth", amount: "500.00" },
          { id: "proficient", amount: "200.00" },
        ],
      },
    },
    price,
  };
}

/** A valid RFP document for a body (the request is refused before it is read: a published RFP). */
export const MATRIX_DOCUMENT = { format: "accord-rfp/1" };

async function created(response: Response, what: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`${what}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function createRfp(world: ApiWorld, districtId: string, rfpId: string): Promise<void> {
  const admin = await signInAs(world, "district_admin", districtId);
  await created(
    await admin.request(
      "POST",
      `/api/districts/${districtId}/rfps`,
      {
        rfpId,
        title: `Matrix RFP ${districtId}`,
        terms: { ...termsFor(districtId, `${rfpId}-terms`, "v1"), title: `Matrix RFP ${districtId}` },
      },
      { "idempotency-key": `matrix-${rfpId}` },
    ),
    `RFP ${rfpId}`,
  );
  // The source of an RFP drafted from terms is none; the comparison reads the district's first contract.
  await world.db.query("UPDATE rfps SET source_contract_id = $3 WHERE district_id = $1 AND rfp_id = $2", [
    districtId,
    rfpId,
    districtId === "d1" ? "c1" : "c3",
  ]);
}

export async function seedRfps(world: ApiWorld): Promise<MatrixRfps> {
  await createRfp(world, "d1", "rfp-d1");
  const admin = await signInAs(world, "district_admin", "d1");
  await created(await admin.request("POST", "/api/districts/d1/rfps/rfp-d1/publish"), "publish");
  const propose = async (vendor: string) => {
    const client = await signInAs(world, "vendor_user", vendor);
    const body = await created(
      await client.request("POST", "/api/districts/d1/rfps/rfp-d1/proposals", matrixProposal(), {
        "idempotency-key": `matrix-proposal-${vendor}`,
      }),
      `proposal of ${vendor}`,
    );
    return body.proposalId as string;
  };
  const v1 = await propose("v1");
  const v2 = await propose("v2");
  await createRfp(world, "d2", "rfp-d2");
  const proposal = matrixProposal();
  await world.db.query(
    `INSERT INTO proposals (district_id, rfp_id, proposal_id, vendor_id, vendor_name, status, narrative, evidence,
                            rate_card_source, rate_card, price_cents, submitted_by, submitted_at, revised_at)
     VALUES ('d2', 'rfp-d2', 'prop-d2-v1', 'v1', 'Vendor v1', 'submitted', 'Narrative of d2', 'Evidence of d2',
             $1, $2::jsonb, 650000, 'matrix', now(), now())`,
    [JSON.stringify(proposal.rateCard), JSON.stringify(proposal.rateCard)],
  );
  return { d1: { rfpId: "rfp-d1", v1, v2 }, d2: { rfpId: "rfp-d2", proposalId: "prop-d2-v1" } };
}

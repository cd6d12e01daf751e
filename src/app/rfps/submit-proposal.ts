/**
 * Use cases of a vendor's proposal: submit one to an open RFP (one per vendor and RFP),
 * revise it while the RFP is open (a withdrawn proposal revised is submitted again), and
 * withdraw it. The rate card is merged into the RFP's terms and the result checked by the
 * terms validator (src/core/rfp/rate-card.ts); problems name the request's paths.
 * Each change is audited; row-level security lets a vendor write only its own proposals to
 * a published RFP.
 */
import { randomUUID } from "node:crypto";
import type { SqlRunner } from "../ports/db.js";
import { storedTime, utcDay } from "../ports/clock.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import type { JsonProblem } from "../../core/problem.js";
import { parseMoney, type Cents } from "../../core/money.js";
import { mergeRateCard } from "../../core/rfp/rate-card.js";
import { actorName, isOpen, readProposal, readRfp, type ProposalRow, type RfpRow } from "./rfp-rows.js";

export interface ProposalContent {
  readonly narrative: string;
  readonly evidence: string;
  readonly rateCard: unknown;
  /** The total price, a money string: the merged terms' maxValue. */
  readonly price: string;
}

export interface ProposalTarget {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly rfpId: string;
}

export type ProposalResult =
  | { readonly kind: "done"; readonly proposal: ProposalRow }
  | { readonly kind: "not-found" }
  | { readonly kind: "stale"; readonly revision: number }
  | { readonly kind: "conflict"; readonly message: string }
  | { readonly kind: "invalid"; readonly problems: readonly JsonProblem[] };

/** The rate card and price checked against the RFP's terms: the price in cents, or the problems. */
export function checkProposal(
  rfp: RfpRow,
  content: Pick<ProposalContent, "rateCard" | "price">,
): { ok: true; priceCents: Cents; rateCardSource: string } | { ok: false; problems: readonly JsonProblem[] } {
  const merged = mergeRateCard(
    JSON.parse(rfp.termsSource) as Record<string, unknown>,
    content.rateCard,
    content.price,
  );
  if (!merged.ok) return { ok: false, problems: merged.problems };
  // mergeRateCard checked the price: money above zero.
  const price = parseMoney(content.price) as Cents;
  return { ok: true, priceCents: price, rateCardSource: JSON.stringify(content.rateCard, null, 2) };
}

async function openRfp(tx: SqlRunner, target: ProposalTarget): Promise<RfpRow | ProposalResult> {
  if (target.actor.orgKind !== "vendor") return { kind: "not-found" };
  const rfp = await readRfp(tx, target.districtId, target.rfpId);
  if (rfp === null) return { kind: "not-found" };
  if (!isOpen(rfp, utcDay(target.at)))
    return {
      kind: "conflict",
      message:
        rfp.status === "published"
          ? `proposals to this RFP were due on ${rfp.proposalsDueOn ?? ""}`
          : `the RFP is ${rfp.status}: it takes no proposals`,
    };
  return rfp;
}

export async function submitProposal(
  tx: SqlRunner,
  target: ProposalTarget,
  content: ProposalContent,
): Promise<ProposalResult> {
  const rfp = await openRfp(tx, target);
  if ("kind" in rfp) return rfp;
  const checked = checkProposal(rfp, content);
  if (!checked.ok) return { kind: "invalid", problems: checked.problems };
  const vendorId = target.actor.organizationId;
  const [existing] = await tx.query<{ proposal_id: string }>(
    "SELECT proposal_id FROM proposals WHERE district_id = $1 AND rfp_id = $2 AND vendor_id = $3",
    [target.districtId, target.rfpId, vendorId],
  );
  if (existing !== undefined)
    return {
      kind: "conflict",
      message: `you already sent proposal ${existing.proposal_id} to this RFP: revise it instead`,
    };
  const [org] = await tx.query<{ name: string }>(
    "SELECT name FROM organizations WHERE organization_id = $1",
    [vendorId],
  );
  const proposalId = randomUUID();
  const now = storedTime(target.at);
  await tx.query(
    `INSERT INTO proposals (district_id, rfp_id, proposal_id, vendor_id, vendor_name, status, narrative, evidence,
                            rate_card_source, rate_card, price_cents, submitted_by, submitted_at, revised_at)
     VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $12::jsonb, $9, $10, $11, $11)`,
    [
      target.districtId,
      target.rfpId,
      proposalId,
      vendorId,
      org?.name ?? vendorId,
      content.narrative,
      content.evidence,
      checked.rateCardSource,
      checked.priceCents,
      actorName(target.actor),
      now,
      checked.rateCardSource,
    ],
  );
  await audit(tx, target, "proposal.submit", proposalId, { priceCents: String(checked.priceCents) });
  return done(tx, target, proposalId);
}

/**
 * Revises the proposal; `ifRevision` is the revision the vendor read (If-Match; null when
 * it named none of this proposal's): a revision made on a stale read is refused.
 */
export async function reviseProposal(
  tx: SqlRunner,
  target: ProposalTarget & { readonly proposalId: string; readonly ifRevision: number | null },
  content: ProposalContent,
): Promise<ProposalResult> {
  const rfp = await openRfp(tx, target);
  if ("kind" in rfp) return rfp;
  const found = await readProposal(tx, target.districtId, target.rfpId, target.proposalId, true);
  if (found === null) return { kind: "not-found" };
  if (target.ifRevision !== found.revision) return { kind: "stale", revision: found.revision };
  const checked = checkProposal(rfp, content);
  if (!checked.ok) return { kind: "invalid", problems: checked.problems };
  await tx.query(
    `UPDATE proposals SET narrative = $4, evidence = $5, rate_card_source = $6, rate_card = $9::jsonb,
            price_cents = $7, status = 'submitted', withdrawn_at = NULL, revised_at = $8, revision = revision + 1
      WHERE district_id = $1 AND rfp_id = $2 AND proposal_id = $3`,
    [
      target.districtId,
      target.rfpId,
      target.proposalId,
      content.narrative,
      content.evidence,
      checked.rateCardSource,
      checked.priceCents,
      storedTime(target.at),
      checked.rateCardSource,
    ],
  );
  await audit(tx, target, "proposal.revise", target.proposalId, {
    revision: found.revision + 1,
    priceCents: String(checked.priceCents),
  });
  return done(tx, target, target.proposalId);
}

export async function withdrawProposal(
  tx: SqlRunner,
  target: ProposalTarget & { readonly proposalId: string },
): Promise<ProposalResult> {
  const rfp = await openRfp(tx, target);
  if ("kind" in rfp) return rfp;
  const found = await readProposal(tx, target.districtId, target.rfpId, target.proposalId, true);
  if (found === null) return { kind: "not-found" };
  if (found.status === "withdrawn") return { kind: "done", proposal: found };
  await tx.query(
    `UPDATE proposals SET status = 'withdrawn', withdrawn_at = $4
      WHERE district_id = $1 AND rfp_id = $2 AND proposal_id = $3`,
    [target.districtId, target.rfpId, target.proposalId, storedTime(target.at)],
  );
  await audit(tx, target, "proposal.withdraw", target.proposalId, {});
  return done(tx, target, target.proposalId);
}

async function audit(
  tx: SqlRunner,
  target: ProposalTarget,
  action: string,
  proposalId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await appendAudit(
    tx,
    {
      ...actorAudit(
        target.actor,
        action,
        { type: "proposal", id: proposalId },
        {
          rfp: `${target.districtId}/${target.rfpId}`,
          ...detail,
        },
      ),
      // The district's auditors find its RFPs' proposals in their log.
      districtId: target.districtId,
    },
    target.at,
  );
}

async function done(tx: SqlRunner, target: ProposalTarget, proposalId: string): Promise<ProposalResult> {
  const proposal = await readProposal(tx, target.districtId, target.rfpId, proposalId);
  if (proposal === null) throw new Error(`proposal ${proposalId} vanished inside its change`);
  return { kind: "done", proposal };
}

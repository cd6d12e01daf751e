/**
 * Use cases: district staff score a proposal by hand on the RFP's criteria (whole points
 * 0-5 with a comment; the price criterion is scored from the prices, never by hand), and
 * the evaluation of every proposal to an RFP: each criterion's points and weighted points
 * and the weighted total (src/core/rfp/scoring.ts), exact.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime } from "../ports/clock.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import type { JsonProblem } from "../../core/problem.js";
import type { Cents } from "../../core/money.js";
import {
  MAX_POINTS,
  PRICE_CRITERION,
  lowestPrice,
  pricePoints,
  scoreProposal,
  type ProposalScore,
} from "../../core/rfp/scoring.js";
import {
  actorName,
  listProposals,
  listScores,
  readProposal,
  readRfp,
  type ProposalRow,
  type RfpRow,
  type ScoreRow,
} from "./rfp-rows.js";

export interface ScoreInput {
  readonly criterion: string;
  readonly points: number;
  readonly comment: string;
}

export interface ScoreTarget {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly rfpId: string;
  readonly proposalId: string;
}

export type ScoreResult =
  | { readonly kind: "scored"; readonly evaluation: Evaluation }
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly message: string }
  | { readonly kind: "invalid"; readonly problems: readonly JsonProblem[] };

export interface ProposalEvaluation {
  readonly proposal: ProposalRow;
  readonly score: ProposalScore;
  readonly comments: readonly ScoreRow[];
}

export interface Evaluation {
  readonly rfp: RfpRow;
  readonly lowestPriceCents: Cents | null;
  readonly proposals: readonly ProposalEvaluation[];
}

export async function scoreProposalByHand(
  tx: SqlRunner,
  target: ScoreTarget,
  scores: readonly ScoreInput[],
): Promise<ScoreResult> {
  if (target.actor.orgKind !== "district") return { kind: "not-found" };
  const rfp = await readRfp(tx, target.districtId, target.rfpId);
  const proposal =
    rfp === null ? null : await readProposal(tx, target.districtId, target.rfpId, target.proposalId);
  if (rfp === null || proposal === null) return { kind: "not-found" };
  if (rfp.status === "awarded" || rfp.status === "draft")
    return { kind: "conflict", message: `the RFP is ${rfp.status}: its proposals are not scored now` };
  if (proposal.status === "withdrawn")
    return { kind: "conflict", message: "the proposal was withdrawn: it is not scored" };
  const keys = rfp.document.criteria.map((c) => c.key);
  const problems: JsonProblem[] = [];
  scores.forEach((s, i) => {
    const at = `$.scores[${i}]`;
    if (s.criterion === PRICE_CRITERION)
      problems.push({
        path: `${at}.criterion`,
        code: "scored-from-prices",
        message: `the ${PRICE_CRITERION} criterion is scored from the proposals' prices: ${MAX_POINTS} x lowest / price`,
      });
    else if (!keys.includes(s.criterion))
      problems.push({
        path: `${at}.criterion`,
        code: "unknown-criterion",
        message: `the RFP has no criterion ${s.criterion} (its criteria: ${keys.join(", ")})`,
      });
    if (scores.findIndex((o) => o.criterion === s.criterion) !== i)
      problems.push({
        path: `${at}.criterion`,
        code: "duplicate",
        message: `${s.criterion} is scored twice`,
      });
  });
  if (problems.length > 0) return { kind: "invalid", problems };
  for (const s of scores)
    await tx.query(
      `INSERT INTO proposal_scores (district_id, rfp_id, proposal_id, criterion_key, points, comment, scored_by, scored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (district_id, rfp_id, proposal_id, criterion_key)
       DO UPDATE SET points = EXCLUDED.points, comment = EXCLUDED.comment,
                     scored_by = EXCLUDED.scored_by, scored_at = EXCLUDED.scored_at`,
      [
        target.districtId,
        target.rfpId,
        target.proposalId,
        s.criterion,
        s.points,
        s.comment,
        actorName(target.actor),
        storedTime(target.at),
      ],
    );
  await appendAudit(
    tx,
    actorAudit(
      target.actor,
      "proposal.score",
      { type: "proposal", id: target.proposalId },
      {
        rfp: `${target.districtId}/${target.rfpId}`,
        criteria: scores.map((s) => s.criterion),
      },
    ),
    target.at,
  );
  const evaluation = await evaluateProposals(tx, target.districtId, target.rfpId);
  if (evaluation === null) throw new Error("the RFP vanished inside its scoring");
  return { kind: "scored", evaluation };
}

/** Every proposal to the RFP with its scores (the district's view); null when the RFP is not seen. */
export async function evaluateProposals(
  tx: SqlRunner,
  districtId: string,
  rfpId: string,
): Promise<Evaluation | null> {
  const rfp = await readRfp(tx, districtId, rfpId);
  if (rfp === null) return null;
  const proposals = await listProposals(tx, districtId, rfpId);
  const scores = await listScores(tx, districtId, rfpId);
  const running = proposals.filter((p) => p.status !== "withdrawn");
  const lowest = lowestPrice(running.map((p) => p.priceCents));
  const criteria = rfp.document.criteria;
  return {
    rfp,
    lowestPriceCents: lowest,
    proposals: proposals.map((proposal) => {
      const own = scores.filter((s) => s.proposalId === proposal.proposalId);
      const points = new Map(own.map((s) => [s.criterionKey, s.points]));
      const price =
        lowest === null || proposal.status === "withdrawn" ? null : pricePoints(proposal.priceCents, lowest);
      return { proposal, score: scoreProposal(criteria, points, price), comments: own };
    }),
  };
}

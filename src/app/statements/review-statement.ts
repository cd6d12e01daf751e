/**
 * Use case: a party approves or disputes a statement. The statement never changes; the
 * review is a row of its own, in the reviewing organization's name. When the district
 * approves a final statement, the contract is settled (markContractSettled) and what the
 * contract will not pay is released back to its funding sources (release-at-settlement.ts).
 *
 * A statement that a later run replaced is not reviewed: the review would be of figures
 * that no longer stand.
 */
import type { SqlRunner } from "../ports/db.js";
import type { Actor } from "../auth/actor.js";
import { appendAudit } from "../audit-log.js";
import { storedTime } from "../ports/clock.js";
import { actorName } from "../contracts/contract-change.js";
import { markContractSettled } from "../contracts/move-contract-stage.js";
import { releaseUnearnedEncumbrance } from "../budget/release-at-settlement.js";
import {
  readStatement,
  statementReviews,
  type StatementReview,
  type StatementRow,
} from "./read-statements.js";

export interface ReviewRequest {
  readonly districtId: string;
  readonly contractId: string;
  readonly statementId: bigint;
  readonly action: "approve" | "dispute";
  /** Required for a dispute (the migration checks it too). */
  readonly comment: string | null;
}

export type ReviewResult =
  | { readonly kind: "not-found" }
  | { readonly kind: "superseded"; readonly by: bigint }
  | {
      readonly kind: "reviewed";
      readonly review: StatementReview;
      /** Whether this approval moved the contract from active to settled. */
      readonly contractSettled: boolean;
      readonly statement: StatementRow;
    };

/** Inserts the review as the next number; a concurrent review taking that number makes it try the next. */
async function insertReview(tx: SqlRunner, request: ReviewRequest, actor: Actor, at: Date): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [row] = await tx.query<{ review_no: number }>(
      `INSERT INTO statement_reviews (district_id, statement_id, review_no, action, comment, organization_id,
                                      reviewed_by, reviewed_at)
       SELECT $1, $2, coalesce(max(review_no), 0) + 1, $3, $4, $5, $6, $7
         FROM statement_reviews WHERE district_id = $1 AND statement_id = $2
       ON CONFLICT DO NOTHING RETURNING review_no`,
      [
        request.districtId,
        request.statementId,
        request.action,
        request.comment,
        actor.organizationId,
        actorName(actor),
        storedTime(at),
      ],
    );
    if (row !== undefined) return row.review_no;
  }
  throw new Error(`statement ${request.statementId}: could not number a review after 20 attempts`);
}

export async function reviewStatement(
  tx: SqlRunner,
  request: ReviewRequest,
  context: { readonly actor: Actor; readonly at: Date },
): Promise<ReviewResult> {
  const { districtId, contractId, statementId } = request;
  const found = await readStatement(tx, districtId, contractId, statementId);
  if (found === null) return { kind: "not-found" };
  if (found.supersededByStatementId !== null)
    return { kind: "superseded", by: found.supersededByStatementId };
  const reviewNo = await insertReview(tx, request, context.actor, context.at);
  let contractSettled = false;
  if (request.action === "approve" && found.kind === "final" && context.actor.orgKind === "district") {
    const moved = await markContractSettled(tx, districtId, contractId);
    contractSettled = moved.kind === "settled";
    await releaseUnearnedEncumbrance(tx, { districtId, contractId, statementId }, context);
  }
  await appendAudit(
    tx,
    {
      actorUserId: context.actor.userId,
      actorTokenId: context.actor.tokenId,
      organizationId: context.actor.organizationId,
      districtId,
      action: `statement.${request.action}`,
      objectType: "statement",
      objectId: statementId.toString(),
      // The comment is free text and may name people: only its length is logged.
      detail: {
        districtId,
        contractId,
        reviewNo,
        kind: found.kind,
        commentLength: request.comment?.length ?? 0,
        contractSettled,
      },
    },
    context.at,
  );
  const statement = await readStatement(tx, districtId, contractId, statementId);
  if (statement === null) throw new Error(`statement ${statementId} vanished inside its review`);
  const review: StatementReview = {
    reviewNo,
    action: request.action,
    comment: request.comment,
    organizationId: context.actor.organizationId,
    reviewedBy: actorName(context.actor),
    reviewedByName:
      (await statementReviews(tx, districtId, statementId)).find((r) => r.reviewNo === reviewNo)
        ?.reviewedByName ?? null,
    reviewedAt: storedTime(context.at),
  };
  return { kind: "reviewed", review, contractSettled, statement };
}

/**
 * Use cases: the district edits a draft RFP's document, publishes it (vendors then see it
 * and may propose until it closes), and closes it for proposals. Each change locks the
 * RFP row, bumps its revision and is audited in the same transaction.
 *
 * The document is edited only as a draft: once published, vendors have read it. Publishing
 * needs a due date on or after the day of publishing, or none. An edit of the document
 * names the revision it was made on; one made on a stale read is refused, never merged.
 */
import type { SqlRunner } from "../ports/db.js";
import { storedTime, utcDay } from "../ports/clock.js";
import type { Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { appendAudit } from "../audit-log.js";
import type { JsonProblem } from "../../core/problem.js";
import { parseRfpDocument } from "../../core/rfp/rfp-document.js";
import { readRfp, type RfpRow } from "./rfp-rows.js";

export interface RfpTarget {
  readonly actor: Actor;
  readonly at: Date;
  readonly districtId: string;
  readonly rfpId: string;
  /**
   * The revision the caller read (If-Match): a change on any other is refused as stale;
   * null when the caller named none of this RFP's revisions. Absent: not checked.
   */
  readonly ifRevision?: number | null;
}

export type RfpChangeResult =
  | { readonly kind: "changed"; readonly rfp: RfpRow }
  | { readonly kind: "not-found" }
  | { readonly kind: "stale"; readonly revision: number }
  | { readonly kind: "conflict"; readonly message: string }
  | { readonly kind: "invalid"; readonly problems: readonly JsonProblem[] };

async function change(
  tx: SqlRunner,
  target: RfpTarget,
  apply: (rfp: RfpRow) => Promise<RfpChangeResult | { action: string; detail: Record<string, unknown> }>,
): Promise<RfpChangeResult> {
  if (target.actor.orgKind !== "district") return { kind: "not-found" };
  const rfp = await readRfp(tx, target.districtId, target.rfpId, true);
  if (rfp === null) return { kind: "not-found" };
  if (target.ifRevision !== undefined && target.ifRevision !== rfp.revision)
    return { kind: "stale", revision: rfp.revision };
  const made = await apply(rfp);
  if ("kind" in made) return made;
  await tx.query("UPDATE rfps SET revision = revision + 1 WHERE district_id = $1 AND rfp_id = $2", [
    target.districtId,
    target.rfpId,
  ]);
  await appendAudit(
    tx,
    actorAudit(
      target.actor,
      made.action,
      { type: "rfp", id: `${target.districtId}/${target.rfpId}` },
      made.detail,
    ),
    target.at,
  );
  const after = await readRfp(tx, target.districtId, target.rfpId);
  if (after === null) throw new Error(`RFP ${target.districtId}/${target.rfpId} vanished inside its change`);
  return { kind: "changed", rfp: after };
}

/** Replaces a draft RFP's document with `document` (accord-rfp/1), checked first. */
export function replaceRfpDocument(
  tx: SqlRunner,
  target: RfpTarget,
  document: unknown,
): Promise<RfpChangeResult> {
  return change(tx, target, async (rfp) => {
    if (rfp.status !== "draft")
      return { kind: "conflict", message: `the RFP is ${rfp.status}: only a draft's document is edited` };
    const parsed = parseRfpDocument(document);
    if (!parsed.ok)
      return {
        kind: "invalid",
        problems: parsed.problems.map((p) => ({ ...p, path: `$.document${p.path.slice(1)}` })),
      };
    await tx.query(
      `UPDATE rfps SET document = $3::jsonb, title = $4, proposals_due_on = $5 WHERE district_id = $1 AND rfp_id = $2`,
      [
        target.districtId,
        target.rfpId,
        JSON.stringify(parsed.document),
        parsed.document.title,
        parsed.document.proposalsDueOn,
      ],
    );
    return { action: "rfp.update", detail: { revision: rfp.revision + 1 } };
  });
}

export function publishRfp(tx: SqlRunner, target: RfpTarget): Promise<RfpChangeResult> {
  return change(tx, target, async (rfp) => {
    if (rfp.status !== "draft") return { kind: "conflict", message: `the RFP is already ${rfp.status}` };
    const today = utcDay(target.at);
    if (rfp.proposalsDueOn !== null && rfp.proposalsDueOn < today)
      return {
        kind: "conflict",
        message: `proposals were due on ${rfp.proposalsDueOn}: set a later due date before publishing`,
      };
    await tx.query(
      `UPDATE rfps SET status = 'published', published_at = $3 WHERE district_id = $1 AND rfp_id = $2`,
      [target.districtId, target.rfpId, storedTime(target.at)],
    );
    return { action: "rfp.publish", detail: { proposalsDueOn: rfp.proposalsDueOn } };
  });
}

export function closeRfp(tx: SqlRunner, target: RfpTarget): Promise<RfpChangeResult> {
  return change(tx, target, async (rfp) => {
    if (rfp.status !== "published")
      return { kind: "conflict", message: `the RFP is ${rfp.status}: only a published RFP is closed` };
    await tx.query(
      `UPDATE rfps SET status = 'closed', closed_at = $3 WHERE district_id = $1 AND rfp_id = $2`,
      [target.districtId, target.rfpId, storedTime(target.at)],
    );
    return { action: "rfp.close", detail: {} };
  });
}

/**
 * If-Match on edits of records that count their revisions (RFPs, proposals): the header
 * is required (428 without it) and names the revision the client read; the use case
 * refuses a stale one (412). Contracts, RFPs and proposals follow it.
 */
import { z } from "@hono/zod-openapi";
import { ApiProblem } from "./problem.js";

export function ifMatchHeaders(what: string, example = '"rfp-1-r3"') {
  return z.object({
    "if-match": z
      .string()
      .max(300)
      .optional()
      .openapi({
        param: { name: "if-match", in: "header" },
        description: `The ETag of the ${what} as read (required: 428 without it, 412 when stale)`,
        example,
      }),
  });
}

/**
 * The revision an If-Match names for the record `id`; null when it names none of its
 * revisions (the change is then refused as stale). A missing header, or `*`, is refused:
 * `*` would let a change through whatever the client read.
 */
export function ifMatchRevision(header: string | undefined, id: string, what: string): number | null {
  if (header === undefined || header.trim() === "" || header.trim() === "*")
    throw new ApiProblem(
      "precondition-required",
      `send If-Match with the ETag of the ${what} as you read it (GET the ${what})`,
    );
  for (const tag of header.split(",")) {
    const match = /^(?:W\/)?"(.+)-r([1-9]\d{0,8})"$/.exec(tag.trim());
    if (match?.[1] === id && match[2] !== undefined) return Number(match[2]);
  }
  return null;
}

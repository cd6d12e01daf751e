/** Schemas shared by several routes: problems, pagination, ids, money. */
import { z } from "@hono/zod-openapi";
import { ProblemSchema } from "./problem.js";

export const ID = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "an id of letters, digits, '.', '_' and '-'");

/** Money in JSON: a decimal string of dollars with exactly two decimals ("1234.50", "-3.00"). */
export const Money = z
  .string()
  .regex(/^-?\d+\.\d\d$/)
  .openapi({ example: "1234.50" });

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/)
  .openapi({ example: "2025-06-30" });

export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: "limit", in: "query" } }),
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" } }),
});

/** Problem responses a route can give, for its OpenAPI `responses`. */
export function problems(
  ...statuses: readonly (400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429)[]
) {
  const out: Record<
    number,
    { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }
  > = {};
  for (const status of statuses)
    out[status] = {
      description: "A problem document",
      content: { "application/problem+json": { schema: ProblemSchema } },
    };
  return out;
}

/** An opaque cursor over a sort key. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined, parts: number): string[] | null {
  if (cursor === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === parts && key.every((k) => typeof k === "string"))
      return key as string[];
  } catch {
    // fall through: a cursor that does not decode is a bad request
  }
  return null;
}

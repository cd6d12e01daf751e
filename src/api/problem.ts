/**
 * Errors as RFC 9457 problem documents (`application/problem+json`) with a stable `code`.
 * The status of each code is fixed here, so clients can rely on either. Validation
 * problems list each problem with the JSON path of the value at fault.
 */
import { z } from "@hono/zod-openapi";

export const PROBLEM_STATUS = {
  "invalid-request": 400,
  "invalid-json": 400,
  "invalid-terms": 400,
  "invalid-file": 400,
  "invalid-data": 400,
  unauthenticated: 401,
  "second-factor-required": 401,
  forbidden: 403,
  "csrf-token-invalid": 403,
  "not-found": 404,
  conflict: 409,
  "stage-conflict": 409,
  "precondition-failed": 412,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  "idempotency-key-reused": 422,
  "precondition-required": 428,
  "too-many-requests": 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

export interface ProblemDetail {
  /** JSON path of the value at fault (`$.body.terms.period.end`), or a file place (`line 3, column 2`). */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    problems: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

export type ProblemDocument = z.infer<typeof ProblemSchema>;

/** An expected failure of a request; the error handler turns it into a problem document. */
export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly problems: readonly ProblemDetail[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.status = PROBLEM_STATUS[code];
  }
}

const TITLES: Record<ProblemCode, string> = {
  "invalid-request": "The request is not valid",
  "invalid-json": "The body is not valid JSON",
  "invalid-terms": "The terms are not valid",
  "invalid-file": "The file cannot be read",
  "invalid-data": "The stored data cannot be settled",
  unauthenticated: "Sign in first",
  "second-factor-required": "Give the code of your authenticator app",
  forbidden: "Your role does not allow this",
  "csrf-token-invalid": "The request did not carry this session's CSRF token",
  "not-found": "Not found",
  conflict: "Conflict",
  "stage-conflict": "Not possible at the contract's stage",
  "precondition-failed": "The resource changed since you read it",
  "payload-too-large": "The body is too large",
  "unsupported-media-type": "Unsupported media type",
  "idempotency-key-reused": "The Idempotency-Key was used with a different request",
  "precondition-required": "Send If-Match with the ETag you read",
  "too-many-requests": "Too many requests",
  internal: "Internal error",
  unavailable: "Unavailable",
};

export function problemDocument(
  code: ProblemCode,
  detail: string,
  problems: readonly ProblemDetail[] = [],
): ProblemDocument {
  return {
    type: `/api/problems#${code}`,
    title: TITLES[code],
    status: PROBLEM_STATUS[code],
    code,
    detail,
    ...(problems.length > 0 ? { problems: [...problems] } : {}),
  };
}

export function problemResponse(
  code: ProblemCode,
  detail: string,
  problems: readonly ProblemDetail[] = [],
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(problemDocument(code, detail, problems)), {
    status: PROBLEM_STATUS[code],
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** `$.body.a[0].b` from a zod issue path under the part of the request it came from. */
export function jsonPath(root: string, path: readonly PropertyKey[]): string {
  let out = `$.${root}`;
  for (const key of path)
    out +=
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `.${String(key)}`
          : `[${JSON.stringify(String(key))}]`;
  return out;
}

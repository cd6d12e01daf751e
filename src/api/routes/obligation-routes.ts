/**
 * A contract's obligations: each with its recorded status and evidence files; district
 * staff set a manual obligation's status; evidence files are uploaded as the raw body
 * (at most 20 MB) and downloaded as attachments.
 *
 * Each obligation also carries its plan (owner and due date: the period's end unless
 * set) and its status history, newest first; `daysLeft` counts from today (UTC) to the
 * due date for an obligation not met yet (negative: overdue).
 *
 * Uploading evidence and setting a plan are declared with write:sessions, the capability
 * that both the district's data writers and vendor users hold; the use cases then narrow
 * it: write:data for any obligation, a vendor for its own obligations only (and, for a
 * plan, only the owner).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { ID, problems } from "../schemas.js";
import { actorScope } from "../../app/auth/actor.js";
import { actAs } from "../../app/act-as.js";
import {
  readObligations,
  type EvidenceFile,
  type ObligationView,
} from "../../app/obligations/read-obligations.js";
import { setObligationStatus } from "../../app/obligations/set-obligation-status.js";
import { setObligationPlan } from "../../app/obligations/set-obligation-plan.js";
import type { StatusHistoryEntry } from "../../app/obligations/obligation-history.js";
import { utcDay } from "../../app/ports/clock.js";
import { daysBetween, parseIsoDate, type IsoDate } from "../../core/date.js";
import {
  MAX_EVIDENCE_BYTES,
  addEvidence,
  downloadEvidence,
} from "../../app/obligations/obligation-evidence.js";

const ContractParams = z.object({
  districtId: ID.openapi({ param: { name: "districtId", in: "path" } }),
  contractId: ID.openapi({ param: { name: "contractId", in: "path" } }),
});
const ObligationParams = ContractParams.extend({
  obligationId: ID.openapi({ param: { name: "obligationId", in: "path" } }),
});
const EvidenceParams = ObligationParams.extend({
  evidenceId: z
    .string()
    .regex(/^\d{1,18}$/, "an evidence number")
    .openapi({ param: { name: "evidenceId", in: "path" } }),
});

const EvidenceFileSchema = z
  .object({
    evidenceId: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string(),
    uploadedAt: z.string(),
  })
  .openapi("EvidenceFile");

const HistoryEntrySchema = z
  .object({
    entryId: z.string(),
    status: z.enum(["met", "notMet"]),
    evidence: z.string().nullable(),
    source: z.enum(["manual", "import"]).openapi({
      description: "manual: set through the API; import: a row of an obligations file (batchId)",
    }),
    batchId: z.string(),
    recordedBy: z.string(),
    recordedByName: z.string().nullable(),
    recordedAt: z.string(),
  })
  .openapi("ObligationStatusHistoryEntry");

const OwnerSchema = z.object({ name: z.string(), email: z.string().nullable() }).openapi("ObligationOwner");

const ObligationSchema = z
  .object({
    obligationId: z.string(),
    party: z.enum(["district", "vendor"]),
    description: z.string(),
    measure: z.object({
      kind: z.enum(["enrolledStudents", "servedStudents", "manual"]),
      min: z.number().int().nullable(),
    }),
    consequence: z.object({
      kind: z.enum(["payFull", "reduceOutcomePercent", "none"]),
      percent: z.string().nullable(),
    }),
    status: z.enum(["met", "notMet"]).nullable().openapi({
      description: "As recorded; a measured obligation's status is computed at settlement",
    }),
    evidence: z.string().nullable(),
    statusBatchId: z.string().nullable(),
    evidenceFiles: z.array(EvidenceFileSchema),
    owner: OwnerSchema.nullable(),
    dueOn: z.string().openapi({ description: "The due date set, else the period's end" }),
    dueOnSource: z.enum(["plan", "periodEnd"]),
    daysLeft: z.number().int().nullable().openapi({
      description: "Days from today to dueOn (negative: overdue); null once the obligation is met",
    }),
    history: z.array(HistoryEntrySchema).openapi({ description: "Every status recorded, newest first" }),
  })
  .openapi("Obligation");

const CalendarDay = z
  .string()
  .refine((s) => parseIsoDate(s) !== null, "a real calendar day as YYYY-MM-DD")
  .transform((s) => s as IsoDate)
  .openapi({ example: "2025-03-31", type: "string", format: "date" });

const PlanBody = z
  .strictObject({
    owner: z
      .strictObject({
        name: z
          .string()
          .trim()
          .min(1, "a name")
          .max(200)
          .regex(/^[^\p{Cc}]*$/u, "a name without control characters"),
        email: z.email("an e-mail address").max(254).nullable().default(null),
      })
      .nullable()
      .openapi({ description: "Who answers for the obligation; null for nobody named" }),
    dueOn: CalendarDay.nullable().openapi({
      description: "A day within the contract period; null for the period's end",
    }),
  })
  .openapi("ObligationPlanChange");

const StatusBody = z
  .strictObject({
    status: z.enum(["met", "notMet"]),
    evidence: z.string().min(1).max(2000).optional(),
  })
  .openapi("ObligationStatusChange");

const planRoute = createRoute({
  method: "put",
  path: "/api/districts/{districtId}/contracts/{contractId}/obligations/{obligationId}/plan",
  operationId: "setObligationPlan",
  tags: ["Obligations"],
  summary: "Set an obligation's owner and due date (district staff; a vendor the owner of its own)",
  request: {
    params: ObligationParams,
    body: { required: true, content: { "application/json": { schema: PlanBody } } },
  },
  responses: {
    200: { description: "The obligation", content: { "application/json": { schema: ObligationSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const FileNameQuery = z.object({
  fileName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^(?!\.)[^\\/\p{Cc}"]+$/u, "a file name without folders or quotes")
    .openapi({ param: { name: "fileName", in: "query" }, example: "tutor-roster.pdf" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/contracts/{contractId}/obligations",
  operationId: "listObligations",
  tags: ["Obligations"],
  summary: "Both parties' obligations of the current terms, with status and evidence files",
  request: { params: ContractParams },
  responses: {
    200: {
      description: "The obligations",
      content: {
        "application/json": {
          schema: z
            .object({ termsVersion: z.number().int(), items: z.array(ObligationSchema) })
            .openapi("ObligationList"),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const setRoute = createRoute({
  method: "put",
  path: "/api/districts/{districtId}/contracts/{contractId}/obligations/{obligationId}",
  operationId: "setObligationStatus",
  tags: ["Obligations"],
  summary: "Record a manual obligation's status (district staff)",
  request: {
    params: ObligationParams,
    body: { required: true, content: { "application/json": { schema: StatusBody } } },
  },
  responses: {
    200: { description: "The obligation", content: { "application/json": { schema: ObligationSchema } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

const uploadRoute = createRoute({
  method: "post",
  path: "/api/districts/{districtId}/contracts/{contractId}/obligations/{obligationId}/evidence",
  operationId: "uploadObligationEvidence",
  tags: ["Obligations"],
  summary: "Attach an evidence file (the raw body, at most 20 MB; its Content-Type is kept)",
  request: {
    params: ObligationParams,
    query: FileNameQuery,
    body: { required: true, content: { "*/*": { schema: { type: "string", format: "binary" } } } },
  },
  responses: {
    201: { description: "The file", content: { "application/json": { schema: EvidenceFileSchema } } },
    ...problems(400, 401, 403, 404, 413),
  },
});

const downloadRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/contracts/{contractId}/obligations/{obligationId}/evidence/{evidenceId}",
  operationId: "downloadObligationEvidence",
  tags: ["Obligations"],
  summary: "Download an evidence file (as an attachment)",
  request: { params: EvidenceParams },
  responses: {
    200: { description: "The file", content: { "*/*": { schema: { type: "string", format: "binary" } } } },
    ...problems(400, 401, 403, 404),
  },
});

const fileJson = (f: EvidenceFile) => ({ ...f, evidenceId: String(f.evidenceId) });
const historyJson = (h: StatusHistoryEntry) => ({
  ...h,
  entryId: String(h.entryId),
  batchId: String(h.batchId),
});
const obligationJson = (o: ObligationView, today: IsoDate) => ({
  ...o,
  statusBatchId: o.statusBatchId === null ? null : String(o.statusBatchId),
  evidenceFiles: o.evidenceFiles.map(fileJson),
  daysLeft: o.status === "met" ? null : daysBetween(today, o.dueOn),
  history: o.history.map(historyJson),
});

/** A media type as declared (`type/subtype`, parameters dropped), else application/octet-stream. */
function mediaType(contentType: string | undefined): string {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(essence)
    ? essence
    : "application/octet-stream";
}

/** The body, at most `maxBytes` (null past it: the rest is not read). */
async function readBody(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Buffer | null> {
  if (stream === null) return Buffer.alloc(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) return Buffer.concat(chunks, size);
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(next.value);
  }
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerObligationRoutes(routes: Routes): void {
  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId } = c.req.valid("param");
    const found = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      readObligations(tx, districtId, contractId),
    );
    if (found === null)
      throw new ApiProblem("not-found", `no contract ${contractId} in district ${districtId}`);
    const today = utcDay(c.get("deps").clock.now());
    return c.json(
      { termsVersion: found.termsVersion, items: found.obligations.map((o) => obligationJson(o, today)) },
      200,
    );
  });

  routes.add(setRoute, needs("write:data"), async (c) => {
    const { districtId, contractId, obligationId } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = c.get("actor");
    const deps = c.get("deps");
    const result = await actAs(deps.db, actorScope(actor), (tx) =>
      setObligationStatus(tx, {
        actor,
        at: deps.clock.now(),
        districtId,
        contractId,
        obligationId,
        status: body.status,
        evidence: body.evidence ?? null,
      }),
    );
    if (result.kind === "not-found")
      throw new ApiProblem("not-found", `no obligation ${obligationId} of contract ${contractId}`);
    if (result.kind === "measured")
      throw new ApiProblem(
        "conflict",
        `obligation ${obligationId} is measured (${result.measure}): settlement computes its status`,
      );
    return c.json(obligationJson(result.obligation, utcDay(deps.clock.now())), 200);
  });

  routes.add(planRoute, needs("write:sessions"), async (c) => {
    const { districtId, contractId, obligationId } = c.req.valid("param");
    const body = c.req.valid("json");
    const actor = c.get("actor");
    const deps = c.get("deps");
    const result = await actAs(deps.db, actorScope(actor), (tx) =>
      setObligationPlan(tx, {
        actor,
        at: deps.clock.now(),
        districtId,
        contractId,
        obligationId,
        owner: body.owner,
        dueOn: body.dueOn,
      }),
    );
    if (result.kind === "not-found")
      throw new ApiProblem("not-found", `no obligation ${obligationId} of contract ${contractId}`);
    if (result.kind === "forbidden") throw new ApiProblem("forbidden", result.reason);
    if (result.kind === "invalid")
      throw new ApiProblem("invalid-request", "the plan does not fit the contract", [...result.problems]);
    return c.json(obligationJson(result.obligation, utcDay(deps.clock.now())), 200);
  });

  routes.add(uploadRoute, needs("write:sessions"), async (c) => {
    const { districtId, contractId, obligationId } = c.req.valid("param");
    const { fileName } = c.req.valid("query");
    const content = await readBody(c.req.raw.body, MAX_EVIDENCE_BYTES);
    if (content === null)
      throw new ApiProblem("payload-too-large", `an evidence file is at most ${MAX_EVIDENCE_BYTES} bytes`);
    const actor = c.get("actor");
    const deps = c.get("deps");
    const result = await actAs(deps.db, actorScope(actor), (tx) =>
      addEvidence(tx, {
        actor,
        at: deps.clock.now(),
        districtId,
        contractId,
        obligationId,
        fileName,
        mediaType: mediaType(c.req.header("content-type")),
        content,
      }),
    );
    if (result.kind === "not-found")
      throw new ApiProblem("not-found", `no obligation ${obligationId} of contract ${contractId}`);
    if (result.kind === "forbidden")
      throw new ApiProblem("forbidden", "a vendor adds evidence to its own obligations only");
    return c.json(fileJson(result.file), 201);
  });

  routes.add(downloadRoute, needs("read:contracts"), async (c) => {
    const { districtId, contractId, obligationId, evidenceId } = c.req.valid("param");
    const actor = c.get("actor");
    const deps = c.get("deps");
    const found = await actAs(deps.db, actorScope(actor), (tx) =>
      downloadEvidence(tx, {
        actor,
        at: deps.clock.now(),
        districtId,
        contractId,
        obligationId,
        evidenceId: BigInt(evidenceId),
      }),
    );
    if (found === null)
      throw new ApiProblem("not-found", `no evidence file ${evidenceId} of ${obligationId}`);
    return c.body(new Uint8Array(found.content), 200, {
      "content-type": found.file.mediaType,
      "content-disposition": attachment(found.file.fileName),
      // Never rendered in the API's origin, whatever its type says.
      "content-security-policy": "sandbox",
      "x-content-sha256": found.file.sha256,
    });
  });
}

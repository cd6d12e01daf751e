/**
 * Data imports over HTTP: a file uploaded as the raw request body (streamed to a private
 * temporary file, never held whole) and imported as `accord import` imports it, as the
 * acting organization; the progress of an import while it runs; a district's batches;
 * a batch's rejected rows, as JSON and as the CSV to fix and import again.
 *
 * Uploading needs write:sessions (district staff and vendors hold it); a vendor, which
 * lacks write:data, may import only its session logs. Progress is kept in this
 * process's memory (see upload-progress.ts): poll the process that runs the upload.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem, type ProblemDetail } from "../problem.js";
import {
  IdempotencyHeaders,
  asRouteResponse,
  idempotencyKey,
  runIdempotent,
  transactionDb,
} from "../idempotency.js";
import { ID, PageQuery, decodeCursor, encodeCursor, problems } from "../schemas.js";
import { actorScope } from "../../app/auth/actor.js";
import { actAs } from "../../app/act-as.js";
import type { UploadKind } from "../../app/ports/import-files.js";
import { importReceived, receiveUpload, type Refusal } from "../../app/imports/import-upload.js";
import { listBatches } from "../../app/imports/list-batches.js";
import { copyUnderRls } from "../../app/imports/copy-under-rls.js";
import { readRejectPage } from "../../app/imports/read-rejects.js";
import { exportRejects } from "../../app/imports/export-rejects.js";
import { seesDistrict } from "../../app/students/sees-district.js";
import { can } from "../../app/auth/roles.js";
import { csvCell } from "../../shared/statement-csv.js";
import { UploadProgressRegistry, type UploadProgress } from "../../app/imports/upload-progress.js";
import { FILE_FORMAT_IDS, type ImportFormatId } from "../../core/import/import-formats.js";
import type { RowProblem } from "../../core/problem.js";
import { registerStudentRoutes } from "./student-routes.js";
import { registerObligationRoutes } from "./obligation-routes.js";

export const DistrictParams = z.object({
  districtId: ID.openapi({ param: { name: "districtId", in: "path" } }),
});

const UploadQuery = z.object({
  fileName: z
    .string()
    .min(1)
    .max(120)
    .regex(/^(?!\.)[^\\/\p{Cc}]+$/u, "a file name without folders")
    .openapi({ param: { name: "fileName", in: "query" }, example: "students.csv" }),
  format: z
    .enum(FILE_FORMAT_IDS as unknown as [ImportFormatId, ...ImportFormatId[]])
    .optional()
    .openapi({ param: { name: "format", in: "query" }, description: "Told from the file when not given" }),
  contract: ID.optional().openapi({
    param: { name: "contract", in: "query" },
    description: "The contract of rows that name none (DATAS sessions, Ed-Fi attendance events)",
  }),
  upload: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: "upload", in: "query" }, description: "An id to poll progress by" }),
});

const ImportResultSchema = z
  .object({
    batchId: z.string(),
    format: z.string(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    unchanged: z.number().int(),
    replaced: z.number().int(),
    alreadyImported: z.boolean().openapi({ description: "The district had this file: its batch's counts" }),
  })
  .openapi("ImportResult");

const ProgressSchema = z
  .object({
    phase: z.enum(["receiving", "importing"]),
    rowsRead: z.number().int(),
    bytesRead: z.number().int(),
    totalBytes: z.number().int().nullable(),
  })
  .openapi("ImportProgress");

const BatchSchema = z
  .object({
    batchId: z.string(),
    fileName: z.string(),
    format: z.string(),
    importedAt: z.string(),
    importedBy: z.string(),
    importedByName: z
      .string()
      .nullable()
      .openapi({ description: "The importing user's display name; null when not a user" }),
    organizationId: z.string().nullable(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    unchanged: z.number().int(),
    replaced: z.number().int(),
  })
  .openapi("ImportBatch");

const RAW_BODY = { type: "string", format: "binary" } as const;

const uploadRoute = createRoute({
  method: "post",
  path: "/api/districts/{districtId}/imports",
  operationId: "importFile",
  tags: ["Imports"],
  summary: "Import one data file (the raw body) as one batch",
  description:
    "The body is the file: text/csv, application/json or application/x-ndjson (Ed-Fi), or " +
    "application/octet-stream (told by the file name's extension). A vendor imports only its " +
    "session logs (sessions, datas-sessions). The same file again is not imported twice " +
    "(alreadyImported). Rejected rows are kept with the batch (see its rejects).",
  request: {
    params: DistrictParams,
    query: UploadQuery,
    headers: IdempotencyHeaders,
    body: {
      required: true,
      content: {
        "text/csv": { schema: RAW_BODY },
        "application/json": { schema: RAW_BODY },
        "application/x-ndjson": { schema: RAW_BODY },
        "application/octet-stream": { schema: RAW_BODY },
      },
    },
  },
  responses: {
    201: { description: "The batch", content: { "application/json": { schema: ImportResultSchema } } },
    ...problems(400, 401, 403, 404, 409, 413, 415),
  },
});

const progressRoute = createRoute({
  method: "get",
  path: "/api/imports/progress/{uploadId}",
  operationId: "getImportProgress",
  tags: ["Imports"],
  summary: "Progress of an upload of this organization while it runs (kept per server process)",
  request: {
    params: z.object({
      uploadId: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: "uploadId", in: "path" } }),
    }),
  },
  responses: {
    200: { description: "Progress", content: { "application/json": { schema: ProgressSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/imports",
  operationId: "listImports",
  tags: ["Imports"],
  summary: "The district's import batches, newest first (a vendor sees its own)",
  request: { params: DistrictParams, query: PageQuery },
  responses: {
    200: {
      description: "A page of batches",
      content: {
        "application/json": {
          schema: z
            .object({ items: z.array(BatchSchema), nextCursor: z.string().nullable() })
            .openapi("ImportBatchPage"),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const CONTENT_KINDS: Readonly<Record<string, UploadKind | "by-name">> = {
  "text/csv": "csv",
  "application/json": "json",
  "application/x-ndjson": "json",
  "application/octet-stream": "by-name",
};

function uploadKind(contentType: string | undefined, fileName: string): UploadKind {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const kind = CONTENT_KINDS[essence];
  if (kind === undefined)
    throw new ApiProblem(
      "unsupported-media-type",
      `send the file as ${Object.keys(CONTENT_KINDS).join(", ")}; got ${essence === "" ? "none" : essence}`,
    );
  if (kind !== "by-name") return kind;
  return /\.(json|ndjson|jsonl)$/i.test(fileName) ? "json" : "csv";
}

/** The body as chunks, read as they arrive; an abandoned read cancels the rest. */
async function* bodyChunks(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (stream === null) return;
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      yield next.value;
    }
    done = true;
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

const place = (p: RowProblem): string => `line ${p.line}${p.column > 0 ? `, column ${p.column}` : ""}`;

function refuse(result: Refusal, fileName: string): never {
  switch (result.kind) {
    case "not-found":
      throw new ApiProblem("not-found", "no such district");
    case "forbidden":
      throw new ApiProblem(
        "forbidden",
        `a vendor imports only its session logs (sessions, datas-sessions); this file is ${result.format}`,
      );
    case "too-large":
      throw new ApiProblem("payload-too-large", `the file is larger than ${result.maxBytes} bytes`);
    case "contract-required":
      throw new ApiProblem("invalid-request", `the rows of a ${result.format} file name no contract`, [
        { path: "$.query.contract", code: "required", message: "give the contract of the file's rows" },
      ]);
    case "invalid": {
      const details: ProblemDetail[] = result.problems.map((p) => ({
        path: place(p),
        code: p.code,
        message: p.message,
      }));
      throw new ApiProblem("invalid-file", `${fileName} cannot be imported`, details);
    }
  }
}

export function registerImportRoutes(routes: Routes): void {
  // Per API instance, so per process (see the file's comment).
  const progress = new UploadProgressRegistry();

  routes.add(uploadRoute, needs("write:sessions"), async (c) => {
    const { districtId } = c.req.valid("param");
    const query = c.req.valid("query");
    idempotencyKey(c); // refused before the body is read
    const deps = c.get("deps");
    const actor = c.get("actor");
    const kind = uploadKind(c.req.header("content-type"), query.fileName);
    const length = Number.parseInt(c.req.header("content-length") ?? "", 10);
    const declaredBytes = Number.isSafeInteger(length) && length >= 0 ? length : null;
    const uploadId = query.upload ?? null;
    if (uploadId !== null && !progress.start(actor.organizationId, uploadId, declaredBytes))
      throw new ApiProblem("conflict", `an upload with id ${JSON.stringify(uploadId)} is running`);
    const request = {
      actor,
      districtId,
      fileName: query.fileName,
      kind,
      format: query.format ?? null,
      contractId: query.contract ?? null,
      body: bodyChunks(c.req.raw.body),
      maxBytes: deps.config.maxUploadBytes,
      declaredBytes,
      onProgress: (p: UploadProgress) => {
        if (uploadId !== null) progress.update(actor.organizationId, uploadId, p);
      },
    };
    try {
      const ready = await receiveUpload(deps, request);
      if (ready.kind !== "ready") refuse(ready, query.fileName);
      try {
        // The import joins the idempotency claim's transaction (run as the actor): both
        // commit, or neither does and a retry imports the file.
        const response = await runIdempotent(c, ready.requestSha256, async (tx) => {
          const db = transactionDb(deps.db.kind, copyUnderRls(tx, deps.db.kind));
          const result = await importReceived({ db, clock: deps.clock }, ready, request);
          if (result.kind === "invalid") refuse(result, query.fileName);
          const { batchId, format, accepted, rejected, unchanged, replaced, alreadyImported } = result;
          const body = {
            batchId: String(batchId),
            format,
            accepted,
            rejected,
            unchanged,
            replaced,
            alreadyImported,
          };
          return { status: 201, body };
        });
        return asRouteResponse(response);
      } finally {
        await ready.remove();
      }
    } finally {
      if (uploadId !== null) progress.finish(actor.organizationId, uploadId);
    }
  });

  routes.add(progressRoute, needs("write:sessions"), (c) => {
    const { uploadId } = c.req.valid("param");
    const found = progress.read(c.get("actor").organizationId, uploadId);
    if (found === null)
      throw new ApiProblem("not-found", "no upload of this organization runs under that id");
    return c.json({ ...found }, 200);
  });

  routes.add(listRoute, needs("read:contracts"), async (c) => {
    const { districtId } = c.req.valid("param");
    const query = c.req.valid("query");
    const after = decodeCursor(query.cursor, 1);
    if (query.cursor !== undefined && (after === null || !/^\d{1,18}$/.test(after[0] ?? "")))
      throw badCursor();
    const page = await actAs(c.get("deps").db, actorScope(c.get("actor")), async (tx) =>
      (await seesDistrict(tx, districtId))
        ? listBatches(tx, districtId, {
            before: after === null ? null : BigInt(after[0] ?? "0"),
            limit: query.limit,
          })
        : null,
    );
    if (page === null) throw new ApiProblem("not-found", `no district ${districtId}`);
    return c.json(
      {
        items: page.items.map((b) => ({ ...b, batchId: String(b.batchId) })),
        nextCursor: page.nextKey === null ? null : encodeCursor([String(page.nextKey)]),
      },
      200,
    );
  });

  registerRejectRoutes(routes);
  registerStudentRoutes(routes);
  registerObligationRoutes(routes);
}

const BatchParams = DistrictParams.extend({
  batchId: z
    .string()
    .regex(/^\d{1,18}$/, "a batch number")
    .openapi({ param: { name: "batchId", in: "path" } }),
});

const RejectSchema = z
  .object({
    line: z.number().int(),
    column: z.number().int().openapi({ description: "1-based; 0 when the problem is the whole row" }),
    columnName: z.string().nullable(),
    path: z.string().nullable().openapi({ description: "JSON path of the value (JSON sources)" }),
    code: z.string(),
    message: z.string(),
    record: z.unknown().optional().openapi({
      description: "The row as read (cells or JSON object); only for roles with read:students",
    }),
  })
  .openapi("ImportReject");

const rejectsRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/imports/{batchId}/rejects",
  operationId: "listImportRejects",
  tags: ["Imports"],
  summary: "A batch's rejected rows: where, code and message (and the row as read, with read:students)",
  request: { params: BatchParams, query: PageQuery },
  responses: {
    200: {
      description: "A page of rejects",
      content: {
        "application/json": {
          schema: z
            .object({ items: z.array(RejectSchema), nextCursor: z.string().nullable() })
            .openapi("ImportRejectPage"),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const rejectsCsvRoute = createRoute({
  method: "get",
  path: "/api/districts/{districtId}/imports/{batchId}/rejects.csv",
  operationId: "exportImportRejects",
  tags: ["Imports"],
  summary: "A batch's rejected rows in the file's own layout plus a reason column, to fix and re-import",
  request: { params: BatchParams },
  responses: {
    200: { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
    ...problems(400, 401, 403, 404),
  },
});

const badCursor = (): ApiProblem =>
  new ApiProblem("invalid-request", "the cursor is not one this API gave", [
    { path: "$.query.cursor", code: "invalid-cursor", message: "use nextCursor of the previous page" },
  ]);

function registerRejectRoutes(routes: Routes): void {
  routes.add(rejectsRoute, needs("read:contracts"), async (c) => {
    const { districtId, batchId } = c.req.valid("param");
    const query = c.req.valid("query");
    const key = decodeCursor(query.cursor, 2);
    if (query.cursor !== undefined && (key === null || !key.every((k) => /^\d{1,9}$/.test(k))))
      throw badCursor();
    const actor = c.get("actor");
    const deps = c.get("deps");
    const page = await actAs(deps.db, actorScope(actor), (tx) =>
      readRejectPage(tx, {
        actor,
        at: deps.clock.now(),
        districtId,
        batchId: BigInt(batchId),
        after: key === null ? null : [Number(key[0]), Number(key[1])],
        limit: query.limit,
        withRecords: can(actor.role, "read:students"),
      }),
    );
    if (page === null) throw new ApiProblem("not-found", `no batch ${batchId} in district ${districtId}`);
    return c.json(
      {
        items: page.items.map(({ rejectNo: _, ...r }) => r),
        nextCursor: page.nextKey === null ? null : encodeCursor(page.nextKey.map(String)),
      },
      200,
    );
  });

  routes.add(rejectsCsvRoute, needs("read:students"), async (c) => {
    const { districtId, batchId } = c.req.valid("param");
    const actor = c.get("actor");
    const deps = c.get("deps");
    const found = await actAs(deps.db, actorScope(actor), (tx) =>
      exportRejects(tx, { actor, at: deps.clock.now(), districtId, batchId: BigInt(batchId) }),
    );
    if (found === null) throw new ApiProblem("not-found", `no batch ${batchId} in district ${districtId}`);
    const text = found.table.map((row) => `${row.map(csvCell).join(",")}\n`).join("");
    return c.body(text, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="batch-${batchId}-rejects.csv"`,
    });
  });
}

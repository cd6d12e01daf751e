/**
 * A statement as files (CSV, XLSX, PDF) and the "why" of its waterfall lines. The files
 * hold per-student lines, so they need read:students (the roles that read statements)
 * and each download is audited as an export of the document; a party that does not see
 * the statement gets 404, as for the statement itself. File names carry the ids only.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { needs, type Routes } from "../define-route.js";
import { ApiProblem } from "../problem.js";
import { problems } from "../schemas.js";
import { attachmentResponse, fileAnswer } from "../attachment.js";
import { ContractParams } from "./contract-routes.js";
import { actAs } from "../../app/act-as.js";
import { actorScope } from "../../app/auth/actor.js";
import {
  readStatementExplanation,
  readStatementExport,
  type StatementExport,
} from "../../app/statements/read-statement-export.js";
import { statementDocumentsToCsv } from "../../shared/statement-csv.js";
import { statementFileName } from "../../adapters/documents/statement-file.js";
import { statementPdf } from "../../adapters/documents/statement-pdf.js";
import { statementXlsx } from "../../adapters/documents/statement-xlsx.js";

const StatementParams = ContractParams.extend({
  statementId: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, "a statement number")
    .openapi({ param: { name: "statementId", in: "path" } }),
});

const base = "/api/districts/{districtId}/contracts/{contractId}/statements/{statementId}";
const tags = ["Statements"];

interface Format {
  readonly extension: "csv" | "xlsx" | "pdf";
  readonly operationId: string;
  readonly contentType: string;
  readonly what: string;
  readonly write: (file: StatementExport) => Promise<Uint8Array | string>;
}

const FORMATS: readonly Format[] = [
  {
    extension: "csv",
    operationId: "exportStatementCsv",
    contentType: "text/csv; charset=utf-8",
    what: "The per-student lines as CSV (the columns `accord settle --csv` writes)",
    write: (file) => Promise.resolve(statementDocumentsToCsv([file.document])),
  },
  {
    extension: "xlsx",
    operationId: "exportStatementXlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    what: "A workbook: a Summary sheet (header, waterfall with reasons, metrics) and a Students sheet",
    write: statementXlsx,
  },
  {
    extension: "pdf",
    operationId: "exportStatementPdf",
    contentType: "application/pdf",
    what: "The statement for filing: header, approvals, waterfall with reasons, metrics, per-student annex (ids only)",
    write: statementPdf,
  },
];

function exportRoute(format: Format) {
  return createRoute({
    method: "get",
    path: `${base}/export.${format.extension}`,
    operationId: format.operationId,
    tags,
    summary: `${format.what} (an export: audited)`,
    request: { params: StatementParams },
    responses: {
      200: fileAnswer(format.contentType, `The ${format.extension.toUpperCase()} file, as an attachment`),
      ...problems(400, 401, 403, 404),
    },
  });
}

const WhySchema = z.object({ line: z.string(), text: z.string() }).openapi("StatementWhy");

const explanationRoute = createRoute({
  method: "get",
  path: `${base}/explanation`,
  operationId: "explainStatement",
  tags,
  summary: "The reason for each line of the statement's payment waterfall, from its terms version",
  request: { params: StatementParams },
  responses: {
    200: {
      description: "Reasons, each naming its waterfall line (base, metric:<id>, outcome-cap, reduction, ...)",
      content: {
        "application/json": {
          schema: z
            .object({ statementId: z.string(), why: z.array(WhySchema) })
            .openapi("StatementExplanation"),
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const notFound = (p: { statementId: string; contractId: string }) =>
  new ApiProblem("not-found", `no statement ${p.statementId} of contract ${p.contractId}`);

export function registerStatementExportRoutes(routes: Routes): void {
  for (const format of FORMATS)
    routes.add(exportRoute(format), needs("read:students"), async (c) => {
      const p = c.req.valid("param");
      const context = { actor: c.get("actor"), at: c.get("deps").clock.now() };
      const target = { ...p, statementId: BigInt(p.statementId) };
      const file = await actAs(c.get("deps").db, actorScope(context.actor), (tx) =>
        readStatementExport(tx, target, context),
      );
      if (file === null) throw notFound(p);
      const body = await format.write(file);
      return attachmentResponse(body, format.contentType, statementFileName(file, format.extension));
    });

  routes.add(explanationRoute, needs("read:contracts"), async (c) => {
    const p = c.req.valid("param");
    const target = { ...p, statementId: BigInt(p.statementId) };
    const why = await actAs(c.get("deps").db, actorScope(c.get("actor")), (tx) =>
      readStatementExplanation(tx, target),
    );
    if (why === null) throw notFound(p);
    return c.json({ statementId: p.statementId, why: [...why] }, 200);
  });
}

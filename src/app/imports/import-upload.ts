/**
 * Imports one uploaded file as the acting organization, in two steps:
 *
 * 1. `receiveUpload`: the body is kept as a private temporary file and planned as
 *    `accord import FILE` plans a file; a request the organization may not make, or a
 *    file that cannot be read at all, is refused here, before any store work.
 * 2. `importReceived`: `importSource` in the caller's transaction (the server's
 *    idempotency claim, run as the acting organization so row-level security applies
 *    to every statement): a vendor's session rows naming another vendor's contract are
 *    rejected as unknown, since it cannot see that contract. The batch is recorded in
 *    the organization's name with an audit entry (`import.create`) in the same transaction.
 *
 * A vendor (an actor without write:data) may import only session logs: the canonical
 * sessions file and DATAS sessions. A format given with the request is checked before
 * the body is read; a format told from the file, once the file is read. The caller
 * removes the file (`ReadyUpload.remove`) whatever happens.
 */
import { createHash } from "node:crypto";
import type { Db } from "../ports/db.js";
import type { Clock } from "../ports/clock.js";
import type { ImportFilesPort, UploadKind } from "../ports/import-files.js";
import type { ImportSource } from "../ports/import.js";
import type { RowProblem } from "../../core/problem.js";
import type { ImportFormatId } from "../../core/import/import-formats.js";
import { actorScope, type Actor } from "../auth/actor.js";
import { actorAudit } from "../auth/actor-audit.js";
import { can } from "../auth/roles.js";
import { actAs } from "../act-as.js";
import { appendAudit } from "../audit-log.js";
import { csvImportSource } from "../csv-import-source.js";
import { importSource } from "../import-batch.js";
import { seesDistrict } from "../students/sees-district.js";
import type { UploadProgress } from "./upload-progress.js";

/** What a vendor may import: its session logs. */
export const SESSION_LOG_FORMATS: readonly ImportFormatId[] = ["sessions", "datas-sessions"];

export interface UploadRequest {
  readonly actor: Actor;
  readonly districtId: string;
  readonly fileName: string;
  readonly kind: UploadKind;
  readonly format: ImportFormatId | null;
  readonly contractId: string | null;
  readonly body: AsyncIterable<Uint8Array>;
  readonly maxBytes: number;
  /** The body's declared length, for progress; null when not declared. */
  readonly declaredBytes: number | null;
  readonly onProgress?: (progress: UploadProgress) => void;
}

export interface ReadyUpload {
  readonly kind: "ready";
  readonly source: ImportSource;
  /** SHA-256 of the file with the request's file name, format and contract: what makes it this request. */
  readonly requestSha256: string;
  remove(): Promise<void>;
}

export type Refusal =
  | { readonly kind: "not-found" }
  | { readonly kind: "forbidden"; readonly format: string }
  | { readonly kind: "too-large"; readonly maxBytes: number }
  | { readonly kind: "contract-required"; readonly format: string }
  | { readonly kind: "invalid"; readonly problems: readonly RowProblem[] };

export async function receiveUpload(
  deps: { readonly db: Db; readonly importFiles: ImportFilesPort },
  request: UploadRequest,
): Promise<ReadyUpload | Refusal> {
  const { actor, districtId } = request;
  if (!(await actAs(deps.db, actorScope(actor), (tx) => seesDistrict(tx, districtId))))
    return { kind: "not-found" };
  const sessionsOnly = !can(actor.role, "write:data");
  if (sessionsOnly && request.format !== null && !SESSION_LOG_FORMATS.includes(request.format))
    return { kind: "forbidden", format: request.format };
  const received = await deps.importFiles.receive(request.body, {
    fileName: request.fileName,
    kind: request.kind,
    maxBytes: request.maxBytes,
    onBytes: (bytesRead) =>
      request.onProgress?.({ phase: "receiving", rowsRead: 0, bytesRead, totalBytes: request.declaredBytes }),
  });
  if (received.kind === "too-large") return received;
  const { file } = received;
  const refuse = async (refusal: Refusal): Promise<Refusal> => {
    await file.remove();
    return refusal;
  };
  try {
    const plan = await file.plan({ format: request.format, contractId: request.contractId });
    // A file whose format cannot be told goes on to the import, which says why.
    if (sessionsOnly && plan.format !== null && !SESSION_LOG_FORMATS.includes(plan.format))
      return await refuse({ kind: "forbidden", format: plan.format });
    if (plan.needsContract && request.contractId === null)
      return await refuse({ kind: "contract-required", format: plan.format ?? "" });
    const { input } = plan;
    if (input.kind === "invalid") return await refuse({ kind: "invalid", problems: input.problems });
    const identity = [file.sha256, request.fileName, request.format, request.contractId];
    return {
      kind: "ready",
      source:
        input.kind === "csv"
          ? csvImportSource(input.file, { format: input.format, contractId: request.contractId })
          : input.source,
      requestSha256: createHash("sha256").update(JSON.stringify(identity), "utf8").digest("hex"),
      remove: () => file.remove(),
    };
  } catch (error) {
    await file.remove();
    throw error;
  }
}

export interface UploadCounts {
  readonly kind: "imported";
  readonly batchId: bigint;
  readonly format: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
  /** True when the district already had this file (same SHA-256): the counts are that batch's. */
  readonly alreadyImported: boolean;
}

/** Imports the file through `db`, whose transactions run as the actor (scopedDb, or the caller's scoped transaction). */
export async function importReceived(
  deps: { readonly db: Db; readonly clock: Clock },
  upload: ReadyUpload,
  request: Pick<UploadRequest, "actor" | "districtId" | "contractId" | "onProgress">,
): Promise<UploadCounts | { readonly kind: "invalid"; readonly problems: readonly RowProblem[] }> {
  const { actor, districtId } = request;
  const result = await importSource(deps.db, upload.source, {
    districtId,
    importedBy: actor.userId ?? actor.tokenId ?? actor.organizationId,
    organizationId: actor.organizationId,
    onProgress: (p) =>
      request.onProgress?.({
        phase: "importing",
        rowsRead: p.rows,
        bytesRead: p.bytesRead,
        totalBytes: p.bytesTotal,
      }),
    beforeCommit: async (tx, batch) => {
      const { format, rows, accepted, rejected, unchanged, replaced } = batch;
      const detail = {
        format,
        contractId: request.contractId,
        rows,
        accepted,
        rejected,
        unchanged,
        replaced,
      };
      const object = { type: "import_batch", id: String(batch.batchId) };
      await appendAudit(
        tx,
        { ...actorAudit(actor, "import.create", object, detail), districtId },
        deps.clock.now(),
      );
    },
  });
  if (result.kind === "invalid") return { kind: "invalid", problems: result.problems };
  if (result.kind === "imported") {
    const { batchId, format, accepted, rejected, unchanged, replaced } = result;
    return {
      kind: "imported",
      batchId,
      format,
      accepted,
      rejected,
      unchanged,
      replaced,
      alreadyImported: false,
    };
  }
  // Already imported: the counts of the batch that imported it.
  const [stored] = await deps.db.query<{ a: number; r: number; u: number; p: number }>(
    `SELECT rows_accepted AS a, rows_rejected AS r, rows_unchanged AS u, rows_replaced AS p
       FROM import_batches WHERE district_id = $1 AND batch_id = $2`,
    [districtId, result.batchId],
  );
  if (stored === undefined) throw new Error(`batch ${result.batchId} vanished`);
  return {
    kind: "imported",
    batchId: result.batchId,
    format: result.format,
    accepted: stored.a,
    rejected: stored.r,
    unchanged: stored.u,
    replaced: stored.p,
    alreadyImported: true,
  };
}

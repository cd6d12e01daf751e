/**
 * The data-imports API: a district's batches, a batch's rejected rows (JSON pages and the
 * CSV to fix), and uploading one file as the raw request body with its progress polled
 * from GET /api/imports/progress/{uploadId} while it runs.
 */
import { ApiError, type ApiClient } from "../api-client.js";
import type { ContractSummary, Session } from "../api-types.js";

export interface ImportBatch {
  readonly batchId: string;
  readonly fileName: string;
  readonly format: string;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly importedByName: string | null;
  readonly organizationId: string | null;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface ImportReject {
  readonly line: number;
  /** 1-based; 0 when the problem is the whole row. */
  readonly column: number;
  readonly columnName: string | null;
  /** JSON path of the value, for JSON files. */
  readonly path: string | null;
  readonly code: string;
  readonly message: string;
}

export interface ImportResult {
  readonly batchId: string;
  readonly format: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
  readonly replaced: number;
  /** The district already had this very file: the counts are that batch's, nothing was imported. */
  readonly alreadyImported: boolean;
}

export interface ImportProgress {
  readonly phase: "receiving" | "importing";
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly totalBytes: number | null;
}

/** The districts whose imports the organization sees: its own, or for a vendor those of its contracts. */
export function importDistricts(session: Session, contracts: readonly ContractSummary[]): string[] {
  if (session.organizationKind === "district") return [session.organizationId];
  if (session.organizationKind !== "vendor") return [];
  return [...new Set(contracts.map((c) => c.districtId))].sort();
}

const seg = encodeURIComponent;
const importsPath = (districtId: string): string => `/api/districts/${seg(districtId)}/imports`;
const pageQuery = (limit: number, cursor: string | null): string =>
  cursor === null ? `?limit=${limit}` : `?limit=${limit}&cursor=${seg(cursor)}`;

export function listBatches(
  api: ApiClient,
  districtId: string,
  cursor: string | null = null,
  limit = 50,
): Promise<Page<ImportBatch>> {
  return api.request("GET", `${importsPath(districtId)}${pageQuery(limit, cursor)}`);
}

/** Batch numbers are decimal strings; compared as numbers without losing digits. */
function compareBatchIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One batch, found in the newest-first list: pages are read until it appears or the list
 * passes below its number. Null when the organization sees no such batch.
 */
export async function findBatch(
  api: ApiClient,
  districtId: string,
  batchId: string,
): Promise<ImportBatch | null> {
  let cursor: string | null = null;
  for (let pages = 0; pages < 500; pages += 1) {
    const page: Page<ImportBatch> = await listBatches(api, districtId, cursor, 200);
    const found = page.items.find((b) => b.batchId === batchId);
    if (found !== undefined) return found;
    const last = page.items.at(-1);
    if (page.nextCursor === null || last === undefined || compareBatchIds(last.batchId, batchId) < 0)
      return null;
    cursor = page.nextCursor;
  }
  throw new ApiError(0, "pagination-loop", "the list of batches did not end; reload the page");
}

export function listRejects(
  api: ApiClient,
  districtId: string,
  batchId: string,
  cursor: string | null = null,
  limit = 200,
): Promise<Page<ImportReject>> {
  return api.request("GET", `${importsPath(districtId)}/${seg(batchId)}/rejects${pageQuery(limit, cursor)}`);
}

/** The rejected rows in the file's own layout plus a reason column, to fix and import again. */
export function rejectsCsvPath(districtId: string, batchId: string): string {
  return `${importsPath(districtId)}/${seg(batchId)}/rejects.csv`;
}

/** The content type the server reads the file as: JSON by its extension, CSV otherwise. */
export function uploadContentType(fileName: string): string {
  if (/\.json$/i.test(fileName)) return "application/json";
  if (/\.(ndjson|jsonl)$/i.test(fileName)) return "application/x-ndjson";
  return "text/csv";
}

export interface UploadRequest {
  readonly districtId: string;
  readonly file: Blob & { readonly name: string };
  /** The contract of rows that name none (DATAS sessions, Ed-Fi attendance events). */
  readonly contractId: string | null;
  /** The id progress is polled by. */
  readonly uploadId: string;
  /** New for each upload; a retry of the same upload sends the same key. */
  readonly idempotencyKey: string;
}

export function uploadFile(api: ApiClient, request: UploadRequest): Promise<ImportResult> {
  const query = new URLSearchParams({ fileName: request.file.name, upload: request.uploadId });
  if (request.contractId !== null) query.set("contract", request.contractId);
  return api.upload<ImportResult>(
    `${importsPath(request.districtId)}?${query.toString()}`,
    request.file,
    uploadContentType(request.file.name),
    { "idempotency-key": request.idempotencyKey },
  );
}

/** The upload's progress, or null when it is not running (not started yet, or finished). */
export async function readProgress(api: ApiClient, uploadId: string): Promise<ImportProgress | null> {
  try {
    return await api.request<ImportProgress>("GET", `/api/imports/progress/${seg(uploadId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The share of the file done (0 to 1), or null when the size is unknown. */
export function progressFraction(progress: ImportProgress): number | null {
  if (progress.totalBytes === null || progress.totalBytes <= 0) return null;
  return Math.min(1, progress.bytesRead / progress.totalBytes);
}

/**
 * Uploads a file and polls its progress every `intervalMs` until the upload answers.
 * A failed poll does not fail the upload: progress is only shown, the answer is what counts.
 */
export async function uploadWithProgress(
  api: ApiClient,
  request: UploadRequest,
  onProgress: (progress: ImportProgress) => void,
  intervalMs = 300,
): Promise<ImportResult> {
  let done = false;
  const poll = async (): Promise<void> => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      if (done) return;
      const progress = await readProgress(api, request.uploadId).catch(() => null);
      if (progress !== null && !done) onProgress(progress);
    }
  };
  const polling = poll();
  try {
    return await uploadFile(api, request);
  } finally {
    done = true;
    await polling;
  }
}

/** Where in the row the problem is: the column's name and number, a JSON path, or the whole row. */
export function rejectPlace(reject: ImportReject): string {
  if (reject.path !== null) return reject.path;
  if (reject.column <= 0) return "whole row";
  return reject.columnName === null
    ? `column ${reject.column}`
    : `${reject.columnName} (column ${reject.column})`;
}

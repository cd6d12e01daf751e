/**
 * The files chosen for import and where each stands: its detected format, the contract
 * given for rows that name none, then uploading (with progress), imported or refused.
 */
import type { ApiError } from "../../lib/api-client.js";
import type { ImportProgress, ImportResult } from "../../lib/api/imports.js";
import type { Detection } from "./detect-format.js";

export type UploadStatus =
  | { readonly kind: "queued" }
  | { readonly kind: "uploading"; readonly progress: ImportProgress | null }
  | { readonly kind: "done"; readonly result: ImportResult }
  | { readonly kind: "failed"; readonly error: ApiError };

export interface QueuedFile {
  readonly key: string;
  readonly file: File;
  /** Null while the start of the file is being read. */
  readonly detection: Detection | null;
  readonly contractId: string;
  readonly status: UploadStatus;
}

let counter = 0;

/** A key unique in this page: for React lists and as the upload's progress id. */
export function newKey(prefix: string): string {
  counter += 1;
  const random =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${counter}-${random}`;
}

export function queued(file: File): QueuedFile {
  return { key: newKey("file"), file, detection: null, contractId: "", status: { kind: "queued" } };
}

/** Whether a file may be sent now: its format is known or left to the server, and a needed contract is given. */
export function readyToSend(item: QueuedFile): boolean {
  if (item.status.kind === "uploading" || item.status.kind === "done") return false;
  if (item.detection === null) return false;
  return !(item.detection.kind === "format" && item.detection.needsContract && item.contractId === "");
}

const ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** "1.2 MB" style sizes for people (shown only, never computed with). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${ONE_DECIMAL.format(value)} ${units[unit] ?? "GB"}`;
}

const COUNT = new Intl.NumberFormat("en-US");

/** A row count for people: 400000 -> "400,000". */
export function formatCount(count: number): string {
  return COUNT.format(count);
}

/**
 * Imports one CSV file into the store as one batch: a canonical data-v1 file (or a
 * vendor export its header names), its format told from the file name and header
 * unless given. `importSource` (import-batch.ts) does the work; this is the entry for
 * callers that hold a CSV file, such as the tests that settle from the store.
 */
import type { Db } from "./ports/db.js";
import type { ImportFile } from "./ports/import.js";
import type { DataFileKind } from "../core/data/records.js";
import { csvImportSource } from "./csv-import-source.js";
import { importSource, type ImportOptions as SourceOptions, type ImportResult } from "./import-batch.js";

export { batchRejects, listImportBatches, rejectsTable } from "./import-batches.js";
export type { ImportResult };

export interface ImportOptions extends SourceOptions {
  /** The format; null to detect it from the file name, else from the header. */
  readonly format: DataFileKind | null;
}

export function importCanonicalFile(db: Db, file: ImportFile, options: ImportOptions): Promise<ImportResult> {
  return importSource(db, csvImportSource(file, { format: options.format, contractId: null }), options);
}

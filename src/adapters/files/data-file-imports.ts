/**
 * The data files of an offline settlement as the data quality check's imports: each
 * file read, with the time it was last written (its age stands for an import's age).
 */
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { DataFileKind } from "../../core/data/records.js";
import type { ImportFact } from "../../core/evidence/data-quality-types.js";

export async function dataFileImports(
  files: readonly { readonly kind: DataFileKind; readonly path: string }[],
): Promise<ImportFact[]> {
  return Promise.all(
    files.map(async (f) => ({
      kind: f.kind,
      fileName: basename(f.path),
      importedAt: (await stat(f.path)).mtime.toISOString(),
    })),
  );
}

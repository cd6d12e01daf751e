/**
 * A store for the import tests: migrated, one district per test, contracts recorded by
 * plain INSERTs (a vendor and a contract row), and the shortest ways to import a file
 * through the use case and to read back what it stored.
 */
import type { Db } from "../../src/app/ports/db.js";
import type { ImportSource } from "../../src/app/ports/import.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { csvImportSource, type CsvSourceOptions } from "../../src/app/csv-import-source.js";
import { importSource, type ImportResult } from "../../src/app/import-batch.js";
import { batchRejects, rejectsTable } from "../../src/app/import-batches.js";
import type { TestStore } from "./stores.js";

export const FIXTURES = "test/fixtures/importers";

export class ImportStore {
  db!: Db;
  district = "";
  private districtNo = 0;

  constructor(private readonly store: TestStore) {}

  async open(): Promise<void> {
    this.db = await this.store.open();
    await migrate(this.db, await readMigrations());
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** A district of its own for the next test. */
  next(): void {
    this.district = `d${++this.districtNo}`;
  }

  import(source: ImportSource, chunkRows?: number): Promise<ImportResult> {
    return importSource(this.db, source, { districtId: this.district, importedBy: "test", chunkRows });
  }

  importCsv(path: string, options: Partial<CsvSourceOptions> = {}): Promise<ImportResult> {
    return this.import(csvImportSource(importFile(path), { format: null, contractId: null, ...options }));
  }

  async addContract(contractId: string): Promise<void> {
    await this.db.query("INSERT INTO districts (district_id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING", [
      this.district,
    ]);
    await this.db.query(
      "INSERT INTO vendors (district_id, vendor_id, name) VALUES ($1, 'v1', 'Vendor') ON CONFLICT DO NOTHING",
      [this.district],
    );
    await this.db.query(
      "INSERT INTO contracts (district_id, contract_id, vendor_id, title) VALUES ($1, $2, 'v1', 'A contract')",
      [this.district, contractId],
    );
  }

  /** Rows of `sql` (a SELECT whose $1 is the district). */
  rows(sql: string): Promise<Record<string, unknown>[]> {
    return this.db.query(sql, [this.district]);
  }

  /** The rejects of a batch as [line, column or path, code]. */
  async rejects(result: ImportResult): Promise<[number, number | string, string][]> {
    if (result.kind !== "imported") throw new Error(`not imported: ${result.kind}`);
    const found = await batchRejects(this.db, this.district, result.batchId);
    return (found?.rows ?? []).map((r) => [r.line, r.path ?? r.column, r.code]);
  }

  async rejectsTable(result: ImportResult): Promise<string[][]> {
    if (result.kind !== "imported") throw new Error(`not imported: ${result.kind}`);
    const found = await batchRejects(this.db, this.district, result.batchId);
    if (found === null) throw new Error("no batch");
    return rejectsTable(found);
  }
}

/** Counts of an import result, to compare at once. */
export const counts = (r: ImportResult): unknown =>
  r.kind === "imported"
    ? {
        format: r.format,
        rows: r.rows,
        accepted: r.accepted,
        rejected: r.rejected,
        unchanged: r.unchanged,
        replaced: r.replaced,
      }
    : r;

/**
 * A session file under the canonical header has its plain rows copied as read, without
 * building records (core/import/plain-session-row.ts); every other row is mapped as in
 * any import. The outcome must not depend on it: the same rows under a header that
 * takes the general path (a column name in capitals) give the same counts, stored
 * sessions, rollups and rejects.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/ports/db.js";
import { migrate, readMigrations } from "../../src/adapters/db/migrations.js";
import { importFile } from "../../src/adapters/csv/import-file.js";
import { importCanonicalFile } from "../../src/app/import-canonical-file.js";
import { recordContract } from "../../src/app/record-contract.js";
import { generateDistrict } from "../../src/core/demo/generate-district.js";
import { TEST_STORES } from "./stores.js";

const dir = mkdtempSync(join(tmpdir(), "accord-session-lane-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAIN_HEADER = "session_id,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size";
const GENERAL_HEADER = "Session_ID,contract_id,student_id,tutor_id,session_date,minutes,attended,group_size";

/** Plain rows, rows the general path accepts, rows it rejects, and repeats; no NUL (see below). */
const ROWS = [
  "X1,c1,S1,T1,2024-10-01,30,true,1",
  "X2,c1,S1,,2024-10-02,0,false,",
  ",c1,S2,T2,2024-10-03,1440,1,1000000",
  "X3 ,c1,S2,T2,2024-10-04,30,true,2",
  "X4,c1,S2,T2,2024-10-05,030,TRUE,2",
  "X5,c1,S2,T2,2024-10-06,30,,2",
  '"X,6",c1,S3,"T""q",2024-10-07,30,true,1',
  '"X7\r\nb",c1,S3,T1,2024-10-08,30,true,""',
  "X\\8,c1,S3,T1,2024-10-09,30,0,1",
  "X\t9,c1,S3,T\\N,2024-10-10,30,yes,1",
  "X10,c9,S1,T1,2024-10-01,30,true,1",
  "X11,c1,S1,T1,2024-02-30,30,true,1",
  "X12,c1,S1,T1,2024-10-01,1441,true,1",
  "X13,c1,S1",
  "X14,c2,Sé,T1,2024-10-11,45,true,3",
  "X1,c1,S1,T1,2024-10-01,30,true,1",
  "X2,c1,S1,,2024-10-02,5,false,",
  "X15,c2,S1,T1,2025-07-01,45,true,1",
  "X17,c1,S4,T4,2024-10-12,15,true,1",
];

let fileNo = 0;
function file(header: string, rows: readonly string[], eol: string): string {
  const path = join(dir, `sessions-${++fileNo}.csv`);
  writeFileSync(path, [header, ...rows].join(eol) + eol);
  return path;
}

async function recordTerms(db: Db, districtId: string, contractId: string): Promise<void> {
  const document = {
    ...(generateDistrict({ students: 20, seed: "terms", contracts: 1 }).terms()[0] as unknown as Record<
      string,
      unknown
    >),
    contractId,
    district: { id: districtId, name: districtId },
    vendor: { id: "v1", name: "Vendor" },
    period: { start: "2024-09-03", end: "2025-05-23" },
  };
  const text = JSON.stringify(document);
  const result = await recordContract(db, {
    source: { path: `${contractId}.json`, text, document, syntaxError: null },
    districtId,
    recordedBy: "test",
    reason: "test",
  });
  if (result.kind === "invalid") throw new Error(JSON.stringify(result.problems));
}

describe.each(TEST_STORES)("session files copied as read ($name)", (store) => {
  let db: Db;
  beforeAll(async () => {
    db = await store.open();
    await migrate(db, await readMigrations());
    for (const district of ["plain", "general"])
      for (const contractId of ["c1", "c2"]) await recordTerms(db, district, contractId);
  });
  afterAll(async () => db.close());

  const outcome = async (districtId: string, path: string) => {
    const result = await importCanonicalFile(db, importFile(path), {
      districtId,
      format: null,
      importedBy: "test",
      chunkRows: 4,
    });
    if (result.kind !== "imported") throw new Error(JSON.stringify(result));
    const { rows, accepted, rejected, unchanged, replaced } = result;
    return {
      counts: { rows, accepted, rejected, unchanged, replaced },
      sessions: await db.query(
        `SELECT source_line, session_id, contract_id, student_id, tutor_id, session_date::text AS d,
                minutes, attended, group_size
           FROM service_sessions WHERE district_id = $1 ORDER BY batch_id, source_line`,
        [districtId],
      ),
      rollups: await db.query(
        `SELECT contract_id, student_id, sessions, minutes, first_on::text AS f, last_on::text AS l,
                tutor_sessions::text AS t, top_tutor_sessions
           FROM session_rollups WHERE district_id = $1 ORDER BY 1, 2`,
        [districtId],
      ),
      rejects: await db.query(
        `SELECT source_line, column_no, code, replace(message, $1, 'D') AS message, source_record::text AS r
           FROM import_rejects WHERE district_id = $1 ORDER BY batch_id, source_line`,
        [districtId],
      ),
    };
  };

  it("gives the outcome of the general path, with LF and CRLF line ends, across batches", async () => {
    const runs = [
      { rows: ROWS, eol: "\n" },
      { rows: [...ROWS].reverse(), eol: "\r\n" },
      // A NUL anywhere sends the rows read after it down the general path.
      { rows: [...ROWS.slice(0, 3), "X16,c1,S1,T\u00001,2024-10-01,30,true,1", ...ROWS.slice(3)], eol: "\n" },
    ];
    for (const { rows, eol } of runs) {
      const plain = await outcome("plain", file(PLAIN_HEADER, rows, eol));
      const general = await outcome("general", file(GENERAL_HEADER, rows, eol));
      expect(plain).toEqual(general);
      expect(plain.counts.rejected).toBe(rows.length === ROWS.length ? 4 : 5);
      expect(plain.sessions.length).toBeGreaterThan(10);
    }
  });
});

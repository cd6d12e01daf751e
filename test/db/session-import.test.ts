/**
 * Sessions are copied in bulk and repeated session ids resolved at the end of a batch:
 * the stored rows, the counts and the rollups must be those of writing the rows one by
 * one under data-v1's rule, whatever the order of the ids and the size of the chunks.
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

const dir = mkdtempSync(join(tmpdir(), "accord-sessions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function sessionsFile(rows: readonly string[]): string {
  const path = join(dir, `sessions-${++fileNo}.csv`);
  writeFileSync(
    path,
    ["session_id,contract_id,student_id,tutor_id,session_date,minutes,attended", ...rows].join("\n") + "\n",
  );
  return path;
}

/** The contracts' period: rollups count the attended sessions inside it. */
const PERIOD = { start: "2024-09-03", end: "2025-05-23" };

async function recordTerms(
  db: Db,
  contractId: string,
  period: { start: string; end: string },
): Promise<void> {
  const document = {
    ...(generateDistrict({ students: 20, seed: "terms", contracts: 1 }).terms()[0] as unknown as Record<
      string,
      unknown
    >),
    contractId,
    district: { id: "d1", name: "District One" },
    vendor: { id: "v1", name: "Vendor" },
    period,
  };
  const text = JSON.stringify(document);
  const result = await recordContract(db, {
    source: { path: `${contractId}.json`, text, document, syntaxError: null },
    districtId: "d1",
    recordedBy: "test",
    reason: "test",
  });
  if (result.kind === "invalid") throw new Error(JSON.stringify(result.problems));
}

const HEADER_ROWS = [
  "X1,c1,S1,T1,2024-10-01,30,true",
  "X2,c1,S1,T2,2024-10-02,30,true",
  "X3,c1,S2,,2024-10-02,45,true",
  "X4,c1,S2,T1,2024-10-03,20,false",
  ",c1,S1,T1,2024-10-04,25,true",
  "X1,c2,S1,T9,2024-11-01,60,true",
  "X5,c2,S1,T9,2025-06-01,60,true", // after the period: stored, not counted in the rollups
];

describe.each(TEST_STORES)("importing sessions ($name)", (store) => {
  let db: Db;
  const imp = async (rows: readonly string[], chunkRows = 1000) => {
    const result = await importCanonicalFile(db, importFile(sessionsFile(rows)), {
      districtId: "d1",
      format: "sessions",
      importedBy: "test",
      chunkRows,
    });
    if (result.kind !== "imported") throw new Error(JSON.stringify(result));
    return result;
  };
  /** The stored sessions as `batch:line session contract minutes`, in a stable order. */
  const stored = async () =>
    (
      await db.query<{ r: string }>(
        `SELECT concat_ws(' ', batch_id || ':' || source_line, coalesce(session_id, '-'), contract_id, minutes) AS r
           FROM service_sessions ORDER BY batch_id, source_line`,
      )
    ).map((x) => x.r);
  /** The rollups must equal a recount of the stored sessions. */
  const expectRollupsCurrent = async () => {
    const held = await db.query(
      `SELECT contract_id, student_id, sessions, minutes, first_on, last_on, tutor_sessions::text AS tutors
         FROM session_rollups ORDER BY 1, 2`,
    );
    const recount = await db.query(
      `SELECT contract_id, student_id, count(*)::integer AS sessions, sum(minutes)::bigint AS minutes,
              min(session_date) AS first_on, max(session_date) AS last_on,
              (SELECT coalesce(jsonb_object_agg(t.tutor_id, t.n), '{}'::jsonb)::text FROM
                 (SELECT tutor_id, count(*) AS n FROM service_sessions x
                   WHERE x.attended AND x.contract_id = s.contract_id AND x.student_id = s.student_id
                     AND x.session_date BETWEEN min(s.session_date) AND max(s.session_date)
                     AND x.tutor_id IS NOT NULL GROUP BY tutor_id) t) AS tutors
         FROM service_sessions s
        WHERE attended AND session_date BETWEEN
              (SELECT (terms->'period'->>'start')::date FROM contract_terms_versions v
                WHERE v.contract_id = s.contract_id ORDER BY version DESC LIMIT 1)
          AND (SELECT (terms->'period'->>'end')::date FROM contract_terms_versions v
                WHERE v.contract_id = s.contract_id ORDER BY version DESC LIMIT 1)
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(held).toEqual(recount);
    expect(held.length).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    db = await store.open();
    await migrate(db, await readMigrations());
    for (const contractId of ["c1", "c2"]) await recordTerms(db, contractId, PERIOD);
  });
  afterAll(async () => db.close());

  it("appends a file of ids in order as it is, and counts every attended session in the rollups", async () => {
    const result = await imp(HEADER_ROWS);
    expect(result).toMatchObject({ rows: 7, accepted: 7, rejected: 0, unchanged: 0, replaced: 0 });
    expect(await stored()).toEqual([
      "1:2 X1 c1 30",
      "1:3 X2 c1 30",
      "1:4 X3 c1 45",
      "1:5 X4 c1 20",
      "1:6 - c1 25",
      "1:7 X1 c2 60",
      "1:8 X5 c2 60",
    ]);
    await expectRollupsCurrent();
  });

  it("keeps a stored row that a later file repeats as it was, and replaces one it changes", async () => {
    const result = await imp([
      "X1,c1,S1,T1,2024-10-01,30,true", // as stored: unchanged, the stored row keeps its origin
      "X2,c1,S1,T2,2024-10-02,35,true", // changed: replaces 1:3
      "X5,c1,S3,T1,2024-10-05,30,true", // new
      ",c1,S1,T1,2024-10-04,25,true", // no id: always a new row
    ]);
    expect(result).toMatchObject({ rows: 4, accepted: 4, unchanged: 1, replaced: 1 });
    expect(await stored()).toEqual([
      "1:2 X1 c1 30",
      "1:4 X3 c1 45",
      "1:5 X4 c1 20",
      "1:6 - c1 25",
      "1:7 X1 c2 60",
      "1:8 X5 c2 60",
      "2:3 X2 c1 35",
      "2:4 X5 c1 30",
      "2:5 - c1 25",
    ]);
    await expectRollupsCurrent();
  });

  it("resolves ids repeated across chunks of one file as row-by-row writing would", async () => {
    // Chunks of two rows: each repeat below falls in a later chunk than the row it repeats.
    const result = await imp(
      [
        "X9,c2,S1,T9,2024-11-09,10,true",
        "X8,c2,S1,T9,2024-11-08,10,true",
        "X7,c2,S2,T9,2024-11-07,10,true",
        "X9,c2,S1,T9,2024-11-09,10,true", // same as line 2: unchanged
        "X8,c2,S1,T9,2024-11-08,15,true", // changes line 3: replaced
        "X8,c2,S1,T9,2024-11-08,10,true", // changes it back: replaced
        "X1,c2,S1,T9,2024-11-01,60,true", // as stored in batch 1: unchanged
      ],
      2,
    );
    expect(result).toMatchObject({ rows: 7, accepted: 7, unchanged: 2, replaced: 2 });
    const c2 = (await stored()).filter((r) => r.includes(" c2 "));
    expect(c2).toEqual(["1:7 X1 c2 60", "1:8 X5 c2 60", "3:2 X9 c2 10", "3:4 X7 c2 10", "3:7 X8 c2 10"]);
    await expectRollupsCurrent();
  });

  it("recounts a contract's rollups when new terms change its period", async () => {
    await recordTerms(db, "c2", { start: "2024-09-03", end: "2025-06-30" });
    const [c2] = await db.query<{ sessions: number; counted_to: string }>(
      "SELECT sessions, counted_to FROM session_rollups WHERE contract_id = 'c2' AND student_id = 'S1'",
    );
    expect(c2).toEqual({ sessions: 4, counted_to: "2025-06-30" });
    await expectRollupsCurrent();
  });
});

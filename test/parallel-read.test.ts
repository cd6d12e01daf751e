import { describe, it, expect } from "vitest";
import { mkdtempSync, rmSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDistrict } from "../src/core/demo/generate-district.js";
import { writeDataDir } from "../src/adapters/csv/write-data-dir.js";
import { readDataDir } from "../src/adapters/csv/read-data-dir.js";
import { readTermsSources } from "../src/adapters/files/read-terms.js";
import { parseTerms } from "../src/core/terms/parse-terms.js";
import { settleContract } from "../src/core/settlement/settle.js";
import { statementToJson } from "../src/shared/statement-json.js";
import type { Terms } from "../src/core/terms/types.js";

describe("reading sessions.csv on worker threads", () => {
  it("gives the same statements, counts and rejects as reading it on one thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "accord-parallel-"));
    try {
      await writeDataDir(dir, generateDistrict({ students: 1500, seed: "parallel", contracts: 8 }));
      // Bad rows of several contracts, and rows no contract can claim, at known lines.
      appendFileSync(
        join(dir, "sessions.csv"),
        [
          "z1,demo-2024-math-tutoring,S000001,T1,2024-13-01,30,true,1",
          'z2,"broken"x,S000001,T1,2024-10-01,30,true,1',
          "z3,,S000001,T1,2024-10-01,30,true,1",
          "z4,demo-2024-reading-pool,S000001,T1,2024-10-01,30,maybe,1",
          "z5,other-contract,S000001,T1,2024-10-01,-1,true,1",
          "z6,too,few",
        ].join("\n") + "\n",
      );
      const sources = await readTermsSources(join(dir, "terms"));
      const contracts: Terms[] = sources.map((s) => {
        const parsed = parseTerms(s.document);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        return parsed.terms;
      });
      const one = await readDataDir(dir, contracts, { sessionThreads: 1 });
      const two = await readDataDir(dir, contracts, { sessionThreads: 2, parallelFromBytes: 0 });
      const three = await readDataDir(dir, contracts, { sessionThreads: 3, parallelFromBytes: 0 });
      expect(one.report.rejected).toBe(6);
      for (const other of [two, three]) {
        expect(other.report).toEqual(one.report);
        for (const t of contracts) {
          expect(statementToJson(settleContract(t, other.data))).toEqual(
            statementToJson(settleContract(t, one.data)),
          );
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { settleOffline } from "../src/app/settle-offline.js";
import { offlineFiles } from "../src/adapters/files/offline-files.js";
import { statementToJson } from "../src/shared/statement-json.js";
import { SHARED_EXAMPLES, HAVE_SHARED_EXAMPLES, sharedExampleNames } from "./shared-examples.js";

const SKIP_REASON = `../shared/examples is absent (${SHARED_EXAMPLES}): the public worked examples are not checked here`;

describe("worked examples of ../shared/examples, cent for cent", () => {
  it.skipIf(HAVE_SHARED_EXAMPLES)(SKIP_REASON, () => {});

  for (const name of sharedExampleNames()) {
    it(`reproduces ${name}`, async () => {
      const dir = join(SHARED_EXAMPLES, name);
      const result = await settleOffline(offlineFiles, {
        termsPath: join(dir, "terms.json"),
        dataDir: join(dir, "data"),
        asOf: null,
        allowRejects: false,
      });
      if (result.kind !== "settled")
        throw new Error(`${name}: ${JSON.stringify(result, null, 1).slice(0, 2000)}`);
      const expected = JSON.parse(readFileSync(join(dir, "expected-statement.json"), "utf8")) as Record<
        string,
        unknown
      >;
      const got = statementToJson(result.settled[0]!.statement) as unknown as Record<string, unknown>;
      const { students: expectedStudents, ...expectedTop } = expected;
      const { students: gotStudents, ...gotTop } = got;
      expect(gotTop).toEqual(expectedTop);
      expect(gotStudents).toEqual(expectedStudents);
    });
  }
});

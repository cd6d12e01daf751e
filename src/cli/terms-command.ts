/** `accord terms check FILE...`: every problem of every terms file, with its JSON path. */
import { readTermsSources } from "../adapters/files/read-terms.js";
import { parseTerms } from "../core/terms/parse-terms.js";
import { formatJsonProblem } from "../core/problem.js";
import { say, EXIT_OK, EXIT_INVALID, UsageError } from "./io.js";

export const TERMS_HELP = `Usage: accord terms check FILE|DIR...

Checks obc-terms/1 documents and prints every problem with its JSON path.
`;

export async function termsCommand(args: string[]): Promise<number> {
  const [sub, ...paths] = args;
  if (sub === "--help" || sub === "-h") {
    process.stdout.write(TERMS_HELP);
    return EXIT_OK;
  }
  if (sub !== "check" || paths.length === 0) throw new UsageError("usage: accord terms check FILE|DIR...");
  let bad = 0;
  for (const path of paths) {
    for (const source of await readTermsSources(path)) {
      const problems =
        source.syntaxError !== null
          ? [source.syntaxError]
          : (() => {
              const parsed = parseTerms(source.document);
              return parsed.ok ? [] : parsed.problems;
            })();
      if (problems.length === 0) {
        process.stdout.write(`${source.path}: ok\n`);
        continue;
      }
      bad++;
      say(`${source.path}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
      for (const p of problems) say(`  ${formatJsonProblem(p)}`);
    }
  }
  return bad > 0 ? EXIT_INVALID : EXIT_OK;
}

// Runs one `accord settle` in this process and reports its own peak RSS on stderr as
// `maxRSS <kB>`, so the benchmark measures the settle alone.
import { run } from "../dist/cli/main.js";

const code = await run(process.argv.slice(2));
process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;

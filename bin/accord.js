#!/usr/bin/env node
// The `accord` command: runs the compiled CLI (built by `npm install` / `npm ci` through `prepare`).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
if (!existsSync(main)) {
  process.stderr.write(
    "accord: the program is not built yet; run `npm install` (or `npm run build`) first.\n",
  );
  process.exit(1);
}
// A reader that stops early (`accord settle ... | head`) is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { run } = await import(main);
process.exitCode = await run(process.argv.slice(2));

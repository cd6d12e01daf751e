import { defineConfig } from "vitest/config";

/**
 * Browser measurements (`npm run bench:web`): Chromium against the built app on the demo
 * server, timing what users wait for. Not part of `npm test`: timings belong in
 * benchmarks, recorded with the machine in bench/RESULTS.md.
 */
export default defineConfig({
  test: {
    include: ["bench/web/**/*.measure.ts"],
    retry: 0,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});

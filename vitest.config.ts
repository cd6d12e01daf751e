import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    // A failing test is a finding, never retried.
    retry: 0,
    testTimeout: 60_000,
    // Opening a migrated, seeded store takes seconds on PGlite, more on a loaded machine.
    hookTimeout: 120_000,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // A failing test is a finding, never retried.
    retry: 0,
    testTimeout: 60_000,
  },
});

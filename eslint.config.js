import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "bench/data/", ".accord/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always"],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='round']",
          message: "Money and ratios are rounded by src/core/money or src/core/ratio, half away from zero.",
        },
        {
          selector: "CallExpression[callee.property.name='toFixed']",
          message: "toFixed rounds binary floats; format through src/core/ratio or src/core/money.",
        },
      ],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "Date", message: "The core has no clock: take dates as IsoDate values (src/core/date.ts)." },
        { name: "process", message: "The core does no I/O." },
        { name: "console", message: "The core does no I/O." },
      ],
    },
  },
  {
    // The web application runs in browsers (web/src); its build config runs in Node.
    files: ["web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Benchmarks print timings, not money: float formatting is fine there.
    files: ["bench/**/*.js", "bin/**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off", "no-restricted-syntax": "off" },
  },
);

/** Layer rules: data flows one way, from the edges through a pure core. See docs/ARCHITECTURE.md. */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "src/core imports nothing outside src/core: no node built-ins, no packages, no other layer.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { pathNot: "^src/core/" },
    },
    {
      name: "app-uses-core-and-ports",
      comment: "Use cases depend on the core and on shared schemas, never on adapters, the CLI or the API.",
      severity: "error",
      from: { path: "^src/app/" },
      to: { path: "^src/(adapters|cli|api)/" },
    },
    {
      name: "adapters-do-not-call-up",
      comment:
        "Adapters implement the ports of src/app/ports; they never import use cases, the CLI or the API.",
      severity: "error",
      from: { path: "^src/adapters/" },
      to: { path: "^src/(app|cli|api)/", pathNot: "^src/app/ports/" },
    },
    {
      name: "api-uses-app-and-shared",
      comment:
        "HTTP routes call use cases and presenters; adapters reach them through ports, wired by the composition root (src/cli/serve-command.ts). The document writers (src/adapters/documents: a statement in, bytes out, no I/O) are presenters in all but their packages.",
      severity: "error",
      from: { path: "^src/api/" },
      to: { path: "^src/(adapters|cli)/", pathNot: "^src/adapters/documents/" },
    },
    {
      name: "shared-is-leaf",
      comment: "src/shared is shared by api, cli and web: it may use the core only.",
      severity: "error",
      from: { path: "^src/shared/" },
      to: { path: "^src/(app|adapters|cli|api)/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "only-db-adapter-imports-drivers",
      severity: "error",
      from: { pathNot: "^src/adapters/db/" },
      to: { path: "node_modules/(pg|pg-copy-streams|@electric-sql/pglite)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
    exclude: { path: "\\.test\\.ts$" },
  },
};

/**
 * The HTTP API: Hono with zod schemas that validate requests and generate the OpenAPI
 * 3.1 document (/api/openapi.json, readable at /api/docs). Every error is a problem
 * document; nothing a client sends can produce a 500 that says more than "internal".
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ApiDeps, ApiEnv } from "./api-env.js";
import { authenticate } from "./authenticate.js";
import { Routes, type RouteEntry } from "./define-route.js";
import { ApiProblem, jsonPath, problemResponse, type ProblemDetail } from "./problem.js";
import { registerHealthRoutes } from "./routes/health-routes.js";
import { registerAuthRoutes } from "./routes/auth-routes.js";
import { registerContractRoutes } from "./routes/contract-routes.js";
import { registerAuditRoutes } from "./routes/audit-routes.js";
import { registerContractLifecycleRoutes } from "./routes/contract-lifecycle-routes.js";
import { registerOidcRoutes } from "./routes/oidc-routes.js";
import { registerStatementRoutes } from "./routes/statement-routes.js";
import { registerStatementExportRoutes } from "./routes/statement-export-routes.js";
import { registerInvoiceRoutes } from "./routes/invoice-routes.js";
import { registerAccountRoutes } from "./routes/account-routes.js";
import { registerImportRoutes } from "./routes/import-routes.js";
import { registerTermsPreviewRoutes } from "./routes/terms-preview-routes.js";
import { registerOutcomeRoutes } from "./routes/outcome-routes.js";
import { registerAlertRoutes } from "./routes/alert-routes.js";
import { registerCheckInRoutes } from "./routes/check-in-routes.js";
import { registerAlertPreferenceRoutes } from "./routes/alert-preference-routes.js";
import { registerAlertUnsubscribeRoutes } from "./routes/alert-unsubscribe-routes.js";
import { registerContractProgressRoutes } from "./routes/contract-progress-routes.js";
import { registerEvidenceRoutes } from "./routes/evidence-routes.js";
import { registerOpenDataRoutes } from "./routes/open-data-routes.js";
import { registerBudgetRoutes } from "./routes/budget-routes.js";
import { registerScorecardRoutes } from "./routes/scorecard-routes.js";
import { registerRfpRoutes } from "./routes/rfp-routes.js";
import { docsPage } from "./docs-page.js";
import { serveWebApp } from "./static-web.js";

export interface AccordApi {
  readonly app: OpenAPIHono<ApiEnv>;
  /** Every route with its access rule (the authorization matrix is generated from it). */
  readonly routes: readonly RouteEntry[];
}

export const API_INFO = { title: "Accord API", version: "1" } as const;

interface ZodIssueLike {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
}

/** Bodies the framework reads whole: JSON, forms, and anything that declares no type. */
function isParsedWhole(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type === "" ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "application/x-www-form-urlencoded" ||
    type === "multipart/form-data"
  );
}

export function createApi(deps: ApiDeps, log: (line: string) => void = () => {}): AccordApi {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = (result.error as { issues: readonly ZodIssueLike[] }).issues;
      const target = (result as { target?: string }).target ?? "body";
      const problems: ProblemDetail[] = issues.map((issue) => ({
        path: jsonPath(target === "json" ? "body" : target, issue.path),
        code: issue.code,
        message: issue.message,
      }));
      return problemResponse("invalid-request", `${problems.length} problem(s) in the request`, problems);
    },
  });
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "same-origin");
    c.header("cache-control", c.res.headers.get("cache-control") ?? "no-store");
  });
  // JSON and form bodies are parsed whole, so they are limited here; file uploads (CSV,
  // NDJSON, octet streams) are streamed by their routes, which enforce their own limits.
  const jsonLimit = bodyLimit({
    maxSize: deps.config.maxJsonBytes,
    onError: () => {
      throw new ApiProblem("payload-too-large", `the body is larger than ${deps.config.maxJsonBytes} bytes`);
    },
  });
  app.use("/api/*", (c, next) => (isParsedWhole(c.req.header("content-type")) ? jsonLimit(c, next) : next()));
  app.use("/api/*", authenticate);
  const routes = new Routes(app);
  registerHealthRoutes(routes);
  registerAuthRoutes(routes);
  registerContractRoutes(routes);
  registerAuditRoutes(routes);
  registerContractLifecycleRoutes(routes);
  registerOidcRoutes(routes);
  registerStatementRoutes(routes);
  registerStatementExportRoutes(routes);
  registerInvoiceRoutes(routes);
  registerAccountRoutes(routes);
  registerImportRoutes(routes);
  registerTermsPreviewRoutes(routes);
  registerOutcomeRoutes(routes);
  registerAlertRoutes(routes);
  registerCheckInRoutes(routes);
  registerAlertPreferenceRoutes(routes);
  registerAlertUnsubscribeRoutes(routes);
  registerContractProgressRoutes(routes);
  registerEvidenceRoutes(routes);
  registerOpenDataRoutes(routes);
  registerBudgetRoutes(routes);
  registerScorecardRoutes(routes);
  registerRfpRoutes(routes);
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: { ...API_INFO, description: "Outcomes-based contracts: terms, data, statements, payments." },
  });
  app.get("/api/docs", (c) =>
    c.html(docsPage(app.getOpenAPI31Document({ openapi: "3.1.0", info: API_INFO }))),
  );
  // The web application (dist/web) answers every other GET; /api paths fall through to notFound.
  serveWebApp(app);
  app.notFound((c) =>
    problemResponse("not-found", `no route ${c.req.method} ${new URL(c.req.url).pathname}`),
  );
  app.onError((error, c) => {
    if (error instanceof ApiProblem)
      return problemResponse(error.code, error.detail, error.problems, error.headers);
    if (error instanceof HTTPException && error.status === 400)
      return problemResponse("invalid-json", "the body could not be read as the declared content type");
    if (error instanceof HTTPException && error.status === 413)
      return problemResponse("payload-too-large", "the body is too large");
    if (error instanceof HTTPException && error.status === 415)
      return problemResponse("unsupported-media-type", "send the body as application/json");
    // A bug or an infrastructure failure: logged with the route, never with the body.
    log(
      `error on ${c.req.method} ${c.req.routePath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return problemResponse("internal", "something went wrong on the server; it has been logged");
  });
  return { app, routes: routes.table };
}

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { WEB_CSP, fileInside, serveWebApp, webCsp } from "../../src/api/static-web.js";

function builtApp(): string {
  // A secret next to the built directory: what a path traversal would reach.
  const parent = mkdtempSync(join(tmpdir(), "accord-web-"));
  writeFileSync(join(parent, "secret.json"), '{"secret":true}');
  const dir = join(parent, "web");
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<!doctype html><html><head><title>Accord</title></head></html>");
  writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
  writeFileSync(join(dir, "favicon.svg"), "<svg/>");
  return dir;
}

function server(dir: string) {
  const app = new Hono();
  app.get("/api/health", (c) => c.json({ ok: true }));
  serveWebApp(app, dir);
  app.notFound((c) => c.json({ code: "not-found" }, 404));
  return app;
}

describe("serving the web application", () => {
  const app = server(builtApp());

  it("answers index.html for any non-API path without a file extension, with the CSP", async () => {
    const nonces = new Set<string>();
    for (const path of ["/", "/contracts/d1/c1", "/contracts/d1/c1.v2/statements/3"]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html).toContain("<title>Accord</title>");
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      const nonce = /<meta property="csp-nonce" nonce="([^"]+)" \/>/.exec(html)?.[1];
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(response.headers.get("content-security-policy")).toBe(webCsp(nonce ?? ""));
      nonces.add(nonce ?? "");
    }
    expect(nonces.size, "a fresh nonce for every page served").toBe(3);
  });

  it("forbids inline scripts, and inline styles without the page's nonce, in its Content-Security-Policy", () => {
    for (const policy of [WEB_CSP, webCsp("abc")]) {
      expect(policy).toContain("script-src 'self';");
      expect(policy).not.toContain("unsafe-inline");
    }
    expect(WEB_CSP).toContain("style-src 'self';");
    expect(webCsp("abc")).toContain("style-src 'self' 'nonce-abc';");
  });

  it("sends the strict policy, with no nonce, with every other file", async () => {
    const asset = await app.request("/assets/index-abc123.js");
    expect(asset.headers.get("content-security-policy")).toBe(WEB_CSP);
  });

  it("caches hashed assets for a year and makes other files revalidate", async () => {
    const asset = await app.request("/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await app.request("/favicon.svg")).headers.get("cache-control")).toBe("no-cache");
  });

  it("leaves /api paths and missing files to the not-found handler", async () => {
    expect((await app.request("/api/health")).status).toBe(200);
    expect(await (await app.request("/api/nothing")).json()).toEqual({ code: "not-found" });
    expect((await app.request("/api")).status).toBe(404);
    expect((await app.request("/assets/missing.js")).status).toBe(404);
  });

  it("never serves a file outside the built directory", async () => {
    for (const path of [
      "/..%2fsecret.json",
      "/assets/..%2F..%2Fsecret.json",
      "/%2e%2e/secret.json",
      "/../secret.json",
    ])
      expect((await app.request(path)).status, path).toBe(404);
    expect(fileInside("/srv/web", "/%2e%2e/x.js")).toBeNull();
    expect(fileInside("/srv/web", "/a%00.js")).toBeNull();
    expect(fileInside("/srv/web", "/%E0%A4%A.js")).toBeNull();
    expect(fileInside("/srv/web", "/assets/a.js")).toBe("/srv/web/assets/a.js");
  });

  it("answers a clear 503 page when the app is not built", async () => {
    const missing = server(join(tmpdir(), "accord-web-never-built-0b7f"));
    const response = await missing.request("/contracts/d1/c1");
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("npm run build");
    expect((await missing.request("/api/health")).status).toBe(200);
  });
});

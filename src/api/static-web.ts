/**
 * Serves the built web application (dist/web, made by `npm run build`) at `/`. Files are
 * read from disk here, at the HTTP edge, because they are the server's own assets, not
 * stored data. Any GET outside /api that does not name a file the build makes (no
 * extension, or one like ".v2" in a contract id) answers index.html, so every address of
 * the app can be reloaded or bookmarked.
 */
import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context, Env, Hono } from "hono";

/** dist/api/static-web.js sits next to dist/web. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../web", import.meta.url));

/**
 * No inline script, nothing from another origin: the built app needs neither (Vite emits
 * only external files), and an injected script then has nowhere to run. The one inline
 * style allowed is the one the accessible widgets add at run time, and only with the
 * nonce of the page that was served (see `withStyleNonce`).
 */
export function webCsp(styleNonce: string | null = null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    styleNonce === null ? "style-src 'self'" : `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The policy of every file but index.html: no inline style at all. */
export const WEB_CSP = webCsp();

/**
 * index.html with a fresh nonce in a `csp-nonce` meta element, where react-aria looks for
 * it before adding its one <style> element (touch-action for pressable elements).
 */
export function withStyleNonce(index: Buffer): { html: string; nonce: string | null } {
  const html = index.toString("utf8");
  // A page without a <head> (not one Vite builds) gets no nonce: the strict policy holds.
  if (!html.includes("<head>")) return { html, nonce: null };
  const nonce = randomBytes(16).toString("base64");
  const meta = `<meta property="csp-nonce" nonce="${nonce}" />`;
  return { html: html.replace("<head>", `<head>\n    ${meta}`), nonce };
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const HTML = "text/html; charset=utf-8";

/** Vite names bundled files under /assets/ by their content hash: they never change. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html and unhashed files are checked each time, so a new build is picked up at once. */
const REVALIDATE = "no-cache";

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Accord: web application not built</title></head>
<body><main><h1>The web application is not built</h1>
<p>This server has no built web application (dist/web/index.html is missing).
Run <code>npm run build</code> and start the server again.</p>
<p>The API is running: its documents are at <a href="/api/docs">/api/docs</a>.</p></main></body></html>
`;

async function readIfFile(path: string): Promise<Buffer | null> {
  try {
    if (!(await stat(path)).isFile()) return null;
    return await readFile(path);
  } catch {
    return null;
  }
}

/** The file a URL path names inside `root`, or null when it would leave it or cannot be decoded. */
export function fileInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.split(/[\\/]/).includes("..")) return null;
  const file = resolve(root, `.${decoded}`);
  return file.startsWith(root + sep) ? file : null;
}

function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

function respond<E extends Env>(
  c: Context<E>,
  body: Buffer | string,
  type: string,
  cache: string,
  status: 200 | 503 = 200,
  csp: string = WEB_CSP,
) {
  c.header("content-type", type);
  c.header("cache-control", cache);
  c.header("content-security-policy", csp);
  c.header("x-frame-options", "DENY");
  return c.body(typeof body === "string" ? body : new Uint8Array(body), status);
}

/**
 * Registers the web application after the API's routes: a GET no API route answered.
 * Requests under /api fall through to the API's not-found problem document.
 */
export function serveWebApp<E extends Env>(app: Hono<E>, dir: string = DEFAULT_WEB_DIR): void {
  const root = resolve(dir);
  app.get("*", async (c, next) => {
    const pathname = new URL(c.req.url).pathname;
    if (isApiPath(pathname)) return next();
    const index = await readIfFile(resolve(root, "index.html"));
    if (index === null) return respond(c, NOT_BUILT, HTML, "no-store", 503);
    // Ids may hold a dot (contract "c1.v2"): only the extensions of files the build makes
    // are file requests; any other path is a page of the app.
    const type = TYPES[extname(pathname).toLowerCase()];
    if (type === undefined || pathname.endsWith("/")) {
      const { html, nonce } = withStyleNonce(index);
      return respond(c, html, HTML, REVALIDATE, 200, webCsp(nonce));
    }
    const file = fileInside(root, pathname);
    const content = file === null ? null : await readIfFile(file);
    if (content === null) return next();
    const cache = pathname.startsWith("/assets/") ? IMMUTABLE : REVALIDATE;
    return respond(c, content, type, cache);
  });
}

/**
 * The JavaScript a first visit downloads before anything shows: the entry script(s) of
 * dist/web/index.html and every module they import statically (modulepreload links and
 * `import ... from "./x.js"` in the chunks), gzipped, must stay under 300 KB. Pages loaded
 * on demand (dynamic import()) are not counted: they come when opened.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { WEB_DIST } from "./demo-server.js";

const BUDGET_BYTES = 300 * 1024;

/** The files index.html loads as scripts or preloads, as paths under dist/web. */
export function entryScripts(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) found.add(match[1] ?? "");
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g))
    found.add(match[1] ?? "");
  return [...found].filter((s) => s !== "").map((s) => s.replace(/^\//, ""));
}

/** Static imports of a built chunk (`import{a}from"./x.js"`, `import"./y.js"`), relative to dist/web. */
export function staticImports(file: string, code: string): string[] {
  const out: string[] = [];
  for (const match of code.matchAll(
    /(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
  )) {
    const spec = match[1];
    if (spec !== undefined) out.push(posix.normalize(posix.join(posix.dirname(file), spec)));
  }
  return out;
}

/** Every file the first visit loads, following static imports. */
export function initialScripts(dist: string): { files: string[]; gzipBytes: number } {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const queue = entryScripts(html);
  const seen = new Set<string>();
  let gzipBytes = 0;
  while (queue.length > 0) {
    const file = queue.shift() ?? "";
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file));
    gzipBytes += gzipSync(code, { level: 9 }).length;
    queue.push(...staticImports(file, code.toString("utf8")));
  }
  return { files: [...seen], gzipBytes };
}

describe("the initial JavaScript of the web app", () => {
  it("finds static imports and ignores dynamic ones", () => {
    const code = 'import{a as b}from"./vendor-1.js";import"./side.js";const p=()=>import("./lazy.js");';
    expect(staticImports("assets/index.js", code)).toEqual(["assets/vendor-1.js", "assets/side.js"]);
    expect(entryScripts('<script type="module" crossorigin src="/assets/index-1.js"></script>')).toEqual([
      "assets/index-1.js",
    ]);
  });

  it("is under 300 KB gzipped", () => {
    if (!existsSync(join(WEB_DIST, "index.html")))
      throw new Error("dist/web is not built: run `npm run build` first");
    const { files, gzipBytes } = initialScripts(WEB_DIST);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(existsSync(join(WEB_DIST, f)), f).toBe(true);
    process.stdout.write(
      `initial JavaScript: ${gzipBytes} bytes gzipped (${Math.floor(gzipBytes / 1024)} KB) in ${files.join(", ")}\n`,
    );
    expect(gzipBytes).toBeLessThan(BUDGET_BYTES);
  });
});

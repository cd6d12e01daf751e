/**
 * Reads terms documents from a file, or from every `*.json` file of a folder (sorted by
 * name). A file that is not JSON becomes a problem that says where (line and column).
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { TermsSource } from "../../app/ports/offline.js";

export async function readTermsSources(path: string): Promise<TermsSource[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [await readTermsFile(path)];
  const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith(".json")).sort();
  return Promise.all(names.map((n) => readTermsFile(join(path, n))));
}

export async function readTermsFile(path: string): Promise<TermsSource> {
  const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  try {
    return { path, text, document: JSON.parse(text) as unknown, syntaxError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    let where = "";
    if (position?.[1] !== undefined) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      where = ` at line ${line}, column ${column}`;
    }
    return {
      path,
      text,
      document: null,
      syntaxError: { path: "$", code: "not-json", message: `the file is not valid JSON${where}: ${message}` },
    };
  }
}

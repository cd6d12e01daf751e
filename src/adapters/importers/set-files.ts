/**
 * What the sources made of several files (a OneRoster set, the Ed-Fi student files)
 * share: their SHA-256, and their rejects in file order.
 */
import { createHash } from "node:crypto";
import type { ImportItem, OpenSource } from "../../app/ports/import.js";
import { fileSha256 } from "../csv/import-file.js";

/**
 * The hash of each member's role and SHA-256, one line each, in role order: a set is a
 * no-op to import again while none of the files it reads changed.
 */
export async function setSha256(members: readonly (readonly [string, string])[]): Promise<string> {
  const lines: string[] = [];
  for (const [role, path] of [...members].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
    lines.push(`${role}\t${await fileSha256(path)}\n`);
  return createHash("sha256").update(lines.join("")).digest("hex");
}

const fileOf = (item: ImportItem): string =>
  item.kind === "reject" ? item.message.slice(0, item.message.indexOf(": ")) : "";
const lineOf = (item: ImportItem): number => (item.kind === "fault" ? 0 : item.line);

/**
 * The rows, then the rejects by file (each reject's message starts with its file's
 * name) and line: the order the rejects are stored and exported in.
 */
export function inFileOrder(items: readonly ImportItem[]): ImportItem[] {
  const rows = items.filter((i) => i.kind === "row");
  const rejects = items
    .filter((i) => i.kind !== "row")
    .sort((a, b) => (fileOf(a) < fileOf(b) ? -1 : fileOf(a) > fileOf(b) ? 1 : lineOf(a) - lineOf(b)));
  return [...rows, ...rejects];
}

/**
 * A set of files joined in memory as an open source of one batch of students: all its
 * rows in one chunk, in file order; `bytesTotal` is the size of the files read.
 */
export function joinedSetSource(
  format: string,
  items: readonly ImportItem[],
  bytesTotal: number,
  notes: readonly string[],
): OpenSource {
  return {
    format,
    header: null,
    refs: { student: { column: 0, path: null }, contract: { column: 0, path: null } },
    contractId: null,
    items: async function* () {
      yield inFileOrder(items);
    },
    progress: () => ({ bytesRead: bytesTotal, bytesTotal }),
    notes: () => [...notes],
    close: async () => {},
  };
}

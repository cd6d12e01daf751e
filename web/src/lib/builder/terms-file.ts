/**
 * Importing and exporting a terms file. An imported file that is JSON but breaks rules of
 * obc-terms/1 is still loaded (so it can be fixed in the builder) with every problem and
 * its JSON path; a file that is not a JSON object cannot be, and says why.
 */
import { parseTerms, type JsonProblem } from "../../../../src/shared/terms/check-terms.js";
import { isObject, type JsonObject } from "./json-path.js";
import { jsonErrorOffset } from "./json-syntax.js";

export type ImportedTerms =
  | { readonly kind: "unreadable"; readonly message: string }
  | { readonly kind: "loaded"; readonly document: JsonObject; readonly problems: readonly JsonProblem[] };

/** `line L, column C` of a character offset into `text` (both 1-based). */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

export function readTermsText(fileName: string, text: string): ImportedTerms {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const where = offset === null ? "" : ` at ${lineColumn(text, offset)}`;
    const detail = error instanceof Error ? error.message : "it could not be read";
    return { kind: "unreadable", message: `${fileName} is not JSON${where}: ${detail}` };
  }
  if (!isObject(value))
    return { kind: "unreadable", message: `${fileName} must hold one JSON object, an obc-terms/1 document` };
  const parsed = parseTerms(value);
  return { kind: "loaded", document: value, problems: parsed.ok ? [] : parsed.problems };
}

/** The file an export writes: the contract id as its name when it has one that is safe. */
export function termsFileName(document: unknown): string {
  const id = isObject(document) ? document["contractId"] : undefined;
  return typeof id === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id) ? `${id}.json` : "terms.json";
}

export function termsFileText(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

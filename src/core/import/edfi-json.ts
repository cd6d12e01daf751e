/**
 * Ed-Fi JSON documents: a JSON array of resources, one resource object, or NDJSON (one
 * object per line). Each resource comes with where it is (`file:line` for NDJSON,
 * `file:$[i]` for an array), and problems name the JSON path inside it, e.g.
 * `studentAssessment.json:3:$.scoreResults[0].result`. A line that is not JSON is a
 * problem of its own; the others are still read. Messages never echo whole values of
 * a resource (names and birth dates stay out of them).
 */
import type { JsonProblem } from "../problem.js";
import { show } from "../data/cells.js";
import { EdfiJsonSplitter, type EdfiItem } from "./edfi-json-stream.js";

export type { EdfiItem };

/** The whole document at once (the streaming splitter over one piece of text). */
export function splitEdfiDocument(
  file: string,
  text: string,
): { items: EdfiItem[]; problems: JsonProblem[] } {
  const items: EdfiItem[] = [];
  const problems: JsonProblem[] = [];
  let broken: JsonProblem | null = null;
  const splitter = new EdfiJsonSplitter(file, (event) => {
    if (event.kind === "item") items.push(event.item);
    else if (event.kind === "bad-line") problems.push(event.problem);
    else broken = event.problem;
  });
  splitter.push(text);
  splitter.end();
  return broken === null ? { items, problems } : { items: [], problems: [broken] };
}

export class EdfiError {
  constructor(
    readonly path: string,
    readonly code: string,
    readonly message: string,
  ) {}
}

/** Reads fields of one resource by JSON path, with problems that name the path. */
export class EdfiReader {
  constructor(private readonly root: unknown) {}

  value(path: string): unknown {
    let node: unknown = this.root;
    for (const part of path.slice(1).match(/\.[A-Za-z]+|\[\d+\]/g) ?? []) {
      if (node === null || typeof node !== "object") return undefined;
      node = part.startsWith("[")
        ? (node as unknown[])[Number(part.slice(1, -1))]
        : (node as Record<string, unknown>)[part.slice(1)];
    }
    return node;
  }

  /** A non-empty string, or a number written as its digits (Ed-Fi ids such as schoolId). */
  text(path: string, required: true): string | EdfiError;
  text(path: string, required: false): string | null | EdfiError;
  text(path: string, required: boolean): string | null | EdfiError {
    const v = this.value(path);
    if (v === undefined || v === null || v === "")
      return required ? new EdfiError(path, "required", `${path} is required`) : null;
    if (typeof v === "string") return v.trim();
    if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
    return new EdfiError(path, "bad-type", `${path} must be a string`);
  }

  array(path: string): unknown[] | EdfiError {
    const v = this.value(path);
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : new EdfiError(path, "bad-type", `${path} must be an array`);
  }

  /** The code value of a descriptor URI (`uri://ed-fi.org/SexDescriptor#Female` -> `Female`). */
  descriptor(path: string, required: true): string | EdfiError;
  descriptor(path: string, required: false): string | null | EdfiError;
  descriptor(path: string, required: boolean): string | null | EdfiError {
    const v = required ? this.text(path, true) : this.text(path, false);
    if (v === null || v instanceof EdfiError) return v;
    const hash = v.lastIndexOf("#");
    if (hash < 0 || hash === v.length - 1) {
      return new EdfiError(
        path,
        "bad-descriptor",
        `${path} ${show(v)} is not a descriptor URI (namespace#codeValue)`,
      );
    }
    return v.slice(hash + 1);
  }
}

export function edfiProblem(where: string, error: EdfiError): JsonProblem {
  return { path: `${where}:${error.path}`, code: error.code, message: error.message };
}

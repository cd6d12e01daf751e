/**
 * JSON paths of the builder's fields, written exactly as the terms validator writes them
 * (`$.outcomes.metrics[0].amount`, `$.windows["2024 fall"]`), and immutable reads and
 * writes of a terms document at a path. The document being built is plain JSON: it may
 * be invalid at any moment, so every read checks the shape it finds.
 */

export type Segment = string | number;
export type JsonObject = { [key: string]: unknown };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function jsonPath(segments: readonly Segment[]): string {
  let path = "$";
  for (const s of segments) {
    if (typeof s === "number") path += `[${s}]`;
    else path += IDENTIFIER.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return path;
}

/** The segments of a path the validator wrote; null for text that is not such a path. */
export function parseJsonPath(path: string): Segment[] | null {
  if (!path.startsWith("$")) return null;
  const segments: Segment[] = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    const dot = /^\.([A-Za-z_$][A-Za-z0-9_$]*)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
    if (dot?.[1] !== undefined) segments.push(dot[1]);
    else if (index?.[1] !== undefined) segments.push(Number(index[1]));
    else if (quoted?.[1] !== undefined) segments.push(JSON.parse(quoted[1]) as string);
    else return null;
    i += (dot ?? index ?? quoted)?.[0].length ?? 1;
  }
  return segments;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function getAt(document: unknown, segments: readonly Segment[]): unknown {
  let value = document;
  for (const s of segments) {
    if (typeof s === "number") value = Array.isArray(value) ? (value as unknown[])[s] : undefined;
    else value = isObject(value) ? value[s] : undefined;
  }
  return value;
}

/**
 * A copy of `document` with `value` at the path; `undefined` removes the key (or the
 * list item). Objects keep their key order; missing containers are created.
 */
export function setAt(document: unknown, segments: readonly Segment[], value: unknown): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (typeof head === "number") {
    const list = Array.isArray(document) ? [...(document as unknown[])] : [];
    const next = rest.length === 0 ? value : setAt(list[head], rest, value);
    if (next === undefined) list.splice(head, 1);
    else list[head] = next;
    return list;
  }
  const object: JsonObject = isObject(document) ? { ...document } : {};
  const next = rest.length === 0 ? value : setAt(object[head], rest, value);
  if (next === undefined) delete object[head];
  else object[head] = next;
  return object;
}

/** The list at the path, or an empty one when something else is there. */
export function listAt(document: unknown, segments: readonly Segment[]): unknown[] {
  const value = getAt(document, segments);
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** A string for an input: the string itself, a number as written, nothing else. */
export function textAt(document: unknown, segments: readonly Segment[]): string {
  const value = getAt(document, segments);
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return "";
}

/** The DOM id of the field at a path (stable, unique per path). */
export function fieldId(path: string): string {
  return `bf${path.slice(1).replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

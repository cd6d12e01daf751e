/**
 * Path-tracking checks for reading an untyped JSON document into typed values.
 *
 * Every check reports into a `Problems` list instead of stopping, so one pass finds every
 * problem. Each value carries its JSON path (`$.outcomes.metrics[0].amount`, or
 * `$.windows["2024 fall"]` for keys that are not identifiers) and its position in the
 * document, so problems can be listed in document order whatever order the checks ran in.
 * A reader returns `undefined` when the value is unusable; it has then reported why.
 */
import type { JsonProblem } from "../problem.js";

/** Where a value sits: its JSON path for people and its position for ordering problems. */
export interface Loc {
  readonly path: string;
  /** Index of each key (in its object's key order) or item on the way down from the root. */
  readonly order: readonly number[];
}

/** A value looked up by key or index; `present` is false for a missing key. */
export interface Field {
  readonly loc: Loc;
  /** How messages name the value: its key, or `metrics[2]` for an array item. */
  readonly name: string;
  readonly present: boolean;
  readonly value: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function rootField(document: unknown, name: string): Field {
  return { loc: { path: "$", order: [] }, name, present: true, value: document };
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export class Problems {
  private readonly entries: { readonly order: readonly number[]; readonly problem: JsonProblem }[] = [];

  add(loc: Loc, code: string, message: string): void {
    this.entries.push({ order: loc.order, problem: { path: loc.path, code, message } });
  }

  get size(): number {
    return this.entries.length;
  }

  /** In document order (a container before what is inside it); ties keep the order found. */
  inDocumentOrder(): JsonProblem[] {
    return [...this.entries].sort((a, b) => compareOrder(a.order, b.order)).map((e) => e.problem);
  }
}

/** A short, plain description of a value for messages: `the number 670`, `the string "x"`. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "boolean") return `the value ${String(value)}`;
  if (typeof value === "number") return `the number ${String(value)}`;
  if (typeof value === "string") {
    if (value === "") return "an empty string";
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (Array.isArray(value)) return "a list";
  return "an object";
}

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class JsonObject {
  readonly keys: readonly string[];

  constructor(
    readonly loc: Loc,
    readonly name: string,
    private readonly record: Readonly<Record<string, unknown>>,
  ) {
    this.keys = Object.keys(record);
  }

  has(key: string): boolean {
    return this.keys.includes(key);
  }

  /** A missing key is placed after the object's last key, where a reader notices it. */
  field(key: string): Field {
    const index = this.keys.indexOf(key);
    const present = index >= 0;
    return {
      loc: {
        path: childPath(this.loc.path, key),
        order: [...this.loc.order, present ? index : this.keys.length],
      },
      name: key,
      present,
      value: present ? this.record[key] : undefined,
    };
  }
}

/** `"a", "b", "c"`: keys or values as messages show them. */
export function quoteList(keys: readonly string[]): string {
  return keys.map((k) => `"${k}"`).join(", ");
}

/** Loose spelling match for "did you mean": case, `_` and `-` ignored. */
const loose = (key: string): string => key.toLowerCase().replace(/[_-]/g, "");

export function unknownKeyMessage(key: string, owner: string, allowed: readonly string[]): string {
  const near = allowed.find((k) => loose(k) === loose(key));
  const hint = near === undefined ? "" : ` (did you mean "${near}"?)`;
  return `${owner} has no key "${key}"${hint}; its keys are ${quoteList(allowed)}`;
}

/** Reports `required` for a missing field; true when the field is present. */
export function present(p: Problems, f: Field, form: string): boolean {
  if (f.present) return true;
  p.add(f.loc, "required", `${f.name} is missing; it must be ${form}`);
  return false;
}

export function wrongType(p: Problems, f: Field, form: string): undefined {
  p.add(f.loc, "wrong-type", `${f.name} must be ${form}; got ${describe(f.value)}`);
  return undefined;
}

/**
 * An object whose keys are all in `allowed` (each other key is an `unknown-key` problem);
 * `allowed` null accepts any key (a map such as `windows`).
 */
export function readObject(
  p: Problems,
  f: Field,
  form: string,
  allowed: readonly string[] | null,
): JsonObject | undefined {
  if (!present(p, f, form)) return undefined;
  if (!isPlainObject(f.value)) return wrongType(p, f, form);
  const obj = new JsonObject(f.loc, f.name, f.value);
  if (allowed !== null) {
    for (const key of obj.keys) {
      if (!allowed.includes(key))
        p.add(obj.field(key).loc, "unknown-key", unknownKeyMessage(key, f.name, allowed));
    }
  }
  return obj;
}

export function readArray(p: Problems, f: Field, form: string): Field[] | undefined {
  if (!present(p, f, form)) return undefined;
  if (!Array.isArray(f.value)) return wrongType(p, f, form);
  return f.value.map((value: unknown, i) => ({
    loc: { path: childPath(f.loc.path, i), order: [...f.loc.order, i] },
    name: `${f.name}[${i}]`,
    present: true,
    value,
  }));
}

export function readString(p: Problems, f: Field, form = "a text string"): string | undefined {
  if (!present(p, f, form)) return undefined;
  return typeof f.value === "string" ? f.value : wrongType(p, f, form);
}

export function readNonEmptyString(p: Problems, f: Field): string | undefined {
  const text = readString(p, f, "a non-empty text string");
  if (text !== "") return text;
  p.add(f.loc, "empty-string", `${f.name} must not be empty`);
  return undefined;
}

export function readBoolean(p: Problems, f: Field): boolean | undefined {
  if (!present(p, f, "true or false")) return undefined;
  return typeof f.value === "boolean" ? f.value : wrongType(p, f, "true or false");
}

/** A JSON number that is a whole number >= `min` (a string such as `"450"` is a wrong type). */
export function readInteger(p: Problems, f: Field, min: number): number | undefined {
  const form = `a whole number of at least ${min} (a JSON number, not a string)`;
  if (!present(p, f, form)) return undefined;
  if (typeof f.value !== "number") return wrongType(p, f, form);
  // `+ 0` turns a JSON `-0` into 0.
  if (Number.isSafeInteger(f.value) && f.value >= min) return f.value + 0;
  p.add(f.loc, "bad-integer", `${f.name} must be ${form}; got ${describe(f.value)}`);
  return undefined;
}

export function readEnum<T extends string>(p: Problems, f: Field, values: readonly T[]): T | undefined {
  const form = `one of ${quoteList(values)}`;
  if (!present(p, f, form)) return undefined;
  if (typeof f.value !== "string") return wrongType(p, f, form);
  const found = values.find((v) => v === f.value);
  if (found !== undefined) return found;
  p.add(f.loc, "bad-enum", `${f.name} must be ${form}; got ${describe(f.value)}`);
  return undefined;
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ID_FORM = 'an id of 1 to 64 letters, digits, ".", "_" or "-" that starts with a letter or digit';

export function readId(p: Problems, f: Field): string | undefined {
  const text = readString(p, f, ID_FORM);
  if (text === undefined || ID_PATTERN.test(text)) return text;
  p.add(f.loc, "bad-pattern", `${f.name} must be ${ID_FORM}; got ${describe(text)}`);
  return undefined;
}

/**
 * An id that must be unique among its siblings: `firstById` remembers where each id was
 * first used (the element's name), and a repeat is a `duplicate-id` problem.
 */
export function readUniqueId(
  p: Problems,
  idField: Field,
  owner: Field,
  firstById: Map<string, string>,
  what: string,
): string | undefined {
  const id = readId(p, idField);
  if (id === undefined) return undefined;
  const first = firstById.get(id);
  if (first === undefined) firstById.set(id, owner.name);
  else
    p.add(
      idField.loc,
      "duplicate-id",
      `${what} id "${id}" is already used by ${first}; ${what} ids must be unique`,
    );
  return id;
}

/** `null` when the key is absent (no problem), else what `read` makes of it. */
export function optional<T>(f: Field, read: (f: Field) => T | undefined): T | null | undefined {
  return f.present ? read(f) : null;
}

/**
 * Reports `key-not-for-kind` for each key of `obj` that belongs to a kind other than `kind`
 * in `keysByKind` (keys of no kind are left to `readObject`'s unknown-key check).
 */
export function rejectOtherKindKeys(
  p: Problems,
  obj: JsonObject,
  kind: string,
  keysByKind: Readonly<Record<string, readonly string[]>>,
  message: (key: string, ownKeys: readonly string[]) => string,
): void {
  const own = keysByKind[kind] ?? [];
  for (const key of obj.keys) {
    if (own.includes(key)) continue;
    if (Object.values(keysByKind).some((keys) => keys.includes(key))) {
      p.add(obj.field(key).loc, "key-not-for-kind", message(key, own));
    }
  }
}

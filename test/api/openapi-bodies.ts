/**
 * Reading the OpenAPI document for the bad-request suite: which routes take a JSON
 * object body and its properties, a value of the wrong type for a property, and the
 * string values of a body, to put SQL-looking text in each.
 */
import type { RouteEntry } from "../../src/api/define-route.js";

export interface SchemaObject {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaObject>>;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly SchemaObject[];
  readonly oneOf?: readonly SchemaObject[];
}

interface Operation {
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: SchemaObject }>> };
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, SchemaObject>> };
}

export interface JsonRoute {
  readonly route: RouteEntry;
  /** The body's schema, its `$ref` resolved. */
  readonly schema: SchemaObject;
}

function resolve(doc: OpenApiDocument, schema: SchemaObject): SchemaObject {
  const name = schema.$ref?.replace("#/components/schemas/", "");
  if (name === undefined) return schema;
  const found = doc.components?.schemas?.[name];
  if (found === undefined) throw new Error(`the OpenAPI document has no schema ${schema.$ref ?? ""}`);
  return resolve(doc, found);
}

function types(schema: SchemaObject): string[] {
  const own = schema.type === undefined ? [] : [schema.type].flat();
  return [...own, ...(schema.anyOf ?? []).flatMap(types), ...(schema.oneOf ?? []).flatMap(types)];
}

/** The routes whose request body is a JSON object, with the body's schema (properties resolved). */
export function jsonRoutes(doc: OpenApiDocument, routes: readonly RouteEntry[]): JsonRoute[] {
  return routes.flatMap((route) => {
    const content = doc.paths[route.path]?.[route.method.toLowerCase()]?.requestBody?.content;
    const schema = content?.["application/json"]?.schema;
    if (schema === undefined) return [];
    const body = resolve(doc, schema);
    if (!types(body).includes("object")) return [];
    const properties = Object.fromEntries(
      Object.entries(body.properties ?? {}).map(([name, s]) => [name, resolve(doc, s)]),
    );
    return [{ route, schema: { ...body, properties } }];
  });
}

/** A value no schema of the property's types accepts; undefined when it accepts anything. */
export function wrongTypeFor(schema: SchemaObject): unknown {
  const accepted = types(schema);
  if (accepted.length === 0) return undefined;
  for (const candidate of [12345, "not a number", true, ["an", "array"], { an: "object" }] as const) {
    const kind = Array.isArray(candidate) ? "array" : typeof candidate;
    const fits =
      accepted.includes(kind) ||
      (kind === "number" && accepted.includes("integer")) ||
      (kind === "object" && accepted.includes("object"));
    if (!fits) return candidate;
  }
  return undefined;
}

/** The path of every string value in a JSON value (property names and array indexes). */
export function stringLeaves(value: unknown, at: string[] = []): string[][] {
  if (typeof value === "string") return [at];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...at, String(i)]));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
  return [];
}

/** A copy of `body` with `value` at `path` (created when absent). */
export function withValueAt(body: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(body))
    return body.map((item, i) => (String(i) === head ? withValueAt(item, rest, value) : item));
  const object = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  return { ...object, [head]: withValueAt(object[head], rest, value) };
}

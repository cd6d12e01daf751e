/**
 * Requests of the authorization matrix: a route of the table filled from a side of the
 * world, sent as a role, and what its answer must not show that role.
 */
import JSZip from "jszip";
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { pdfPageTexts } from "../documents/read-back.js";
import type { RouteEntry } from "../../src/api/define-route.js";
import type { Role } from "../../src/app/auth/roles.js";
import type { Client } from "./harness.js";
import type { Expectation, ObjectKind, RequestParts, Side } from "./matrix-expectations.js";
import { ROLES } from "../../src/app/auth/roles.js";
import type { Acting, MatrixWorld } from "./matrix-world.js";

export interface Sent {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly code: string | null;
  readonly headers: Headers;
}

export function allows(expectation: Expectation, role: Role): boolean {
  const { allowed } = expectation;
  return allowed === "public" || allowed === "any signed-in" || allowed.includes(role);
}

/** A role that may use the route (any, for a public one). */
export function roleFor(expectation: Expectation): Role {
  const role = ROLES.find((r) => allows(expectation, r));
  if (role === undefined) throw new Error("an expectation that no role may use");
  return role;
}

/** The route's path parameters in order, each with the kind of object it names (null: a fixed value). */
export function aimedParams(route: RouteEntry, expectation: Expectation) {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  return names.map((name) => {
    const aim = expectation.aim[name];
    if (aim === undefined) throw new Error(`${route.operationId}: no aim for path parameter {${name}}`);
    return typeof aim === "string"
      ? { name, kind: aim, fixed: null }
      : { name, kind: null, fixed: aim.fixed };
  });
}

/** The kinds of object a request of the route names: its path's, then those its body names. */
export function aimedKinds(route: RouteEntry, expectation: Expectation): ObjectKind[] {
  const kinds = aimedParams(route, expectation).flatMap((p) => (p.kind === null ? [] : [p.kind]));
  return [...kinds, ...(expectation.bodyAims ?? [])];
}

/** The route's path at the side's objects; `overrides` gives some parameters other values. */
export function pathFor(
  route: RouteEntry,
  expectation: Expectation,
  side: Side,
  overrides: Readonly<Record<string, string>> = {},
): string {
  let path = route.path;
  for (const p of aimedParams(route, expectation)) {
    const value = overrides[p.name] ?? p.fixed ?? side[p.kind ?? "districtId"];
    path = path.replace(`{${p.name}}`, encodeURIComponent(value));
  }
  return path;
}

export interface Target {
  readonly label: string;
  readonly side: Side;
  /** The kind replaced by a missing object's id, for the answer to compare with. */
  readonly probe: ObjectKind;
}

/**
 * The requests aimed at other organizations' objects: each one's objects as a whole, and
 * the acting organization's own path with one of them in it (a statement of another
 * district under its own contract), each path once.
 */
export function foreignTargets(kinds: readonly ObjectKind[], acting: Acting): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (label: string, side: Side, probe: ObjectKind) => {
    const key = kinds.map((k) => side[k]).join("/");
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ label, side, probe });
  };
  for (const other of acting.others) {
    const foreign = kinds.filter((k) => other.objects[k] !== undefined && other.objects[k] !== acting.own[k]);
    const last = foreign[foreign.length - 1];
    if (last === undefined) continue;
    add(other.label, { ...acting.own, ...other.objects }, last);
    if (kinds.length >= 2)
      for (const kind of foreign)
        add(
          `its own path with ${other.label} (${kind})`,
          { ...acting.own, [kind]: other.objects[kind] },
          kind,
        );
  }
  return out;
}

let sentCount = 0;
export const requestsSent = () => sentCount;

export async function send(
  world: MatrixWorld,
  client: Client,
  role: Role,
  route: RouteEntry,
  expectation: Expectation,
  side: Side,
): Promise<Sent> {
  const parts: RequestParts = (await expectation.request?.(side, world.helpers(role))) ?? {};
  const url = pathFor(route, expectation, side) + (parts.query ?? "");
  return sendRaw(client, route.method, url, parts.body, parts.headers);
}

/** Sends a request (a fresh Idempotency-Key on a POST) and reads its answer. */
export async function sendRaw(
  client: Client,
  method: string,
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<Sent> {
  const all: Record<string, string> = { ...headers };
  if (method === "POST") all["idempotency-key"] = randomUUID();
  sentCount++;
  const response = await client.request(method, url, body, all);
  const contentType = response.headers.get("content-type") ?? "";
  const text = await readableText(contentType, new Uint8Array(await response.arrayBuffer()));
  let code: string | null = null;
  if (contentType.startsWith("application/problem+json"))
    code = (JSON.parse(text) as { code?: string }).code ?? null;
  return { method, url, body, status: response.status, contentType, text, code, headers: response.headers };
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * What a reader of the answer sees: the cells of a workbook and the text of a PDF, since
 * their compressed bytes can hold any short id by chance; other answers as UTF-8 text.
 */
async function readableText(contentType: string, bytes: Uint8Array): Promise<string> {
  if (contentType.startsWith(XLSX)) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => {
      cells.push(sheet.name);
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
    });
    return cells.join("\n");
  }
  if (contentType.startsWith("application/pdf")) return (await pdfPageTexts(bytes)).join("\n");
  if (contentType.startsWith(DOCX)) {
    // The words of the document's XML parts, tags dropped: what a reader of the file sees.
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.keys(zip.files).filter((name) => name.endsWith(".xml"));
    const texts = await Promise.all(parts.map((name) => zip.file(name)?.async("string") ?? ""));
    return texts.map((xml) => xml.replace(/<[^>]*>/g, " ")).join("\n");
  }
  return new TextDecoder().decode(bytes);
}

const ID_CHAR = "[A-Za-z0-9._-]";

function wordIn(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<!${ID_CHAR})${escaped}(?!${ID_CHAR})`).test(text);
}

function numbersIn(value: unknown, key: string, found: (key: string, value: string) => void): void {
  if (Array.isArray(value)) for (const item of value) numbersIn(item, key, found);
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) numbersIn(v, k, found);
  else if (typeof value === "string" || typeof value === "number") found(key, String(value));
}

/** What the answer shows of other organizations that the request did not name itself. */
export function leaks(sent: Sent, acting: Acting): string[] {
  const asked = `${sent.url} ${typeof sent.body === "string" ? sent.body : JSON.stringify(sent.body ?? null)}`;
  const shown = [
    sent.text,
    sent.headers.get("location") ?? "",
    sent.headers.get("content-disposition") ?? "",
  ].join("\n");
  const out: string[] = [];
  for (const marker of acting.markers)
    if (shown.includes(marker) && !asked.includes(marker)) out.push(`text ${JSON.stringify(marker)}`);
  for (const word of acting.foreignWords)
    if (wordIn(shown, word) && !wordIn(asked, word)) out.push(`id ${JSON.stringify(word)}`);
  if (sent.contentType.includes("json")) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(sent.text);
    } catch {
      out.push("a body that is not the JSON its content-type says");
    }
    numbersIn(parsed, "", (key, value) => {
      for (const [kind, values] of Object.entries(acting.foreignNumbers))
        if (key.toLowerCase().endsWith(kind.toLowerCase()) && values.includes(value) && !wordIn(asked, value))
          out.push(`${key} ${value}`);
    });
  }
  return out;
}

export function describeSent(sent: Sent): string {
  return `${sent.method} ${sent.url} -> ${sent.status} ${sent.code ?? ""} ${sent.text.slice(0, 300)}`;
}

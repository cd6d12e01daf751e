/**
 * The format of a file chosen for import, told in the browser before it is sent, with the
 * server's own detection (src/shared/import-detection.ts): a CSV file by its name and
 * header row, an Ed-Fi JSON file by its first resource. Only the start of the file is read.
 */
import {
  EDFI_RESOURCE_NAMES,
  EdfiJsonSplitter,
  detectCsvFormat,
  edfiResourceOf,
  importFormat,
  type EdfiResource,
  type EdfiSplitEvent,
} from "../../../../src/shared/import-detection.js";

export type Detection =
  | {
      readonly kind: "format";
      readonly formatId: string;
      readonly label: string;
      /** The rows name no contract: the upload must give one. */
      readonly needsContract: boolean;
    }
  /** The format cannot be told; the import would refuse the file for this reason. */
  | { readonly kind: "unknown"; readonly message: string };

/** A file as the browser gives it (a File is one). */
export interface NamedBlob {
  readonly name: string;
  readonly size: number;
  slice(start?: number, end?: number): Blob;
}

const JSON_NAME = /\.(json|ndjson|jsonl)$/i;
const HEADER_READS = [64 << 10, 1 << 20];
const JSON_READ_LIMIT = 8 << 20;

export function isJsonName(name: string): boolean {
  return JSON_NAME.test(name);
}

/**
 * The first record of CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF),
 * BOM stripped and empty lines skipped as the server's scanner skips them; null when the
 * text ends inside it and `atEnd` is false (more text is needed).
 */
export function firstCsvRecord(text: string, atEnd: boolean): string[] | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (text[i] === "\n" || text[i] === "\r") i += 1;
  if (i >= text.length) return null;
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      fields.push(field);
      return fields;
    } else field += c;
  }
  if (!atEnd || quoted) return null;
  fields.push(field);
  return fields;
}

/** The format of a JSON file by its first resource; null for the Ed-Fi student files, read only as a set. */
const JSON_FORMAT_OF: Readonly<Record<EdfiResource, string | null>> = {
  "attendance-events": "edfi-attendance-events",
  "student-assessments": "edfi-student-assessments",
  students: null,
  "school-associations": null,
  "education-organization-associations": null,
};

function known(formatId: string, label?: string): Detection {
  const info = importFormat(formatId);
  return {
    kind: "format",
    formatId,
    // The contract is chosen beside the file, so the CLI's "(needs --contract)" is left out.
    label: (label ?? info?.description ?? formatId).replace(/\s*\(needs --contract\)/, ""),
    needsContract: info?.needsContract ?? false,
  };
}

async function detectCsv(file: NamedBlob): Promise<Detection> {
  for (const limit of HEADER_READS) {
    const atEnd = limit >= file.size;
    const header = firstCsvRecord(await file.slice(0, limit).text(), atEnd);
    if (header === null && !atEnd) continue;
    if (header === null) return { kind: "unknown", message: `${file.name} has no header row` };
    const found = detectCsvFormat(file.name, header);
    if ("code" in found) return { kind: "unknown", message: found.message };
    return known(found.id, found.label);
  }
  return { kind: "unknown", message: `the header row of ${file.name} is longer than 1 MiB` };
}

async function detectJson(file: NamedBlob): Promise<Detection> {
  let first: EdfiSplitEvent | null = null;
  const splitter = new EdfiJsonSplitter(file.name, (event) => {
    first ??= event;
  });
  const step = 256 << 10;
  const decoder = new TextDecoder();
  for (let at = 0; first === null && at < Math.min(file.size, JSON_READ_LIMIT); at += step)
    splitter.push(decoder.decode(await file.slice(at, at + step).arrayBuffer(), { stream: true }));
  if (first === null && file.size <= JSON_READ_LIMIT) splitter.end();
  const event = first as EdfiSplitEvent | null;
  if (event === null) return { kind: "unknown", message: `${file.name} holds no Ed-Fi resource` };
  if (event.kind !== "item") return { kind: "unknown", message: event.problem.message };
  const resource = edfiResourceOf(event.item.value);
  if (resource === null)
    return {
      kind: "unknown",
      message: `the first resource of ${file.name} is not an Ed-Fi resource Accord reads`,
    };
  const formatId = JSON_FORMAT_OF[resource];
  if (formatId === null)
    return {
      kind: "unknown",
      message:
        `${file.name} holds Ed-Fi ${EDFI_RESOURCE_NAMES[resource]} resources, which are imported only together ` +
        "with the Student, StudentSchoolAssociation and StudentEducationOrganizationAssociation files " +
        "(accord import with the three files); an upload carries one file",
    };
  return known(formatId);
}

/** The format the server will tell from this file (unless a format is given with the upload). */
export function detectFileFormat(file: NamedBlob): Promise<Detection> {
  return isJsonName(file.name) ? detectJson(file) : detectCsv(file);
}

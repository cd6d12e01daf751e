/**
 * The server's `ImportFilesPort`: a request body streamed to a file in a new private
 * folder (mode 0700, the file 0600) under the system's temporary directory, counted as
 * it arrives and cut off past the limit, then planned by `planImport` exactly as
 * `accord import FILE` plans a file. The file on disk carries the client's name (the
 * format of a canonical file is told by its name), with an extension added when the
 * name disagrees with the declared content type; sources are renamed to the client's
 * name so that the batch, and any problem, never shows the temporary path.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type {
  ImportFilesPort,
  PlannedUpload,
  ReceiveOptions,
  ReceiveResult,
  UploadKind,
} from "../../app/ports/import-files.js";
import type { ImportSource } from "../../app/ports/import.js";
import type { ImportFormatId } from "../../core/import/import-formats.js";
import type { RowProblem } from "../../core/problem.js";
import { planImport } from "./plan-import.js";

class TooLarge extends Error {}

const JSON_EXTENSIONS = new Set([".json", ".ndjson", ".jsonl"]);

/** A name for the file on disk: the client's, kept short enough for any file system. */
export function diskName(fileName: string, kind: UploadKind): string {
  let name = fileName.replace(/[\\/\p{Cc}]/gu, "_").replace(/^\.+/, "_");
  if (name === "" || Buffer.byteLength(name, "utf8") > 200) name = "upload";
  const json = JSON_EXTENSIONS.has(extname(name).toLowerCase());
  if (kind === "json" && !json) return `${name}.json`;
  if (kind === "csv" && json) return `${name}.csv`;
  return name;
}

export function httpImportFiles(options: { readonly dir?: string } = {}): ImportFilesPort {
  return {
    async receive(body: AsyncIterable<Uint8Array>, request: ReceiveOptions): Promise<ReceiveResult> {
      const folder = await mkdtemp(join(options.dir ?? tmpdir(), "accord-upload-"));
      const path = join(folder, diskName(request.fileName, request.kind));
      const remove = (): Promise<void> => rm(folder, { recursive: true, force: true });
      let size = 0;
      const hash = createHash("sha256");
      async function* limited(): AsyncGenerator<Uint8Array> {
        for await (const chunk of body) {
          size += chunk.byteLength;
          if (size > request.maxBytes) throw new TooLarge();
          hash.update(chunk);
          request.onBytes?.(size);
          yield chunk;
        }
      }
      try {
        await pipeline(Readable.from(limited()), createWriteStream(path, { flags: "wx", mode: 0o600 }));
      } catch (error) {
        await remove();
        if (error instanceof TooLarge) return { kind: "too-large", maxBytes: request.maxBytes };
        throw error;
      }
      return {
        kind: "received",
        file: {
          sizeBytes: size,
          sha256: hash.digest("hex"),
          plan: (given) => planUpload(path, request.fileName, given),
          remove,
        },
      };
    },
  };
}

async function planUpload(
  path: string,
  fileName: string,
  given: { readonly format: ImportFormatId | null; readonly contractId: string | null },
): Promise<PlannedUpload> {
  const plan = await planImport([path], given);
  const [planned, extra] = plan.imports;
  if (planned === undefined || extra !== undefined)
    throw new Error(`one uploaded file was planned as ${plan.imports.length} imports`);
  const rename = (p: RowProblem): RowProblem => ({ ...p, file: fileName });
  const { input } = planned;
  return {
    format: planned.format,
    needsContract: planned.needsContract,
    input:
      input.kind === "csv"
        ? { kind: "csv", file: { ...input.file, name: fileName }, format: input.format }
        : input.kind === "source"
          ? { kind: "source", source: renamed(input.source, fileName, rename) }
          : { kind: "invalid", problems: input.problems.map(rename) },
  };
}

function renamed(source: ImportSource, name: string, rename: (p: RowProblem) => RowProblem): ImportSource {
  return {
    name,
    sha256: () => source.sha256(),
    async open() {
      const opened = await source.open();
      return "problems" in opened ? { problems: opened.problems.map(rename) } : opened;
    },
  };
}

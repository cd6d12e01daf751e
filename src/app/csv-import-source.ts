/**
 * A CSV file (`ImportFile`) as an import source: the header row tells the format (or
 * `format` names it), the core's CSV format binds it and maps each row to its record,
 * or to a reject with its line, column, code and message and the cells as read (a cell
 * holding a NUL character is rejected before it is read: the store cannot hold it). A
 * file whose header cannot be read or bound is refused whole, with the header's problems.
 */
import type { CsvRecord, ImportFile, ImportItem, ImportSource, OpenSource } from "./ports/import.js";
import type { RowProblem } from "../core/problem.js";
import { RowError } from "../core/data/row-cells.js";
import type { BoundCsv, CsvFormatId } from "../core/import/csv-format.js";
import { csvFormat, detectCsvFormat } from "../core/import/import-formats.js";
import { isPlainSessionHeader } from "../core/import/plain-session-row.js";

export interface CsvSourceOptions {
  /** The format to read the file as; null to tell it from the file name and header. */
  readonly format: CsvFormatId | null;
  /** The contract of every row, for formats whose rows name none (DATAS sessions). */
  readonly contractId: string | null;
}

export function csvImportSource(file: ImportFile, options: CsvSourceOptions): ImportSource {
  return { name: file.name, sha256: () => file.sha256(), open: () => openCsv(file, options) };
}

const baseName = (path: string): string => path.split(/[\\/]/).at(-1) ?? path;

async function openCsv(
  file: ImportFile,
  options: CsvSourceOptions,
): Promise<OpenSource | { problems: RowProblem[] }> {
  const problem = (line: number, column: number, code: string, message: string): RowProblem => ({
    file: file.name,
    line,
    column,
    code,
    message,
  });
  const iterator = file.records()[Symbol.asyncIterator]();
  const refuse = async (problems: RowProblem[]): Promise<{ problems: RowProblem[] }> => {
    await iterator.return?.();
    return { problems };
  };
  let first = await iterator.next();
  while (first.done !== true && first.value.length === 0) first = await iterator.next();
  if (first.done === true) return { problems: [problem(1, 0, "empty-file", "the file has no header row")] };
  const [head, ...rest] = first.value;
  if (head === undefined) throw new Error("a chunk of no records");
  if (head.kind === "bad")
    return refuse([
      problem(head.line, head.column, head.code, `the header row is unreadable: ${head.message}`),
    ]);
  const header = head.fields;
  const nulAt = header.findIndex((name) => name.includes("\u0000"));
  if (nulAt >= 0)
    return refuse([
      problem(head.line, nulAt + 1, "nul-character", "the header holds a NUL character (U+0000)"),
    ]);
  const format = options.format === null ? detectCsvFormat(file.name, header) : csvFormat(options.format);
  if (format === null) throw new Error(`unknown CSV format ${String(options.format)}`);
  if ("code" in format) return refuse([problem(head.line, format.column, format.code, format.message)]);
  const contractId = format.needsContract ? options.contractId : null;
  const bound = format.bind(header, { fileName: baseName(file.name), contractId });
  if (bound.problems.length > 0)
    return refuse(bound.problems.map((p) => problem(head.line, p.column, p.code, p.message)));
  return {
    format: format.id,
    header,
    refs: {
      student: { column: bound.studentColumn, path: null },
      contract: { column: bound.contractColumn, path: null },
    },
    contractId,
    items: () => mapChunks(rest, iterator, bound),
    ...(format.id === "sessions" && isPlainSessionHeader(header)
      ? {
          sessionRecords: {
            chunks: () => chunks(rest, iterator),
            map: (r: CsvRecord) => mapRecord(r, bound),
          },
        }
      : {}),
    progress: () => file.progress(),
    notes: () => bound.notes(),
    close: async () => {
      await iterator.return?.();
    },
  };
}

async function* mapChunks(
  first: readonly CsvRecord[],
  rest: AsyncIterator<readonly CsvRecord[]>,
  bound: BoundCsv,
): AsyncGenerator<ImportItem[]> {
  if (first.length > 0) yield first.map((r) => mapRecord(r, bound));
  for (let next = await rest.next(); next.done !== true; next = await rest.next())
    yield next.value.map((r) => mapRecord(r, bound));
}

async function* chunks(
  first: readonly CsvRecord[],
  rest: AsyncIterator<readonly CsvRecord[]>,
): AsyncGenerator<readonly CsvRecord[]> {
  if (first.length > 0) yield first;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

function mapRecord(record: CsvRecord, bound: BoundCsv): ImportItem {
  if (record.kind === "bad") return { ...record, kind: "reject", path: null, original: null };
  const { line, fields } = record;
  const nulAt = record.mayHoldNul === false ? -1 : fields.findIndex((cell) => cell.includes("\u0000"));
  if (nulAt >= 0) {
    const message = "the cell holds a NUL character (U+0000), which is not text";
    return {
      kind: "reject",
      line,
      column: nulAt + 1,
      path: null,
      code: "nul-character",
      message,
      original: fields,
    };
  }
  const mapped = bound.map(fields, fields.length);
  if (mapped instanceof RowError) {
    const { column, code, message } = mapped;
    return { kind: "reject", line, column, path: null, code, message, original: fields };
  }
  return {
    kind: "row",
    line,
    record: mapped.record,
    student: mapped.student,
    root: null,
    original: fields,
    storable: bound.checksStoreLimits,
  };
}

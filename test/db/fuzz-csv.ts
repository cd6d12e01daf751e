/**
 * Fuzzed canonical CSV files and what importing each must do, row by row.
 *
 * A file is a header (the format's required columns, some optional ones and unknown
 * ones, in any order, any case, padded, quoted or not), then rows of valid values, each
 * with at most one defect: a cell that data-v1 rejects, a field too many or too few, a
 * line of spaces, a stray quote, characters after a closing quote, bytes that are not
 * UTF-8; the last row may open a quote that never closes. Around them: a BOM, blank
 * lines, LF and CRLF line ends, quoted fields holding commas, quotes, CR, LF and CRLF.
 *
 * The model: a record starts on the physical line after the line feeds before it (a CR
 * alone ends no line). Blank lines (nothing before the line end but a CR) are no records
 * and are not counted, as the scanner skips them; a line of spaces is a record. Every
 * record after the header is a data row, accepted or rejected exactly once; a row
 * with a defect is rejected with the code and column of that defect, any other row
 * accepted.
 */
import fc from "fast-check";
import { DATA_FILE_KINDS, type DataFileKind } from "../../src/core/data/records.js";
import {
  badValues,
  DATE_ORDER,
  EXTRA_COLUMNS,
  FILE_COLUMNS,
  validValue,
  type Column,
} from "./fuzz-columns.js";

/** What importing a row must do: accept it, reject it with this code and column, or either. */
export type Expected = "accept" | "either" | { readonly code: string; readonly column: number };

export type Defect =
  | { readonly kind: "cell"; readonly column: number; readonly value: string; readonly code: string }
  | { readonly kind: "extra-field" }
  | { readonly kind: "missing-field" }
  | { readonly kind: "spaces-line"; readonly text: string }
  | { readonly kind: "stray-quote"; readonly column: number }
  | { readonly kind: "after-quote"; readonly column: number }
  | { readonly kind: "bad-bytes"; readonly column: number; readonly bytes: readonly number[] };

export interface RowSpec {
  readonly values: readonly string[];
  /** Quote the field even when its value does not need it. */
  readonly quoted: readonly boolean[];
  readonly defect: Defect | null;
  readonly blankBefore: number;
  readonly crlf: boolean;
}

export interface FileSpec {
  readonly kind: DataFileKind;
  readonly columns: readonly Column[];
  readonly headerNames: readonly string[];
  readonly headerQuoted: readonly boolean[];
  readonly bom: boolean;
  readonly blankBeforeHeader: number;
  readonly headerCrlf: boolean;
  readonly rows: readonly RowSpec[];
  /** The last row's last field opens a quote that is never closed. */
  readonly unterminated: boolean;
  readonly finalBreak: boolean;
  readonly blankAfter: number;
  /** Name the file `<kind>.csv` and let the import tell the format; else give it. */
  readonly detect: boolean;
  readonly chunkRows: number | undefined;
}

export interface BuiltRow {
  readonly line: number;
  readonly expected: Expected;
}

export interface BuiltFile {
  readonly bytes: Buffer;
  readonly headerLine: number;
  readonly rows: readonly BuiltRow[];
}

/** Byte sequences that are not UTF-8: 0xFF, a lone lead or continuation byte, a cut sequence, a surrogate, an overlong form, past U+10FFFF. */
const BAD_BYTES: readonly (readonly number[])[] = [
  [0xff],
  [0xfe],
  [0xc3],
  [0x80],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xf4, 0x90, 0x80, 0x80],
];

const NEEDS_QUOTES = /[",\r\n]/;
const field = (value: string, quote: boolean): string =>
  quote || NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

export interface SpecOptions {
  readonly kinds?: readonly DataFileKind[];
  /** Characters added to free text and unknown columns. */
  readonly textExtra?: readonly string[];
  /** Unknown columns that every header has (besides a random few). */
  readonly extraColumns?: readonly Column[];
  readonly defects?: boolean;
  readonly minRows?: number;
  readonly maxRows?: number;
}

function headerArb(
  kind: DataFileKind,
  options: SpecOptions,
): fc.Arbitrary<{ columns: Column[]; names: string[]; quoted: boolean[] }> {
  const all = FILE_COLUMNS[kind];
  const forced = new Set((options.extraColumns ?? []).map((c) => c.name));
  const extras = EXTRA_COLUMNS.filter((c) => !forced.has(c.name));
  return fc
    .tuple(fc.subarray(all.filter((c) => !c.required)), fc.subarray(extras, { maxLength: 2 }))
    .chain(([optional, extra]) => {
      const chosen = [
        ...all.filter((c) => c.required),
        ...optional,
        ...extra,
        ...(options.extraColumns ?? []),
      ];
      const n = chosen.length;
      const style = fc.tuple(
        fc.constantFrom("as is", "upper", "title"),
        fc.constantFrom("", " ", "\t"),
        fc.boolean(),
      );
      return fc
        .tuple(
          fc.shuffledSubarray(chosen, { minLength: n, maxLength: n }),
          fc.array(style, { minLength: n, maxLength: n }),
        )
        .map(([columns, styles]) => ({
          columns,
          names: columns.map((c, i) => {
            const [letters, pad] = styles[i] ?? ["as is", ""];
            const name =
              letters === "upper"
                ? c.name.toUpperCase()
                : letters === "title"
                  ? c.name.replace(/^./, (x) => x.toUpperCase())
                  : c.name;
            return pad + name + pad;
          }),
          quoted: styles.map((s) => s[2]),
        }));
    });
}

function defectArb(kind: DataFileKind, columns: readonly Column[]): fc.Arbitrary<Defect | null> {
  const width = columns.length;
  const mutable = columns
    .map((column, i) => ({ i, bad: badValues(column, kind) }))
    .filter((m) => m.bad.length > 0);
  const at = fc.nat(width - 1);
  // Typed columns, with more ways to be wrong than an empty cell, are picked more often.
  const cell = fc.oneof(
    ...mutable.map(({ i, bad }) => ({
      weight: bad.some((b) => b.code !== "required") ? 3 : 1,
      arbitrary: fc
        .constantFrom(...bad)
        .map((b): Defect => ({ kind: "cell", column: i, value: b.value, code: b.code })),
    })),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: cell },
    { weight: 1, arbitrary: fc.constant<Defect>({ kind: "extra-field" }) },
    { weight: 1, arbitrary: fc.constant<Defect>({ kind: "missing-field" }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(" ", "\t", "  \t").map((text): Defect => ({ kind: "spaces-line", text })),
    },
    { weight: 1, arbitrary: at.map((column): Defect => ({ kind: "stray-quote", column })) },
    { weight: 1, arbitrary: at.map((column): Defect => ({ kind: "after-quote", column })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(at, fc.constantFrom(...BAD_BYTES))
        .map(([column, bytes]): Defect => ({ kind: "bad-bytes", column, bytes })),
    },
  );
}

function rowArb(kind: DataFileKind, columns: readonly Column[], options: SpecOptions): fc.Arbitrary<RowSpec> {
  const width = columns.length;
  return fc.record({
    values: fc.tuple(...columns.map((c) => validValue(c, options.textExtra))) as fc.Arbitrary<string[]>,
    quoted: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
    defect: options.defects === false ? fc.constant(null) : defectArb(kind, columns),
    blankBefore: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
    ),
    crlf: fc.boolean(),
  });
}

export function fileSpecArb(options: SpecOptions = {}): fc.Arbitrary<FileSpec> {
  return fc.constantFrom(...(options.kinds ?? DATA_FILE_KINDS)).chain((kind) =>
    headerArb(kind, options).chain((header) =>
      fc.record({
        kind: fc.constant(kind),
        columns: fc.constant(header.columns),
        headerNames: fc.constant(header.names),
        headerQuoted: fc.constant(header.quoted),
        bom: fc.boolean(),
        blankBeforeHeader: fc.oneof(
          { weight: 4, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.constant(1) },
        ),
        headerCrlf: fc.boolean(),
        rows: fc.array(rowArb(kind, header.columns, options), {
          minLength: options.minRows ?? 0,
          maxLength: options.maxRows ?? 20,
        }),
        unterminated: options.defects === false ? fc.constant(false) : fc.nat(5).map((n) => n === 0),
        finalBreak: fc.boolean(),
        blankAfter: fc.integer({ min: 0, max: 2 }),
        detect: fc.boolean(),
        chunkRows: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
    ),
  );
}

/** The row's cells as values, with an enrollment's exit kept on or after its start unless the defect says otherwise. */
function rowValues(spec: FileSpec, row: RowSpec): string[] {
  const values = [...row.values];
  if (spec.kind === "enrollments") {
    const enrolled = spec.columns.findIndex((c) => c.name === "enrolled_on");
    const exited = spec.columns.findIndex((c) => c.name === "exited_on");
    const start = values[enrolled]?.trim() ?? "";
    if (exited >= 0 && (values[exited]?.trim() ?? "") !== "" && (values[exited]?.trim() ?? "") < start)
      values[exited] = values[enrolled] ?? "";
    if (row.defect?.kind === "cell" && row.defect.value === DATE_ORDER)
      values[exited] = `${Number(start.slice(0, 4)) - 1}-01-01`;
  }
  return values;
}

function rowBytes(spec: FileSpec, row: RowSpec, last: boolean): { bytes: Buffer; expected: Expected } {
  const width = spec.columns.length;
  const values = rowValues(spec, row);
  const defect = last && spec.unterminated ? null : row.defect;
  if (defect?.kind === "cell" && defect.value !== DATE_ORDER) values[defect.column] = defect.value;
  let fields: (string | Buffer)[] = values.map((v, i) => field(v, row.quoted[i] === true));
  let expected: Expected = "accept";
  switch (defect?.kind) {
    case undefined:
      break;
    case "cell":
      expected = { code: defect.code, column: defect.column + 1 };
      break;
    case "extra-field":
      fields.push("extra");
      expected = { code: "field-count", column: width + 1 };
      break;
    case "missing-field":
      fields.pop();
      expected = { code: "field-count", column: width };
      break;
    case "spaces-line":
      fields = [defect.text];
      expected = { code: "field-count", column: 2 };
      break;
    case "stray-quote":
      fields[defect.column] = 'ab"cd';
      expected = { code: "bad-quote", column: defect.column + 1 };
      break;
    case "after-quote":
      fields[defect.column] = '"ab"x';
      expected = { code: "bad-quote", column: defect.column + 1 };
      break;
    case "bad-bytes":
      fields[defect.column] = Buffer.concat([Buffer.from(defect.bytes), Buffer.from("zz")]);
      expected = { code: "bad-encoding", column: defect.column + 1 };
      break;
  }
  if (last && spec.unterminated) {
    fields[width - 1] = `"never closed${row.crlf ? "\r\n" : "\n"}more`;
    expected = { code: "unterminated-quote", column: width };
  }
  const pieces: Buffer[] = [];
  fields.forEach((f, i) => {
    if (i > 0) pieces.push(Buffer.from(","));
    pieces.push(typeof f === "string" ? Buffer.from(f, "utf8") : f);
  });
  return { bytes: Buffer.concat(pieces), expected };
}

export function buildFile(spec: FileSpec): BuiltFile {
  const parts: Buffer[] = [];
  let lineFeeds = 0;
  const put = (piece: string | Buffer): void => {
    const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    parts.push(bytes);
    for (const byte of bytes) if (byte === 10) lineFeeds++;
  };
  if (spec.bom) put("\ufeff");
  for (let i = 0; i < spec.blankBeforeHeader; i++) put("\n");
  const headerLine = lineFeeds + 1;
  put(spec.headerNames.map((name, i) => field(name, spec.headerQuoted[i] === true)).join(","));
  let lineEnd = spec.headerCrlf ? "\r\n" : "\n";
  const rows: BuiltRow[] = [];
  spec.rows.forEach((row, i) => {
    put(lineEnd);
    for (let b = 0; b < row.blankBefore; b++) put(lineEnd);
    const built = rowBytes(spec, row, i === spec.rows.length - 1);
    rows.push({ line: lineFeeds + 1, expected: built.expected });
    put(built.bytes);
    lineEnd = row.crlf ? "\r\n" : "\n";
  });
  if (spec.finalBreak) put(lineEnd);
  for (let b = 0; b < spec.blankAfter; b++) put(lineEnd);
  return { bytes: Buffer.concat(parts), headerLine, rows };
}

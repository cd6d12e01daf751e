/**
 * The inputs of the import fuzz test's other properties: huge text cells, numbers at the
 * store's limits, headers that cannot be read or bound, and byte noise.
 */
import fc from "fast-check";
import type { DataFileKind } from "../../src/core/data/records.js";
import type { Column } from "./fuzz-columns.js";
import { buildFile, fileSpecArb, type Expected, type FileSpec } from "./fuzz-csv.js";

const NOTE: Column = { name: "note", required: false, type: { t: "extra" } };

/** A valid file with one huge text cell (an unknown column), well inside or well past the record limit. */
export function hugeTextArb(): fc.Arbitrary<{ spec: FileSpec; row: number; expected: Expected }> {
  // Serialized sizes; a unit's size counts its doubled quotes. The rest of a row is far below 100,000.
  const text = fc
    .tuple(
      fc.oneof(
        fc.integer({ min: 20_000, max: 900_000 }).map((size) => ({ size, fits: true })),
        fc.integer({ min: 1_150_000, max: 1_300_000 }).map((size) => ({ size, fits: false })),
      ),
      fc.constantFrom(
        { unit: "a", size: 1 },
        { unit: "é", size: 1 },
        { unit: "中", size: 1 },
        { unit: "😀", size: 2 },
        { unit: 'a,"b"\n', size: 8 },
      ),
    )
    .map(([{ size, fits }, unit]) => ({
      value: unit.unit.repeat(Math.ceil(size / unit.size)),
      expected: (fits ? "accept" : { code: "row-too-long", column: 0 }) as Expected,
    }));
  return fc
    .tuple(fileSpecArb({ defects: false, minRows: 1, maxRows: 3, extraColumns: [NOTE] }), text)
    .chain(([spec, huge]) =>
      fc.nat(spec.rows.length - 1).map((row) => {
        const at = spec.columns.indexOf(NOTE);
        const rows = spec.rows.map((r, i) =>
          i === row ? { ...r, values: r.values.map((v, j) => (j === at ? huge.value : v)) } : r,
        );
        return { spec: { ...spec, rows }, row, expected: huge.expected };
      }),
    );
}

export interface LimitCase {
  readonly kind: "assessments" | "payments";
  readonly header: string;
  readonly row: string;
  readonly label: string;
  /** Whether the store's column holds the value (else rejecting it is as right as storing it). */
  readonly fits: boolean;
}

const digitsLabel = (value: string): string => {
  const [whole = "", frac = ""] = value.replace("-", "").split(".");
  return `${whole.length} digit(s)${frac === "" ? "" : ` and ${frac.length} decimal(s)`}`;
};

/** numeric holds 131,072 digits before the point and 16,383 after; bigint cents ±9,223,372,036,854,775,807. */
export const LIMIT_CASES: readonly LimitCase[] = [
  ...(
    [
      [`1${"0".repeat(999)}`, true],
      [`1${"0".repeat(131_071)}`, true],
      [`1${"0".repeat(131_072)}`, false],
      [`-1${"0".repeat(199_999)}`, false],
      [`0.${"1".repeat(16_383)}`, true],
      [`0.${"1".repeat(16_384)}`, false],
    ] as const
  ).map(([value, fits]) => ({
    kind: "assessments" as const,
    header: "student_id,assessment,subject,window,test_date,scale_score",
    row: `S1,MAP Growth,math,2024-fall,2024-09-01,${value}`,
    label: `scale_score of ${digitsLabel(value)}`,
    fits,
  })),
  ...(
    [
      ["92233720368547758.07", true],
      ["-92233720368547758.08", true],
      ["92233720368547758.08", false],
      ["-92233720368547758.09", false],
      ["99999999999999999999", false],
    ] as const
  ).map(([value, fits]) => ({
    kind: "payments" as const,
    header: "contract_id,paid_on,amount",
    row: `C1,2024-09-01,${value}`,
    label: `amount ${value}`,
    fits,
  })),
];

export interface BadHeader {
  readonly spec: FileSpec;
  readonly bytes: Buffer;
  readonly name: string;
  readonly format: DataFileKind | null;
  /** The codes the first problem may have. */
  readonly codes: readonly string[];
}

/** A file whose header is missing a required column, repeats one, cannot be read, is absent, or names no format. */
export function badHeaderArb(): fc.Arbitrary<BadHeader> {
  const withRows = fileSpecArb({ defects: false, maxRows: 4 });
  const rowsOf = (spec: FileSpec): Buffer => {
    const built = buildFile(spec);
    const headerEnd = built.bytes.indexOf(Buffer.from(spec.headerCrlf ? "\r\n" : "\n"));
    return headerEnd < 0 ? Buffer.alloc(0) : built.bytes.subarray(headerEnd);
  };
  const file = (spec: FileSpec, names: readonly string[], codes: string[], name = "data.csv"): BadHeader => ({
    spec,
    bytes: Buffer.concat([Buffer.from(names.join(",")), rowsOf(spec)]),
    name,
    format: name === "data.csv" ? spec.kind : null,
    codes,
  });
  const required = (spec: FileSpec): number[] => spec.columns.flatMap((c, i) => (c.required ? [i] : []));
  return fc.oneof(
    withRows.chain((spec) =>
      fc.constantFrom(...required(spec)).map((drop) =>
        file(
          spec,
          spec.headerNames.filter((_, i) => i !== drop),
          ["missing-column"],
        ),
      ),
    ),
    withRows.chain((spec) =>
      fc
        .constantFrom(...required(spec))
        .map((again) =>
          file(
            spec,
            [...spec.headerNames, ` ${(spec.columns[again]?.name ?? "").toUpperCase()}`],
            ["duplicate-column"],
          ),
        ),
    ),
    withRows.map((spec) =>
      file(spec, [`"${spec.headerNames[0] ?? ""}"x`, ...spec.headerNames.slice(1)], ["bad-quote"]),
    ),
    withRows.map((spec) => ({
      ...file(spec, spec.headerNames, ["bad-encoding"]),
      bytes: Buffer.concat([Buffer.from([0xff]), Buffer.from(spec.headerNames.join(",")), rowsOf(spec)]),
    })),
    withRows.map((spec) => ({
      ...file(spec, spec.headerNames, ["unterminated-quote"]),
      bytes: Buffer.from(`${spec.headerNames.join(",")},"never closed\nstudent_id,school_id\n`),
    })),
    fc
      .tuple(withRows, fc.constantFrom("", "\n", "\r\n\r\n", "\ufeff", "\ufeff\n\n"))
      .map(([spec, text]) => ({ ...file(spec, [], ["empty-file"]), bytes: Buffer.from(text) })),
    withRows.map((spec) => file(spec, ["colA", "col B", "zz top"], ["unknown-format"], "export.csv")),
  );
}

/** Separators, quotes, line ends, BOMs, values, long runs and random bytes (no NUL: a property of its own). */
export const noise = fc
  .array(
    fc.oneof(
      fc
        .constantFrom(
          ",",
          '"',
          "\n",
          "\r\n",
          "\r",
          "\ufeff",
          " ",
          "S1",
          "C1",
          "2024-10-01",
          "30",
          "true",
          "met",
          "x".repeat(3000),
        )
        .map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b.map((x) => (x === 0 ? 1 : x)))),
      fc.string({ maxLength: 6 }).map((s) => Buffer.from(s)),
    ),
    { maxLength: 60 },
  )
  .map((pieces) => Buffer.concat(pieces));

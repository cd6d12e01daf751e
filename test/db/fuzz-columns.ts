/**
 * The canonical columns as the import fuzz test sees them: for each, values that data-v1
 * accepts and values it rejects with a known code (../shared/spec/data-v1.md and the
 * cell parsers of src/core/data/cells.ts).
 *
 * Valid values keep to what the store can hold: free text without NUL, decimals of a few
 * digits, amounts far inside bigint cents. Values past those limits are the subject of
 * separate properties, so that a failure there does not hide the others.
 */
import fc from "fast-check";
import type { DataFileKind } from "../../src/core/data/records.js";

export type ColumnType =
  | { readonly t: "key"; readonly pool: readonly string[] }
  | { readonly t: "text" }
  | { readonly t: "student-ref" }
  | { readonly t: "contract-ref" }
  | { readonly t: "grade" }
  | { readonly t: "date" }
  | { readonly t: "bool" }
  | { readonly t: "int"; readonly min: number; readonly max: number }
  | { readonly t: "decimal" }
  | { readonly t: "percent" }
  | { readonly t: "money" }
  | { readonly t: "status" }
  | { readonly t: "extra" };

export interface Column {
  readonly name: string;
  readonly required: boolean;
  readonly type: ColumnType;
}

const col = (name: string, required: boolean, type: ColumnType): Column => ({ name, required, type });

/** Students S1..S3 and contract C1 are in the store before a file of another kind is imported. */
export const STORED_STUDENTS = ["S1", "S2", "S3"];
export const STORED_CONTRACT = "C1";

export const FILE_COLUMNS: { readonly [K in DataFileKind]: readonly Column[] } = {
  students: [
    col("student_id", true, { t: "key", pool: ["S1", "S2", "S3", "S4"] }),
    col("school_id", true, { t: "key", pool: ["A", "B"] }),
    col("grade", true, { t: "grade" }),
    col("gender", false, { t: "text" }),
    col("race_ethnicity", false, { t: "text" }),
    col("economically_disadvantaged", false, { t: "bool" }),
    col("english_learner", false, { t: "bool" }),
    col("special_education", false, { t: "bool" }),
  ],
  enrollments: [
    col("contract_id", true, { t: "contract-ref" }),
    col("student_id", true, { t: "student-ref" }),
    col("enrolled_on", true, { t: "date" }),
    col("exited_on", false, { t: "date" }),
  ],
  assessments: [
    col("student_id", true, { t: "student-ref" }),
    col("assessment", true, { t: "text" }),
    col("subject", true, { t: "text" }),
    col("window", true, { t: "text" }),
    col("test_date", true, { t: "date" }),
    col("scale_score", true, { t: "decimal" }),
    col("performance_level", false, { t: "int", min: 0, max: 1_000_000 }),
    col("percentile", false, { t: "int", min: 1, max: 99 }),
    col("growth_target", false, { t: "decimal" }),
    col("rapid_guess_percent", false, { t: "percent" }),
  ],
  sessions: [
    col("session_id", false, { t: "key", pool: ["x1", "x2", "x3"] }),
    col("contract_id", true, { t: "contract-ref" }),
    // Sessions name students the store need not hold (no unknown-student check).
    col("student_id", true, { t: "key", pool: ["S1", "S7"] }),
    col("tutor_id", false, { t: "text" }),
    col("session_date", true, { t: "date" }),
    col("minutes", true, { t: "int", min: 0, max: 1440 }),
    col("attended", false, { t: "bool" }),
    col("group_size", false, { t: "int", min: 1, max: 1_000_000 }),
  ],
  obligations: [
    col("contract_id", true, { t: "contract-ref" }),
    col("obligation_id", true, { t: "key", pool: ["o1", "o2"] }),
    col("status", true, { t: "status" }),
    col("evidence", false, { t: "text" }),
  ],
  payments: [
    col("contract_id", true, { t: "contract-ref" }),
    col("paid_on", true, { t: "date" }),
    col("amount", true, { t: "money" }),
    col("reference", false, { t: "text" }),
  ],
};

/** Columns no format knows: kept out of the computation, never an error. */
export const EXTRA_COLUMNS: readonly Column[] = ["note", "Extra Column", "x", ""].map((name) =>
  col(name, false, { t: "extra" }),
);

// ---- valid values ---------------------------------------------------------------------

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const ALNUM = fc.constantFrom(..."abcXYZ0189");
/** Separators, quotes, line breaks, spaces of several kinds, non-ASCII and control characters (no NUL). */
export const WILD = [
  ",",
  '"',
  '""',
  "\r",
  "\n",
  "\r\n",
  " ",
  "\t",
  "é",
  "ß",
  "中",
  "😀",
  "\u200d",
  "\ufeff",
  "\u00a0",
  "\u2028",
  "\u0001",
  "\u001f",
  "\u007f",
  "'",
  ";",
  "\\",
];
export const wildText = (extra: readonly string[] = []): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(ALNUM, fc.constantFrom(...WILD, ...extra)), maxLength: 8 });
/** Text with a character that no trimming removes: never empty once trimmed. */
const requiredText = (extra: readonly string[] = []): fc.Arbitrary<string> =>
  fc
    .tuple(wildText(extra), fc.string({ unit: ALNUM, minLength: 1, maxLength: 4 }), wildText(extra))
    .map(([a, b, c]) => a + b + c);

/** Spaces and tabs around a value are ignored (data-v1); other white space is not trimmed on its own. */
const PAD = fc.constantFrom("", "", "", " ", "\t", "  ");
const padded = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(PAD, value, PAD).map(([a, v, b]) => a + v + b);
const BLANK = fc.constantFrom("", " ", "\t");
const optional = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 1, arbitrary: BLANK }, { weight: 3, arbitrary: padded(value) });

const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
const two = (n: number): string => String(n).padStart(2, "0");
const date = fc
  .record({ y: fc.integer({ min: 1901, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.nat(30) })
  .map(({ y, m, d }) => `${y}-${two(m)}-${two((d % daysIn(y, m)) + 1)}`);
const cased = (values: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...values), fc.constantFrom("as is", "upper", "lower"))
    .map(([v, c]) => (c === "upper" ? v.toUpperCase() : c === "lower" ? v.toLowerCase() : v));
const GRADES = ["PK", "K", "KG", ...Array.from({ length: 12 }, (_, i) => String(i + 1)), "01", "09", "10"];
const BOOLEANS = ["true", "false", "t", "f", "yes", "no", "y", "n", "1", "0"];
const decimal = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 999_999 }), fc.option(digits(1, 4)))
  .map(([negative, whole, frac]) => `${negative ? "-" : ""}${whole}${frac === null ? "" : `.${frac}`}`);
const percent = fc.oneof(
  fc.constantFrom("0", "100", "100.0", "0.00"),
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.option(digits(1, 3)))
    .map(([whole, frac]) => `${whole}${frac === null ? "" : `.${frac}`}`),
);
const money = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 999_999_999 }), fc.option(digits(1, 2)))
  .map(([negative, whole, frac]) => `${negative ? "-" : ""}${whole}${frac === null ? "" : `.${frac}`}`);

/** A value the column accepts; `textExtra` adds characters to free text (NUL, for one property). */
export function validValue(column: Column, textExtra: readonly string[] = []): fc.Arbitrary<string> {
  const t = column.type;
  if (t.t === "text" || t.t === "extra")
    return column.required ? requiredText(textExtra) : wildText(textExtra);
  if (t.t === "key") {
    const key = fc.oneof(padded(fc.constantFrom(...t.pool)), requiredText(textExtra));
    return column.required ? key : fc.oneof(BLANK, key);
  }
  const value = ((): fc.Arbitrary<string> => {
    switch (t.t) {
      case "student-ref":
        return fc.constantFrom(...STORED_STUDENTS);
      case "contract-ref":
        return fc.constant(STORED_CONTRACT);
      case "grade":
        return cased(GRADES);
      case "date":
        return date;
      case "bool":
        return cased(BOOLEANS);
      case "int":
        return fc.integer({ min: t.min, max: t.max }).map(String);
      case "decimal":
        return decimal;
      case "percent":
        return percent;
      case "money":
        return money;
      case "status":
        return fc.constantFrom("met", "notMet");
    }
  })();
  return column.required ? padded(value) : optional(value);
}

// ---- invalid values -------------------------------------------------------------------

export interface BadValue {
  readonly value: string;
  readonly code: string;
}

const bad = (code: string, values: readonly string[]): BadValue[] => values.map((value) => ({ value, code }));

const REQUIRED = bad("required", ["", " \t"]);
const BAD_DATES = bad("bad-date", [
  "2024-02-30",
  "2023-02-29",
  "2023-13-01",
  "2024-00-10",
  "2024-1-1",
  "24-01-01",
  "2024/01/01",
  "01/02/2024",
  "0000-01-01",
  "tomorrow",
  "2024-01-01T10:00",
  "２０２４-01-01",
]);
const BAD_INTEGERS = bad("bad-integer", [
  "1.5",
  "1e3",
  "+5",
  "12abc",
  "1,000",
  "0x10",
  "١٢",
  "1234567890123456",
  "--1",
  "-",
]);
const BAD_DECIMALS = bad("bad-decimal", [
  "1,5",
  "1.",
  ".5",
  "1e5",
  "NaN",
  "--1",
  "+1",
  "1 000",
  "Infinity",
  "１",
]);
const BAD_BOOLEANS = bad("bad-boolean", ["maybe", "ye", "2", "tru", "oui", "-", "yes!"]);
const BAD_GRADES = bad("bad-grade", ["13", "0", "KK", "P", "1st", "00", "K1", "PreK", "-1", "1.0"]);
const BAD_STATUS = bad("bad-status", ["Met", "MET", "done", "not met", "notmet", "NotMet"]);
const BAD_MONEY = bad("bad-money", ["1.234", "1,000.00", "$5", "1e2", "abc", "12.", ".5", "+3", "1 000"]);

/** Marks the exited_on of an enrollment set before its enrolled_on (filled in when the row is built). */
export const DATE_ORDER = "<date-order>";

/** Values the column rejects, each with its code; empty when it accepts anything. */
export function badValues(column: Column, kind: DataFileKind): BadValue[] {
  const required = column.required ? REQUIRED : [];
  const t = column.type;
  switch (t.t) {
    case "key":
    case "text":
    case "extra":
      return required;
    case "student-ref":
      return [...required, { value: "S9", code: "unknown-student" }];
    case "contract-ref":
      return [...required, { value: "C9", code: "unknown-contract" }];
    case "grade":
      return [...required, ...BAD_GRADES];
    case "date":
      return [
        ...required,
        ...BAD_DATES,
        ...(kind === "enrollments" && column.name === "exited_on"
          ? [{ value: DATE_ORDER, code: "date-order" }]
          : []),
      ];
    case "bool":
      return BAD_BOOLEANS;
    case "int":
      return [
        ...required,
        ...BAD_INTEGERS,
        ...bad("out-of-range", [String(t.min - 1), String(t.max + 1), String(t.max * 10)]),
      ];
    case "decimal":
      return [...required, ...BAD_DECIMALS];
    case "percent":
      return [...BAD_DECIMALS, ...bad("out-of-range", ["100.01", "101", "-0.5", "250"])];
    case "money":
      return [...required, ...BAD_MONEY];
    case "status":
      return [...required, ...BAD_STATUS];
  }
}

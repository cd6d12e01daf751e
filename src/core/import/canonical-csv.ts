/**
 * The canonical data-v1 files as import formats: the header bound by name and every row
 * decoded by the core's decoders, with the codes and messages of `accord settle` (and a
 * value past what the store holds rejected, store-limits.ts). Also
 * how a canonical file is recognised, by its name or by its header.
 */
import { DATA_FILE_KINDS, type DataFileKind } from "../data/records.js";
import { bindHeader, COLUMNS } from "../data/header.js";
import { RowCells, RowError } from "../data/row-cells.js";
import {
  decodeAssessment,
  decodeEnrollment,
  decodeObligationStatus,
  decodePayment,
  decodeSession,
  decodeStudent,
} from "../data/decode-rows.js";
import type { CanonicalRecord } from "./canonical.js";
import { fieldCountError, type CsvFormat } from "./csv-format.js";
import { storeLimitError } from "./store-limits.js";

type Decoder<K extends DataFileKind> = (
  c: RowCells,
) => Extract<CanonicalRecord, { kind: K }>["record"] | RowError;

const DECODERS: { readonly [K in DataFileKind]: Decoder<K> } = {
  students: decodeStudent,
  enrollments: decodeEnrollment,
  assessments: decodeAssessment,
  sessions: decodeSession,
  obligations: decodeObligationStatus,
  payments: decodePayment,
};

/** The format named by a file name: `students.csv`, `students-2025.csv`, `2025/sessions_fall.csv`. */
export function formatFromName(name: string): DataFileKind | null {
  const base = (name.split(/[\\/]/).at(-1) ?? "").toLowerCase();
  return DATA_FILE_KINDS.find((k) => base === k || new RegExp(`^${k}([-_. ]|$)`).test(base)) ?? null;
}

/** The one format whose required columns the header holds all of (the most of them on a tie). */
export function formatFromHeader(fields: readonly string[]): DataFileKind | null {
  const names = new Set(fields.map((f) => f.trim().toLowerCase()));
  let best: DataFileKind | null = null;
  let bestCount = 0;
  let tie = false;
  for (const kind of DATA_FILE_KINDS) {
    const required = COLUMNS[kind].filter((c) => c.required);
    if (!required.every((c) => names.has(c.name))) continue;
    if (required.length > bestCount) [best, bestCount, tie] = [kind, required.length, false];
    else if (required.length === bestCount) tie = true;
  }
  return tie ? null : best;
}

function canonicalFormat<K extends DataFileKind>(kind: K): CsvFormat {
  // Each kind's decoder yields that kind's record (DECODERS' type says so).
  const decode = DECODERS[kind] as (c: RowCells) => CanonicalRecord["record"] | RowError;
  return {
    id: kind,
    label: `canonical ${kind}.csv`,
    kind,
    needsContract: false,
    detect: (header) => formatFromHeader(header) === kind,
    bind(header) {
      const bound = bindHeader(kind, header, header.length);
      const cells = new RowCells(bound.index);
      return {
        problems: bound.problems,
        studentColumn: cells.column("student_id"),
        contractColumn: cells.column("contract_id"),
        carriesStudents: false,
        checksStoreLimits: true,
        map(fields, count) {
          const wrong = fieldCountError(count, bound.width);
          if (wrong !== null) return wrong;
          cells.fields = fields;
          const record = decode(cells);
          if (record instanceof RowError) return record;
          const canonical = { kind, record } as CanonicalRecord;
          const limit = storeLimitError(canonical);
          if (limit !== null) return new RowError(cells.column(limit.column), "out-of-range", limit.message);
          return { record: canonical, student: null };
        },
        notes: () => [],
      };
    },
  };
}

export const CANONICAL_CSV_FORMATS: { readonly [K in DataFileKind]: CsvFormat } = {
  students: canonicalFormat("students"),
  enrollments: canonicalFormat("enrollments"),
  assessments: canonicalFormat("assessments"),
  sessions: canonicalFormat("sessions"),
  obligations: canonicalFormat("obligations"),
  payments: canonicalFormat("payments"),
};

/**
 * The district of the demo workspace: a generated district (src/core/demo) with its three
 * contracts given three stages, and its data files cut to tell one story.
 *
 * - The first contract (per-student math tutoring) ran the whole year and is settled: all
 *   its rows are kept.
 * - The second (a reading pool) is active and its data stops at MID_YEAR: its enrollments
 *   from later, sessions and payments after that date, and its obligation statuses (set
 *   at year end) are left out, and so are the later test rows of its students who are not
 *   also in the settled contract (whose spring scores that settlement needs).
 * - The third is a draft: no enrollment, session, status or payment names it.
 *
 * Two vendors: the settled and active contracts keep the vendors their terms name (the
 * active one gets another when the generator picked the same), and the draft is written
 * with the settled contract's vendor, as a follow-on contract would be.
 */
import { generateDistrict } from "../../core/demo/generate-district.js";
import type { TermsDocument } from "../../core/demo/terms-json.js";
import {
  ASSESSMENT_COLUMNS,
  ENROLLMENT_COLUMNS,
  OBLIGATION_COLUMNS,
  PAYMENT_COLUMNS,
  SESSION_COLUMNS,
  STUDENT_COLUMNS,
} from "../../core/demo/rows.js";
import type { DataFileKind } from "../../core/data/records.js";

export type DemoStage = "draft" | "active" | "settled";

/** The last day of data of the active contract (dates are YYYY-MM-DD, so they compare as text). */
export const MID_YEAR = "2025-01-31";

export interface DemoContractPlan {
  readonly contractId: string;
  readonly stage: DemoStage;
  readonly vendorId: string;
  readonly title: string;
  /** The terms as recorded (pretty JSON, as `accord demo` writes them). */
  readonly termsText: string;
}

export interface DemoFile {
  readonly kind: DataFileKind;
  readonly columns: readonly string[];
  /** The rows as cell strings in `columns` order, freshly generated on each call. */
  rows(): Iterable<readonly string[]>;
}

export interface DemoDistrict {
  readonly districtId: string;
  readonly districtName: string;
  readonly vendors: readonly { readonly id: string; readonly name: string }[];
  /** Settled, active, draft. */
  readonly contracts: readonly DemoContractPlan[];
  /** In import order: students first, payments last. */
  readonly files: readonly DemoFile[];
}

const STAGES: readonly DemoStage[] = ["settled", "active", "draft"];
// Used when the generator gave the active contract the settled contract's vendor.
const OTHER_VENDORS = [
  { id: "lumen-literacy-group", name: "Lumen Literacy Group" },
  { id: "quill-reading-lab", name: "Quill Reading Lab" },
];

export function planDemoDistrict(options: {
  readonly students: number;
  readonly seed: string;
}): DemoDistrict {
  const district = generateDistrict({ students: options.students, seed: options.seed, contracts: 3 });
  const [settled, active, draft] = district.terms();
  if (settled === undefined || active === undefined || draft === undefined)
    throw new Error("the generator gave fewer than three contracts");
  const first = settled.vendor;
  const second =
    active.vendor.id !== first.id ? active.vendor : (OTHER_VENDORS.find((v) => v.id !== first.id) ?? first);
  const docs: TermsDocument[] = [
    settled,
    { ...active, vendor: { ...second } },
    { ...draft, vendor: { ...first } },
  ];
  const contracts = docs.map((doc, i) => ({
    contractId: doc.contractId,
    stage: STAGES[i] ?? "draft",
    vendorId: doc.vendor.id,
    title: doc.title,
    termsText: JSON.stringify(doc, null, 2) + "\n",
  }));

  const activeId = active.contractId;
  const draftId = draft.contractId;
  const enrolledIn = (contractId: string, until: string): Set<string> => {
    const ids = new Set<string>();
    for (const e of district.enrollments())
      if (e.contract_id === contractId && e.enrolled_on <= until) ids.add(e.student_id);
    return ids;
  };
  const settledStudents = enrolledIn(settled.contractId, settled.period.end);
  const midYearOnly = new Set([...enrolledIn(activeId, MID_YEAR)].filter((id) => !settledStudents.has(id)));
  const cells = <K extends string>(columns: readonly K[]) => {
    return (row: Readonly<Record<K, string>>): readonly string[] => columns.map((c) => row[c]);
  };
  function* kept<K extends string, R extends Readonly<Record<K, string>>>(
    columns: readonly K[],
    rows: Iterable<R>,
    keep: (row: R) => R | null,
  ): Generator<readonly string[]> {
    const toCells = cells(columns);
    for (const row of rows) {
      const out = keep(row);
      if (out !== null) yield toCells(out);
    }
  }
  const files: DemoFile[] = [
    {
      kind: "students",
      columns: STUDENT_COLUMNS,
      rows: () => kept(STUDENT_COLUMNS, district.students(), (r) => r),
    },
    {
      kind: "enrollments",
      columns: ENROLLMENT_COLUMNS,
      rows: () =>
        kept(ENROLLMENT_COLUMNS, district.enrollments(), (r) => {
          if (r.contract_id === draftId) return null;
          if (r.contract_id !== activeId) return r;
          if (r.enrolled_on > MID_YEAR) return null;
          return r.exited_on > MID_YEAR ? { ...r, exited_on: "" } : r;
        }),
    },
    {
      kind: "assessments",
      columns: ASSESSMENT_COLUMNS,
      rows: () =>
        kept(ASSESSMENT_COLUMNS, district.assessments(), (r) =>
          r.test_date > MID_YEAR && midYearOnly.has(r.student_id) ? null : r,
        ),
    },
    {
      kind: "sessions",
      columns: SESSION_COLUMNS,
      rows: () =>
        kept(SESSION_COLUMNS, district.sessions(), (r) =>
          r.contract_id === draftId || (r.contract_id === activeId && r.session_date > MID_YEAR) ? null : r,
        ),
    },
    {
      kind: "obligations",
      columns: OBLIGATION_COLUMNS,
      rows: () =>
        kept(OBLIGATION_COLUMNS, district.obligations(), (r) =>
          r.contract_id === draftId || r.contract_id === activeId ? null : r,
        ),
    },
    {
      kind: "payments",
      columns: PAYMENT_COLUMNS,
      rows: () =>
        kept(PAYMENT_COLUMNS, district.payments(), (r) =>
          r.contract_id === draftId || (r.contract_id === activeId && r.paid_on > MID_YEAR) ? null : r,
        ),
    },
  ];
  return {
    districtId: district.description.district.id,
    districtName: district.description.district.name,
    vendors: [first, second],
    contracts,
    files,
  };
}

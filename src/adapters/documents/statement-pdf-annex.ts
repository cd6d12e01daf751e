/**
 * The PDF's annex: one row per student line of the statement, by student id only (no
 * names), with eligibility, service, the base share and each metric's status and amount,
 * the column header repeated on every page, and a row of exact sums at the end. The
 * font shrinks when many metrics need the width, so no amount is ever cut.
 */
import { groupedAmount } from "../../shared/format-amount.js";
import { documentCents } from "../../shared/statement-waterfall.js";
import type { PdfPages, TextStyle } from "./pdf-pages.js";
import type { StatementFile } from "./statement-file.js";

interface Column {
  readonly title: string;
  /** Width at 7.5 points. */
  readonly width: number;
  readonly right: boolean;
}

const STATUS: Readonly<Record<string, string>> = {
  met: "met",
  notMet: "not met",
  missing: "missing",
  notMeasured: "not measured",
};

export function writeStudentAnnex(p: PdfPages, file: StatementFile): void {
  const d = file.document;
  const metricIds = d.metrics.map((m) => m.id);
  const columns: Column[] = [
    { title: "Student", width: 78, right: false },
    { title: "Eligible", width: 62, right: false },
    { title: "Served", width: 32, right: false },
    { title: "Sessions", width: 38, right: true },
    { title: "Minutes", width: 40, right: true },
    { title: "Base", width: 54, right: true },
    ...metricIds.map((id) => ({ title: id, width: 96, right: true })),
  ];
  const needed = columns.reduce((sum, c) => sum + c.width, 0);
  const scale = Math.min(1, (p.right - p.left) / needed);
  const size = 7.5 * scale;
  const style: TextStyle = { size };
  const edges: number[] = [];
  let x = p.left;
  for (const c of columns) {
    edges.push(x);
    x += c.width * scale;
  }
  const at = (i: number, text: string): { x: number; text: string; right: boolean } => {
    const c = columns[i]!;
    return c.right
      ? { x: edges[i]! + (c.width - 4) * scale, text, right: true }
      : { x: edges[i]!, text, right: false };
  };
  const row = (cells: (string | null)[], s: TextStyle = style): void =>
    p.row(
      cells.flatMap((text, i) => (text === null ? [] : [at(i, text)])),
      s,
    );
  const header = (pages: PdfPages): void => {
    row(
      columns.map((c) => c.title),
      { size, bold: true },
    );
    pages.down(size);
    pages.rule();
  };

  p.newPage();
  p.heading(`Annex: per-student lines (${d.students.length.toLocaleString("en-US")} students)`);
  p.paragraph(
    p.left,
    "Students by id, in the statement's order. Each metric shows the student's status and amount. Per-student amounts add up to the base and to each metric's amount before its cap; caps, reductions and a district breach are statement lines.",
    p.right - p.left,
    { size: 7.5, muted: true },
  );
  header(p);
  p.repeatOnNewPage(header);
  let base = 0n;
  const metricSums = new Map<string, bigint>(metricIds.map((id) => [id, 0n]));
  for (const line of d.students) {
    p.need(size * 1.35);
    const lineBase = documentCents(line.base, `base of ${line.studentId}`);
    base += lineBase;
    const metricCells = metricIds.map((id) => {
      const m = line.metrics[id];
      if (m === undefined) return null;
      const amount = documentCents(m.amount, `${id} of ${line.studentId}`);
      metricSums.set(id, (metricSums.get(id) ?? 0n) + amount);
      return `${STATUS[m.status] ?? m.status} ${groupedAmount(amount)}`;
    });
    row([
      line.studentId,
      line.eligible ? "yes" : `no: ${line.ineligibleReason ?? ""}`,
      line.served ? "yes" : "no",
      String(line.sessions),
      String(line.minutes),
      groupedAmount(lineBase),
      ...metricCells,
    ]);
    p.down(size);
  }
  p.repeatOnNewPage(null);
  p.need(size * 3);
  p.rule();
  const bold: TextStyle = { size, bold: true };
  row(
    [
      "Sum",
      null,
      null,
      null,
      null,
      groupedAmount(base),
      ...metricIds.map((id) => groupedAmount(metricSums.get(id) ?? 0n)),
    ],
    bold,
  );
  p.down(size);
}

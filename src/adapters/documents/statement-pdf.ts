/**
 * The statement as a PDF a finance office files: the header (parties, contract, period,
 * as-of date, statement id, kind, status and approvals, input digest), the payment
 * waterfall with each line's amount and reason, the metrics, the population and the
 * obligations, then an annex of per-student lines (student ids only). Every amount is
 * the document's own figure, printed from its cents. Pages are numbered "Page X of Y".
 *
 * The same statement gives the same bytes: the document's dates are the statement's
 * issue time, and nothing else varies.
 */
import { documentCents, statementWaterfall } from "../../shared/statement-waterfall.js";
import { groupedAmount } from "../../shared/format-amount.js";
import { formatTrimmed, mul, parseDecimal, HUNDRED } from "../../core/ratio.js";
import { PdfPages } from "./pdf-pages.js";
import { writeStudentAnnex } from "./statement-pdf-annex.js";
import { reviewLines, statementFacts, type StatementFile } from "./statement-file.js";

/** "0.810573" -> "81.0573%" (the document's six decimals, as a percent). */
function ratePercent(rate: string): string {
  const r = parseDecimal(rate);
  return r === null ? rate : `${formatTrimmed(mul(r, HUNDRED), 4)}%`;
}

function writeHeader(p: PdfPages, file: StatementFile): void {
  const { statement: s, terms } = file;
  p.text(p.left, "Payment statement", { size: 16, bold: true });
  p.textRight(p.right, `Statement ${s.statementId}`, { size: 11, bold: true });
  p.down(16, 1.4);
  p.text(p.left, terms.title, { size: 11 });
  p.textRight(p.right, `${s.kind.toUpperCase()} · ${s.status.toUpperCase()}`, { size: 9, bold: true });
  p.down(11, 2);
  for (const [label, value] of statementFacts(file)) {
    const lines = p.wrap(value, p.right - p.left - 96, { size: label === "Input digest" ? 7.5 : 9 });
    p.need(lines.length * 12);
    p.text(p.left, label, { bold: true });
    for (const line of lines) {
      p.text(p.left + 96, line, { size: label === "Input digest" ? 7.5 : 9 });
      p.down();
    }
  }
  p.text(p.left, "Reviews", { bold: true });
  const reviews = reviewLines(file);
  if (reviews.length === 0) {
    p.text(p.left + 96, "None yet: no party has approved or disputed this statement.", { muted: true });
    p.down();
  }
  for (const line of reviews) p.paragraph(p.left + 96, line, p.right - p.left - 96);
}

function writeWaterfall(p: PdfPages, file: StatementFile): void {
  const currency = file.document.currency;
  p.heading(`Payment waterfall (${currency})`);
  const whyWidth = p.right - p.left - 200;
  for (const line of statementWaterfall(file.document)) {
    const reasons = file.why.filter((w) => w.line === line.key).map((w) => w.text);
    const wrapped = reasons.flatMap((r) => p.wrap(r, whyWidth, { size: 7.5 }));
    p.need(14 + wrapped.length * 10);
    const sum = line.kind === "sum";
    if (sum) p.rule(11);
    p.text(p.left, line.label, { bold: sum });
    const shown =
      line.kind === "step" && line.cents > 0n ? `+${groupedAmount(line.cents)}` : groupedAmount(line.cents);
    p.textRight(p.right, shown, { bold: sum });
    p.down();
    for (const text of wrapped) {
      p.text(p.left + 12, text, { size: 7.5, muted: true });
      p.down(7.5);
    }
    if (wrapped.length > 0) p.y -= 3;
  }
}

function writeMetrics(p: PdfPages, file: StatementFile): void {
  const d = file.document;
  p.heading("Outcome metrics");
  if (d.metrics.length === 0) {
    p.text(p.left, "The terms set no outcome metrics.", { muted: true });
    p.down();
    return;
  }
  const cols = [p.left, p.left + 150, p.left + 260, p.left + 330, p.left + 390, p.right];
  const header = (): void => {
    p.text(cols[0]!, "Metric", { bold: true });
    p.text(cols[1]!, "Kind", { bold: true });
    p.textRight(cols[2]! + 50, "Met / denominator", { bold: true });
    p.textRight(cols[3]! + 40, "Missing", { bold: true });
    p.textRight(cols[4]! + 50, "Rate", { bold: true });
    p.textRight(cols[5]!, "Amount", { bold: true });
    p.down();
  };
  header();
  for (const m of d.metrics) {
    p.need(12);
    const label = file.terms.outcomes.metrics.find((x) => x.id === m.id)?.label ?? m.id;
    p.text(cols[0]!, m.id);
    p.text(cols[1]!, m.kind);
    p.textRight(cols[2]! + 50, `${m.met} / ${m.denominator}`);
    p.textRight(cols[3]! + 40, String(m.missing));
    p.textRight(cols[4]! + 50, ratePercent(m.rate));
    p.textRight(cols[5]!, `${groupedAmount(documentCents(m.amount, m.id))}${m.capped ? " (capped)" : ""}`);
    p.down();
    p.text(cols[0]! + 8, label, { size: 7.5, muted: true });
    p.down(7.5);
  }
}

function writePopulationAndObligations(p: PdfPages, file: StatementFile): void {
  const d = file.document;
  p.heading("Population");
  const pop = d.population;
  p.text(
    p.left,
    `Enrolled ${pop.enrolled} · eligible ${pop.eligible} · served ${pop.served} · measured ${pop.measured}`,
  );
  p.down();
  p.heading("Obligations");
  if (d.obligations.length === 0) {
    p.text(p.left, "The terms set no obligations.", { muted: true });
    p.down();
  }
  for (const o of d.obligations) {
    const description = file.terms.obligations.find((x) => x.id === o.id)?.description ?? "";
    const value = o.value === null ? "" : ` (${o.value})`;
    const consequence = o.consequenceApplied ? ", consequence applied" : "";
    p.paragraph(
      p.left,
      `${o.id} (${o.party}): ${o.status}${value}${consequence}. ${description}`,
      p.right - p.left,
    );
  }
}

/** The PDF bytes of the statement. */
export async function statementPdf(file: StatementFile): Promise<Uint8Array> {
  const p = await PdfPages.create();
  const s = file.statement;
  const issued = new Date(s.issuedAt);
  p.pdf.setTitle(`Statement ${s.statementId}: ${file.terms.title}`);
  p.pdf.setSubject(`Contract ${s.contractId} of district ${s.districtId}, as of ${s.asOf}`);
  p.pdf.setAuthor(file.terms.district.name);
  p.pdf.setCreator("Accord");
  p.pdf.setProducer("Accord");
  if (!Number.isNaN(issued.getTime())) {
    p.pdf.setCreationDate(issued);
    p.pdf.setModificationDate(issued);
  }
  writeHeader(p, file);
  writeWaterfall(p, file);
  writeMetrics(p, file);
  writePopulationAndObligations(p, file);
  writeStudentAnnex(p, file);
  p.footers(`Statement ${s.statementId} · contract ${s.contractId} · ${s.districtId} · as of ${s.asOf}`);
  return p.pdf.save();
}

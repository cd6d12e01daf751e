/**
 * The statement as an XLSX workbook: a Summary sheet (the header, the payment waterfall
 * with each line's reason, the metrics) and a Students sheet (one row per student line,
 * ids only). Money cells are numbers shown with two decimals in the statement's currency;
 * each is the decimal its cents stand for, written as a value (never a float sum or a
 * formula), so every cell equals the document's figure. Rows are streamed to the zip as
 * they are written (a 50,000-student sheet is not held as a million cell objects).
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { formatCents } from "../../core/money.js";
import { statementWaterfall } from "../../shared/statement-waterfall.js";
import { moneyNumber, reviewLines, statementFacts, type StatementFile } from "./statement-file.js";

function moneyFormat(currency: string): string {
  return currency === "USD" ? '"$"#,##0.00;-"$"#,##0.00' : `"${currency} "#,##0.00;-"${currency} "#,##0.00`;
}

const cents = (value: bigint): number => moneyNumber(formatCents(value));

type Book = ExcelJS.stream.xlsx.WorkbookWriter;

async function summarySheet(book: Book, file: StatementFile, money: string): Promise<void> {
  const sheet = book.addWorksheet("Summary");
  sheet.columns = [
    { width: 34 },
    { width: 20 },
    { width: 90 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 8 },
  ];
  sheet.addRow([`Payment statement ${file.statement.statementId}`]).font = { bold: true, size: 14 };
  for (const [label, value] of statementFacts(file))
    sheet.addRow([label, value]).getCell(1).font = { bold: true };
  const reviews = reviewLines(file);
  sheet.addRow(["Reviews", reviews.length === 0 ? "none yet" : reviews.join("\n")]).getCell(1).font = {
    bold: true,
  };
  sheet.addRow([]);
  sheet.addRow(["Payment waterfall", `Amount (${file.document.currency})`, "Why"]).font = { bold: true };
  for (const line of statementWaterfall(file.document)) {
    const why = file.why.filter((w) => w.line === line.key).map((w) => w.text);
    const row = sheet.addRow([line.label, cents(line.cents), why.join(" ")]);
    row.getCell(2).numFmt = money;
    if (line.kind === "sum") row.font = { bold: true };
  }
  sheet.addRow([]);
  const metricHeader = sheet.addRow([
    "Metric",
    "Amount",
    "Kind",
    "Met",
    "Denominator",
    "Missing",
    "Rate",
    "Capped",
  ]);
  metricHeader.font = { bold: true };
  for (const m of file.document.metrics) {
    const row = sheet.addRow([
      m.id,
      moneyNumber(m.amount),
      m.kind,
      m.met,
      m.denominator,
      m.missing,
      Number(m.rate),
      m.capped ? "yes" : "no",
    ]);
    row.getCell(2).numFmt = money;
    row.getCell(7).numFmt = "0.000000";
  }
  const pop = file.document.population;
  sheet.addRow([]);
  sheet.addRow(["Enrolled", pop.enrolled]);
  sheet.addRow(["Eligible", pop.eligible]);
  sheet.addRow(["Served", pop.served]);
  sheet.addRow(["Measured", pop.measured]);
  await sheet.commit();
}

async function studentsSheet(book: Book, file: StatementFile, money: string): Promise<void> {
  const sheet = book.addWorksheet("Students", { views: [{ state: "frozen", ySplit: 1 }] });
  const ids = file.document.metrics.map((m) => m.id);
  const header = [
    "Student",
    "Eligible",
    "Ineligible reason",
    "Served",
    "Sessions",
    "Minutes",
    "Consistency",
    "Base",
  ];
  for (const id of ids) header.push(`${id} status`, `${id} value`, `${id} target`, `${id} amount`);
  const moneyColumns = new Set([8, ...ids.map((_, i) => 12 + i * 4)]);
  // Column formats are set before any row, so that each streamed cell carries its own.
  sheet.columns = header.map((_, i) => ({
    width: i === 0 ? 16 : 12,
    style: moneyColumns.has(i + 1) ? { numFmt: money } : i === 6 ? { numFmt: "0.000000" } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const top = sheet.addRow(header);
  top.font = { bold: true };
  top.commit();
  for (const l of file.document.students) {
    const cells: (string | number | boolean | null)[] = [
      l.studentId,
      l.eligible ? "yes" : "no",
      l.ineligibleReason ?? "",
      l.served ? "yes" : "no",
      l.sessions,
      l.minutes,
      Number(l.consistency),
      moneyNumber(l.base),
    ];
    for (const id of ids) {
      const m = l.metrics[id];
      cells.push(
        m?.status ?? "",
        m?.value ?? "",
        m?.target ?? "",
        m === undefined ? null : moneyNumber(m.amount),
      );
    }
    sheet.addRow(cells).commit();
  }
  await sheet.commit();
}

/** The XLSX bytes of the statement. */
export async function statementXlsx(file: StatementFile): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const issued = new Date(file.statement.issuedAt);
  book.creator = "Accord";
  book.lastModifiedBy = "Accord";
  if (!Number.isNaN(issued.getTime())) {
    book.created = issued;
    book.modified = issued;
  }
  book.title = `Statement ${file.statement.statementId}`;
  const money = moneyFormat(file.document.currency);
  await summarySheet(book, file, money);
  await studentsSheet(book, file, money);
  await book.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

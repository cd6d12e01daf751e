/**
 * The obligations of both parties and the data and privacy requirements. The data files
 * and their columns are data-v1's; the delivery intervals are those after which the
 * data quality check calls a file stale while the period runs (students 60 days,
 * enrollments 30, sessions 14), so that a statement is never held up by a file the
 * contract did not ask for in time.
 */
import type { Obligation, Terms } from "../terms/types.js";
import type { IsoDate } from "../date.js";
import type { RfpSection } from "./rfp-types.js";
import { addDays } from "../date.js";
import { count, joinList, longDate, money, percent } from "./rfp-format.js";

/** Days after the period end by which the complete session log is due. */
export const FINAL_SESSION_LOG_DAYS = 14;

function finalLogDate(terms: Terms): string {
  return longDate(addDays(terms.period.end as IsoDate, FINAL_SESSION_LOG_DAYS));
}

function dueText(terms: Terms, o: Obligation): string {
  const end = longDate(terms.period.end);
  switch (o.measure.kind) {
    case "enrolledStudents":
      return `At least ${count(o.measure.min, "eligible student")} enrolled by ${end}`;
    case "servedStudents":
      return `At least ${count(o.measure.min, "served student")} by ${end}`;
    case "manual":
      return `By ${end}; the district records whether it was met`;
  }
}

function consequenceText(terms: Terms, o: Obligation): string {
  switch (o.consequence.kind) {
    case "payFull":
      return `The district owes the maximum contract value, ${money(terms.maxValueCents, terms.currency)}`;
    case "reduceOutcomePercent":
      return `Outcome payments are reduced by ${percent(o.consequence.percent)}`;
    case "none":
      return "Tracked and reported; no effect on payment";
  }
}

function needsTutor(terms: Terms): boolean {
  return terms.outcomes.metrics.some((m) => m.measure.kind === "consistency");
}

/** The data files: who delivers each, what it holds, and when. */
function dataDeliveries(terms: Terms): string[][] {
  const start = longDate(terms.period.start);
  const windows = joinList(terms.windows.map((w) => `${w.window} (${w.assessment} ${w.subject})`));
  const sessionColumns = `contract_id (${terms.contractId}), student_id, session_date, minutes, attended, session_id${needsTutor(terms) ? ", tutor_id (required: a metric measures tutor consistency)" : ", tutor_id"}`;
  return [
    [
      "District",
      "students.csv: student roster",
      "student_id, school_id, grade, and the student group flags",
      `By ${start}, then at least every 60 days`,
    ],
    [
      "District",
      "enrollments.csv: students enrolled in the program",
      "contract_id, student_id, enrolled_on, exited_on",
      `By ${start}, then at least every 30 days`,
    ],
    ["District", "assessments.csv: test results", `Windows ${windows}`, "After each assessment window"],
    [
      "Vendor",
      "sessions.csv: session log",
      sessionColumns,
      `At least every 14 days during the service period; the complete log by ${finalLogDate(terms)}`,
    ],
  ];
}

export function obligationsSection(terms: Terms): RfpSection {
  const rows = terms.obligations.map((o) => [
    o.party === "district" ? "District" : "Vendor",
    `${o.description} (${o.id})`,
    dueText(terms, o),
    consequenceText(terms, o),
  ]);
  for (const [party, file, , due] of dataDeliveries(terms))
    rows.push([
      party ?? "",
      `Deliver ${file ?? ""} (see Data and privacy)`,
      due ?? "",
      "Statements stay provisional until the data are in",
    ]);
  return {
    key: "obligations",
    heading: "Obligations of both parties",
    paragraphs: [
      terms.obligations.length === 0
        ? "The terms set no obligations beyond the service and the data deliveries below."
        : `The terms set ${count(terms.obligations.length, "obligation")}. Each is checked on every payment statement; its consequence applies as shown.`,
    ],
    table: { columns: ["Party", "Obligation", "Due", "If not met"], rows },
  };
}

export function dataSection(terms: Terms): RfpSection {
  return {
    key: "data",
    heading: "Data and privacy",
    paragraphs: [
      "Student records shared under the contract are education records protected by the Family Educational Rights and Privacy Act (FERPA, 20 U.S.C. 1232g; 34 CFR Part 99). The vendor receives them as a school official with a legitimate educational interest, under the district's direct control, uses them only to deliver and measure the service, and does not disclose them to anyone else.",
      "Files identify students by the district's student id only: no names, addresses or other personal details are exchanged.",
      "Every file follows the district's canonical data format (data-v1): UTF-8 CSV with a header row, dates as YYYY-MM-DD, one record per row. A row that does not meet the format is rejected with its line and reason and counts for nothing until it is corrected.",
      `The vendor delivers the session log, sessions.csv, with one row per session and student, at least every 14 days during the service period, and the complete log by ${finalLogDate(terms)}. Sessions the log does not show do not count toward service or payment.`,
      "Reports shown outside the district never show a figure resting on fewer than 10 students.",
      "When the contract ends, the vendor returns or destroys the student records it holds and confirms it in writing.",
    ],
    table: { columns: ["Delivered by", "File", "Columns", "Due"], rows: dataDeliveries(terms) },
  };
}

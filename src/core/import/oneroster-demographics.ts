/**
 * OneRoster demographics.csv rows to the two demographic strings of a student record.
 *
 * - gender <- `sex`: `male` -> "Male", `female` -> "Female", and (1.2) `unspecified`,
 *   `other`; empty -> null; any other word is rejected. OneRoster values are
 *   case-sensitive, but exports write `Female` and `TRUE`: another case of the same
 *   word is the same value, so case is ignored (for the race flags too).
 * - race_ethnicity <- the race flags, as the U.S. federal aggregate categories (ED 2007
 *   guidance): `hispanicOrLatinoEthnicity` true -> "Hispanic or Latino" (whatever the
 *   races); else two or more race flags true, or `demographicRaceTwoOrMoreRaces` true
 *   -> "Two or more races"; else the one race that is true; else null (not reported).
 *   Flags accept the data-v1 booleans; a bad flag rejects the row.
 * The birth date and birthplace columns are never read.
 */
import type { RowProblem } from "../problem.js";
import { CellError, parseBooleanCell, show } from "../data/cells.js";
import type { BoundRow } from "./oneroster-table.js";

export const RACE_COLUMNS: readonly (readonly [string, string])[] = [
  ["americanIndianOrAlaskaNative", "American Indian or Alaska Native"],
  ["asian", "Asian"],
  ["blackOrAfricanAmerican", "Black or African American"],
  ["nativeHawaiianOrOtherPacificIslander", "Native Hawaiian or Other Pacific Islander"],
  ["white", "White"],
];
const TWO_OR_MORE = "demographicRaceTwoOrMoreRaces";
const HISPANIC = "hispanicOrLatinoEthnicity";

export const DEMOGRAPHICS_COLUMNS: readonly string[] = [
  "sourcedId",
  "sex",
  ...RACE_COLUMNS.map(([c]) => c),
  TWO_OR_MORE,
  HISPANIC,
];

const SEXES: ReadonlyMap<string, string> = new Map([
  ["male", "Male"],
  ["female", "Female"],
  ["unspecified", "Unspecified"],
  ["other", "Other"],
]);

export interface Demographics {
  readonly sourcedId: string;
  readonly line: number;
  readonly gender: string | null;
  readonly raceEthnicity: string | null;
}

export function mapDemographicsRow(file: string, row: BoundRow): Demographics | RowProblem {
  const reject = (name: string, code: string, message: string): RowProblem => ({
    file,
    line: row.line,
    column: row.column(name),
    code,
    message,
  });
  const sourcedId = row.get("sourcedId");
  if (sourcedId === "") return reject("sourcedId", "required", "sourcedId is required");
  const sex = row.get("sex");
  const gender = sex === "" ? null : SEXES.get(sex.toLowerCase());
  if (gender === undefined) {
    return reject("sex", "bad-sex", `sex ${show(sex)} is not one of male, female, unspecified, other`);
  }
  const flag = (name: string): boolean | RowProblem => {
    const value = row.get(name);
    if (value === "") return false;
    const parsed = parseBooleanCell(value);
    return parsed instanceof CellError ? reject(name, parsed.code, `${name}: ${parsed.message}`) : parsed;
  };
  const hispanic = flag(HISPANIC);
  if (typeof hispanic !== "boolean") return hispanic;
  const twoOrMore = flag(TWO_OR_MORE);
  if (typeof twoOrMore !== "boolean") return twoOrMore;
  const races: string[] = [];
  for (const [name, label] of RACE_COLUMNS) {
    const set = flag(name);
    if (typeof set !== "boolean") return set;
    if (set) races.push(label);
  }
  return { sourcedId, line: row.line, gender, raceEthnicity: raceCategory(hispanic, twoOrMore, races) };
}

export function raceCategory(hispanic: boolean, twoOrMore: boolean, races: readonly string[]): string | null {
  if (hispanic) return "Hispanic or Latino";
  if (twoOrMore || races.length > 1) return "Two or more races";
  return races[0] ?? null;
}

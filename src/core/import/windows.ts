/**
 * Vendor terms and school years to canonical assessment windows (`2024-fall`,
 * `2025-winter`, `2025-spring`).
 *
 * Rule: a school year `Y-(Y+1)` runs from a fall to the next summer, and a window is
 * named by the calendar year its season falls in: fall is in `Y`; winter, spring and
 * summer are in `Y+1`. So "Fall 2024-2025" is `2024-fall` and "Winter 2024-2025" is
 * `2025-winter` (winter testing is in January in every vendor calendar we read; a
 * December test of that winter window is still `2025-winter`, named by its window, not
 * its date).
 */
import { CellError, show } from "../data/cells.js";

export type Season = "fall" | "winter" | "spring" | "summer";

export interface SchoolYear {
  readonly start: number;
  readonly end: number;
}

const SCHOOL_YEAR = /^(\d{4})\s*-\s*(\d{4})$/;

/** `2024-2025` (the second year must follow the first). */
export function parseSchoolYear(value: string): SchoolYear | CellError {
  const m = SCHOOL_YEAR.exec(value);
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (m === null || end !== start + 1) {
    return new CellError("bad-school-year", `${show(value)} is not a school year like 2024-2025`);
  }
  return { start, end };
}

const SEASONS: ReadonlyMap<string, Season> = new Map([
  ["fall", "fall"],
  ["autumn", "fall"],
  ["winter", "winter"],
  ["spring", "spring"],
  ["summer", "summer"],
] as const);

/** The season a label starts with: "Winter (November 16 - March 1)" is winter. */
export function parseSeason(value: string): Season | CellError {
  const word = /^[A-Za-z]+/.exec(value)?.[0]?.toLowerCase() ?? "";
  return (
    SEASONS.get(word) ??
    new CellError("bad-season", `${show(value)} does not start with Fall, Winter, Spring or Summer`)
  );
}

export function windowOf(season: Season, year: SchoolYear): string {
  return `${season === "fall" ? year.start : year.end}-${season}`;
}

const TERM_NAME = /^([A-Za-z]+)\s+(\d{4}\s*-\s*\d{4})$/;

/** An NWEA term name, "Fall 2024-2025", to its window (see the rule above). */
export function parseTermNameCell(value: string): string | CellError {
  const m = TERM_NAME.exec(value);
  const season = m === null ? null : SEASONS.get((m[1] ?? "").toLowerCase());
  const year = m === null ? null : parseSchoolYear(m[2] ?? "");
  if (season === null || season === undefined || year === null || year instanceof CellError) {
    return new CellError(
      "bad-term",
      `${show(value)} is not a term name like "Fall 2024-2025" (Fall, Winter, Spring or Summer, then the school year)`,
    );
  }
  return windowOf(season, year);
}

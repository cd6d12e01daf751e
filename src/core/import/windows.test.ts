import { describe, expect, it } from "vitest";
import { CellError } from "../data/cells.js";
import { parseSchoolYear, parseSeason, parseTermNameCell, windowOf } from "./windows.js";

describe("assessment windows", () => {
  it("names fall by the first year of the school year and winter, spring, summer by the second", () => {
    expect(parseTermNameCell("Fall 2024-2025")).toBe("2024-fall");
    expect(parseTermNameCell("Winter 2024-2025")).toBe("2025-winter");
    expect(parseTermNameCell("spring  2024-2025")).toBe("2025-spring");
    expect(parseTermNameCell("Summer 2024-2025")).toBe("2025-summer");
  });

  it("rejects a term name that is not a season and a school year of consecutive years", () => {
    for (const bad of ["Fall 2024", "Fall 2024-2026", "Autumn2024-2025", "Q1 2024-2025", "2024-2025 Fall"]) {
      expect(parseTermNameCell(bad)).toBeInstanceOf(CellError);
    }
  });

  it("reads i-Ready norming windows and Star screening window names by their first word", () => {
    expect(parseSeason("Winter (November 16 - March 1)")).toBe("winter");
    expect(parseSeason("Fall")).toBe("fall");
    expect(parseSeason("Beginning of Year")).toBeInstanceOf(CellError);
    const year = parseSchoolYear("2025-2026");
    expect(year).toEqual({ start: 2025, end: 2026 });
    if (!(year instanceof CellError)) expect(windowOf("spring", year)).toBe("2026-spring");
    expect(parseSchoolYear("2025-2025")).toBeInstanceOf(CellError);
  });
});

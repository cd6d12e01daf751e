/**
 * Typed access to one CSV row by column name, used by the row decoders. Each getter
 * returns the value or a `RowError` that names the column: the first error ends the
 * decoding of the row, which is then rejected whole.
 */
import type { IsoDate } from "../date.js";
import type { Cents } from "../money.js";
import type { Grade } from "../terms/types.js";
import type { HeaderIndex } from "./header.js";
import {
  CellError,
  trimCell,
  parseDateCell,
  parseBooleanCell,
  parseIntegerCell,
  parseDecimalCell,
  parseMoneyCell,
  parseGradeCell,
  parsePercentCell,
} from "./cells.js";

export class RowError {
  constructor(
    /** 1-based field number; 0 for the whole row. */
    readonly column: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

export class RowCells {
  fields: readonly string[] = [];

  constructor(private readonly index: HeaderIndex) {}

  /** 1-based column number of a named column (0 when the file lacks it). */
  column(name: string): number {
    return (this.index.get(name) ?? -1) + 1;
  }

  /** Trimmed cell text; "" when the column is absent or the cell empty. */
  raw(name: string): string {
    const at = this.index.get(name) ?? -1;
    return at < 0 ? "" : trimCell(this.fields[at] ?? "");
  }

  private fail(name: string, error: CellError): RowError {
    return new RowError(this.column(name), error.code, `${name}: ${error.message}`);
  }

  text(name: string): string | RowError {
    const value = this.raw(name);
    return value === "" ? new RowError(this.column(name), "required", `${name} is required`) : value;
  }

  optionalText(name: string): string | null {
    const value = this.raw(name);
    return value === "" ? null : value;
  }

  private parse<T>(
    name: string,
    required: boolean,
    parse: (v: string) => T | CellError,
  ): T | null | RowError {
    const value = this.raw(name);
    if (value === "")
      return required ? new RowError(this.column(name), "required", `${name} is required`) : null;
    const parsed = parse(value);
    return parsed instanceof CellError ? this.fail(name, parsed) : parsed;
  }

  date(name: string): IsoDate | RowError {
    return this.parse(name, true, parseDateCell) as IsoDate | RowError;
  }

  optionalDate(name: string): IsoDate | null | RowError {
    return this.parse(name, false, parseDateCell);
  }

  integer(name: string, min: number, max: number): number | RowError {
    return this.parse(name, true, (v) => parseIntegerCell(v, min, max)) as number | RowError;
  }

  optionalInteger(name: string, min: number, max: number): number | null | RowError {
    return this.parse(name, false, (v) => parseIntegerCell(v, min, max));
  }

  boolean(name: string, absent: boolean): boolean | RowError {
    const value = this.parse(name, false, parseBooleanCell);
    return value === null ? absent : value;
  }

  decimal(name: string): string | RowError {
    return this.parse(name, true, (v) => parseDecimalCell(v)) as string | RowError;
  }

  optionalDecimal(name: string): string | null | RowError {
    return this.parse(name, false, (v) => parseDecimalCell(v));
  }

  optionalPercent(name: string): string | null | RowError {
    return this.parse(name, false, parsePercentCell);
  }

  money(name: string): Cents | RowError {
    return this.parse(name, true, parseMoneyCell) as Cents | RowError;
  }

  grade(name: string): Grade | RowError {
    return this.parse(name, true, parseGradeCell) as Grade | RowError;
  }
}

/**
 * Header binding and typed cell access for vendor exports. A column is known by a key
 * and a list of names (the current name first, then the aliases older or sibling
 * exports use); names are matched case-insensitively after trimming. Errors name the
 * 1-based column and the header name as the file writes it, and never quote personal
 * values: only the cells being parsed (dates, scores, codes) appear in messages.
 */
import { CellError, trimCell } from "../data/cells.js";
import { RowError } from "../data/row-cells.js";
import { indexHeaderNames, type HeaderProblem } from "../data/header.js";

export interface ColumnRule {
  readonly key: string;
  /** Accepted header names, the preferred one first. */
  readonly names: readonly string[];
  readonly required: boolean;
}

export type { HeaderProblem };

export const normalizeName = (name: string): string => name.trim().toLowerCase();

/** Whether the header holds a column with one of `names` (case-insensitive, trimmed). */
export function hasColumn(header: readonly string[], ...names: string[]): boolean {
  const wanted = new Set(names.map(normalizeName));
  return header.some((h) => wanted.has(normalizeName(h)));
}

export class VendorCells {
  private fields: readonly string[] = [];
  private count = 0;

  private constructor(
    /** key -> 0-based field index. */
    private readonly at: ReadonlyMap<string, number>,
    /** key -> header name as written in the file. */
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  /**
   * Binds `header` to `rules`. For each key, the first of its names that the header
   * holds wins; a name that appears twice is a `duplicate-column` problem, a required
   * key without any of its names a `missing-column` problem.
   */
  static bind(
    header: readonly string[],
    rules: readonly ColumnRule[],
    label: string,
  ): { cells: VendorCells; problems: HeaderProblem[] } {
    const { seen, problems } = indexHeaderNames(header, header.length);
    const at = new Map<string, number>();
    const names = new Map<string, string>();
    for (const rule of rules) {
      const found = rule.names.map((n) => seen.get(normalizeName(n))).find((i) => i !== undefined);
      if (found !== undefined) {
        at.set(rule.key, found);
        names.set(rule.key, (header[found] ?? "").trim());
      } else if (rule.required) {
        const also = rule.names.length > 1 ? ` (or ${rule.names.slice(1).join(", ")})` : "";
        problems.push({
          column: 0,
          code: "missing-column",
          message: `a ${label} file needs a "${rule.names[0] ?? rule.key}" column${also}`,
        });
      }
    }
    return { cells: new VendorCells(at, names), problems };
  }

  has(key: string): boolean {
    return this.at.has(key);
  }

  /** 1-based column of a key (0 when the file lacks it). */
  column(key: string): number {
    return (this.at.get(key) ?? -1) + 1;
  }

  name(key: string): string {
    return this.names.get(key) ?? key;
  }

  /** Reads `fields[0..count)` until the next call (the array may be reused after). */
  use(fields: readonly string[], count: number): void {
    this.fields = fields;
    this.count = count;
  }

  /** Trimmed cell text; "" when the column is absent or the cell empty. */
  raw(key: string): string {
    const i = this.at.get(key);
    return i === undefined || i >= this.count ? "" : trimCell(this.fields[i] ?? "");
  }

  error(key: string, code: string, message: string): RowError {
    return new RowError(this.column(key), code, `${this.name(key)}: ${message}`);
  }

  text(key: string): string | RowError {
    const value = this.raw(key);
    return value === "" ? this.required(key) : value;
  }

  optionalText(key: string): string | null {
    const value = this.raw(key);
    return value === "" ? null : value;
  }

  /** The parsed cell; a `required` error when it is empty. */
  value<T>(key: string, parse: (v: string) => T | CellError): T | RowError {
    const value = this.raw(key);
    if (value === "") return this.required(key);
    return this.wrap(key, parse(value));
  }

  /** The parsed cell, or null when it is empty (or the column absent). */
  optional<T>(key: string, parse: (v: string) => T | CellError): T | null | RowError {
    const value = this.raw(key);
    return value === "" ? null : this.wrap(key, parse(value));
  }

  private wrap<T>(key: string, parsed: T | CellError): T | RowError {
    return parsed instanceof CellError ? this.error(key, parsed.code, parsed.message) : parsed;
  }

  private required(key: string): RowError {
    return new RowError(this.column(key), "required", `${this.name(key)} is required`);
  }
}

/**
 * The text alternative of a chart: its numbers in a table inside a disclosure ("Show the
 * numbers"). Long tables (one row a student) are rendered only once opened.
 */
import { useState, type ReactNode } from "react";

export function ShowNumbers(props: { children: ReactNode; summary?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="numbers" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{props.summary ?? "Show the numbers"}</summary>
      {open && props.children}
    </details>
  );
}

export function NumberTable(props: {
  caption: string;
  headers: readonly { readonly label: string; readonly numeric?: boolean }[];
  rows: readonly { readonly key: string; readonly cells: readonly ReactNode[]; readonly wide?: ReactNode }[];
}) {
  return (
    // A long table scrolls inside its frame, which keyboard users reach with Tab.
    <div className="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.headers.map((h) => (
              <th key={h.label} scope="col" className={h.numeric === true ? "num" : undefined}>
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={props.headers[i]?.numeric === true ? "num" : undefined}>
                    {cell}
                  </td>
                ),
              )}
              {row.wide !== undefined && (
                <td colSpan={props.headers.length - row.cells.length} className="suppressed">
                  {row.wide}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A section of the page: a heading, the plain-language summary, then the chart and its numbers. */
export function ChartSection(props: { id: string; title: string; summary: string; children: ReactNode }) {
  return (
    <section className="outcome-section" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      <p className="chart-summary">{props.summary}</p>
      {props.children}
    </section>
  );
}

import type { FreshnessEntry, WindowProgress } from "../../lib/api/contract.js";
import { formatIsoDate, formatTimestamp } from "../../lib/dates.js";
import { Badge } from "../page-heading.js";
import { KIND_LABELS, ageText, freshnessState, percentText } from "./progress-view.js";
import { count } from "./terms-summary.js";

/** The latest import of each kind of data, its age, and whether it is stale. */
export function FreshnessTable(props: { entries: readonly FreshnessEntry[]; vendor: boolean }) {
  return (
    <>
      {props.vendor && (
        <p className="hint">
          Your organization sees the imports it made itself; the district&apos;s own imports are not listed.
        </p>
      )}
      <div className="table-wrap" role="region" aria-labelledby="freshness-caption" tabIndex={0}>
        <table>
          <caption id="freshness-caption">Latest import of each kind of data</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Last import</th>
              <th scope="col">Age</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((f) => {
              const state = freshnessState(f, props.vendor);
              return (
                <tr key={f.kind}>
                  <th scope="row">{KIND_LABELS[f.kind] ?? f.kind}</th>
                  <td>
                    {f.importedAt === null ? (
                      <span className="sub">None</span>
                    ) : (
                      <>
                        {formatTimestamp(f.importedAt)}
                        <div className="sub">
                          Batch {f.batchId}: {f.fileName?.split("/").at(-1)}
                        </div>
                      </>
                    )}
                  </td>
                  <td>{ageText(f.ageDays, props.vendor)}</td>
                  <td>
                    <Badge kind={state.kind}>{state.label}</Badge>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Each assessment window of the terms: when it closes and how many enrolled students have a result. */
export function WindowsTable(props: { windows: readonly WindowProgress[]; enrolled: number }) {
  if (props.windows.length === 0) return null;
  return (
    <div className="table-wrap" role="region" aria-labelledby="windows-caption" tabIndex={0}>
      <table>
        <caption id="windows-caption">Assessment results by window</caption>
        <thead>
          <tr>
            <th scope="col">Window</th>
            <th scope="col">Closes</th>
            <th scope="col" className="num">
              Enrolled students with a result
            </th>
          </tr>
        </thead>
        <tbody>
          {props.windows.map((w) => (
            <tr key={w.name}>
              <th scope="row">
                {w.name}
                <div className="sub">
                  {w.assessment} {w.subject}, {w.window}
                </div>
              </th>
              <td>{w.closesOn === null ? "Not known from its name" : formatIsoDate(w.closesOn)}</td>
              <td className="num">
                {count(w.withScore)} of {count(props.enrolled)} ({percentText(w.withScore, props.enrolled)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

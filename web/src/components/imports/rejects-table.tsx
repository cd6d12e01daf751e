import { rejectPlace, type ImportReject } from "../../lib/api/imports.js";

/** A batch's rejected rows: line, column, code and reason. */
export function RejectsTable(props: { rejects: readonly ImportReject[]; caption: string }) {
  return (
    <div className="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table className="rejects-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Column</th>
            <th scope="col">Code</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {props.rejects.map((r, index) => (
            <tr key={`${r.line}:${r.column}:${index}`}>
              <th scope="row" className="num">
                {r.line}
              </th>
              <td>{rejectPlace(r)}</td>
              <td>
                <code>{r.code}</code>
              </td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

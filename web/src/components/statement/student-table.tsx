/**
 * Every student line of the statement: search by id, filter by status, sort by any
 * column. Only the rows in view are rendered (@tanstack/react-virtual), inside a real
 * table: the header stays, `aria-rowcount` and each row's `aria-rowindex` give the
 * table's true size, sortable headers carry `aria-sort`, and the number of matching
 * students is announced as the search and filter change.
 */
import { useDeferredValue, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { StudentLine } from "../../lib/api/statements.js";
import { formatMoney } from "../../lib/money.js";
import {
  DEFAULT_QUERY,
  STATUS_LABELS,
  prepareRows,
  queryRows,
  type SortKey,
  type StudentStatus,
  type TableQuery,
} from "../../lib/student-table.js";

const ROW_HEIGHT = 37;
const METRIC_STATUS: Readonly<Record<string, string>> = {
  met: "Met",
  notMet: "Not met",
  missing: "Missing",
  notMeasured: "Not measured",
};

interface Props {
  readonly lines: readonly StudentLine[];
  readonly metricIds: readonly string[];
  readonly currency: string;
}

export function StudentTable(props: Props) {
  const { metricIds, currency } = props;
  const rows = useMemo(() => prepareRows(props.lines), [props.lines]);
  const [query, setQuery] = useState<TableQuery>(DEFAULT_QUERY);
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => queryRows(rows, deferred), [rows, deferred]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columns: { key: SortKey; label: string; numeric: boolean }[] = [
    { key: "studentId", label: "Student", numeric: false },
    { key: "status", label: "Status", numeric: false },
    { key: "sessions", label: "Sessions", numeric: true },
    { key: "minutes", label: "Minutes", numeric: true },
    { key: "base", label: "Base", numeric: true },
    ...metricIds.map((id) => ({ key: `metric:${id}` as SortKey, label: id, numeric: true })),
  ];
  const sortBy = (key: SortKey) =>
    setQuery((q) => ({
      ...q,
      sort: key,
      direction: q.sort === key && q.direction === "ascending" ? "descending" : "ascending",
    }));

  return (
    <section aria-labelledby="students-heading">
      <h2 id="students-heading">Students</h2>
      <div className="student-filters">
        <div className="field">
          <label htmlFor="student-search">Search by student id</label>
          <input
            id="student-search"
            type="search"
            value={query.search}
            onChange={(e) => setQuery((q) => ({ ...q, search: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor="student-status">Status</label>
          <select
            id="student-status"
            value={query.status}
            onChange={(e) => setQuery((q) => ({ ...q, status: e.target.value as StudentStatus | "all" }))}
          >
            <option value="all">All statuses</option>
            {(Object.keys(STATUS_LABELS) as StudentStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="count" role="status" aria-live="polite">
        {shown.length === rows.length
          ? `${rows.length.toLocaleString("en-US")} students`
          : `${shown.length.toLocaleString("en-US")} of ${rows.length.toLocaleString("en-US")} students match`}
      </p>
      {shown.length === 0 ? (
        <p className="empty">
          {rows.length === 0
            ? "This statement has no student lines."
            : "No student matches the search and filter."}
        </p>
      ) : (
        <div
          className="table-wrap student-scroll"
          ref={scroller}
          role="region"
          aria-labelledby="students-caption"
          tabIndex={0}
        >
          <table className="student-table" aria-rowcount={shown.length + 1}>
            <caption id="students-caption" className="visually-hidden">
              Student lines, sorted by {columns.find((c) => c.key === query.sort)?.label} ({query.direction})
            </caption>
            <thead>
              <tr aria-rowindex={1}>
                {columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.numeric ? "num" : undefined}
                    aria-sort={query.sort === c.key ? query.direction : "none"}
                  >
                    <button type="button" className="sort-button" onClick={() => sortBy(c.key)}>
                      {c.label}
                      <span aria-hidden="true" className="sort-mark">
                        {query.sort === c.key ? (query.direction === "ascending" ? " ▲" : " ▼") : ""}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {top > 0 && <tr aria-hidden="true" className="spacer" style={{ height: top }} />}
              {items.map((item) => {
                const row = shown[item.index]!;
                const l = row.line;
                return (
                  <tr key={l.studentId} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                    <th scope="row">{l.studentId}</th>
                    <td>
                      {STATUS_LABELS[row.status]}
                      {l.ineligibleReason !== null && <span className="sub"> ({l.ineligibleReason})</span>}
                    </td>
                    <td className="num">{l.sessions}</td>
                    <td className="num">{l.minutes}</td>
                    <td className="num">{formatMoney(l.base, currency)}</td>
                    {metricIds.map((id) => {
                      const m = l.metrics[id];
                      return (
                        <td key={id} className="num">
                          {m === undefined ? (
                            "—"
                          ) : (
                            <>
                              <span className="sub">{METRIC_STATUS[m.status] ?? m.status} </span>
                              {formatMoney(m.amount, currency)}
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              {bottom > 0 && <tr aria-hidden="true" className="spacer" style={{ height: bottom }} />}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

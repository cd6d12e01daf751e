import { useEffect, useRef, useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import { auditQuery, listAuditEvents, NO_FILTERS, type AuditFilters } from "../lib/api/audit.js";
import { ErrorMessage } from "../components/error-message.js";
import { PageHeading } from "../components/page-heading.js";
import { AuditFilterForm } from "../components/audit/audit-filters.js";
import { AuditTable } from "../components/audit/audit-table.js";
import { PagedView } from "../components/imports/load-more.js";
import { usePages } from "../components/imports/use-pages.js";
import "../styles/audit.css";

const hasFilters = (f: AuditFilters): boolean => Object.values(f).some((v) => v.trim() !== "");

/** The organization's audit log for its administrators and auditors, filtered and read a page at a time. */
export function AuditLogPage(props: { api: ApiClient }) {
  const { api } = props;
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const { paged, loadMore, retry } = usePages(JSON.stringify(filters), (cursor) => {
    const built = auditQuery(filters, cursor);
    if ("problems" in built) throw new Error(built.problems.map((p) => p.message).join("; "));
    return listAuditEvents(api, built.query);
  });
  // A filter chosen in the table reloads it: the focus goes to the entries' heading, not to the page's top.
  const entries = useRef<HTMLHeadingElement | null>(null);
  const [chosen, setChosen] = useState(0);
  useEffect(() => {
    if (chosen > 0) entries.current?.focus();
  }, [chosen]);
  const forbidden = paged.state === "error" && paged.error.status === 403;
  return (
    <>
      <PageHeading lead="Every sign-in, write, export and read of student-level data, newest first.">
        Audit log
      </PageHeading>
      {forbidden ? (
        <div className="notice">
          <p>
            <strong>The audit log is not available for your role.</strong> District administrators and
            auditors can read it.
          </p>
          <ErrorMessage error={paged.error} />
        </div>
      ) : (
        <>
          <AuditFilterForm key={JSON.stringify(filters)} applied={filters} onApply={setFilters} />
          <p className="chain-note">
            Chain verification: each entry's hash covers the previous entry, so a changed or removed entry
            breaks the chain. The API does not report the chain's status; an operator checks it with{" "}
            <code>accord audit verify</code>.
          </p>
          <section aria-labelledby="entries-heading">
            <h2 id="entries-heading" ref={entries} tabIndex={-1}>
              Entries
            </h2>
            <PagedView
              paged={paged}
              retry={retry}
              loadMore={loadMore}
              what="the audit entries"
              empty={
                <p>
                  {hasFilters(filters)
                    ? "No entries match these filters."
                    : "The audit log has no entries yet."}
                </p>
              }
            >
              {(events) => (
                <AuditTable
                  events={events}
                  onFilter={(change) => {
                    setFilters({ ...filters, ...change });
                    setChosen((n) => n + 1);
                  }}
                />
              )}
            </PagedView>
          </section>
        </>
      )}
    </>
  );
}

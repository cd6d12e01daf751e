/**
 * The district's budget: its funding sources with their balances (amount, encumbered,
 * paid, released, available) and a bar per source, adding and editing sources
 * (administrators), and the ledger of a source, newest entry first, where administrators
 * reverse an entry (with a reason) unless it is a reversal or already reversed.
 */
import { useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import type { Session } from "../lib/api-types.js";
import { canReverse, listFundingSources, sourceLedger, type FundingSource } from "../lib/api/budget.js";
import { formatMoney } from "../lib/money.js";
import { LoadView } from "../components/load-view.js";
import { PageHeading } from "../components/page-heading.js";
import { PagedView } from "../components/imports/load-more.js";
import { usePages } from "../components/imports/use-pages.js";
import { SourceDialog } from "../components/budget/source-dialog.js";
import { LedgerTable } from "../components/budget/ledger-table.js";
import { ReverseEntryDialog } from "../components/budget/reverse-entry-dialog.js";
import { LazyBudgetBars } from "../components/budget/lazy-bars.js";
import { useLoad } from "../use-load.js";
import "../styles/budget.css";

export function BudgetPage(props: { api: ApiClient; session: Session }) {
  const { api, session } = props;
  const districtId = session.organizationId;
  const admin = session.role === "district_admin";
  const sources = useLoad(`budget/${districtId}`, () => listFundingSources(api, districtId));
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState<FundingSource | null>(null);
  const [changes, setChanges] = useState(0);
  const done = (text: string) => {
    setNotice(text);
    setChanges((n) => n + 1);
    sources.retry();
  };
  return (
    <>
      <PageHeading lead="Funding sources, what contracts have encumbered and paid from them, and what is available.">
        Budget
      </PageHeading>
      <div aria-live="polite">{notice !== null && <p className="notice">{notice}</p>}</div>
      {admin && (
        <p>
          <SourceDialog api={api} districtId={districtId} onDone={done} />
        </p>
      )}
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Funding sources</h2>
        <LoadView result={sources.result} retry={sources.retry} what="the funding sources">
          {(items) =>
            items.length === 0 ? (
              <p className="empty">
                No funding sources yet.{admin ? " Add one to encumber contracts on it." : ""}
              </p>
            ) : (
              <>
                <SourcesTable
                  api={api}
                  districtId={districtId}
                  items={items}
                  admin={admin}
                  onDone={done}
                  onShow={setShown}
                />
                <LazyBudgetBars sources={items} />
              </>
            )
          }
        </LoadView>
      </section>
      {shown !== null && (
        <SourceLedger
          api={api}
          districtId={districtId}
          source={shown}
          admin={admin}
          changes={changes}
          onDone={done}
        />
      )}
    </>
  );
}

function SourcesTable(props: {
  api: ApiClient;
  districtId: string;
  items: readonly FundingSource[];
  admin: boolean;
  onDone: (notice: string) => void;
  onShow: (source: FundingSource) => void;
}) {
  return (
    <div className="table-wrap" role="region" aria-labelledby="sources-caption" tabIndex={0}>
      <table className="funding-sources">
        <caption id="sources-caption">Funding sources and their balances</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Ends on</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Encumbered
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col" className="num">
              Released
            </th>
            <th scope="col" className="num">
              Available
            </th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((s) => (
            <tr key={s.fundingSourceId}>
              <th scope="row">
                {s.code}
                <span className="sub">{s.name}</span>
              </th>
              <td>{s.endsOn}</td>
              <td className="num">{formatMoney(s.balance.amount)}</td>
              <td className="num">{formatMoney(s.balance.encumbered)}</td>
              <td className="num">{formatMoney(s.balance.paid)}</td>
              <td className="num">{formatMoney(s.balance.released)}</td>
              <td className="num">{formatMoney(s.balance.available)}</td>
              <td className="actions">
                <button type="button" onClick={() => props.onShow(s)}>
                  Ledger of {s.code}
                </button>
                {props.admin && (
                  <SourceDialog
                    api={props.api}
                    districtId={props.districtId}
                    source={s}
                    onDone={props.onDone}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SourceLedger(props: {
  api: ApiClient;
  districtId: string;
  source: FundingSource;
  admin: boolean;
  /** Counts the changes made on the page: the ledger is read again after each. */
  changes: number;
  onDone: (notice: string) => void;
}) {
  const { api, districtId, source } = props;
  const key = `${districtId}/${source.fundingSourceId}/${props.changes}`;
  const { paged, loadMore, retry } = usePages(key, (cursor) =>
    sourceLedger(api, districtId, source.fundingSourceId, cursor),
  );
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Ledger of {source.code}</h2>
      <PagedView
        paged={paged}
        retry={retry}
        loadMore={loadMore}
        what="the ledger"
        empty={<p className="empty">No entries yet.</p>}
      >
        {(entries) => (
          <LedgerTable
            entries={entries}
            caption={`Entries of ${source.code}, newest first`}
            {...(props.admin
              ? {
                  action: (entry) =>
                    canReverse(entry) ? (
                      <ReverseEntryDialog
                        api={api}
                        districtId={districtId}
                        entry={entry}
                        onDone={props.onDone}
                      />
                    ) : null,
                }
              : {})}
          />
        )}
      </PagedView>
    </section>
  );
}

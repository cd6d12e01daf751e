/**
 * The organization's portfolio: alerts that need attention today, money committed, paid
 * and contingent at stake, outcomes attained against what was promised per contract, and
 * every contract it is a party to, by stage.
 */
import type { ApiClient } from "../lib/api-client.js";
import type { ContractSummary } from "../lib/api-types.js";
import { alerts, countBySeverity } from "../lib/api/alerts.js";
import { contractProgress } from "../lib/api/contract.js";
import { formatIsoDate, formatPeriod } from "../lib/dates.js";
import { formatMoney } from "../lib/money.js";
import {
  MEASURED,
  STAGE_LABELS,
  committedCents,
  contingentCents,
  groupByStage,
  paidCents,
  type ContractFigures,
  type StageGroup,
} from "../lib/portfolio.js";
import { contractPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { PageHeading } from "../components/page-heading.js";
import { AlertList } from "../components/dashboard/alert-list.js";
import { OutcomesTable } from "../components/dashboard/outcomes-table.js";
import { asApiError, useLoad } from "../use-load.js";
import "../styles/dashboard.css";

export function DashboardPage(props: { api: ApiClient; organizationName: string }) {
  const { result, retry } = useLoad("contracts", () => props.api.allContracts());
  return (
    <>
      <PageHeading lead={props.organizationName}>Portfolio</PageHeading>
      <LoadView result={result} retry={retry} what="the contracts">
        {(contracts) =>
          contracts.length === 0 ? <EmptyPortfolio /> : <Portfolio api={props.api} contracts={contracts} />
        }
      </LoadView>
    </>
  );
}

function EmptyPortfolio() {
  return (
    <div className="empty">
      <p>There are no contracts yet.</p>
      <p>Contracts your organization is a party to appear here as soon as their terms are recorded.</p>
    </div>
  );
}

/** Each active or settled contract's progress; one that cannot be measured says why instead. */
async function loadFigures(
  api: ApiClient,
  contracts: readonly ContractSummary[],
): Promise<ContractFigures[]> {
  const measured = contracts.filter((c) => MEASURED.has(c.stage));
  return Promise.all(
    measured.map(async (contract) => {
      try {
        return {
          contract,
          progress: await contractProgress(api, contract.districtId, contract.contractId),
          problem: null,
        };
      } catch (error) {
        return { contract, progress: null, problem: `Progress not available: ${asApiError(error).detail}` };
      }
    }),
  );
}

function Portfolio(props: { api: ApiClient; contracts: readonly ContractSummary[] }) {
  const groups = groupByStage(props.contracts);
  const keys = props.contracts.map((c) => `${c.districtId}/${c.contractId}/${c.stage}`).join(",");
  const figures = useLoad(`figures:${keys}`, () => loadFigures(props.api, props.contracts));
  return (
    <>
      <AlertsSection api={props.api} />
      <section aria-labelledby="summary-heading" className="summary">
        <h2 id="summary-heading">Money</h2>
        <dl className="figures">
          <div>
            <dt>Money committed</dt>
            <dd>{formatMoney(committedCents(props.contracts))}</dd>
            <dd className="hint">Maximum value of active and settled contracts</dd>
          </div>
          <div>
            <dt>Paid so far</dt>
            <dd>{figures.result.state === "ready" ? formatMoney(paidCents(figures.result.data)) : "…"}</dd>
            <dd className="hint">Payments under active and settled contracts</dd>
          </div>
          <div>
            <dt>Contingent at stake</dt>
            <dd>
              {figures.result.state === "ready" ? formatMoney(contingentCents(figures.result.data)) : "…"}
            </dd>
            <dd className="hint">Paid only for outcomes, in active contracts</dd>
          </div>
          <div>
            <dt>Contracts</dt>
            <dd>{props.contracts.length}</dd>
            <dd className="hint">
              {groups.map((g) => `${g.contracts.length} ${STAGE_LABELS[g.stage].toLowerCase()}`).join(", ")}
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">Outcomes</h2>
        <LoadView result={figures.result} retry={figures.retry} what="the contracts' progress">
          {(data) => <OutcomesTable figures={data} />}
        </LoadView>
      </section>
      {groups.map((group) => (
        <StageSection key={group.stage} group={group} />
      ))}
    </>
  );
}

function AlertsSection(props: { api: ApiClient }) {
  const { result, retry } = useLoad("alerts", () => alerts(props.api));
  return (
    <section aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts</h2>
      <LoadView result={result} retry={retry} what="the alerts">
        {(list) => {
          const counts = countBySeverity(list.items);
          return (
            <>
              <p className="hint">
                As of {formatIsoDate(list.asOf)}: {counts.critical} critical, {counts.warning} warning
                {counts.warning === 1 ? "" : "s"}, {counts.info} to do.
              </p>
              {list.unsettled.length > 0 && (
                <p className="notice">
                  No alerts could be computed for {list.unsettled.map((u) => u.contractId).join(", ")}: its
                  stored data cannot be settled. See its import rejects.
                </p>
              )}
              {list.items.length === 0 ? (
                <p className="empty">Nothing needs attention today.</p>
              ) : (
                <AlertList items={list.items} showContract={true} labelledBy="alerts-heading" />
              )}
            </>
          );
        }}
      </LoadView>
    </section>
  );
}

function StageSection(props: { group: StageGroup }) {
  const { stage, contracts } = props.group;
  const headingId = `stage-${stage}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {STAGE_LABELS[stage]} <span className="count">({contracts.length})</span>
      </h2>
      <div className="table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table>
          <caption className="visually-hidden">{STAGE_LABELS[stage]} contracts</caption>
          <thead>
            <tr>
              <th scope="col">Contract</th>
              <th scope="col">Vendor</th>
              <th scope="col">Period</th>
              <th scope="col" className="num">
                Max value
              </th>
            </tr>
          </thead>
          <tbody>
            {contracts.map((c) => (
              <tr key={`${c.districtId}/${c.contractId}`}>
                <td>
                  <Link to={contractPath(c.districtId, c.contractId)}>{c.title}</Link>
                  <div className="sub">{c.contractId}</div>
                </td>
                <td>
                  {c.vendorName}
                  {c.vendorName !== c.vendorId && <div className="sub">{c.vendorId}</div>}
                </td>
                <td>{formatPeriod(c.periodStart, c.periodEnd)}</td>
                <td className="num">{formatMoney(c.maxValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

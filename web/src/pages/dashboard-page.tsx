import type { ApiClient } from "../lib/api-client.js";
import type { ContractSummary } from "../lib/api-types.js";
import { formatPeriod } from "../lib/dates.js";
import { formatMoney } from "../lib/money.js";
import { STAGE_LABELS, committedCents, groupByStage, type StageGroup } from "../lib/portfolio.js";
import { contractPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { PageHeading } from "../components/page-heading.js";
import { useLoad } from "../use-load.js";

/** The organization's portfolio: every contract it is a party to, by stage, and the money committed. */
export function DashboardPage(props: { api: ApiClient; organizationName: string }) {
  const { result, retry } = useLoad("contracts", () => props.api.allContracts());
  return (
    <>
      <PageHeading lead={props.organizationName}>Portfolio</PageHeading>
      <LoadView result={result} retry={retry} what="the contracts">
        {(contracts) => (contracts.length === 0 ? <EmptyPortfolio /> : <Portfolio contracts={contracts} />)}
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

function Portfolio(props: { contracts: readonly ContractSummary[] }) {
  const groups = groupByStage(props.contracts);
  return (
    <>
      <section aria-labelledby="summary-heading" className="summary">
        <h2 id="summary-heading" className="visually-hidden">
          Summary
        </h2>
        <dl className="figures">
          <div>
            <dt>Contracts</dt>
            <dd>{props.contracts.length}</dd>
          </div>
          <div>
            <dt>Money committed</dt>
            <dd>{formatMoney(committedCents(props.contracts))}</dd>
            <dd className="hint">Maximum value of active and settled contracts</dd>
          </div>
          {groups.map((g) => (
            <div key={g.stage}>
              <dt>{STAGE_LABELS[g.stage]}</dt>
              <dd>{g.contracts.length}</dd>
            </div>
          ))}
        </dl>
      </section>
      {groups.map((group) => (
        <StageSection key={group.stage} group={group} />
      ))}
    </>
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
                <td>{c.vendorId}</td>
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

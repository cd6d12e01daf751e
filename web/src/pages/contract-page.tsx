import type { ApiClient } from "../lib/api-client.js";
import { partyName, type ContractDetail, type StatementSummary } from "../lib/api-types.js";
import { formatIsoDate, formatPeriod, formatTimestamp } from "../lib/dates.js";
import { formatMoney } from "../lib/money.js";
import { STAGE_LABELS } from "../lib/portfolio.js";
import { dashboardPath, statementPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Badge, Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { useLoad } from "../use-load.js";

/** One contract: its parties, period and value, every terms version, and its statements. */
export function ContractPage(props: { api: ApiClient; districtId: string; contractId: string }) {
  const { api, districtId, contractId } = props;
  const key = `${districtId}/${contractId}`;
  const contract = useLoad(key, () => api.contract(districtId, contractId));
  const title = contract.result.state === "ready" ? contract.result.data.contract.title : contractId;
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={dashboardPath()}>Portfolio</Link>
        </li>
        <li aria-current="page">{title}</li>
      </Breadcrumbs>
      <PageHeading>{title}</PageHeading>
      <LoadView result={contract.result} retry={contract.retry} what="the contract">
        {(detail) => <ContractFacts detail={detail} />}
      </LoadView>
      {contract.result.state === "ready" && (
        <Statements api={api} districtId={districtId} contractId={contractId} />
      )}
    </>
  );
}

function ContractFacts(props: { detail: ContractDetail }) {
  const { contract, terms, versions } = props.detail;
  const vendor = partyName(terms, "vendor");
  const district = partyName(terms, "district");
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Stage</dt>
          <dd>
            <Badge kind={contract.stage}>{STAGE_LABELS[contract.stage]}</Badge>
          </dd>
        </div>
        <div>
          <dt>Vendor</dt>
          <dd>
            {vendor ?? contract.vendorId}
            {vendor !== null && <span className="sub"> ({contract.vendorId})</span>}
          </dd>
        </div>
        <div>
          <dt>District</dt>
          <dd>{district ?? contract.districtId}</dd>
        </div>
        <div>
          <dt>Period</dt>
          <dd>{formatPeriod(contract.periodStart, contract.periodEnd)}</dd>
        </div>
        <div>
          <dt>Max value</dt>
          <dd>{formatMoney(contract.maxValue)}</dd>
        </div>
        <div>
          <dt>Terms in force</dt>
          <dd>Version {contract.termsVersion}</dd>
        </div>
      </dl>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Terms versions</h2>
        {versions.length === 0 ? (
          <p className="empty">No terms versions are recorded.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="versions-heading" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Recorded</th>
                  <th scope="col">District approved</th>
                  <th scope="col">Vendor approved</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">{v.version}</th>
                    <td>
                      <Badge kind={v.status}>{v.status}</Badge>
                    </td>
                    <td>{v.reason}</td>
                    <td>{formatTimestamp(v.recordedAt)}</td>
                    <td>
                      {v.districtApprovedAt === null ? "Not yet" : formatTimestamp(v.districtApprovedAt)}
                    </td>
                    <td>{v.vendorApprovedAt === null ? "Not yet" : formatTimestamp(v.vendorApprovedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function Statements(props: { api: ApiClient; districtId: string; contractId: string }) {
  const { api, districtId, contractId } = props;
  const { result, retry } = useLoad(`${districtId}/${contractId}/statements`, () =>
    api.statements(districtId, contractId),
  );
  return (
    <section aria-labelledby="statements-heading">
      <h2 id="statements-heading">Statements</h2>
      <LoadView result={result} retry={retry} what="the statements">
        {(items) =>
          items.length === 0 ? (
            <p className="empty">No statement has been issued for this contract yet.</p>
          ) : (
            <StatementTable items={items} districtId={districtId} contractId={contractId} />
          )
        }
      </LoadView>
    </section>
  );
}

function StatementTable(props: {
  items: readonly StatementSummary[];
  districtId: string;
  contractId: string;
}) {
  return (
    <div className="table-wrap" role="region" aria-labelledby="statements-heading" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Statement</th>
            <th scope="col">Kind</th>
            <th scope="col">As of</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Due
            </th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((s) => (
            <tr key={s.statementId}>
              <td>
                <Link to={statementPath(props.districtId, props.contractId, s.statementId)}>
                  Statement {s.statementId}
                </Link>
                {s.supersededByStatementId !== null && (
                  <div className="sub">Superseded by statement {s.supersededByStatementId}</div>
                )}
              </td>
              <td>{s.kind === "final" ? "Final" : "Interim"}</td>
              <td>{formatIsoDate(s.asOf)}</td>
              <td>
                <Badge kind={s.status}>{s.status}</Badge>
              </td>
              <td className="num">{formatMoney(s.total)}</td>
              <td className="num">{formatMoney(s.due)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

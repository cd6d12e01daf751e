/**
 * One contract: its terms in plain language, alerts, progress this year against the
 * plan's pace, both parties' obligations with evidence, the freshness of its data,
 * amendments, statements and payments, and a link to its outcomes.
 */
import { useEffect, type ReactNode } from "react";
import type { ApiClient } from "../lib/api-client.js";
import { partyName, type ContractDetail } from "../lib/api-types.js";
import { contractProgress, obligations, payments, type ContractProgress } from "../lib/api/contract.js";
import { CONTRACT_SECTIONS } from "../lib/api/alerts.js";
import { formatPeriod } from "../lib/dates.js";
import { formatMoney } from "../lib/money.js";
import { STAGE_LABELS } from "../lib/portfolio.js";
import { dashboardPath, evidencePath, outcomesPath, vendorScorecardPath } from "../lib/routes.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Badge, Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { AlertList } from "../components/dashboard/alert-list.js";
import { ProgressSection } from "../components/contract/progress-section.js";
import { ObligationsTable, type Viewer } from "../components/contract/obligations-section.js";
import { FreshnessTable, WindowsTable } from "../components/contract/data-sections.js";
import { AmendmentsTable, PaymentsTable, StatementsTable } from "../components/contract/history-sections.js";
import { TermsSection } from "../components/contract/terms-section.js";
import { InvoicesSection } from "../components/contract/invoices-section.js";
import { LifecycleActions } from "../components/contract/lifecycle-actions.js";
import { CheckInsSection } from "../components/contract/check-ins-section.js";
import { FundingPanel } from "../components/budget/funding-panel.js";
import { useLoad, type Load } from "../use-load.js";
import "../styles/dashboard.css";
import "../styles/contract.css";

interface Props {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
}

export function ContractPage(props: Props) {
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
      <LifecycleActions api={api} contract={contract.result} onChanged={contract.retry} />
      <LoadView result={contract.result} retry={contract.retry} what="the contract">
        {(detail) => <ContractBody {...props} detail={detail} />}
      </LoadView>
    </>
  );
}

function ContractBody(props: Props & { detail: ContractDetail }) {
  const { api, districtId, contractId, detail } = props;
  const key = `${districtId}/${contractId}`;
  const progress = useLoad(`${key}/progress`, () => contractProgress(api, districtId, contractId));
  const session = useLoad("session", () => api.session());
  const obligationList = useLoad(`${key}/obligations`, () => obligations(api, districtId, contractId));
  const statements = useLoad(`${key}/statements`, () => api.statements(districtId, contractId));
  const paymentList = useLoad(`${key}/payments`, () => payments(api, districtId, contractId));
  useScrollToSection(progress.result.state === "ready");
  const viewer: Viewer | null =
    session.result.state === "ready" && session.result.data !== null
      ? { role: session.result.data.role, organizationKind: session.result.data.organizationKind }
      : null;
  const progressData = progress.result.state === "ready" ? progress.result.data : null;
  return (
    <>
      <ContractFacts detail={detail} />
      <p>
        <Link to={outcomesPath(districtId, contractId)} className="button-link">
          Outcomes of this contract
        </Link>{" "}
        <Link to={evidencePath(districtId, contractId)} className="button-link">
          Evidence
        </Link>
      </p>
      <TermsSection terms={detail.terms} version={detail.contract.termsVersion} />
      <section aria-labelledby="contract-alerts-heading">
        <h2 id="contract-alerts-heading">Alerts</h2>
        <ProgressView result={progress.result} retry={progress.retry} what="the alerts">
          {(p) =>
            p.alerts.length === 0 ? (
              <p className="empty">Nothing needs attention today.</p>
            ) : (
              <AlertList items={p.alerts} showContract={false} labelledBy="contract-alerts-heading" />
            )
          }
        </ProgressView>
      </section>
      <ProgressView result={progress.result} retry={progress.retry} what="the progress">
        {(p) => <ProgressSection progress={p} />}
      </ProgressView>
      <section aria-labelledby="obligations-heading" id={CONTRACT_SECTIONS.obligations} tabIndex={-1}>
        <h2 id="obligations-heading">Obligations</h2>
        <LoadView result={obligationList.result} retry={obligationList.retry} what="the obligations">
          {(list) => (
            <ObligationsTable
              api={api}
              districtId={districtId}
              contractId={contractId}
              viewer={viewer ?? { role: "auditor", organizationKind: "district" }}
              items={list.items}
              progress={progressData?.obligations ?? null}
              periodEnd={detail.contract.periodEnd}
              onChanged={progress.retry}
            />
          )}
        </LoadView>
      </section>
      <CheckInsSection api={api} districtId={districtId} contractId={contractId} />
      <section aria-labelledby="freshness-heading" id={CONTRACT_SECTIONS.freshness} tabIndex={-1}>
        <h2 id="freshness-heading">Data freshness</h2>
        <ProgressView result={progress.result} retry={progress.retry} what="the data freshness">
          {(p) => (
            <>
              <FreshnessTable entries={p.freshness} vendor={viewer?.organizationKind === "vendor"} />
              <WindowsTable windows={p.windows} enrolled={p.enrolment.enrolled} />
            </>
          )}
        </ProgressView>
      </section>
      <section aria-labelledby="amendments-heading">
        <h2 id="amendments-heading">Amendments</h2>
        <AmendmentsTable versions={detail.versions} inForce={detail.contract.termsVersion} />
      </section>
      <section aria-labelledby="statements-heading">
        <h2 id="statements-heading">Statements</h2>
        <LoadView result={statements.result} retry={statements.retry} what="the statements">
          {(items) => <StatementsTable items={items} districtId={districtId} contractId={contractId} />}
        </LoadView>
      </section>
      <section aria-labelledby="payments-heading">
        <h2 id="payments-heading">Payments</h2>
        <LoadView result={paymentList.result} retry={paymentList.retry} what="the payments">
          {(list) => <PaymentsTable items={list.items} total={list.total} />}
        </LoadView>
      </section>
      <InvoicesSection api={api} districtId={districtId} contractId={contractId} />
      <FundingPanel api={api} districtId={districtId} contractId={contractId} />
    </>
  );
}

/** A contract without approved terms has no progress yet: said plainly, not as an error. */
function ProgressView(props: {
  result: Load<ContractProgress>;
  retry: () => void;
  what: string;
  children: (p: ContractProgress) => ReactNode;
}) {
  if (props.result.state === "error" && props.result.error.status === 409)
    return <p className="empty">Progress is measured once the terms are approved by both parties.</p>;
  return (
    <LoadView result={props.result} retry={props.retry} what={props.what}>
      {props.children}
    </LoadView>
  );
}

/** An alert's link names a section (#obligations): go there once the page has it. */
function useScrollToSection(ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    const id = window.location.hash.slice(1);
    if (id === "") return;
    const target = document.getElementById(id);
    if (target === null) return;
    target.scrollIntoView();
    target.focus();
  }, [ready]);
}

function ContractFacts(props: { detail: ContractDetail }) {
  const { contract, terms } = props.detail;
  const vendor = contract.vendorName !== contract.vendorId ? contract.vendorName : partyName(terms, "vendor");
  const district = partyName(terms, "district");
  return (
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
          <Link to={vendorScorecardPath(contract.vendorId)}>{vendor ?? contract.vendorId}</Link>
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
  );
}

import type { ApiClient } from "../lib/api-client.js";
import { formatIsoDate } from "../lib/dates.js";
import { contractPath, dashboardPath } from "../lib/routes.js";
import { loadStatementView, statementStudents, type StatementView } from "../lib/api/statements.js";
import { statementActions } from "../lib/statement-actions.js";
import { Link } from "../components/link.js";
import { LoadView } from "../components/load-view.js";
import { Breadcrumbs, PageHeading } from "../components/page-heading.js";
import { ExportLinks } from "../components/statement/export-links.js";
import { InvoicePanel } from "../components/statement/invoice-panel.js";
import { ReviewActions } from "../components/statement/review-actions.js";
import { DataQualitySection } from "../components/statement/data-quality-section.js";
import {
  Metrics,
  PopulationAndObligations,
  Reviews,
  StatementFacts,
} from "../components/statement/statement-sections.js";
import { StudentTable } from "../components/statement/student-table.js";
import { WaterfallSection } from "../components/statement/waterfall-section.js";
import { useLoad } from "../use-load.js";
import { useNotice } from "../use-notice.js";
import "../styles/statement.css";

interface Props {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
  readonly statementId: string;
}

/**
 * One statement: its facts and actions (approve, dispute, re-run as the viewer's role
 * allows), the payment waterfall as a chart and as lines with their reasons, the metrics,
 * population, obligations and reviews, downloads, and every student line.
 */
export function StatementPage(props: Props) {
  const { api, districtId, contractId, statementId } = props;
  const key = `${districtId}/${contractId}/${statementId}`;
  const { result, retry } = useLoad(key, () => loadStatementView(api, districtId, contractId, statementId));
  const { notice, show, ref } = useNotice();
  const ready = result.state === "ready" ? result.data : null;
  const heading =
    ready === null
      ? `Statement ${statementId}`
      : `Statement ${statementId}: ${ready.detail.statement.kind} as of ${formatIsoDate(ready.detail.statement.asOf)}`;
  return (
    <>
      <Breadcrumbs>
        <li>
          <Link to={dashboardPath()}>Portfolio</Link>
        </li>
        <li>
          <Link to={contractPath(districtId, contractId)}>{ready?.contractTitle ?? contractId}</Link>
        </li>
        <li aria-current="page">Statement {statementId}</li>
      </Breadcrumbs>
      <PageHeading>{heading}</PageHeading>
      <p className="notice statement-notice" role="status" ref={ref} tabIndex={-1}>
        {notice}
      </p>
      <LoadView result={result} retry={retry} what="the statement">
        {(view) => (
          <StatementBody
            api={api}
            view={view}
            onDone={(text) => {
              show(text);
              retry();
            }}
          />
        )}
      </LoadView>
    </>
  );
}

function StatementBody(props: { api: ApiClient; view: StatementView; onDone: (notice: string) => void }) {
  const { api, view } = props;
  const { detail } = view;
  const actions = statementActions(view.session, detail, view.contractStage);
  return (
    <>
      <StatementFacts detail={detail} />
      <ReviewActions api={api} detail={detail} actions={actions} onDone={props.onDone} />
      <DataQualitySection quality={detail.statement.dataQuality} />
      <WaterfallSection waterfall={detail.waterfall} why={view.why} />
      <Metrics waterfall={detail.waterfall} />
      <PopulationAndObligations waterfall={detail.waterfall} />
      <Reviews detail={detail} />
      <ExportLinks detail={detail} />
      <InvoicePanel api={api} detail={detail} session={view.session} />
      <Students api={api} view={view} />
    </>
  );
}

function Students(props: { api: ApiClient; view: StatementView }) {
  const { detail } = props.view;
  const s = detail.statement;
  const { result, retry } = useLoad(
    `${detail.districtId}/${detail.contractId}/${s.statementId}/students`,
    () => statementStudents(props.api, detail.districtId, detail.contractId, s.statementId),
  );
  return (
    <LoadView result={result} retry={retry} what="the student lines">
      {(lines) => (
        <StudentTable
          lines={lines}
          metricIds={detail.waterfall.metrics.map((m) => m.id)}
          currency={detail.waterfall.currency}
        />
      )}
    </LoadView>
  );
}

/**
 * A contract's outcomes: attainment per metric, growth, results by subgroup, sessions
 * against growth and tutor consistency, computed from the data imported so far (or as of
 * a chosen date). Each chart has a summary in words and its numbers in a table; the chart
 * code is loaded lazily.
 */
import { useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import { fetchOutcomes, type ContractOutcomes } from "../lib/api/outcomes.js";
import { formatIsoDate, formatPeriod } from "../lib/dates.js";
import { ErrorMessage } from "../components/error-message.js";
import { AsOfForm, ContractSubPageHeading } from "../components/contract-sub-page.js";
import {
  AttainmentSection,
  ConsistencySection,
  DosageSection,
  GrowthSection,
} from "../components/outcomes/outcome-sections.js";
import { SubgroupSection } from "../components/outcomes/subgroup-section.js";
import { useLoad } from "../use-load.js";
import "../styles/outcomes.css";

interface Props {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
}

export function OutcomesPage(props: Props) {
  const { api, districtId, contractId } = props;
  const [asOf, setAsOf] = useState<string | null>(null);
  const { result, retry } = useLoad(`${districtId}/${contractId}/${asOf ?? ""}`, () =>
    fetchOutcomes(api, districtId, contractId, asOf),
  );
  const title = result.state === "ready" ? result.data.title : contractId;
  return (
    <>
      <ContractSubPageHeading
        districtId={districtId}
        contractId={contractId}
        title={title}
        page="Outcomes"
        lead="Computed from the data imported so far with the same rules as the payment statement."
      />
      <AsOfForm
        id="outcomes-as-of"
        label="As of date (empty: the end of the period)"
        submitLabel="Show outcomes"
        asOf={asOf}
        onChange={setAsOf}
      />
      {result.state === "loading" && (
        <p className="status" role="status">
          Loading the outcomes…
        </p>
      )}
      {result.state === "error" &&
        (result.error.status === 409 ? (
          <p className="empty" role="status">
            No outcomes yet. {sentence(result.error.detail)}
          </p>
        ) : (
          <div className="error-box">
            <ErrorMessage title="Could not load the outcomes" error={result.error} />
            <button type="button" onClick={retry}>
              Try again
            </button>
          </div>
        ))}
      {result.state === "ready" && <OutcomesBody outcomes={result.data} />}
    </>
  );
}

/** A problem's detail ("contract x has ...") as a sentence. */
function sentence(detail: string): string {
  return `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`;
}

function OutcomesBody(props: { outcomes: ContractOutcomes }) {
  const o = props.outcomes;
  const p = o.population;
  if (p.enrolled === 0)
    return (
      <p className="empty" role="status">
        No students are enrolled in this contract as of {formatIsoDate(o.asOf)}: outcomes appear once
        enrollments are imported.
      </p>
    );
  return (
    <>
      <dl className="facts">
        <div>
          <dt>As of</dt>
          <dd>{formatIsoDate(o.asOf)}</dd>
        </div>
        <div>
          <dt>Period</dt>
          <dd>{formatPeriod(o.period.start, o.period.end)}</dd>
        </div>
        <div>
          <dt>Enrolled</dt>
          <dd>{p.enrolled}</dd>
        </div>
        <div>
          <dt>Eligible</dt>
          <dd>{p.eligible}</dd>
        </div>
        <div>
          <dt>Served</dt>
          <dd>{p.served}</dd>
        </div>
        <div>
          <dt>Measured</dt>
          <dd>{p.measured}</dd>
        </div>
      </dl>
      {!o.hasAssessments && (
        <p className="notice" role="status">
          No assessment data yet: growth and proficiency appear once the test windows are imported.
        </p>
      )}
      <div className="outcome-grid">
        <AttainmentSection metrics={o.metrics} />
        {o.growth.map((g) => (
          <GrowthSection key={g.metricId} growth={g} hasAssessments={o.hasAssessments} />
        ))}
      </div>
      <SubgroupSection subgroups={o.subgroups} suppressed={o.suppressSmallCells} min={o.minCellStudents} />
      <div className="outcome-grid">
        {o.dosage.map((d) => (
          <DosageSection
            key={d.metricId}
            dosage={d}
            growth={o.growth.find((g) => g.metricId === d.metricId)}
          />
        ))}
        <ConsistencySection consistency={o.consistency} />
      </div>
    </>
  );
}

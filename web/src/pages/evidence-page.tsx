/**
 * A contract's evidence: data quality first (is this data good enough to act on?), then
 * the impact estimate in plain words, results by subgroup, persistence, the forecast of
 * the final statement, and, for the district's administrators and analysts, the
 * simulation of the terms for target setting. A vendor gets the reduced shape the API
 * sends (small cells withheld, no student ids or file names) and no simulation. A draft
 * (no approved terms, so no evidence yet) still offers the simulation, on another
 * contract's population.
 */
import { useState } from "react";
import type { ApiClient } from "../lib/api-client.js";
import type { ContractSummary, Role } from "../lib/api-types.js";
import { fetchEvidence, type ContractEvidence } from "../lib/api/evidence.js";
import { formatIsoDate } from "../lib/dates.js";
import { ErrorMessage } from "../components/error-message.js";
import { AsOfForm, ContractSubPageHeading } from "../components/contract-sub-page.js";
import { QualitySection } from "../components/evidence/quality-section.js";
import { ImpactSection } from "../components/evidence/impact-section.js";
import { EquitySection } from "../components/evidence/equity-section.js";
import { PersistenceSection } from "../components/evidence/persistence-section.js";
import { ForecastSection } from "../components/evidence/forecast-section.js";
import { SimulationSection, canBePopulation } from "../components/evidence/simulation-section.js";
import { useLoad } from "../use-load.js";
import "../styles/outcomes.css";
import "../styles/evidence.css";

interface Props {
  readonly api: ApiClient;
  readonly role: Role;
  readonly districtId: string;
  readonly contractId: string;
}

const SIMULATES: readonly Role[] = ["district_admin", "district_analyst"];

export function EvidencePage(props: Props) {
  const { api, districtId, contractId } = props;
  const [asOf, setAsOf] = useState<string | null>(null);
  const [followUp, setFollowUp] = useState<string | null>(null);
  const { result, retry } = useLoad(`${districtId}/${contractId}/${asOf ?? ""}/${followUp ?? ""}`, () =>
    fetchEvidence(api, districtId, contractId, asOf, followUp),
  );
  const simulates = SIMULATES.includes(props.role);
  // The contracts whose students can stand in for the simulation (district staff only).
  const listed = useLoad(`${districtId}/populations/${simulates}`, () =>
    simulates ? api.allContracts() : Promise.resolve([] as ContractSummary[]),
  );
  const populations =
    listed.result.state === "ready"
      ? listed.result.data.filter((c) => c.districtId === districtId && canBePopulation(c))
      : [];
  // The contract's title names the page; its id stands in until (or if) it cannot be read.
  const contract = useLoad(`${districtId}/${contractId}`, () => api.contract(districtId, contractId));
  const title = contract.result.state === "ready" ? contract.result.data.contract.title : contractId;
  return (
    <>
      <ContractSubPageHeading
        districtId={districtId}
        contractId={contractId}
        title={title}
        page="Evidence"
        lead="Is the data good enough to act on, and did the service make a difference? Computed from the stored data on request."
      />
      <AsOfForm
        id="evidence-as-of"
        label="As of date (empty: today, or the end of the period)"
        submitLabel="Show the evidence"
        asOf={asOf}
        onChange={setAsOf}
      />
      {result.state === "loading" && (
        <p className="status" role="status">
          Loading the evidence…
        </p>
      )}
      {result.state === "error" &&
        (result.error.status === 403 ? (
          <p className="alert" role="alert">
            Your role cannot see the evidence of this contract.
          </p>
        ) : result.error.status === 404 && simulates && contract.result.state === "ready" ? (
          <>
            <p className="status">
              No evidence yet: this contract has no terms approved by both parties, so no data is measured
              against them. Its latest draft can be priced on another contract's students below.
            </p>
            <SimulationSection
              api={api}
              districtId={districtId}
              contractId={contractId}
              ownPopulation={false}
              populations={populations}
            />
          </>
        ) : (
          <div className="error-box">
            <ErrorMessage title="Could not load the evidence" error={result.error} />
            <button type="button" onClick={retry}>
              Try again
            </button>
          </div>
        ))}
      {result.state === "ready" && (
        <EvidenceBody
          evidence={result.data}
          simulation={simulates && result.data.audience === "district"}
          api={api}
          populations={populations}
          followUp={followUp}
          onFollowUp={setFollowUp}
        />
      )}
    </>
  );
}

function EvidenceBody(props: {
  evidence: ContractEvidence;
  simulation: boolean;
  api: ApiClient;
  populations: readonly ContractSummary[];
  followUp: string | null;
  onFollowUp: (window: string | null) => void;
}) {
  const e = props.evidence;
  const s = e.statistics;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>As of</dt>
          <dd>{formatIsoDate(e.asOf)}</dd>
        </div>
        <div>
          <dt>Terms version</dt>
          <dd>{e.termsVersion}</dd>
        </div>
        <div>
          <dt>Shown to</dt>
          <dd>
            {e.audience === "district" ? "The district (every figure)" : "The vendor (small groups withheld)"}
          </dd>
        </div>
      </dl>
      <QualitySection evidence={e} />
      <ImpactSection statistics={s} />
      {s.kind === "computed" && <EquitySection statistics={s} />}
      {s.kind === "computed" && (
        <PersistenceSection statistics={s} followUp={props.followUp} onFollowUp={props.onFollowUp} />
      )}
      <ForecastSection evidence={e} />
      {props.simulation && (
        <SimulationSection
          api={props.api}
          districtId={e.districtId}
          contractId={e.contractId}
          ownPopulation={true}
          populations={props.populations}
        />
      )}
    </>
  );
}

/**
 * Target setting, for the district's administrators and analysts: on demand (it takes a
 * few seconds), a bootstrap of the contract's terms over its population gives P10, P50 and
 * P90 of the total payment and of the share of the contingent money earned, and the
 * share of students meeting each candidate target. The population is the contract's own
 * students, or those of another contract of the district (a prior year's, like-performing
 * population): the only choice for a draft, which has no students yet.
 */
import { useState, type FormEvent } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import type { ContractSummary } from "../../lib/api-types.js";
import { runSimulation, type TermsSimulation } from "../../lib/api/evidence.js";
import { formatMoney, formatRatePercent } from "../../lib/money.js";
import { parseDraws, parseSeed, simulationSummary } from "../../lib/evidence/report-text.js";
import { asApiError, type Load } from "../../use-load.js";
import { ErrorMessage } from "../error-message.js";
import { NumberTable } from "../outcomes/numbers.js";

type Run = { readonly state: "idle" } | Load<TermsSimulation>;

/** A contract whose stored students can stand in: its terms approved by both parties. */
export function canBePopulation(c: ContractSummary): boolean {
  return c.stage === "active" || c.stage === "settled" || c.stage === "closed";
}

export function SimulationSection(props: {
  api: ApiClient;
  districtId: string;
  contractId: string;
  /** Whether the contract itself has approved terms and so students of its own to price on. */
  ownPopulation: boolean;
  /** The district's other contracts that can stand in. */
  populations: readonly ContractSummary[];
}) {
  const others = props.populations.filter((c) => c.contractId !== props.contractId);
  const [population, setPopulation] = useState(props.ownPopulation ? "" : (others[0]?.contractId ?? ""));
  const [draws, setDraws] = useState("1000");
  const [seed, setSeed] = useState(props.contractId);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [run, setRun] = useState<Run>({ state: "idle" });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const d = parseDraws(draws);
    const s = parseSeed(seed);
    const problem = !d.ok ? d.message : !s.ok ? s.message : null;
    setInvalid(problem);
    if (!d.ok || !s.ok) return;
    setRun({ state: "loading" });
    const request = {
      draws: d.draws,
      seed: s.seed,
      populationContractId: population === "" ? null : population,
    };
    runSimulation(props.api, props.districtId, props.contractId, request).then(
      (data) => setRun({ state: "ready", data }),
      (error: unknown) => setRun({ state: "error", error: asApiError(error) }),
    );
  };
  return (
    <section className="evidence-section" aria-labelledby="evidence-simulation-heading">
      <h2 id="evidence-simulation-heading">Simulation and target setting</h2>
      <p>
        Prices the contract's latest terms (a draft too) on a population's students resampled many times (a
        bootstrap), to see the range of payments the terms could lead to, and how many students would meet
        each candidate target. Choose a prior year's contract of a like-performing population to price a
        draft.
      </p>
      <form className="as-of" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="simulation-population">Population (whose stored students stand in)</label>
          <select
            id="simulation-population"
            value={population}
            onChange={(e) => setPopulation(e.target.value)}
          >
            {props.ownPopulation && <option value="">This contract's own students</option>}
            {!props.ownPopulation && others.length === 0 && (
              <option value="">No contract with approved terms to take students from</option>
            )}
            {others.map((c) => (
              <option key={c.contractId} value={c.contractId}>
                {`${c.title} (${c.periodStart} to ${c.periodEnd})`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="simulation-draws">Draws (1,000 to 20,000)</label>
          <input
            id="simulation-draws"
            inputMode="numeric"
            value={draws}
            aria-invalid={invalid !== null && !parseDraws(draws).ok}
            aria-describedby={invalid === null ? undefined : "simulation-problem"}
            onChange={(e) => setDraws(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="simulation-seed">Seed (the same seed gives the same draws)</label>
          <input id="simulation-seed" value={seed} onChange={(e) => setSeed(e.target.value)} />
        </div>
        <button type="submit" disabled={run.state === "loading"}>
          Run the simulation
        </button>
      </form>
      {invalid !== null && (
        <p id="simulation-problem" className="field-error" role="alert">
          {invalid}
        </p>
      )}
      <div aria-live="polite">
        {run.state === "loading" && (
          <p className="status">Running the simulation; this takes a few seconds…</p>
        )}
        {run.state === "ready" && <SimulationResult sim={run.data} />}
      </div>
      {run.state === "error" &&
        (run.error.status === 403 ? (
          <p className="alert" role="alert">
            Your role cannot run simulations: they are for the district's administrators and analysts.
          </p>
        ) : (
          <ErrorMessage title="The simulation did not run" error={run.error} />
        ))}
    </section>
  );
}

function SimulationResult(props: { sim: TermsSimulation }) {
  const { sim } = props;
  const money = (s: string) => formatMoney(s, sim.currency);
  const spread = (
    key: string,
    label: string,
    x: TermsSimulation["total"],
    format: (s: string) => string,
  ) => ({
    key,
    cells: [label, format(x.p10), format(x.p50), format(x.p90)],
  });
  return (
    <>
      <p className="chart-summary">{simulationSummary(sim)}</p>
      <p>
        Seed “{sim.seed}”. Population: the students of {sim.populationContractId}
        {sim.yearsBack === 0
          ? ""
          : `, the terms moved ${sim.yearsBack} year${sim.yearsBack === 1 ? "" : "s"} back`}
        . As they are, the {sim.population.enrolled} students ({sim.population.served} served) earn{" "}
        {money(sim.observed.total)}.
      </p>
      <NumberTable
        caption={`Payment over ${sim.draws} draws: 10th, 50th and 90th percentiles`}
        headers={[
          { label: "Line" },
          { label: "P10", numeric: true },
          { label: "P50", numeric: true },
          { label: "P90", numeric: true },
        ]}
        rows={[
          spread("total", "Total payment", sim.total, money),
          spread("contingent", "Contingent payment", sim.contingent, money),
          spread("share", "Share of the contingent money earned", sim.contingentShare, (s) =>
            formatRatePercent(s),
          ),
          ...sim.metrics.map((m) => spread(`metric-${m.id}`, `${m.id}: amount`, m.amount, money)),
        ]}
      />
      {sim.targets.map((t) => (
        <NumberTable
          key={t.metricId}
          caption={`${t.metricId}: students meeting each candidate target`}
          headers={[
            { label: "Target" },
            { label: "In the terms" },
            { label: "Met", numeric: true },
            { label: "Of", numeric: true },
            { label: "Share", numeric: true },
          ]}
          rows={t.candidates.map((c) => ({
            key: c.target,
            cells: [
              c.target,
              c.proposed ? "Yes (proposed)" : "No",
              c.met,
              c.denominator,
              formatRatePercent(c.rate),
            ],
          }))}
        />
      ))}
    </>
  );
}

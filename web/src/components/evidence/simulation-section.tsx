/**
 * Target setting, for the district's administrators and analysts: on demand (it takes a
 * few seconds), a bootstrap of the contract's terms over its population gives P10, P50 and
 * P90 of the total payment and of the share of the contingent money earned, and the
 * share of students meeting each candidate target.
 */
import { useState, type FormEvent } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import { runSimulation, type TermsSimulation } from "../../lib/api/evidence.js";
import { formatMoney, formatRatePercent } from "../../lib/money.js";
import { parseDraws, parseSeed, simulationSummary } from "../../lib/evidence/report-text.js";
import { asApiError, type Load } from "../../use-load.js";
import { ErrorMessage } from "../error-message.js";
import { NumberTable } from "../outcomes/numbers.js";

type Run = { readonly state: "idle" } | Load<TermsSimulation>;

export function SimulationSection(props: { api: ApiClient; districtId: string; contractId: string }) {
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
    runSimulation(props.api, props.districtId, props.contractId, { draws: d.draws, seed: s.seed }).then(
      (data) => setRun({ state: "ready", data }),
      (error: unknown) => setRun({ state: "error", error: asApiError(error) }),
    );
  };
  return (
    <section className="evidence-section" aria-labelledby="evidence-simulation-heading">
      <h2 id="evidence-simulation-heading">Simulation and target setting</h2>
      <p>
        Prices the contract's terms on its students resampled many times (a bootstrap), to see the range of
        payments the terms could lead to, and how many students would meet each candidate target.
      </p>
      <form className="as-of" onSubmit={submit} noValidate>
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
        Seed “{sim.seed}”. As they are, the {sim.population.enrolled} students ({sim.population.served}{" "}
        served) earn {money(sim.observed.total)}.
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

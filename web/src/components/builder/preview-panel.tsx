/**
 * "What would this pay": the terms settled on the students, tests and sessions stored for
 * one of the district's contracts, or on demo data generated to fit the terms (for a
 * district with no data yet), with nothing recorded, as the statement's summary:
 * students counted, base, each metric, reductions and the total.
 */
import { useState } from "react";
import type { ApiClient, ApiError } from "../../lib/api-client.js";
import type { ContractSummary } from "../../lib/api-types.js";
import { previewTerms, type TermsPreview } from "../../lib/api/builder.js";
import { formatMoney, formatRatePercent } from "../../lib/money.js";
import { asApiError } from "../../use-load.js";
import { ErrorMessage } from "../error-message.js";

/** Contracts that have run hold the most data: they come first, and the first is chosen. */
const DATA_FIRST = ["settled", "active", "closed", "proposed", "draft"];

type State =
  | { readonly kind: "idle" }
  | { readonly kind: "loading" }
  | { readonly kind: "failed"; readonly error: ApiError }
  | { readonly kind: "ready"; readonly preview: TermsPreview };

const STATUS_WORDS: Record<string, string> = { met: "met", notMet: "not met", pending: "pending" };

function obligationLine(o: TermsPreview["obligations"][number]): string {
  const whose = o.party === "district" ? "the district's" : "the vendor's";
  const value = o.value === null ? "" : ` (${o.value} students)`;
  const effect = !o.consequenceApplied
    ? ""
    : o.party === "district"
      ? ", the district pays in full"
      : ", its reduction applies";
  return `${o.id} (${whose}): ${STATUS_WORDS[o.status] ?? o.status}${value}${effect}`;
}

function PreviewTable(props: { preview: TermsPreview }) {
  const p = props.preview;
  const money = (v: string) => formatMoney(v, p.currency);
  return (
    <>
      {p.demo !== null && (
        <p className="notice demo-note">
          <strong>{p.demo.note}</strong> {p.demo.students} students; tests dated{" "}
          {p.demo.windows.map((w) => `${w.window} ${w.testDate}`).join(", ")}.
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>Enrolled</dt>
          <dd>{p.population.enrolled}</dd>
        </div>
        <div>
          <dt>Eligible</dt>
          <dd>{p.population.eligible}</dd>
        </div>
        <div>
          <dt>Served</dt>
          <dd>{p.population.served}</dd>
        </div>
        <div>
          <dt>Measured</dt>
          <dd>{p.population.measured}</dd>
        </div>
      </dl>
      <div className="table-wrap" role="region" aria-labelledby="preview-caption" tabIndex={0}>
        <table className="waterfall">
          <caption id="preview-caption">
            {p.source === "demo"
              ? `What these terms would pay as of ${p.asOf}, on synthetic demo data`
              : `What these terms would pay as of ${p.asOf}, on the data of contract ${p.dataFrom}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" className="num">
                Students meeting it
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Base</th>
              <td className="num">{p.population.served} served</td>
              <td className="num">{money(p.base)}</td>
            </tr>
            {p.metrics.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {m.label}
                  {m.capped && <span className="sub"> (capped)</span>}
                </th>
                <td className="num">
                  {m.met} of {m.denominator} ({formatRatePercent(m.rate)})
                </td>
                <td className="num">{money(m.amount)}</td>
              </tr>
            ))}
            {p.reduction !== "0.00" && (
              <tr>
                <th scope="row">Reduction for obligations not met</th>
                <td />
                <td className="num">-{money(p.reduction)}</td>
              </tr>
            )}
            <tr className="line-total">
              <th scope="row">{p.payFull ? "Total (the district pays in full)" : "Total"}</th>
              <td />
              <td className="num">{money(p.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {p.obligations.length > 0 && (
        <>
          <h4>Obligations on this data</h4>
          <ul>
            {p.obligations.map((o) => (
              <li key={o.id}>{obligationLine(o)}</li>
            ))}
          </ul>
        </>
      )}
      {p.source === "demo" ? null : p.population.enrolled === 0 ? (
        <p className="notice">
          No student is enrolled in that contract yet: choose a contract with stored data.
        </p>
      ) : (
        p.population.served === 0 && (
          <p className="notice">
            No student is served in this period on that contract's data: check the period and the service
            threshold.
          </p>
        )
      )}
      {p.skipped.length > 0 && (
        <p className="notice">
          {p.skipped.length} stored row(s) did not fit these terms and were left out (for example:{" "}
          {p.skipped[0]?.message}).
        </p>
      )}
    </>
  );
}

export function PreviewPanel(props: {
  api: ApiClient;
  districtId: string;
  terms: unknown;
  contracts: readonly ContractSummary[];
}) {
  const contracts = [...props.contracts].sort(
    (a, b) => DATA_FIRST.indexOf(a.stage) - DATA_FIRST.indexOf(b.stage),
  );
  const [dataFrom, setDataFrom] = useState(contracts[0]?.contractId ?? "");
  const [source, setSource] = useState<"stored" | "demo">(contracts.length === 0 ? "demo" : "stored");
  const [asOf, setAsOf] = useState("");
  const [state, setState] = useState<State>({ kind: "idle" });
  async function run(): Promise<void> {
    setState({ kind: "loading" });
    try {
      const preview = await previewTerms(props.api, props.districtId, {
        terms: props.terms,
        ...(source === "demo" ? { source } : { dataFrom }),
        ...(asOf === "" ? {} : { asOf }),
      });
      setState({ kind: "ready", preview });
    } catch (error) {
      setState({ kind: "failed", error: asApiError(error) });
    }
  }
  return (
    <>
      <fieldset className="choice preview-source" aria-describedby="preview-source-hint">
        <legend>Preview on</legend>
        <p id="preview-source-hint" className="hint">
          Demo data is generated to fit these terms: students in the eligible grades, tests in the windows the
          terms name, sessions in the period. It is not your district&apos;s data.
        </p>
        <label className="choice-option">
          <input
            type="radio"
            name="preview-source"
            value="stored"
            checked={source === "stored"}
            disabled={contracts.length === 0}
            onChange={() => setSource("stored")}
          />{" "}
          {contracts.length === 0
            ? "A contract's stored data (the district has none yet)"
            : "A contract's stored data"}
        </label>
        <label className="choice-option">
          <input
            type="radio"
            name="preview-source"
            value="demo"
            checked={source === "demo"}
            onChange={() => setSource("demo")}
          />{" "}
          Demo data (synthetic, not your district&apos;s)
        </label>
      </fieldset>
      <div className="field-row">
        {source === "stored" && (
          <div className="field">
            <label htmlFor="preview-data">Students, tests and sessions of</label>
            <select id="preview-data" value={dataFrom} onChange={(e) => setDataFrom(e.target.value)}>
              {contracts.map((c) => (
                <option key={c.contractId} value={c.contractId}>
                  {c.title} ({c.contractId}, {c.stage})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="preview-as-of">
            As of <span className="optional">(optional)</span>
          </label>
          <p id="preview-as-of-hint" className="hint">
            Empty: the last day of the period.
          </p>
          <input
            id="preview-as-of"
            type="date"
            value={asOf}
            aria-describedby="preview-as-of-hint"
            onChange={(e) => setAsOf(e.target.value)}
          />
        </div>
      </div>
      <button type="button" onClick={() => void run()} disabled={state.kind === "loading"}>
        Preview what this would pay
      </button>
      <div aria-live="polite">
        {state.kind === "loading" && (
          <p className="status" role="status">
            {source === "demo"
              ? "Settling the terms on demo data…"
              : "Settling the terms on the stored data…"}
          </p>
        )}
        {state.kind === "failed" && <ErrorMessage title="Could not preview the terms" error={state.error} />}
        {state.kind === "ready" && <PreviewTable preview={state.preview} />}
      </div>
    </>
  );
}

/**
 * A vendor's proposal: narrative, evidence of effectiveness, the rate card as an
 * obc-terms/1 fragment (JSON, started from the RFP's own rates) and the total price. The
 * rate card is checked as it is typed by the same merge and terms validator the server
 * runs (src/shared/rfp-rate-card.ts); each problem is listed with its JSON path.
 */
import { useMemo, useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../../lib/api-client.js";
import {
  reviseProposal,
  submitProposal,
  type Proposal,
  type ProposalContent,
  type RfpDetail,
} from "../../lib/api/rfps.js";
import { mergeRateCard } from "../../../../src/shared/rfp-rate-card.js";
import { asApiError } from "../../use-load.js";
import { ErrorMessage } from "../error-message.js";

const PER_STUDENT_KEYS = ["amount", "tiers", "amountBySubgroup", "decline", "cap"];
const POOL_KEYS = ["weight", "targetRate", "minRate", "cap"];

/** The RFP's own rates as a rate card, to start from. */
export function startingRateCard(terms: Record<string, unknown>): unknown {
  const outcomes = (terms.outcomes ?? {}) as Record<string, unknown>;
  const kind = outcomes.kind === "pool" ? "pool" : "perStudent";
  const keys = kind === "pool" ? POOL_KEYS : PER_STUDENT_KEYS;
  const metrics = Array.isArray(outcomes.metrics) ? (outcomes.metrics as Record<string, unknown>[]) : [];
  return {
    base: terms.base,
    outcomes: {
      kind,
      ...(outcomes.pool === undefined ? {} : { pool: outcomes.pool }),
      ...(outcomes.cap === undefined ? {} : { cap: outcomes.cap }),
      metrics: metrics.map((m) => ({
        id: m.id,
        ...Object.fromEntries(Object.entries(m).filter(([k]) => keys.includes(k))),
      })),
    },
  };
}

type Check = {
  readonly syntax: string | null;
  readonly problems: readonly { path: string; message: string }[];
};

function check(terms: Record<string, unknown>, text: string, price: string): Check {
  let fragment: unknown;
  try {
    fragment = JSON.parse(text);
  } catch (error) {
    return { syntax: error instanceof Error ? error.message : "not JSON", problems: [] };
  }
  const merged = mergeRateCard(terms, fragment, price);
  return { syntax: null, problems: merged.ok ? [] : merged.problems };
}

export function ProposalForm(props: {
  api: ApiClient;
  rfp: RfpDetail;
  /** The proposal being revised, or null for a new one. */
  proposal: Proposal | null;
  onSent: (proposal: Proposal) => void;
  onCancel?: () => void;
  /** Reads the proposal again (after a revision refused because it changed since it was read). */
  onReload?: () => void;
}) {
  const { rfp, proposal } = props;
  const [narrative, setNarrative] = useState(proposal?.narrative ?? "");
  const [evidence, setEvidence] = useState(proposal?.evidence ?? "");
  const [rateCard, setRateCard] = useState(() =>
    JSON.stringify(proposal?.rateCard ?? startingRateCard(rfp.terms), null, 2),
  );
  const [price, setPrice] = useState(proposal?.price ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const checked = useMemo(() => check(rfp.terms, rateCard, price), [rfp.terms, rateCard, price]);
  const priceProblems = checked.problems.filter((p) => p.path.startsWith("$.price"));
  const cardProblems = checked.problems.filter((p) => !p.path.startsWith("$.price"));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (checked.syntax !== null) return;
    const content: ProposalContent = {
      narrative,
      evidence,
      rateCard: JSON.parse(rateCard) as unknown,
      price,
    };
    setBusy(true);
    setError(null);
    (proposal === null
      ? submitProposal(props.api, rfp, content)
      : reviseProposal(props.api, proposal, content)
    ).then(
      (sent) => {
        setBusy(false);
        props.onSent(sent);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(asApiError(failure));
      },
    );
  };
  return (
    <form onSubmit={submit} className="proposal-form" aria-labelledby="proposal-form-heading">
      <h2 id="proposal-form-heading">{proposal === null ? "Your proposal" : "Revise your proposal"}</h2>
      <div className="field">
        <label htmlFor="proposal-narrative">Narrative</label>
        <textarea
          id="proposal-narrative"
          required
          rows={6}
          value={narrative}
          onChange={(e) => setNarrative(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="proposal-evidence">Evidence of effectiveness</label>
        <textarea
          id="proposal-evidence"
          required
          rows={4}
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="proposal-rate-card">Rate card (obc-terms/1 fragment: base and outcomes)</label>
        <textarea
          id="proposal-rate-card"
          className="code"
          rows={14}
          spellCheck={false}
          aria-invalid={checked.syntax !== null || cardProblems.length > 0}
          aria-describedby="rate-card-check"
          value={rateCard}
          onChange={(e) => setRateCard(e.target.value)}
        />
        <div id="rate-card-check" aria-live="polite">
          {checked.syntax !== null ? (
            <p className="field-error">Not JSON yet: {checked.syntax}</p>
          ) : cardProblems.length > 0 ? (
            <ul className="field-error">
              {cardProblems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  <code>{p.path.replace(/^\$\.rateCard/, "$")}</code>: {p.message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">The rate card fits the RFP's terms.</p>
          )}
        </div>
      </div>
      <div className="field">
        <label htmlFor="proposal-price">Total price ({String(rfp.terms.currency ?? "USD")})</label>
        <input
          id="proposal-price"
          required
          inputMode="decimal"
          aria-invalid={price !== "" && priceProblems.length > 0}
          aria-describedby="price-check"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
        <p id="price-check" className={price !== "" && priceProblems.length > 0 ? "field-error" : "hint"}>
          {price !== "" && priceProblems.length > 0
            ? priceProblems.map((p) => p.message).join("; ")
            : `At most the RFP's maximum value of ${String(rfp.terms.maxValue)}; it becomes the contract's maximum value.`}
        </p>
      </div>
      {error !== null && <ErrorMessage title="The proposal was not sent" error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || checked.syntax !== null}>
          {busy ? "Sending…" : proposal === null ? "Submit proposal" : "Save revision"}
        </button>
        {error?.status === 412 && props.onReload !== undefined && (
          <button type="button" onClick={props.onReload}>
            Reload your proposal
          </button>
        )}
        {props.onCancel !== undefined && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

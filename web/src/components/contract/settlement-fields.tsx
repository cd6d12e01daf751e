/**
 * The settlement run's form: the statement's kind (interim or final) and an optional
 * as-of date (the server's default when left empty: the period's end; a final statement
 * cannot be as of a day before the period ends).
 */
import { useState } from "react";
import type { SettlementKind } from "../../lib/api/lifecycle.js";

export interface SettlementForm {
  readonly kind: SettlementKind;
  readonly asOf: string;
  readonly tried: boolean;
  readonly periodEnd: string;
  setKind(kind: SettlementKind): void;
  setAsOf(asOf: string): void;
  /** The problem with the as-of date, or null. */
  problem(): string | null;
  validate(): boolean;
  request(): { kind: SettlementKind; asOf: string | null };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function useSettlementForm(periodEnd: string): SettlementForm {
  const [kind, setKind] = useState<SettlementKind>("interim");
  const [asOf, setAsOf] = useState("");
  const [tried, setTried] = useState(false);
  const problem = (): string | null => {
    if (asOf === "") return null;
    if (!DATE.test(asOf)) return "Write the as-of date as YYYY-MM-DD.";
    if (kind === "final" && asOf < periodEnd)
      return `A final statement is as of the period's end (${periodEnd}) or later.`;
    return null;
  };
  return {
    kind,
    asOf,
    tried,
    periodEnd,
    setKind,
    setAsOf,
    problem,
    validate: () => {
      setTried(true);
      return problem() === null;
    },
    request: () => ({ kind, asOf: asOf === "" ? null : asOf }),
  };
}

export function SettlementFields(props: { form: SettlementForm }) {
  const { form } = props;
  const problem = form.tried ? form.problem() : null;
  return (
    <>
      <fieldset>
        <legend>Kind of statement</legend>
        {(["interim", "final"] as const).map((kind) => (
          <div key={kind} className="settlement-kind">
            <input
              type="radio"
              id={`settlement-kind-${kind}`}
              name="settlement-kind"
              value={kind}
              checked={form.kind === kind}
              onChange={() => form.setKind(kind)}
            />
            <label htmlFor={`settlement-kind-${kind}`}>
              {kind === "interim" ? "Interim (progress so far)" : "Final (the period's settlement)"}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="settlement-as-of">As of (optional)</label>
        <input
          type="date"
          id="settlement-as-of"
          value={form.asOf}
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? "settlement-as-of-hint" : "settlement-as-of-error"}
          onChange={(e) => form.setAsOf(e.target.value)}
        />
        <p className="hint" id="settlement-as-of-hint">
          Empty: as of the period's end ({form.periodEnd}).
        </p>
        {problem !== null && (
          <p className="field-error" id="settlement-as-of-error">
            {problem}
          </p>
        )}
      </div>
    </>
  );
}

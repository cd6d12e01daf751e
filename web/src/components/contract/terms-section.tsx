import { summarizeTerms } from "./terms-summary.js";

/** The terms in force, in plain language. */
export function TermsSection(props: { terms: unknown; version: number }) {
  const s = summarizeTerms(props.terms);
  return (
    <section aria-labelledby="terms-heading">
      <h2 id="terms-heading">Terms in plain language</h2>
      <p className="hint">Version {props.version}, the terms in force.</p>
      <div className="terms-summary">
        <ul>
          {s.what.map((line) => (
            <li key={line}>{line}</li>
          ))}
          {s.base !== null && <li>{s.base}</li>}
        </ul>
        {s.outcomes.length > 0 && (
          <>
            <h3>Paid for outcomes</h3>
            <ul>
              {s.outcomes.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        )}
        {s.obligations.length > 0 && (
          <>
            <h3>Obligations in the terms</h3>
            <ul>
              {s.obligations.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

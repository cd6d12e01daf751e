/** The terms as a readable one-page summary (lib/builder/summary.ts), section by section. */
import type { TermsDocument } from "../../../../src/shared/terms/check-terms.js";
import { summarizeTerms } from "../../lib/builder/summary.js";

export function TermsSummary(props: { terms: TermsDocument }) {
  const { terms } = props;
  return (
    <article className="terms-summary" aria-labelledby="summary-title">
      <h3 id="summary-title">
        {terms.title} <span className="sub">({terms.contractId})</span>
      </h3>
      {summarizeTerms(terms).map((section) => (
        <section key={section.heading}>
          <h4>{section.heading}</h4>
          <ul>
            {section.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}

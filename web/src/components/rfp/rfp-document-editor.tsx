/**
 * The RFP document: read as sections, or, for the district's administrator while the RFP
 * is a draft, edited: each section's paragraphs (one per block, blank lines between) and
 * each criterion's weight. The server checks the document (parseRfpDocument) and names
 * each problem by its JSON path, shown under the form. A save made on a stale read (someone
 * else changed the RFP) is refused; the form then offers to reload the RFP.
 */
import { useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../../lib/api-client.js";
import { saveDocument, type RfpDetail, type RfpDocument } from "../../lib/api/rfps.js";
import { asApiError } from "../../use-load.js";
import { ErrorMessage } from "../error-message.js";

export function RfpDocumentView(props: { document: RfpDocument }) {
  return (
    <div className="rfp-document">
      {props.document.sections.map((s) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`}>
          <h3 id={`section-${s.key}`}>{s.heading}</h3>
          {s.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          {s.table !== undefined && (
            <div className="table-wrap" role="region" aria-label={`Table of ${s.heading}`} tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    {s.table.columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.table.rows.map((row, i) => (
                    <tr key={i}>
                      {row.map((cell, j) => (
                        <td key={j}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

const split = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");

export function RfpDocumentEditor(props: {
  api: ApiClient;
  rfp: RfpDetail;
  onSaved: (rfp: RfpDetail) => void;
  /** Reads the RFP again (after a save refused because someone else changed it). */
  onReload: () => void;
}) {
  const doc = props.rfp.document;
  const [texts, setTexts] = useState(() => doc.sections.map((s) => s.paragraphs.join("\n\n")));
  const [weights, setWeights] = useState(() => doc.criteria.map((c) => String(c.weight)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const total = weights.reduce((sum, w) => sum + (/^\d+$/.test(w) ? Number(w) : 0), 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const document: RfpDocument = {
      ...doc,
      sections: doc.sections.map((s, i) => ({ ...s, paragraphs: split(texts[i] ?? "") })),
      // A weight that is not a whole number is sent as typed: the server names the problem.
      criteria: doc.criteria.map((c, i) => {
        const w = weights[i] ?? "";
        return { ...c, weight: /^\d+$/.test(w) ? Number(w) : (w as unknown as number) };
      }),
    };
    setBusy(true);
    setError(null);
    saveDocument(props.api, props.rfp, document).then(
      (saved) => {
        setBusy(false);
        props.onSaved(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(asApiError(failure));
      },
    );
  };
  return (
    <form onSubmit={submit} className="rfp-editor" aria-labelledby="editor-heading">
      <h2 id="editor-heading">Edit the document</h2>
      <p className="hint">Paragraphs are separated by a blank line. Tables are drafted from the terms.</p>
      {doc.sections.map((s, i) => (
        <div className="field" key={s.key}>
          <label htmlFor={`paragraphs-${s.key}`}>{s.heading}</label>
          <textarea
            id={`paragraphs-${s.key}`}
            rows={Math.min(12, Math.max(3, (texts[i] ?? "").split("\n").length + 1))}
            value={texts[i] ?? ""}
            onChange={(e) => setTexts(texts.map((t, j) => (j === i ? e.target.value : t)))}
          />
        </div>
      ))}
      <fieldset>
        <legend>Evaluation criteria and weights (they add up to 100; now {total})</legend>
        {doc.criteria.map((c, i) => (
          <div className="field inline-field" key={c.key}>
            <label htmlFor={`weight-${c.key}`}>Weight of {c.name} (%)</label>
            <input
              id={`weight-${c.key}`}
              inputMode="numeric"
              value={weights[i] ?? ""}
              onChange={(e) => setWeights(weights.map((w, j) => (j === i ? e.target.value : w)))}
            />
          </div>
        ))}
      </fieldset>
      {error !== null && <ErrorMessage title="The document was not saved" error={error} />}
      {error?.status === 412 && (
        <button type="button" onClick={props.onReload}>
          Reload the RFP
        </button>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Saving…" : "Save document"}
      </button>
    </form>
  );
}

/**
 * Step 1: start from a template (tutoring per student, ed-tech with usage, a 60/40 pool)
 * or from a terms file. An imported file that breaks rules of obc-terms/1 is loaded
 * anyway, with each problem and its JSON path listed, so it can be fixed step by step.
 */
import { useState } from "react";
import { TEMPLATES, type TemplateId } from "../../../../src/shared/terms/templates.js";
import { placeProblems, type PlacedProblem } from "../../lib/builder/field-problems.js";
import { readTermsText, type ImportedTerms } from "../../lib/builder/terms-file.js";
import type { JsonObject } from "../../lib/builder/json-path.js";
import { ProblemList } from "./step-nav.js";

export function TemplateStep(props: {
  chosen: TemplateId | null;
  onUse: (id: TemplateId) => void;
  onImport: (document: JsonObject) => void;
  onGoToProblem: (problem: PlacedProblem) => void;
}) {
  const [choice, setChoice] = useState<TemplateId>(props.chosen ?? "tutoring-per-student");
  const [imported, setImported] = useState<{ name: string; result: ImportedTerms } | null>(null);
  const [reading, setReading] = useState(false);

  async function importFile(file: File): Promise<void> {
    setReading(true);
    try {
      const result = readTermsText(file.name, await file.text());
      setImported({ name: file.name, result });
      if (result.kind === "loaded") props.onImport(result.document);
    } finally {
      setReading(false);
    }
  }

  return (
    <>
      <fieldset className="choice templates">
        <legend>Start from a template</legend>
        {TEMPLATES.map((t) => (
          <label key={t.id} className="template-option">
            <input
              type="radio"
              name="template"
              value={t.id}
              checked={choice === t.id}
              aria-describedby={`template-${t.id}-about`}
              onChange={() => setChoice(t.id)}
            />
            <span>
              <span className="template-name">{t.name}</span>
              <span id={`template-${t.id}-about`} className="hint">
                {t.description}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="hint">Starting from a template replaces the terms being built.</p>
      <button type="button" className="primary" onClick={() => props.onUse(choice)}>
        Start from this template
      </button>

      <h3>Or import a terms file</h3>
      <div className="field">
        <label htmlFor="terms-file">Terms file (obc-terms/1 JSON)</label>
        <input
          id="terms-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) void importFile(file);
          }}
        />
      </div>
      {reading && (
        <p className="status" role="status">
          Reading the file…
        </p>
      )}
      <div aria-live="polite">
        {imported !== null && imported.result.kind === "unreadable" && (
          <div className="alert" role="alert">
            <p>{imported.result.message}</p>
          </div>
        )}
        {imported !== null && imported.result.kind === "loaded" && imported.result.problems.length === 0 && (
          <p className="notice">Loaded {imported.name}: the terms are valid. Review them step by step.</p>
        )}
        {imported !== null && imported.result.kind === "loaded" && imported.result.problems.length > 0 && (
          <>
            <p className="notice">Loaded {imported.name}. Fix these problems in the steps they belong to:</p>
            <ProblemList
              title={`Problems in ${imported.name}`}
              problems={placeProblems(imported.result.problems)}
              onGo={props.onGoToProblem}
            />
          </>
        )}
      </div>
    </>
  );
}

/**
 * Step 3: who counts. The assessment windows; eligibility (grades, schools, a baseline
 * score for a like-performing population); what makes a student served; and when a
 * test is too rushed to count.
 */
import { useState } from "react";
import { GRADES } from "../../../../src/shared/terms/check-terms.js";
import { fieldId, getAt, isObject } from "../../lib/builder/json-path.js";
import { useBuilder, useField } from "./builder-context.js";
import { FieldGroup, FieldProblems, InputField, SelectField } from "./fields.js";
import { WindowsEditor } from "./windows-editor.js";

function Grades() {
  const { builder, at, value, problems } = useField(["eligibility", "grades"]);
  const chosen = Array.isArray(value) ? (value as unknown[]) : [];
  const id = fieldId(at);
  function toggle(grade: string, on: boolean): void {
    const next = GRADES.filter((g) => (g === grade ? on : chosen.includes(g)));
    const extra = chosen.filter((g) => typeof g !== "string" || !(GRADES as readonly string[]).includes(g));
    const all = [...next, ...extra];
    builder.set(["eligibility", "grades"], all.length === 0 ? undefined : all);
  }
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className="choice grades"
      aria-describedby={[`${id}-hint`, ...(problems.length > 0 ? [`${id}-problems`] : [])].join(" ")}
    >
      <legend>Grades</legend>
      <p id={`${id}-hint`} className="hint">
        Leave every grade unchecked to count students of any grade.
      </p>
      <div className="grade-boxes">
        {GRADES.map((g) => (
          <label key={g} className="choice-option">
            <input
              type="checkbox"
              checked={chosen.includes(g)}
              onChange={(e) => toggle(g, e.target.checked)}
            />{" "}
            {g === "PK" ? "Pre-K" : g === "K" ? "K" : `Grade ${g}`}
          </label>
        ))}
      </div>
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </fieldset>
  );
}

function Schools() {
  const { builder, at, value, problems } = useField(["eligibility", "schools"]);
  const listed = Array.isArray(value) ? (value as unknown[]).map(String).join(", ") : "";
  const [text, setText] = useState(listed);
  const id = fieldId(at);
  function commit(): void {
    const ids = text
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    builder.set(["eligibility", "schools"], ids.length === 0 ? undefined : ids);
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        School ids <span className="optional">(optional)</span>
      </label>
      <p id={`${id}-hint`} className="hint">
        Separated by commas; leave empty to count students of every school.
      </p>
      <input
        id={id}
        value={text}
        aria-invalid={problems.length > 0 ? true : undefined}
        aria-describedby={[`${id}-hint`, ...(problems.length > 0 ? [`${id}-problems`] : [])].join(" ")}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
      />
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

function Baseline(props: { windows: readonly string[] }) {
  const builder = useBuilder();
  const baseline = getAt(builder.document, ["eligibility", "baselineMaxScore"]);
  const on = baseline !== undefined;
  return (
    <FieldGroup path={["eligibility", "baselineMaxScore"]} legend="Like-performing students">
      <div className="field field-check">
        <input
          id="baseline-on"
          type="checkbox"
          checked={on}
          onChange={(e) =>
            builder.set(
              ["eligibility", "baselineMaxScore"],
              e.target.checked ? { window: props.windows[0] ?? "", score: "200" } : undefined,
            )
          }
        />
        <label htmlFor="baseline-on">Only students at or below a baseline score</label>
      </div>
      {on && (
        <div className="field-row">
          <SelectField
            path={["eligibility", "baselineMaxScore", "window"]}
            label="Baseline window"
            options={props.windows.map((w) => ({ value: w, label: w }))}
          />
          <InputField
            path={["eligibility", "baselineMaxScore", "score"]}
            label="Highest scale score that counts"
            kind="decimal"
            hint="A student without a score in that window is not eligible."
          />
        </div>
      )}
    </FieldGroup>
  );
}

export function PopulationStep() {
  const builder = useBuilder();
  const windows = getAt(builder.document, ["windows"]);
  const names = isObject(windows) ? Object.keys(windows) : [];
  return (
    <>
      <WindowsEditor />
      <FieldGroup path={["eligibility"]} legend="Eligibility: which enrolled students count">
        <Grades />
        <Schools key={JSON.stringify(getAt(builder.document, ["eligibility", "schools"]) ?? null)} />
        <Baseline windows={names} />
      </FieldGroup>
      <FieldGroup path={["service_threshold"]} legend="A student is served after attending at least">
        <div className="field-row">
          <InputField path={["service_threshold", "minSessions"]} label="Sessions" kind="integer" optional />
          <InputField path={["service_threshold", "minMinutes"]} label="Minutes" kind="integer" optional />
        </div>
      </FieldGroup>
      <InputField
        path={["maxRapidGuessPercent"]}
        label="Ignore tests with more rapid guesses than"
        kind="decimal"
        suffix="%"
        optional
        hint="A test row whose rapid_guess_percent is above this does not count."
      />
    </>
  );
}

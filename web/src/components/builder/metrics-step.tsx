/**
 * Step 4: the outcome metrics and their targets: what each measures (growth between two
 * windows, proficiency in one, dosage, tutor consistency), which students are measured,
 * and how a student without the needed scores counts. How each metric pays is step 5.
 */
import { useState } from "react";
import {
  idsOf,
  newMetric,
  switchMetricKind,
  type MetricKind,
  type OutcomesKind,
} from "../../lib/builder/draft.js";
import { getAt, isObject, listAt } from "../../lib/builder/json-path.js";
import { Measure } from "./metric-measure.js";
import { useBuilder } from "./builder-context.js";
import { ChoiceField, FieldGroup, InputField, SelectField } from "./fields.js";

export const METRIC_KINDS: readonly { value: MetricKind; label: string }[] = [
  { value: "growth", label: "Growth between two tests" },
  { value: "proficiency", label: "Proficiency in one test" },
  { value: "dosage", label: "Dosage (sessions or minutes attended)" },
  { value: "consistency", label: "Consistency (same tutor)" },
];

export function MetricsStep() {
  const builder = useBuilder();
  const metrics = listAt(builder.document, ["outcomes", "metrics"]);
  const windowsValue = getAt(builder.document, ["windows"]);
  const windows = isObject(windowsValue) ? Object.keys(windowsValue) : [];
  const outcomesKind = (
    getAt(builder.document, ["outcomes", "kind"]) === "pool" ? "pool" : "perStudent"
  ) as OutcomesKind;
  const [addKind, setAddKind] = useState<MetricKind>("growth");
  const denominator = getAt(builder.document, ["outcomes", "denominator"]) ?? "served";
  const missing = getAt(builder.document, ["outcomes", "missingOutcome"]) ?? "notMet";
  return (
    <>
      <div className="field-row">
        <ChoiceField
          path={["outcomes", "denominator"]}
          legend="Students measured"
          current={String(denominator)}
          options={[
            { value: "served", label: "Served students" },
            { value: "enrolled", label: "All eligible enrolled students" },
          ]}
          onChoose={(v) => builder.set(["outcomes", "denominator"], v)}
        />
        <ChoiceField
          path={["outcomes", "missingOutcome"]}
          legend="A measured student without the scores a metric needs"
          current={String(missing)}
          options={[
            { value: "notMet", label: "Counts as not meeting it" },
            { value: "exclude", label: "Is left out of that metric" },
          ]}
          onChoose={(v) => builder.set(["outcomes", "missingOutcome"], v)}
        />
      </div>
      <FieldGroup path={["outcomes", "metrics"]} legend="Metrics">
        {metrics.length === 0 && <p className="empty">No metric yet: add at least one.</p>}
        {metrics.map((metric, i) => {
          const path = ["outcomes", "metrics", i] as const;
          const label =
            isObject(metric) && typeof metric["label"] === "string" ? metric["label"] : `Metric ${i + 1}`;
          return (
            <FieldGroup key={i} path={path} legend={`Metric ${i + 1}: ${label}`} className="repeat">
              <div className="field-row">
                <InputField path={[...path, "label"]} label="What it is called" />
                <InputField
                  path={[...path, "id"]}
                  label="Metric id"
                  hint="Letters, digits, '.', '_' or '-'."
                />
                <SelectField
                  path={[...path, "kind"]}
                  label="What it measures"
                  options={METRIC_KINDS}
                  onChoose={(v) => builder.set(path, switchMetricKind(metric, v as MetricKind, windows))}
                />
              </div>
              <Measure path={path} kind={isObject(metric) ? metric["kind"] : undefined} windows={windows} />
              <button type="button" onClick={() => builder.set(path, undefined)}>
                Remove metric “{label}”
              </button>
            </FieldGroup>
          );
        })}
        <div className="add-row">
          <div className="field">
            <label htmlFor="add-metric-kind">Kind of metric to add</label>
            <select
              id="add-metric-kind"
              value={addKind}
              onChange={(e) => setAddKind(e.target.value as MetricKind)}
            >
              {METRIC_KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            onClick={() =>
              builder.set(
                ["outcomes", "metrics", metrics.length],
                newMetric(addKind, outcomesKind, windows, idsOf(metrics)),
              )
            }
          >
            Add a metric
          </button>
        </div>
      </FieldGroup>
    </>
  );
}

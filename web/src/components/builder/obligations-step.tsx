/**
 * Step 6: what each side owes. A district obligation may make the district pay in full
 * when breached; a vendor obligation may reduce the outcome payment; either may be only
 * tracked. Measures: eligible enrolled students, served students, or set by hand.
 */
import { consequencesFor, idsOf, newObligation } from "../../lib/builder/draft.js";
import { isObject, listAt, type Segment } from "../../lib/builder/json-path.js";
import { useBuilder } from "./builder-context.js";
import { FieldGroup, InputField, SelectField } from "./fields.js";

const MEASURES = [
  { value: "enrolledStudents", label: "At least a number of eligible enrolled students" },
  { value: "servedStudents", label: "At least a number of served students" },
  { value: "manual", label: "Recorded by hand (met or not met)" },
];

const CONSEQUENCE_LABELS = {
  none: "None: tracked and reported only",
  payFull: "The district pays the full maximum value",
  reduce: "The outcome payment is reduced by a percent",
};

function Obligation(props: { index: number; obligation: Record<string, unknown> }) {
  const builder = useBuilder();
  const path: readonly Segment[] = ["obligations", props.index];
  const { obligation } = props;
  const party = obligation["party"];
  const measure = isObject(obligation["measure"]) ? obligation["measure"]["kind"] : undefined;
  const consequence = obligation["consequence"];
  const current = isObject(consequence) ? "reduce" : String(consequence ?? "");
  const description = typeof obligation["description"] === "string" ? obligation["description"] : "";
  return (
    <FieldGroup path={path} legend={`Obligation ${props.index + 1}: ${description}`} className="repeat">
      <div className="field-row">
        <SelectField
          path={[...path, "party"]}
          label="Whose obligation"
          options={[
            { value: "district", label: "The district's" },
            { value: "vendor", label: "The vendor's" },
          ]}
          onChoose={(v) => {
            builder.set([...path, "party"], v);
            if (!consequencesFor(v).includes(current as "none"))
              builder.set([...path, "consequence"], "none");
          }}
        />
        <InputField path={[...path, "id"]} label="Obligation id" />
      </div>
      <InputField path={[...path, "description"]} label="What is owed, in words" />
      <div className="field-row">
        <SelectField
          path={[...path, "measure", "kind"]}
          label="How it is measured"
          options={MEASURES}
          onChoose={(v) =>
            builder.set([...path, "measure"], v === "manual" ? { kind: v } : { kind: v, min: 100 })
          }
        />
        {measure !== "manual" && (
          <InputField path={[...path, "measure", "min"]} label="Minimum number of students" kind="integer" />
        )}
      </div>
      <div className="field-row">
        <SelectField
          path={[...path, "consequence"]}
          label="If it is not met"
          options={consequencesFor(party).map((c) => ({ value: c, label: CONSEQUENCE_LABELS[c] }))}
          onChoose={(v) =>
            builder.set([...path, "consequence"], v === "reduce" ? { reduceOutcomePercent: "10" } : v)
          }
        />
        {current === "reduce" && (
          <InputField
            path={[...path, "consequence", "reduceOutcomePercent"]}
            label="Reduce the outcome payment by"
            kind="decimal"
            suffix="%"
          />
        )}
      </div>
      <button type="button" onClick={() => builder.set(path, undefined)}>
        Remove obligation {props.index + 1}
      </button>
    </FieldGroup>
  );
}

export function ObligationsStep() {
  const builder = useBuilder();
  const obligations = listAt(builder.document, ["obligations"]);
  const add = (party: "district" | "vendor") =>
    builder.set(["obligations", obligations.length], newObligation(party, idsOf(obligations)));
  return (
    <FieldGroup path={["obligations"]} legend="Obligations of both sides">
      {obligations.length === 0 && (
        <p className="empty">No obligations: neither side owes anything measured.</p>
      )}
      {obligations.map((o, i) => (isObject(o) ? <Obligation key={i} index={i} obligation={o} /> : null))}
      <div className="add-row">
        <button type="button" onClick={() => add("district")}>
          Add a district obligation
        </button>
        <button type="button" onClick={() => add("vendor")}>
          Add a vendor obligation
        </button>
      </div>
    </FieldGroup>
  );
}

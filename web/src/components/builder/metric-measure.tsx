/**
 * What a metric measures, by kind: growth between two windows against a target in points
 * or a share of each student's projected growth; proficiency as a level or a score;
 * dosage in sessions or minutes; consistency as a share of sessions with one tutor.
 */
import { getAt, isObject, setAt, type Segment } from "../../lib/builder/json-path.js";
import { useBuilder } from "./builder-context.js";
import { ChoiceField, InputField, SelectField } from "./fields.js";

function GrowthTarget(props: { path: readonly Segment[] }) {
  const builder = useBuilder();
  const target = getAt(builder.document, [...props.path, "target"]);
  const kind = isObject(target) && "points" in target ? "points" : "fromRow";
  return (
    <>
      <ChoiceField
        path={[...props.path, "target"]}
        legend="Growth target"
        current={kind}
        options={[
          {
            value: "fromRow",
            label: "A share of each student's projected growth (growth_target of the first test)",
          },
          { value: "points", label: "A number of scale-score points" },
        ]}
        onChoose={(v) =>
          builder.set(
            [...props.path, "target"],
            v === "points" ? { points: "5" } : { fromRow: true, percent: "100" },
          )
        }
      />
      {kind === "points" ? (
        <InputField
          path={[...props.path, "target", "points"]}
          label="Points of growth needed"
          kind="decimal"
        />
      ) : (
        <div className="field-row">
          <InputField
            path={[...props.path, "target", "percent"]}
            label="Percent of projected growth needed"
            kind="decimal"
            suffix="%"
            hint="100 for the projection itself; more than 100 for stretch growth."
          />
          <InputField
            path={[...props.path, "target", "prorateWeeks"]}
            label="Prorate the target over weeks between tests"
            kind="integer"
            optional
          />
        </div>
      )}
    </>
  );
}

export function Measure(props: { path: readonly Segment[]; kind: unknown; windows: readonly string[] }) {
  const builder = useBuilder();
  const windowOptions = props.windows.map((w) => ({ value: w, label: w }));
  switch (props.kind) {
    case "growth":
      return (
        <>
          <div className="field-row">
            <SelectField path={[...props.path, "from"]} label="From window" options={windowOptions} />
            <SelectField path={[...props.path, "to"]} label="To window" options={windowOptions} />
          </div>
          <GrowthTarget path={props.path} />
        </>
      );
    case "proficiency": {
      const byLevel = getAt(builder.document, [...props.path, "minScore"]) === undefined;
      return (
        <>
          <SelectField path={[...props.path, "window"]} label="Window" options={windowOptions} />
          <ChoiceField
            path={[...props.path, "threshold"]}
            legend="Proficient means"
            current={byLevel ? "level" : "score"}
            options={[
              { value: "level", label: "A performance level or higher" },
              { value: "score", label: "A scale score or higher" },
            ]}
            onChoose={(v) =>
              builder.change((d) => {
                const cleared = setAt(
                  setAt(d, [...props.path, "minLevel"], undefined),
                  [...props.path, "minScore"],
                  undefined,
                );
                return v === "level"
                  ? setAt(cleared, [...props.path, "minLevel"], 3)
                  : setAt(cleared, [...props.path, "minScore"], "220");
              })
            }
          />
          {byLevel ? (
            <InputField
              path={[...props.path, "minLevel"]}
              label="Lowest performance level that counts"
              kind="integer"
            />
          ) : (
            <InputField
              path={[...props.path, "minScore"]}
              label="Lowest scale score that counts"
              kind="decimal"
            />
          )}
        </>
      );
    }
    case "dosage":
      return (
        <div className="field-row">
          <InputField
            path={[...props.path, "minSessions"]}
            label="At least this many sessions"
            kind="integer"
            optional
          />
          <InputField
            path={[...props.path, "minMinutes"]}
            label="At least this many minutes"
            kind="integer"
            optional
          />
        </div>
      );
    case "consistency":
      return (
        <InputField
          path={[...props.path, "minShare"]}
          label="Share of attended sessions with the same tutor"
          kind="decimal"
          hint="A share from 0 to 1: 0.75 is 75%."
        />
      );
    default:
      return null;
  }
}

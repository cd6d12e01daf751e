/**
 * How one metric pays. In a per-student contract: an amount for each measured student who
 * meets it, or (growth) tiers by growth reached, with optional amounts for subgroups, a
 * deduction for declining scores and a cap. In a pool: its weight in the pool and the
 * rates of students meeting it that earn all or nothing of its share.
 */
import { fieldId, getAt, isObject, jsonPath, listAt, type Segment } from "../../lib/builder/json-path.js";
import { useBuilder } from "./builder-context.js";
import { ChoiceField, FieldGroup, FieldProblems, InputField } from "./fields.js";

const SUBGROUPS = [
  { key: "economicallyDisadvantaged", label: "economically disadvantaged" },
  { key: "englishLearner", label: "English learner" },
  { key: "specialEducation", label: "special education" },
] as const;

function Tiers(props: { path: readonly Segment[] }) {
  const builder = useBuilder();
  const tiers = listAt(builder.document, [...props.path, "tiers"]);
  const money = builder.currency;
  return (
    <FieldGroup path={[...props.path, "tiers"]} legend="Tiers (the highest tier a student reaches pays)">
      {tiers.map((_, j) => (
        <div key={j} className="field-row">
          <InputField
            path={[...props.path, "tiers", j, "atLeast"]}
            label={`Tier ${j + 1}: growth reached, in percent of the target`}
            kind="decimal"
            suffix="%"
          />
          <InputField
            path={[...props.path, "tiers", j, "amount"]}
            label={`Tier ${j + 1}: pay`}
            kind="money"
            prefix={money}
          />
          <button type="button" onClick={() => builder.set([...props.path, "tiers", j], undefined)}>
            Remove tier {j + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          builder.set([...props.path, "tiers", tiers.length], {
            atLeast: String(100 + 25 * tiers.length),
            amount: "100.00",
          })
        }
      >
        Add a tier
      </button>
    </FieldGroup>
  );
}

function PerStudentPay(props: { path: readonly Segment[]; metric: Record<string, unknown>; who: string }) {
  const builder = useBuilder();
  const { metric, path } = props;
  const growth = metric["kind"] === "growth";
  const tiered = metric["tiers"] !== undefined;
  const label = String(metric["label"] ?? "this metric");
  const money = builder.currency;
  return (
    <>
      {growth && (
        <ChoiceField
          path={[...path, "payBy"]}
          legend="Pay"
          current={tiered ? "tiers" : "amount"}
          options={[
            { value: "amount", label: "One amount for meeting the target" },
            { value: "tiers", label: "Tiers by growth reached" },
          ]}
          onChoose={(v) =>
            builder.set(
              path,
              (() => {
                const { amount: _a, tiers: _t, amountBySubgroup: _s, ...rest } = metric;
                return v === "tiers"
                  ? {
                      ...rest,
                      tiers: [
                        { atLeast: "50", amount: "100.00" },
                        { atLeast: "100", amount: "250.00" },
                      ],
                    }
                  : { ...rest, amount: "100.00" };
              })(),
            )
          }
        />
      )}
      {tiered ? (
        <Tiers path={path} />
      ) : (
        <>
          <InputField
            path={[...path, "amount"]}
            label={`Pay for each ${props.who} student who meets “${label}”`}
            kind="money"
            prefix={money}
          />
          <div className="field-row">
            {SUBGROUPS.map((s) => (
              <InputField
                key={s.key}
                path={[...path, "amountBySubgroup", s.key]}
                label={`Instead, for an ${s.label} student`}
                kind="money"
                prefix={money}
                optional
              />
            ))}
          </div>
        </>
      )}
      <div className="field-row">
        {growth && (
          <InputField
            path={[...path, "decline"]}
            label="Deduct for each student whose score falls"
            kind="money"
            prefix={money}
            optional
          />
        )}
        <InputField
          path={[...path, "cap"]}
          label={`At most, in all, for “${label}”`}
          kind="money"
          prefix={money}
          optional
        />
      </div>
    </>
  );
}

function PoolPay(props: { path: readonly Segment[]; label: string }) {
  const money = useBuilder().currency;
  return (
    <div className="field-row">
      <InputField
        path={[...props.path, "weight"]}
        label="Weight in the pool"
        kind="decimal"
        hint="Shares of the pool are weight / sum of weights."
      />
      <InputField
        path={[...props.path, "targetRate"]}
        label="Rate of students meeting it that earns its full share"
        kind="decimal"
        optional
        hint="A share from 0 to 1 (default 1)."
      />
      <InputField
        path={[...props.path, "minRate"]}
        label="Rate below which it earns nothing"
        kind="decimal"
        optional
        hint="A share from 0 to 1 (default 0)."
      />
      <InputField
        path={[...props.path, "cap"]}
        label={`At most, in all, for “${props.label}”`}
        kind="money"
        prefix={money}
        optional
      />
    </div>
  );
}

const PER_STUDENT_KEYS = ["amount", "tiers", "amountBySubgroup", "decline"];
const POOL_KEYS = ["weight", "targetRate", "minRate"];

/**
 * Payment keys of the other kind of outcomes (from an imported file): each is named with
 * its problem and can be removed, since the fields of this kind do not show it.
 */
function ForeignKeys(props: { path: readonly Segment[]; metric: Record<string, unknown>; pool: boolean }) {
  const builder = useBuilder();
  const foreign = (props.pool ? PER_STUDENT_KEYS : POOL_KEYS).filter((k) => k in props.metric);
  return (
    <>
      {foreign.map((key) => {
        const at = jsonPath([...props.path, key]);
        const id = fieldId(at);
        return (
          <div key={key} id={id} tabIndex={-1} className="field">
            <p>
              This metric has <code>{key}</code>, which {props.pool ? "a pool" : "a per-student"} contract
              does not use.{" "}
              <button type="button" onClick={() => builder.set([...props.path, key], undefined)}>
                Remove {key}
              </button>
            </p>
            <FieldProblems id={`${id}-problems`} problems={builder.problemsAt(at)} />
          </div>
        );
      })}
    </>
  );
}

export function MetricPay(props: { index: number; who: string }) {
  const builder = useBuilder();
  const path = ["outcomes", "metrics", props.index] as const;
  const metric = getAt(builder.document, path);
  if (!isObject(metric)) return null;
  const label = typeof metric["label"] === "string" ? metric["label"] : `Metric ${props.index + 1}`;
  const pool = getAt(builder.document, ["outcomes", "kind"]) === "pool";
  return (
    <FieldGroup path={[...path, "pay"]} legend={`How “${label}” pays`} className="repeat">
      <ForeignKeys path={path} metric={metric} pool={pool} />
      {pool ? (
        <PoolPay path={path} label={label} />
      ) : (
        <PerStudentPay path={path} metric={metric} who={props.who} />
      )}
    </FieldGroup>
  );
}

/**
 * Step 5: payment. The base (per student, a share of the maximum value, or fixed), how
 * outcomes pay (per student, or a pool), the pool's size, the caps, and each metric's
 * payment, with the planned base/contingent split once the terms are valid.
 */
import { baseOf, switchOutcomesKind, type BaseKind } from "../../lib/builder/draft.js";
import { getAt, isObject, listAt } from "../../lib/builder/json-path.js";
import { plannedSplit } from "../../lib/builder/planned-split.js";
import type { TermsDocument } from "../../../../src/shared/terms/check-terms.js";
import { useBuilder } from "./builder-context.js";
import { CheckboxField, ChoiceField, FieldGroup, InputField, SelectField } from "./fields.js";
import { MetricPay } from "./metric-pay.js";

function Base() {
  const builder = useBuilder();
  const kind = String(getAt(builder.document, ["base", "kind"]) ?? "");
  const money = builder.currency;
  return (
    <FieldGroup path={["base"]} legend="Base payment (paid for service, whatever the outcomes)">
      <ChoiceField
        path={["base", "kind"]}
        legend="The base is"
        current={kind}
        options={[
          { value: "perStudent", label: "An amount per student" },
          { value: "share", label: "A share of the maximum value" },
          { value: "fixed", label: "A fixed amount" },
        ]}
        onChoose={(v) => builder.set(["base"], baseOf(v as BaseKind))}
      />
      {kind === "perStudent" && (
        <div className="field-row">
          <InputField path={["base", "amount"]} label="Pay for each student" kind="money" prefix={money} />
          <SelectField
            path={["base", "per"]}
            label="Counting each"
            options={[
              { value: "served", label: "Served student" },
              { value: "enrolled", label: "Eligible enrolled student" },
            ]}
          />
        </div>
      )}
      {kind === "share" && (
        <div className="field-row">
          <InputField
            path={["base", "percent"]}
            label="Percent of the maximum value"
            kind="decimal"
            suffix="%"
          />
          <CheckboxField
            path={["base", "prorate"]}
            label="Prorate by students served out of those expected"
            removeWhenOff
          />
        </div>
      )}
      {kind === "fixed" && (
        <InputField path={["base", "amount"]} label="Fixed amount" kind="money" prefix={money} />
      )}
    </FieldGroup>
  );
}

function Pool() {
  const builder = useBuilder();
  const pool = getAt(builder.document, ["outcomes", "pool"]);
  const byAmount = isObject(pool) && "amount" in pool;
  return (
    <FieldGroup path={["outcomes", "pool"]} legend="The pool at stake on outcomes">
      <ChoiceField
        path={["outcomes", "poolSize"]}
        legend="Pool size"
        current={byAmount ? "amount" : "percent"}
        options={[
          { value: "percent", label: "A percent of the maximum value" },
          { value: "amount", label: "An amount" },
        ]}
        onChoose={(v) =>
          builder.set(["outcomes", "pool"], v === "amount" ? { amount: "100000.00" } : { percent: "40" })
        }
      />
      {byAmount ? (
        <InputField
          path={["outcomes", "pool", "amount"]}
          label="Pool amount"
          kind="money"
          prefix={builder.currency}
        />
      ) : (
        <InputField
          path={["outcomes", "pool", "percent"]}
          label="Pool, percent of the maximum value"
          kind="decimal"
          suffix="%"
        />
      )}
    </FieldGroup>
  );
}

export function PaymentStep(props: { valid: boolean }) {
  const builder = useBuilder();
  const kind = getAt(builder.document, ["outcomes", "kind"]) === "pool" ? "pool" : "perStudent";
  const metrics = listAt(builder.document, ["outcomes", "metrics"]);
  const who =
    getAt(builder.document, ["outcomes", "denominator"]) === "enrolled" ? "eligible enrolled" : "served";
  const split = props.valid ? plannedSplit(builder.document as TermsDocument) : null;
  return (
    <>
      <p className="split" aria-live="polite">
        {split ?? "The planned split of base and outcome payments is shown when the terms are valid."}
      </p>
      <Base />
      <FieldGroup path={["outcomes"]} legend="Outcome payment (contingent on results)">
        <ChoiceField
          path={["outcomes", "kind"]}
          legend="Outcomes pay"
          current={kind}
          options={[
            { value: "perStudent", label: "An amount for each student who meets a metric" },
            { value: "pool", label: "A share of a pool, by the rate of students meeting each metric" },
          ]}
          onChoose={(v) =>
            builder.set(
              ["outcomes"],
              switchOutcomesKind(getAt(builder.document, ["outcomes"]), v as "pool" | "perStudent"),
            )
          }
        />
        {kind === "pool" && <Pool />}
        <InputField
          path={["outcomes", "cap"]}
          label="At most, for all outcome payments together"
          kind="money"
          prefix={builder.currency}
          optional
        />
        {metrics.map((_, i) => (
          <MetricPay key={i} index={i} who={who} />
        ))}
      </FieldGroup>
    </>
  );
}

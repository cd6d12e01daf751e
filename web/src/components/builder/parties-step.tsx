/**
 * Step 2: the parties and the period: contract id and title, the district (the signed-in
 * one), the vendor (one the district already works with, or a new one), the service,
 * currency, period, maximum value and expected number of students.
 */
import { useState } from "react";
import { SERVICES, TERMS_FORMAT } from "../../../../src/shared/terms/check-terms.js";
import type { DistrictVendor } from "../../lib/api/builder.js";
import { getAt, isObject } from "../../lib/builder/json-path.js";
import { useBuilder, useField } from "./builder-context.js";
import { FieldGroup, FieldProblems, InputField, SelectField } from "./fields.js";
import { fieldId } from "../../lib/builder/json-path.js";

const SERVICE_LABELS: Record<(typeof SERVICES)[number], string> = {
  tutoring: "Tutoring",
  edtech: "Education technology",
  "professional-learning": "Professional learning",
  curriculum: "Curriculum",
  other: "Other",
};

const CURRENCIES = ["USD", "CAD", "EUR", "GBP", "AUD", "NZD"];
const OTHER = "__other__";

function VendorChoice(props: { vendors: readonly DistrictVendor[] }) {
  const { builder, at, value, problems } = useField(["vendor"]);
  const vendorId = isObject(value) && typeof value["id"] === "string" ? value["id"] : "";
  const known = props.vendors.some((v) => v.vendorId === vendorId);
  const [other, setOther] = useState(!known && vendorId !== "");
  const id = fieldId(at);
  const selected = other || (!known && vendorId !== "") ? OTHER : vendorId;
  return (
    <div className="field">
      <label htmlFor={id}>Vendor</label>
      <p id={`${id}-hint`} className="hint">
        The vendors the district already works with; a new vendor is added to the district when the contract
        is saved.
      </p>
      <select
        id={id}
        value={selected}
        aria-invalid={problems.length > 0 ? true : undefined}
        aria-describedby={[`${id}-hint`, ...(problems.length > 0 ? [`${id}-problems`] : [])].join(" ")}
        onChange={(e) => {
          if (e.target.value === OTHER) {
            setOther(true);
            return;
          }
          setOther(false);
          const vendor = props.vendors.find((v) => v.vendorId === e.target.value);
          if (vendor !== undefined) builder.set(["vendor"], { id: vendor.vendorId, name: vendor.name });
        }}
      >
        {selected === "" && <option value="">Choose a vendor…</option>}
        {props.vendors.map((v) => (
          <option key={v.vendorId} value={v.vendorId}>
            {v.name} ({v.vendorId})
          </option>
        ))}
        <option value={OTHER}>Another vendor…</option>
      </select>
      <FieldProblems id={`${id}-problems`} problems={problems} />
      {selected === OTHER && (
        <div className="field-row">
          <InputField path={["vendor", "id"]} label="Vendor id" hint="Letters, digits, '.', '_' or '-'." />
          <InputField path={["vendor", "name"]} label="Vendor name" />
        </div>
      )}
    </div>
  );
}

export function PartiesStep(props: {
  district: { id: string; name: string };
  vendors: readonly DistrictVendor[];
}) {
  const builder = useBuilder();
  const format = getAt(builder.document, ["format"]);
  const named = getAt(builder.document, ["district"]);
  const namesOther =
    !isObject(named) || named["id"] !== props.district.id || named["name"] !== props.district.name;
  const districtProblems = builder.problemsAt("$.district");
  return (
    <>
      <div className="field-row">
        <InputField
          path={["contractId"]}
          label="Contract id"
          hint="How data files name the contract (contract_id): letters, digits, '.', '_' or '-'."
        />
        <InputField path={["title"]} label="Title" />
      </div>
      <div className="field" id={fieldId("$.district")} tabIndex={-1}>
        <p className="label-like">District</p>
        <p>
          {props.district.name} <span className="sub">({props.district.id})</span>
        </p>
        {namesOther && (
          <p className="notice">
            These terms name another district (
            {isObject(named) ? String(named["name"] ?? named["id"]) : "none"}). A contract is saved by its own
            district.{" "}
            <button type="button" onClick={() => builder.set(["district"], { ...props.district })}>
              Make it {props.district.name}
            </button>
          </p>
        )}
        <FieldProblems id={`${fieldId("$.district")}-problems`} problems={districtProblems} />
      </div>
      {format !== TERMS_FORMAT && (
        <div className="field" id={fieldId("$.format")} tabIndex={-1}>
          <p className="notice">
            The document's format is not {TERMS_FORMAT}.{" "}
            <button type="button" onClick={() => builder.set(["format"], TERMS_FORMAT)}>
              Set the format to {TERMS_FORMAT}
            </button>
          </p>
          <FieldProblems id={`${fieldId("$.format")}-problems`} problems={builder.problemsAt("$.format")} />
        </div>
      )}
      <VendorChoice vendors={props.vendors} />
      <div className="field-row">
        <SelectField
          path={["service"]}
          label="What the district buys"
          options={SERVICES.map((s) => ({ value: s, label: SERVICE_LABELS[s] }))}
        />
        <SelectField
          path={["currency"]}
          label="Currency"
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
        />
      </div>
      <FieldGroup path={["period"]} legend="Service period (sessions outside it do not count)">
        <div className="field-row">
          <InputField path={["period", "start"]} label="First day" kind="date" />
          <InputField path={["period", "end"]} label="Last day" kind="date" />
        </div>
      </FieldGroup>
      <div className="field-row">
        <InputField
          path={["maxValue"]}
          label="Maximum value: the most the district ever pays"
          kind="money"
          prefix={builder.currency}
          hint="Also what the district owes if it breaches an obligation whose consequence is to pay in full."
        />
        <InputField path={["expectedStudents"]} label="Expected number of students" kind="integer" />
      </div>
    </>
  );
}

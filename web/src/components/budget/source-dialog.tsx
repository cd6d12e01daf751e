/**
 * Adding a funding source, or editing one (name, amount, end date, notes), in a dialog.
 * The server checks everything again; its refusal, with the field at fault, is shown
 * inside the dialog.
 */
import { useState } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import {
  createFundingSource,
  updateFundingSource,
  type FundingSource,
  type SourceFields,
} from "../../lib/api/budget.js";
import { ConfirmDialog } from "../confirm-dialog.js";

const EMPTY: SourceFields = { code: "", name: "", amount: "", startsOn: "", endsOn: "", notes: "" };

function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "date";
  hint?: string;
  required?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        required={props.required ?? true}
        aria-describedby={props.hint === undefined ? undefined : `${props.id}-hint`}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
      {props.hint !== undefined && (
        <span className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
    </div>
  );
}

export function SourceDialog(props: {
  api: ApiClient;
  districtId: string;
  /** The source to edit; a new source when absent. */
  source?: FundingSource;
  onDone: (notice: string) => void;
}) {
  const { source } = props;
  const [fields, setFields] = useState<SourceFields>(
    source === undefined
      ? EMPTY
      : {
          code: source.code,
          name: source.name,
          amount: source.balance.amount,
          startsOn: source.startsOn,
          endsOn: source.endsOn,
          notes: source.notes ?? "",
        },
  );
  const set = (key: keyof SourceFields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const id = source === undefined ? "new-source" : `source-${source.fundingSourceId}`;
  return (
    <ConfirmDialog
      label={source === undefined ? "Add funding source" : `Edit ${source.code}`}
      title={source === undefined ? "Add a funding source" : `Edit funding source ${source.code}`}
      primary={source === undefined}
      onDone={props.onDone}
      confirm={async () => {
        if (source === undefined) {
          const created = await createFundingSource(props.api, props.districtId, fields);
          setFields(EMPTY);
          return `Added ${created.code}.`;
        }
        const changed = await updateFundingSource(props.api, props.districtId, source.fundingSourceId, {
          name: fields.name,
          amount: fields.amount,
          endsOn: fields.endsOn,
          notes: fields.notes,
        });
        return `Saved ${changed.code}.`;
      }}
    >
      {source === undefined && (
        <Field
          id={`${id}-code`}
          label="Code"
          value={fields.code}
          onChange={set("code")}
          hint="For example ESSER-III"
        />
      )}
      <Field id={`${id}-name`} label="Name" value={fields.name} onChange={set("name")} />
      <Field
        id={`${id}-amount`}
        label="Amount (USD)"
        value={fields.amount}
        onChange={set("amount")}
        hint="Dollars and cents, such as 250000.00"
      />
      {source === undefined && (
        <Field
          id={`${id}-starts`}
          label="Starts on"
          type="date"
          value={fields.startsOn}
          onChange={set("startsOn")}
        />
      )}
      <Field
        id={`${id}-ends`}
        label="Ends on"
        type="date"
        value={fields.endsOn}
        onChange={set("endsOn")}
        hint="The money must be obligated by this date"
      />
      <Field id={`${id}-notes`} label="Notes" value={fields.notes} onChange={set("notes")} required={false} />
    </ConfirmDialog>
  );
}

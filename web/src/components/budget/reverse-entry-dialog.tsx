/**
 * Reversing a ledger entry (district administrators): the dialog asks for the reason, which
 * the ledger keeps with the reversal. The entry stays; a new entry of the negated amount
 * names it. The server refuses a second reversal and explains why inside the dialog.
 */
import { useState } from "react";
import { FieldError, Label, Text, TextArea, TextField } from "react-aria-components";
import type { ApiClient } from "../../lib/api-client.js";
import { ENTRY_LABELS, reverseLedgerEntry, type LedgerEntry } from "../../lib/api/budget.js";
import { formatMoney } from "../../lib/money.js";
import { ConfirmDialog } from "../confirm-dialog.js";

/** The amount with its sign turned: "-1250.00" of "1250.00". */
function negated(amount: string): string {
  return amount.startsWith("-") ? amount.slice(1) : `-${amount}`;
}

export function ReverseEntryDialog(props: {
  api: ApiClient;
  districtId: string;
  entry: LedgerEntry;
  onDone: (notice: string) => void;
}) {
  const { entry } = props;
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const what = `${ENTRY_LABELS[entry.kind].toLowerCase()} entry ${entry.entryId}`;
  return (
    <ConfirmDialog
      label={`Reverse entry ${entry.entryId}`}
      title={`Reverse ${what}?`}
      onDone={props.onDone}
      validate={() => {
        const given = reason.trim() !== "";
        setMissing(!given);
        return given;
      }}
      confirm={async () => {
        const reversal = await reverseLedgerEntry(props.api, props.districtId, entry.entryId, reason.trim());
        setReason("");
        return `Entry ${entry.entryId} was reversed by entry ${reversal.entryId} of ${formatMoney(reversal.amount)}.`;
      }}
    >
      <p>
        A new entry of {formatMoney(negated(entry.amount))} on {entry.fundingSourceCode}
        {entry.contractId === null ? "" : ` for contract ${entry.contractId}`} cancels it. The {what} stays in
        the ledger, marked as reversed; a reversal cannot be undone.
      </p>
      <TextField
        className="field"
        value={reason}
        onChange={(value) => {
          setReason(value);
          if (value.trim() !== "") setMissing(false);
        }}
        isRequired
        isInvalid={missing}
        validationBehavior="aria"
        maxLength={500}
      >
        <Label>Reason</Label>
        <TextArea rows={3} />
        <Text slot="description" className="hint">
          Kept in the ledger with the reversal, for the auditors (at most 500 characters).
        </Text>
        <FieldError className="field-error">Give the reason for the reversal.</FieldError>
      </TextField>
    </ConfirmDialog>
  );
}

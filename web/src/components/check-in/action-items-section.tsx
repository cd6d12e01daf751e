/**
 * Action items: those raised at this check-in and those still open from earlier ones
 * (they carry to every later agenda), with owner, due day and status; writers change a
 * status (kept in the item's history) and raise new items until the minutes are final.
 */
import { useState } from "react";
import {
  checkInCalls,
  PARTY_LABELS,
  type ActionItem,
  type ActionStatus,
  type Party,
} from "../../lib/api/check-ins.js";
import { formatIsoDate } from "../../lib/dates.js";
import { ErrorMessage } from "../error-message.js";
import { Badge } from "../page-heading.js";
import type { CheckInProps } from "./agenda-section.js";
import { useAction } from "./use-action.js";

const STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  open: "Open",
  done: "Done",
  cancelled: "Cancelled",
};

export function ActionItemsSection(props: CheckInProps) {
  const { checkIn } = props;
  const action = useAction();
  const open = props.writer && checkIn.state !== "finalised" && checkIn.state !== "cancelled";
  const refresh = async () =>
    props.onChanged(await checkInCalls.get(props.api, props.districtId, props.contractId, checkIn.checkInId));
  const setStatus = (item: ActionItem, status: ActionStatus) =>
    action.run(async () => {
      await checkInCalls.changeActionItem(props.api, props.districtId, props.contractId, item, { status });
      await refresh();
      return `"${item.description}" is now ${STATUS_LABELS[status].toLowerCase()}.`;
    });
  return (
    <section aria-labelledby="action-items-heading">
      <h2 id="action-items-heading">Action items</h2>
      <h3 id="raised-heading">Raised at this check-in</h3>
      <ItemTable
        items={checkIn.actionItems}
        labelledBy="raised-heading"
        writer={props.writer}
        onStatus={setStatus}
        busy={action.busy}
      />
      {checkIn.carriedActionItems.length > 0 && (
        <>
          <h3 id="carried-heading">Still open from earlier check-ins</h3>
          <ItemTable
            items={checkIn.carriedActionItems}
            labelledBy="carried-heading"
            writer={props.writer}
            onStatus={setStatus}
            busy={action.busy}
          />
        </>
      )}
      {action.error !== null && <ErrorMessage title="The server refused" error={action.error} />}
      <p className="notice no-print" role="status">
        {action.notice}
      </p>
      {open && <AddItemForm {...props} refresh={refresh} />}
    </section>
  );
}

function ItemTable(props: {
  items: readonly ActionItem[];
  labelledBy: string;
  writer: boolean;
  busy: boolean;
  onStatus: (item: ActionItem, status: ActionStatus) => void;
}) {
  if (props.items.length === 0) return <p className="empty">None.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby={props.labelledBy} tabIndex={0}>
      <table className="action-items">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            {props.writer && (
              <th scope="col" className="no-print">
                Change
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.actionItemId}>
              <th scope="row">
                {item.description}
                <div className="sub">Raised {formatIsoDate(item.raisedOn)}</div>
              </th>
              <td>
                {PARTY_LABELS[item.ownerParty]}: {item.ownerName}
              </td>
              <td>{formatIsoDate(item.dueOn)}</td>
              <td>
                <Badge kind={`action-${item.status}`}>{STATUS_LABELS[item.status]}</Badge>
                {item.history.length > 1 && (
                  <div className="sub">
                    {item.history
                      .slice(1)
                      .map((h) => `${STATUS_LABELS[h.status]}${h.note === null ? "" : ` (${h.note})`}`)
                      .join(", ")}
                  </div>
                )}
              </td>
              {props.writer && (
                <td className="no-print">
                  {(["open", "done", "cancelled"] as const)
                    .filter((s) => s !== item.status)
                    .map((s) => {
                      const label = s === "open" ? "Reopen" : `Mark ${STATUS_LABELS[s].toLowerCase()}`;
                      return (
                        <button
                          key={s}
                          type="button"
                          disabled={props.busy}
                          onClick={() => props.onStatus(item, s)}
                          aria-label={`${label}: ${item.description}`}
                        >
                          {label}
                        </button>
                      );
                    })}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddItemForm(props: CheckInProps & { refresh: () => Promise<void> }) {
  const [description, setDescription] = useState("");
  const [ownerParty, setOwnerParty] = useState<Party>("vendor");
  const [ownerName, setOwnerName] = useState("");
  const [dueOn, setDueOn] = useState("");
  const action = useAction();
  return (
    <form
      className="inline-form no-print"
      aria-labelledby="add-item-heading"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          await checkInCalls.addActionItem(
            props.api,
            props.districtId,
            props.contractId,
            props.checkIn.checkInId,
            {
              description,
              ownerParty,
              ownerName,
              dueOn,
            },
          );
          await props.refresh();
          setDescription("");
          setOwnerName("");
          setDueOn("");
          return "Action item added.";
        });
      }}
    >
      <h3 id="add-item-heading">Add an action item</h3>
      <label>
        Action
        <input type="text" value={description} required onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Owner party
        <select
          value={ownerParty}
          onChange={(e) => setOwnerParty(e.target.value === "district" ? "district" : "vendor")}
        >
          <option value="district">District</option>
          <option value="vendor">Vendor</option>
        </select>
      </label>
      <label>
        Owner
        <input type="text" value={ownerName} required onChange={(e) => setOwnerName(e.target.value)} />
      </label>
      <label>
        Due
        <input type="date" value={dueOn} required onChange={(e) => setDueOn(e.target.value)} />
      </label>
      <button type="submit" disabled={action.busy}>
        Add action item
      </button>
      {action.error !== null && <ErrorMessage title="The server refused" error={action.error} />}
      <p className="notice" role="status">
        {action.notice}
      </p>
    </form>
  );
}

/**
 * A check-in's agenda: prepared from today's figures (kept as they were that day), shown
 * by section, and editable item by item until minutes are recorded.
 */
import { useState } from "react";
import type { ApiClient } from "../../lib/api-client.js";
import {
  SECTION_LABELS,
  checkInCalls,
  type AgendaItem,
  type AgendaSection as Section,
  type CheckIn,
} from "../../lib/api/check-ins.js";
import { formatIsoDate, formatTimestamp } from "../../lib/dates.js";
import { ErrorMessage } from "../error-message.js";
import { useAction } from "./use-action.js";

export interface CheckInProps {
  readonly api: ApiClient;
  readonly districtId: string;
  readonly contractId: string;
  readonly checkIn: CheckIn;
  readonly writer: boolean;
  readonly onChanged: (checkIn: CheckIn) => void;
}

const SECTIONS = Object.keys(SECTION_LABELS) as Section[];

export function AgendaSection(props: CheckInProps) {
  const { api, districtId, contractId, checkIn } = props;
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const editable = props.writer && (checkIn.state === "scheduled" || checkIn.state === "agenda-ready");
  const prepare = () =>
    action.run(async () => {
      props.onChanged(await checkInCalls.prepare(api, districtId, contractId, checkIn.checkInId));
      return "Agenda prepared from today's figures.";
    });
  return (
    <section aria-labelledby="agenda-heading" className="agenda">
      <h2 id="agenda-heading">Agenda</h2>
      {checkIn.agenda === null ? (
        <p className="empty">No agenda has been prepared yet.</p>
      ) : (
        <p className="sub">
          Figures as of {formatIsoDate(checkIn.agenda.asOf)}; prepared{" "}
          {formatTimestamp(checkIn.agenda.preparedAt)}. The agenda keeps these figures when the data changes.
        </p>
      )}
      {editing && checkIn.agenda !== null ? (
        <AgendaEditor {...props} items={checkIn.agenda.items} onClose={() => setEditing(false)} />
      ) : (
        checkIn.agenda !== null && <AgendaList items={checkIn.agenda.items} />
      )}
      {editable && !editing && (
        <p className="no-print">
          <button type="button" onClick={prepare} disabled={action.busy}>
            {checkIn.agenda === null ? "Prepare agenda" : "Prepare again from today's figures"}
          </button>{" "}
          {checkIn.agenda !== null && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit agenda
            </button>
          )}
        </p>
      )}
      {action.error !== null && <ErrorMessage title="The server refused" error={action.error} />}
      <p className="notice no-print" role="status">
        {action.notice}
      </p>
    </section>
  );
}

export function AgendaList(props: { items: readonly AgendaItem[] }) {
  if (props.items.length === 0) return <p className="empty">The agenda has no items.</p>;
  return (
    <>
      {SECTIONS.map((section) => {
        const items = props.items.filter((i) => i.section === section);
        if (items.length === 0) return null;
        return (
          <div key={section} className="agenda-group">
            <h3>{SECTION_LABELS[section]}</h3>
            <ul>
              {items.map((i) => (
                <li key={i.itemId}>
                  <strong>{i.title}</strong>
                  {i.detail !== "" && <span className="agenda-detail"> {i.detail}</span>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

function AgendaEditor(props: CheckInProps & { items: readonly AgendaItem[]; onClose: () => void }) {
  const [items, setItems] = useState<(Omit<AgendaItem, "itemId"> & { itemId?: string; key: number })[]>(
    props.items.map((i, n) => ({ ...i, key: n })),
  );
  const [next, setNext] = useState(props.items.length);
  const action = useAction();
  const update = (key: number, change: Partial<AgendaItem>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));
  const save = () =>
    action.run(async () => {
      const body = items.map(({ key: _key, ...i }) => i);
      props.onChanged(
        await checkInCalls.editAgenda(
          props.api,
          props.districtId,
          props.contractId,
          props.checkIn.checkInId,
          body,
        ),
      );
      props.onClose();
      return "Agenda saved.";
    });
  return (
    <form
      className="agenda-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <ol>
        {items.map((item, n) => (
          <li key={item.key}>
            <fieldset>
              <legend>Item {n + 1}</legend>
              <label>
                Section
                <select
                  value={item.section}
                  onChange={(e) => update(item.key, { section: e.target.value as Section })}
                >
                  {SECTIONS.map((s) => (
                    <option key={s} value={s}>
                      {SECTION_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Title
                <input
                  type="text"
                  value={item.title}
                  required
                  onChange={(e) => update(item.key, { title: e.target.value })}
                />
              </label>
              <label>
                Detail
                <textarea
                  value={item.detail}
                  rows={2}
                  onChange={(e) => update(item.key, { detail: e.target.value })}
                />
              </label>
              <button type="button" onClick={() => setItems((all) => all.filter((i) => i.key !== item.key))}>
                Remove item {n + 1}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <p>
        <button
          type="button"
          onClick={() => {
            setItems((all) => [...all, { section: "other", title: "", detail: "", key: next }]);
            setNext(next + 1);
          }}
        >
          Add item
        </button>{" "}
        <button type="submit" className="primary" disabled={action.busy}>
          Save agenda
        </button>{" "}
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      </p>
      {action.error !== null && <ErrorMessage title="The server refused" error={action.error} />}
    </form>
  );
}

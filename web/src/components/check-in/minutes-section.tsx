/**
 * A check-in's minutes: attendees, notes per agenda item, decisions and a summary, saved
 * as a draft until either party finalises them (with a confirmation); finalised minutes
 * are shown read only, with follow-up notes as the only way to add to them.
 */
import { useState } from "react";
import { PARTY_LABELS, checkInCalls, type Attendee, type Minutes } from "../../lib/api/check-ins.js";
import { formatTimestamp } from "../../lib/dates.js";
import { ConfirmDialog } from "../confirm-dialog.js";
import { ErrorMessage } from "../error-message.js";
import type { CheckInProps } from "./agenda-section.js";
import { useAction } from "./use-action.js";

const EMPTY: Minutes = { attendees: [], itemNotes: [], decisions: [], summary: "" };

export function MinutesSection(props: CheckInProps) {
  const { checkIn } = props;
  const final = checkIn.state === "finalised";
  const editable = props.writer && !final && checkIn.state !== "cancelled";
  return (
    <section aria-labelledby="minutes-heading" className="minutes">
      <h2 id="minutes-heading">Minutes</h2>
      {final && checkIn.finalisedAt !== null && (
        <p className="sub">
          Finalised {formatTimestamp(checkIn.finalisedAt)}. Finalised minutes cannot be edited.
        </p>
      )}
      {editable ? (
        <>
          <MinutesEditor {...props} />
          <div className="print-only">
            <MinutesView {...props} />
          </div>
        </>
      ) : (
        <MinutesView {...props} />
      )}
      {final && <FollowUpNotes {...props} />}
    </section>
  );
}

function MinutesView(props: CheckInProps) {
  const minutes = props.checkIn.minutes;
  if (minutes === null) return <p className="empty">No minutes have been recorded.</p>;
  const titles = new Map((props.checkIn.agenda?.items ?? []).map((i) => [i.itemId, i.title]));
  return (
    <div className="minutes-view">
      <h3>Attendees</h3>
      {minutes.attendees.length === 0 ? (
        <p className="empty">No attendees recorded.</p>
      ) : (
        <ul>
          {minutes.attendees.map((a, n) => (
            <li key={n}>
              {a.name}
              {a.role !== "" && `, ${a.role}`} ({PARTY_LABELS[a.party]})
            </li>
          ))}
        </ul>
      )}
      {minutes.itemNotes.length > 0 && (
        <>
          <h3>Notes on the agenda</h3>
          <dl>
            {minutes.itemNotes.map((n) => (
              <div key={n.itemId}>
                <dt>{titles.get(n.itemId) ?? n.itemId}</dt>
                <dd>{n.notes}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <h3>Decisions</h3>
      {minutes.decisions.length === 0 ? (
        <p className="empty">No decisions recorded.</p>
      ) : (
        <ul>
          {minutes.decisions.map((d, n) => (
            <li key={n}>{d}</li>
          ))}
        </ul>
      )}
      {minutes.summary !== "" && (
        <>
          <h3>Summary</h3>
          <p className="preserve">{minutes.summary}</p>
        </>
      )}
    </div>
  );
}

function MinutesEditor(props: CheckInProps) {
  const { api, districtId, contractId, checkIn } = props;
  const start = checkIn.minutes ?? EMPTY;
  const [attendees, setAttendees] = useState<Attendee[]>([...start.attendees]);
  const [notes, setNotes] = useState<Record<string, string>>(
    Object.fromEntries(start.itemNotes.map((n) => [n.itemId, n.notes])),
  );
  const [decisions, setDecisions] = useState(start.decisions.join("\n"));
  const [summary, setSummary] = useState(start.summary);
  const action = useAction();
  const items = checkIn.agenda?.items ?? [];
  const minutes = (): Minutes => ({
    attendees: attendees.filter((a) => a.name.trim() !== ""),
    itemNotes: items.flatMap((i) => {
      const text = notes[i.itemId] ?? "";
      return text.trim() === "" ? [] : [{ itemId: i.itemId, notes: text }];
    }),
    decisions: decisions
      .split("\n")
      .map((d) => d.trim())
      .filter((d) => d !== ""),
    summary,
  });
  const setAttendee = (n: number, change: Partial<Attendee>) =>
    setAttendees((all) => all.map((a, i) => (i === n ? { ...a, ...change } : a)));
  return (
    <>
      <form
        className="minutes-editor"
        onSubmit={(e) => {
          e.preventDefault();
          action.run(async () => {
            props.onChanged(
              await checkInCalls.saveMinutes(api, districtId, contractId, checkIn.checkInId, minutes()),
            );
            return "Minutes saved.";
          });
        }}
      >
        <fieldset>
          <legend>Attendees</legend>
          {attendees.length === 0 && <p className="empty">No attendees yet.</p>}
          {attendees.map((a, n) => (
            <div className="attendee" key={n}>
              <label>
                Name of attendee {n + 1}
                <input
                  type="text"
                  value={a.name}
                  onChange={(e) => setAttendee(n, { name: e.target.value })}
                />
              </label>
              <label>
                Role of attendee {n + 1}
                <input
                  type="text"
                  value={a.role}
                  onChange={(e) => setAttendee(n, { role: e.target.value })}
                />
              </label>
              <label>
                Party of attendee {n + 1}
                <select
                  value={a.party}
                  onChange={(e) => setAttendee(n, { party: e.target.value as Attendee["party"] })}
                >
                  <option value="district">District</option>
                  <option value="vendor">Vendor</option>
                  <option value="other">Other</option>
                </select>
              </label>
              <button type="button" onClick={() => setAttendees((all) => all.filter((_, i) => i !== n))}>
                Remove attendee {n + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => setAttendees((all) => [...all, { name: "", role: "", party: "district" }])}
          >
            Add attendee
          </button>
        </fieldset>
        {items.length > 0 && (
          <fieldset>
            <legend>Notes per agenda item</legend>
            {items.map((i) => (
              <label key={i.itemId} className="block">
                {i.title}
                <textarea
                  rows={2}
                  value={notes[i.itemId] ?? ""}
                  onChange={(e) => setNotes((all) => ({ ...all, [i.itemId]: e.target.value }))}
                />
              </label>
            ))}
          </fieldset>
        )}
        <label className="block">
          Decisions (one per line)
          <textarea rows={3} value={decisions} onChange={(e) => setDecisions(e.target.value)} />
        </label>
        <label className="block">
          Summary
          <textarea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </label>
        <p>
          <button type="submit" className="primary" disabled={action.busy}>
            Save minutes
          </button>
        </p>
        {action.error !== null && <ErrorMessage title="The server refused" error={action.error} />}
        <p className="notice" role="status">
          {action.notice}
        </p>
      </form>
      {checkIn.minutes !== null && (
        <ConfirmDialog
          label="Finalise minutes"
          title="Finalise these minutes?"
          confirm={async () => {
            props.onChanged(await checkInCalls.finalise(api, districtId, contractId, checkIn.checkInId));
            return "Minutes finalised.";
          }}
          onDone={() => undefined}
        >
          <p>
            Finalised minutes are locked for both parties: they cannot be edited again, only amended with a
            follow-up note. Save any changes first: what was last saved is what is finalised.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function FollowUpNotes(props: CheckInProps) {
  const [body, setBody] = useState("");
  const action = useAction();
  return (
    <div className="follow-up">
      <h3>Follow-up notes</h3>
      {props.checkIn.notes.length === 0 ? (
        <p className="empty">No follow-up notes.</p>
      ) : (
        <ul>
          {props.checkIn.notes.map((n, i) => (
            <li key={i}>
              <span className="preserve">{n.body}</span>{" "}
              <span className="sub">({formatTimestamp(n.writtenAt)})</span>
            </li>
          ))}
        </ul>
      )}
      {props.writer && (
        <form
          className="no-print"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(async () => {
              props.onChanged(
                await checkInCalls.addNote(
                  props.api,
                  props.districtId,
                  props.contractId,
                  props.checkIn.checkInId,
                  body,
                ),
              );
              setBody("");
              return "Note added.";
            });
          }}
        >
          <label className="block">
            Add a follow-up note
            <textarea rows={2} value={body} required onChange={(e) => setBody(e.target.value)} />
          </label>
          <button type="submit" disabled={action.busy}>
            Add note
          </button>
          {action.error !== null && <ErrorMessage title="The server refused" error={action.error} />}
          <p className="notice" role="status">
            {action.notice}
          </p>
        </form>
      )}
    </div>
  );
}

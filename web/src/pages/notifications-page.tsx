import { useState, type FormEvent } from "react";
import type { ApiClient, ApiError } from "../lib/api-client.js";
import {
  DELIVERY_LABELS,
  DELIVERY_ORDER,
  hourLabel,
  notificationPreferences,
  saveNotificationPreferences,
  type Delivery,
  type NotificationPreferences,
} from "../lib/api/notifications.js";
import { asApiError, useLoad } from "../use-load.js";
import { ErrorMessage } from "../components/error-message.js";
import { LoadView } from "../components/load-view.js";
import { PageHeading } from "../components/page-heading.js";
import "../styles/notifications.css";

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** One's own alert e-mail preferences, for the organization signed in to. */
export function NotificationsPage(props: { api: ApiClient; organizationName: string }) {
  const { result, retry } = useLoad("notification-preferences", () => notificationPreferences(props.api));
  return (
    <>
      <PageHeading
        lead={`How alerts about ${props.organizationName}'s contracts reach you by e-mail: one mail as soon as an alert is raised, one daily digest, or none.`}
      >
        Notifications
      </PageHeading>
      <LoadView result={result} retry={retry} what="your notification preferences">
        {(preferences) => <PreferencesForm api={props.api} initial={preferences} />}
      </LoadView>
    </>
  );
}

function PreferencesForm(props: { api: ApiClient; initial: NotificationPreferences }) {
  const [saved, setSaved] = useState(props.initial);
  const [deliveries, setDeliveries] = useState<Record<string, Delivery>>(() =>
    Object.fromEntries(props.initial.kinds.map((k) => [k.kind, k.delivery])),
  );
  const [digestHour, setDigestHour] = useState(props.initial.digestHour);
  const [state, setState] = useState<
    { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; error: ApiError }
  >({ kind: "idle" });

  const changed =
    digestHour !== saved.digestHour || saved.kinds.some((k) => deliveries[k.kind] !== k.delivery);

  const choose = (kind: string, delivery: Delivery) => {
    setDeliveries((current) => ({ ...current, [kind]: delivery }));
    setState({ kind: "idle" });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: "saving" });
    try {
      const answer = await saveNotificationPreferences(props.api, { deliveries, digestHour });
      setSaved(answer);
      setDeliveries(Object.fromEntries(answer.kinds.map((k) => [k.kind, k.delivery])));
      setDigestHour(answer.digestHour);
      setState({ kind: "saved" });
    } catch (error) {
      setState({ kind: "error", error: asApiError(error) });
    }
  };

  const restoreDefaults = () => {
    setDeliveries(Object.fromEntries(saved.kinds.map((k) => [k.kind, k.roleDefault])));
    setState({ kind: "idle" });
  };

  return (
    <form className="notification-form" onSubmit={(e) => void submit(e)}>
      <table className="notification-table">
        <caption>E-mail for each kind of alert</caption>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            {DELIVERY_ORDER.map((d) => (
              <th scope="col" key={d} id={`delivery-${d}`} className="choice-heading">
                {DELIVERY_LABELS[d]}
              </th>
            ))}
            <th scope="col">Default for your role</th>
          </tr>
        </thead>
        <tbody>
          {saved.kinds.map((k) => (
            <tr key={k.kind}>
              <th scope="row" id={`kind-${k.kind}`}>
                {k.label}
              </th>
              {DELIVERY_ORDER.map((d) => (
                <td key={d} className="choice">
                  <input
                    type="radio"
                    name={`delivery-${k.kind}`}
                    value={d}
                    checked={deliveries[k.kind] === d}
                    onChange={() => choose(k.kind, d)}
                    aria-labelledby={`kind-${k.kind} delivery-${d}`}
                  />
                </td>
              ))}
              <td>{DELIVERY_LABELS[k.roleDefault]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="digest-hour">
        <label htmlFor="digest-hour">Send the daily digest after</label>{" "}
        <select
          id="digest-hour"
          value={digestHour}
          onChange={(e) => {
            setDigestHour(Number(e.target.value));
            setState({ kind: "idle" });
          }}
        >
          {HOURS.map((hour) => (
            <option key={hour} value={hour}>
              {hourLabel(hour)}
            </option>
          ))}
        </select>{" "}
        <span className="hint">({saved.timeZone} time)</span>
      </p>
      <p className="hint">
        An alert is e-mailed once while it lasts, and again if it becomes more severe or comes back after it
        cleared. The daily digest lists the alerts of the kinds set to digest that are new since the last one.
      </p>
      <div className="actions">
        <button type="submit" disabled={state.kind === "saving"}>
          {state.kind === "saving" ? "Saving…" : "Save preferences"}
        </button>
        <button type="button" onClick={restoreDefaults}>
          Use my role's defaults
        </button>
      </div>
      <p role="status" className="save-status">
        {state.kind === "saved"
          ? "Saved. Alerts will be e-mailed as shown."
          : changed
            ? "You have changes that are not saved yet."
            : ""}
      </p>
      {state.kind === "error" && <ErrorMessage title="Could not save your preferences" error={state.error} />}
    </form>
  );
}

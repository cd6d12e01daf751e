import { useState, type FormEvent } from "react";
import type { Session } from "../lib/api-types.js";

/**
 * For an account with several memberships: choose the organization to work in. A session
 * belongs to one organization, so switching signs out and asks for the password again,
 * with the e-mail and the chosen organization already filled in.
 */
export function OrganizationSwitcher(props: {
  session: Session;
  onSwitch: (organizationId: string, name: string) => void;
}) {
  const { session } = props;
  const [chosen, setChosen] = useState(session.organizationId);
  if (session.memberships.length < 2) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const membership = session.memberships.find((m) => m.organizationId === chosen);
    if (membership === undefined || membership.organizationId === session.organizationId) return;
    props.onSwitch(membership.organizationId, membership.name);
  }

  return (
    <form className="org-switcher" onSubmit={submit}>
      <label htmlFor="org-switcher">Organization</label>
      <select id="org-switcher" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        {session.memberships.map((m) => (
          <option key={m.organizationId} value={m.organizationId}>
            {m.name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={chosen === session.organizationId}>
        Switch
      </button>
    </form>
  );
}

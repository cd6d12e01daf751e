/**
 * The named assessment windows that eligibility and metrics refer to. A window's name is
 * edited in place and applied when the field is left (or Enter is pressed), so that a
 * name half typed never collides with another; renaming updates every reference.
 */
import { useState } from "react";
import { renameWindow, uniqueId } from "../../lib/builder/draft.js";
import { fieldId, getAt, isObject, jsonPath } from "../../lib/builder/json-path.js";
import { useBuilder } from "./builder-context.js";
import { FieldGroup, InputField } from "./fields.js";

function WindowName(props: { name: string; names: readonly string[] }) {
  const builder = useBuilder();
  const [text, setText] = useState(props.name);
  const [local, setLocal] = useState<string | null>(null);
  const at = jsonPath(["windows", props.name]);
  const id = `${fieldId(at)}-name`;
  const problems = builder.problemsAt(at);
  function commit(): void {
    const name = text.trim();
    if (name === props.name) return setLocal(null);
    if (name === "") return setLocal("give the window a name");
    if (props.names.includes(name)) return setLocal(`another window is named "${name}"`);
    setLocal(null);
    builder.change((d) => renameWindow(d, props.name, name));
  }
  const messages = [...(local === null ? [] : [local]), ...problems.map((p) => p.message)];
  return (
    <div className="field">
      <label htmlFor={id}>Name</label>
      <input
        id={id}
        value={text}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={messages.length > 0 ? `${id}-problems` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />
      {messages.length > 0 && (
        <ul id={`${id}-problems`} className="field-problems">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function WindowsEditor() {
  const builder = useBuilder();
  const windows = getAt(builder.document, ["windows"]);
  const names = isObject(windows) ? Object.keys(windows) : [];
  return (
    <FieldGroup path={["windows"]} legend="Assessment windows (named tests that metrics and eligibility use)">
      {names.length === 0 && <p className="empty">No window yet: add one.</p>}
      {names.map((name, index) => (
        <div key={index} className="repeat" id={fieldId(jsonPath(["windows", name]))} tabIndex={-1}>
          <p className="repeat-title">Window {index + 1}</p>
          <div className="field-row">
            <WindowName key={name} name={name} names={names} />
            <InputField path={["windows", name, "assessment"]} label="Assessment" hint="e.g. MAP Growth" />
            <InputField path={["windows", name, "subject"]} label="Subject" hint="e.g. math" />
            <InputField path={["windows", name, "window"]} label="Test window" hint="e.g. 2025-spring" />
          </div>
          <button
            type="button"
            onClick={() => builder.set(["windows", name], undefined)}
            aria-label={`Remove window ${name}`}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          builder.set(["windows", uniqueId("window", names)], { assessment: "", subject: "", window: "" })
        }
      >
        Add a window
      </button>
    </FieldGroup>
  );
}

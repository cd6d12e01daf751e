/**
 * The builder's inputs. Each has a visible label, an optional hint, and the validator's
 * messages for its JSON path right after it, tied to it with aria-describedby and
 * aria-invalid. Values go into the document as typed: a whole number becomes a JSON
 * number, anything else stays the text written, so the validator says what is wrong
 * instead of the builder guessing.
 */
import type { ReactNode } from "react";
import { fieldId, type Segment } from "../../lib/builder/json-path.js";
import type { PlacedProblem } from "../../lib/builder/field-problems.js";
import { useField } from "./builder-context.js";

export function FieldProblems(props: { id: string; problems: readonly PlacedProblem[] }) {
  if (props.problems.length === 0) return null;
  return (
    <ul id={props.id} className="field-problems">
      {props.problems.map((p) => (
        <li key={`${p.path}:${p.code}:${p.message}`}>{p.message}</li>
      ))}
    </ul>
  );
}

function describedBy(id: string, hint: boolean, problems: boolean): string | undefined {
  const ids = [...(hint ? [`${id}-hint`] : []), ...(problems ? [`${id}-problems`] : [])];
  return ids.length === 0 ? undefined : ids.join(" ");
}

export type ValueKind = "text" | "money" | "decimal" | "integer" | "date";

/** What an input's text puts in the document. */
export function valueFromText(text: string, kind: ValueKind, optional: boolean): unknown {
  if (text === "" && optional) return undefined;
  if (kind === "integer") {
    if (text === "") return undefined;
    return /^\d{1,15}$/.test(text) ? Number(text) : text;
  }
  return text;
}

function displayed(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === undefined || value === null ? "" : JSON.stringify(value);
}

export function InputField(props: {
  path: readonly Segment[];
  label: ReactNode;
  hint?: ReactNode;
  kind?: ValueKind;
  optional?: boolean;
  prefix?: string;
  suffix?: string;
  autoComplete?: string;
}) {
  const { builder, at, value, problems } = useField(props.path);
  const kind = props.kind ?? "text";
  const id = fieldId(at);
  const numeric = kind === "money" || kind === "decimal" || kind === "integer";
  return (
    <div className={`field${numeric ? " field-number" : ""}`}>
      <label htmlFor={id}>
        {props.label}
        {props.optional === true && <span className="optional"> (optional)</span>}
      </label>
      {props.hint !== undefined && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <div className="affix">
        {props.prefix !== undefined && (
          <span className="affix-text" aria-hidden="true">
            {props.prefix}
          </span>
        )}
        <input
          id={id}
          type={kind === "date" ? "date" : "text"}
          inputMode={kind === "integer" ? "numeric" : numeric ? "decimal" : undefined}
          autoComplete={props.autoComplete ?? "off"}
          spellCheck={kind === "text" ? undefined : false}
          value={displayed(value)}
          aria-invalid={problems.length > 0 ? true : undefined}
          aria-describedby={describedBy(id, props.hint !== undefined, problems.length > 0)}
          onChange={(e) =>
            builder.set(props.path, valueFromText(e.target.value, kind, props.optional === true))
          }
        />
        {props.suffix !== undefined && (
          <span className="affix-text" aria-hidden="true">
            {props.suffix}
          </span>
        )}
      </div>
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** A select whose value is the string at the path; a value not offered is shown, not hidden. */
export function SelectField(props: {
  path: readonly Segment[];
  label: ReactNode;
  options: readonly Option[];
  hint?: ReactNode;
  onChoose?: (value: string) => void;
}) {
  const { builder, at, value, problems } = useField(props.path);
  const id = fieldId(at);
  const current = displayed(value);
  const offered = props.options.some((o) => o.value === current);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint !== undefined && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <select
        id={id}
        value={current}
        aria-invalid={problems.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, props.hint !== undefined, problems.length > 0)}
        onChange={(e) => (props.onChoose ?? ((v: string) => builder.set(props.path, v)))(e.target.value)}
      >
        {!offered && (
          <option value={current}>{current === "" ? "Choose…" : `${current} (not allowed)`}</option>
        )}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

/** Radio buttons in a fieldset; `current` and `onChoose` say what is chosen and what choosing does. */
export function ChoiceField(props: {
  path: readonly Segment[];
  legend: ReactNode;
  options: readonly Option[];
  current: string;
  onChoose: (value: string) => void;
}) {
  const { at, problems } = useField(props.path);
  const id = fieldId(at);
  return (
    <fieldset
      className="choice"
      id={id}
      tabIndex={-1}
      aria-invalid={problems.length > 0 ? true : undefined}
      aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} className="choice-option">
          <input
            type="radio"
            name={id}
            value={o.value}
            checked={props.current === o.value}
            onChange={() => props.onChoose(o.value)}
          />{" "}
          {o.label}
        </label>
      ))}
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </fieldset>
  );
}

/** A checkbox whose value is true at the path, or no key at all when unchecked (with `removeWhenOff`). */
export function CheckboxField(props: {
  path: readonly Segment[];
  label: ReactNode;
  removeWhenOff?: boolean;
}) {
  const { builder, at, value, problems } = useField(props.path);
  const id = fieldId(at);
  return (
    <div className="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        aria-invalid={problems.length > 0 ? true : undefined}
        aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
        onChange={(e) =>
          builder.set(props.path, e.target.checked ? true : props.removeWhenOff === true ? undefined : false)
        }
      />
      <label htmlFor={id}>{props.label}</label>
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}

/** A group of fields with the problems of the group itself (a missing object, a rule across its keys). */
export function FieldGroup(props: {
  path: readonly Segment[];
  legend: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const { at, problems } = useField(props.path);
  const id = fieldId(at);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={props.className ?? "group"}
      aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
    >
      <legend>{props.legend}</legend>
      <FieldProblems id={`${id}-problems`} problems={problems} />
      {props.children}
    </fieldset>
  );
}

/**
 * The builder's steps as an ordered list of buttons (any step can be opened at any time,
 * by keyboard too), each with its count of problems, and the list of a step's problems
 * with their JSON paths, each a link that moves focus to the field that shows it.
 */
import { removableKey, type PlacedProblem, type StepId } from "../../lib/builder/field-problems.js";
import { fieldId } from "../../lib/builder/json-path.js";

export interface StepInfo {
  readonly id: StepId;
  readonly title: string;
}

export const STEPS: readonly StepInfo[] = [
  { id: "template", title: "Template" },
  { id: "parties", title: "Parties and period" },
  { id: "population", title: "Population and eligibility" },
  { id: "metrics", title: "Metrics and targets" },
  { id: "payment", title: "Payment" },
  { id: "obligations", title: "Obligations" },
  { id: "review", title: "Review" },
];

function plural(n: number): string {
  return `${n} problem${n === 1 ? "" : "s"}`;
}

export function StepNav(props: {
  current: StepId;
  problems: readonly PlacedProblem[];
  onGo: (step: StepId) => void;
}) {
  return (
    <nav aria-label="Builder steps" className="builder-steps">
      <ol>
        {STEPS.map((step, index) => {
          const count = props.problems.filter((p) => p.step === step.id).length;
          const current = step.id === props.current;
          return (
            <li key={step.id}>
              <button
                type="button"
                className={current ? "step current" : "step"}
                aria-current={current ? "step" : undefined}
                onClick={() => props.onGo(step.id)}
              >
                <span className="step-number">{index + 1}.</span> {step.title}
                {count > 0 && <span className="step-problems"> ({plural(count)})</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Moves focus to the field or group at `path` when it is on the page. */
export function focusField(path: string): void {
  const element = document.getElementById(fieldId(path));
  if (element === null) return;
  element.scrollIntoView({ block: "center" });
  element.focus();
}

export function ProblemList(props: {
  problems: readonly PlacedProblem[];
  title: string;
  onGo?: (problem: PlacedProblem) => void;
  /** Takes the key of a removable problem out of the document; without it, none is offered. */
  onRemove?: (problem: PlacedProblem) => void;
}) {
  const { onRemove } = props;
  if (props.problems.length === 0) return null;
  return (
    <div className="problem-list" role="region" aria-label={props.title}>
      <p className="problem-list-title">
        {props.title}: {plural(props.problems.length)}
      </p>
      <ul>
        {props.problems.map((p) => (
          <li key={`${p.path}:${p.code}:${p.message}`}>
            <a
              href={`#${fieldId(p.field)}`}
              onClick={(event) => {
                event.preventDefault();
                if (props.onGo !== undefined) props.onGo(p);
                else focusField(p.field);
              }}
            >
              <code>{p.path}</code>
            </a>{" "}
            {p.message}
            {onRemove !== undefined && removableKey(p) !== null && (
              <>
                {" "}
                <button type="button" className="link-button" onClick={() => onRemove(p)}>
                  Remove {removableKey(p)}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

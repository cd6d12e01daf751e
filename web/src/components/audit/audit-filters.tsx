import { useState, type FormEvent } from "react";
import { auditQuery, NO_FILTERS, type AuditFilters, type FilterProblem } from "../../lib/api/audit.js";

const FIELDS: readonly { name: keyof AuditFilters; label: string; hint: string; type: "text" | "date" }[] = [
  {
    name: "user",
    label: "User",
    hint: "The user id of who acted (or choose a name among the entries)",
    type: "text",
  },
  { name: "action", label: "Action", hint: "For example import.create or session.sign-in", type: "text" },
  {
    name: "objectType",
    label: "Object kind",
    hint: "For example import_batch, contract or user",
    type: "text",
  },
  {
    name: "objectId",
    label: "Object id",
    hint: "The id of that object (or choose one among the entries)",
    type: "text",
  },
  { name: "fromDay", label: "From (UTC day)", hint: "First day, included", type: "date" },
  { name: "toDay", label: "To (UTC day)", hint: "Last day, included", type: "date" },
];

/** The audit log's filters; applied only when every value is valid, each problem shown at its field. */
export function AuditFilterForm(props: { applied: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const [values, setValues] = useState<AuditFilters>(props.applied);
  const [problems, setProblems] = useState<readonly FilterProblem[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = auditQuery(values, null);
    if ("problems" in checked) {
      setProblems(checked.problems);
      document.getElementById(`audit-${checked.problems[0]?.field ?? "user"}`)?.focus();
      return;
    }
    setProblems([]);
    props.onApply(values);
  };
  const clear = () => {
    setValues(NO_FILTERS);
    setProblems([]);
    props.onApply(NO_FILTERS);
  };
  return (
    <form className="audit-filters" onSubmit={submit} aria-labelledby="filters-heading" noValidate>
      <h2 id="filters-heading">Filters</h2>
      <div className="filter-grid">
        {FIELDS.map((f) => {
          const id = `audit-${f.name}`;
          const problem = problems.find((p) => p.field === f.name);
          return (
            <div className="field" key={f.name}>
              <label htmlFor={id}>{f.label}</label>
              <input
                id={id}
                name={f.name}
                type={f.type}
                value={values[f.name]}
                aria-invalid={problem !== undefined}
                aria-describedby={`${id}-hint${problem === undefined ? "" : ` ${id}-problem`}`}
                onChange={(event) => setValues({ ...values, [f.name]: event.target.value })}
              />
              <p className="hint" id={`${id}-hint`}>
                {f.hint}
              </p>
              {problem !== undefined && (
                <p className="field-problem" id={`${id}-problem`}>
                  {problem.message}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div className="filter-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button type="button" onClick={clear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}

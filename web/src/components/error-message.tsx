import type { ApiError } from "../lib/api-client.js";

/** A problem document for people: its detail, and each listed problem's message. */
export function ErrorMessage(props: { title?: string; error: ApiError }) {
  const { error } = props;
  return (
    <div className="alert" role="alert">
      {props.title !== undefined && <p className="alert-title">{props.title}</p>}
      <p>{error.status === 404 ? `Not found: ${error.detail}` : error.detail}</p>
      {error.problems.length > 0 && (
        <ul>
          {error.problems.map((p) => (
            <li key={`${p.path}:${p.code}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

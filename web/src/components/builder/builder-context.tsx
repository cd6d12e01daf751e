/**
 * What every builder field reads and writes: the document being built, a setter by path,
 * and the validator's problems placed on their fields (field-problems.ts).
 */
import { createContext, useContext } from "react";
import type { PlacedProblem } from "../../lib/builder/field-problems.js";
import { getAt, jsonPath, type Segment } from "../../lib/builder/json-path.js";

export interface BuilderState {
  readonly document: unknown;
  /** Sets the value at a path; `undefined` removes the key. */
  readonly set: (path: readonly Segment[], value: unknown) => void;
  /** Replaces the whole document with what `change` makes of it. */
  readonly change: (change: (document: unknown) => unknown) => void;
  readonly problemsAt: (path: string) => readonly PlacedProblem[];
  readonly currency: string;
}

export const BuilderContext = createContext<BuilderState | null>(null);

export function useBuilder(): BuilderState {
  const state = useContext(BuilderContext);
  if (state === null) throw new Error("builder fields are used inside the builder");
  return state;
}

/** The value at a path and the problems its field shows. */
export function useField(path: readonly Segment[]) {
  const builder = useBuilder();
  const at = jsonPath(path);
  return {
    builder,
    at,
    value: getAt(builder.document, path),
    problems: builder.problemsAt(at),
  };
}

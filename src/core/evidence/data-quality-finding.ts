/** Building findings: distinct students counted, a few example ids in id order. */
import { compareIds } from "../ids.js";
import type { Finding, FindingCode, Severity } from "./data-quality-types.js";

/** How many example student ids a finding shows. */
export const EXAMPLE_IDS = 5;

export interface FindingSink {
  push(finding: Finding): void;
}

/** A finding about `count` rows of the students `ids` (repeats allowed; counted once). */
export function finding(
  code: FindingCode,
  severity: Severity,
  count: number,
  ids: readonly string[],
  subject: string | null,
  message: string,
): Finding {
  const distinct = [...new Set(ids)].sort(compareIds);
  return {
    code,
    severity,
    count,
    students: distinct.length,
    exampleStudentIds: distinct.slice(0, EXAMPLE_IDS),
    subject,
    message,
  };
}

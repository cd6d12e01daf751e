/**
 * `obligations` (terms-v1.md, "obligations"): mutual-accountability obligations with a
 * measure and a consequence. `payFull` binds only the district and `reduceOutcomePercent`
 * only the vendor.
 */
import type { Consequence, Obligation, ObligationMeasure, Party } from "./types.js";
import {
  type Field,
  type Problems,
  describe,
  isPlainObject,
  present,
  readArray,
  readEnum,
  readUniqueId,
  readInteger,
  readObject,
  readString,
  rejectOtherKindKeys,
  wrongType,
} from "./json-reader.js";
import { readPercent } from "./read-values.js";

const OBLIGATION_KEYS = ["id", "party", "description", "measure", "consequence"];
const PARTIES: readonly Party[] = ["district", "vendor"];

export function parseObligations(p: Problems, f: Field): Obligation[] | undefined {
  const items = readArray(p, f, "a list of obligations");
  if (items === undefined) return undefined;
  const firstById = new Map<string, string>();
  const obligations: Obligation[] = [];
  for (const item of items) {
    const obligation = parseObligation(p, item, firstById);
    if (obligation !== undefined) obligations.push(obligation);
  }
  return obligations.length === items.length ? obligations : undefined;
}

function parseObligation(p: Problems, f: Field, firstById: Map<string, string>): Obligation | undefined {
  const start = p.size;
  const obj = readObject(
    p,
    f,
    "an obligation: an object with " + OBLIGATION_KEYS.join(", "),
    OBLIGATION_KEYS,
  );
  if (obj === undefined) return undefined;
  const id = readUniqueId(p, obj.field("id"), f, firstById, "obligation");
  const party = readEnum(p, obj.field("party"), PARTIES);
  const description = readString(p, obj.field("description"));
  const measure = parseMeasure(p, obj.field("measure"));
  const consequence = parseConsequence(p, obj.field("consequence"), party);
  if (id === undefined || party === undefined || description === undefined) return undefined;
  if (measure === undefined || consequence === undefined || p.size > start) return undefined;
  return { id, party, description, measure, consequence };
}

const MEASURE_KINDS: readonly ObligationMeasure["kind"][] = ["enrolledStudents", "servedStudents", "manual"];
const MEASURE_KEYS: Readonly<Record<ObligationMeasure["kind"], readonly string[]>> = {
  enrolledStudents: ["min"],
  servedStudents: ["min"],
  manual: [],
};
const MEASURE_FORM =
  'a measure: {"kind": "enrolledStudents", "min": n}, {"kind": "servedStudents", "min": n} or {"kind": "manual"}';

function parseMeasure(p: Problems, f: Field): ObligationMeasure | undefined {
  const obj = readObject(p, f, MEASURE_FORM, ["kind", "min"]);
  if (obj === undefined) return undefined;
  const kind = readEnum(p, obj.field("kind"), MEASURE_KINDS);
  if (kind === undefined) return undefined;
  rejectOtherKindKeys(p, obj, kind, MEASURE_KEYS, (key) => `a ${kind} measure has no "${key}"`);
  if (kind === "manual") return obj.has("min") ? undefined : { kind };
  const min = readInteger(p, obj.field("min"), 0);
  return min === undefined ? undefined : { kind, min };
}

const CONSEQUENCE_FORM =
  '"payFull" (district only), "none", or {"reduceOutcomePercent": percent} (vendor only)';

function parseConsequence(p: Problems, f: Field, party: Party | undefined): Consequence | undefined {
  if (!present(p, f, CONSEQUENCE_FORM)) return undefined;
  if (isPlainObject(f.value)) return parseReduction(p, f, party);
  if (typeof f.value !== "string") return wrongType(p, f, CONSEQUENCE_FORM);
  if (f.value !== "payFull" && f.value !== "none") {
    p.add(f.loc, "bad-enum", `consequence must be ${CONSEQUENCE_FORM}; got ${describe(f.value)}`);
    return undefined;
  }
  if (f.value === "payFull" && party === "vendor") {
    const message =
      'only a district obligation can have the consequence "payFull"; ' +
      'a vendor obligation\'s consequence is {"reduceOutcomePercent": percent} or "none"';
    p.add(f.loc, "wrong-party", message);
    return undefined;
  }
  return { kind: f.value };
}

function parseReduction(p: Problems, f: Field, party: Party | undefined): Consequence | undefined {
  const obj = readObject(p, f, CONSEQUENCE_FORM, ["reduceOutcomePercent"]);
  if (obj === undefined) return undefined;
  const percent = readPercent(p, obj.field("reduceOutcomePercent"));
  if (party === "district") {
    const message =
      'only a vendor obligation can have the consequence {"reduceOutcomePercent": percent}; ' +
      'a district obligation\'s consequence is "payFull" or "none"';
    p.add(f.loc, "wrong-party", message);
    return undefined;
  }
  return percent === undefined ? undefined : { kind: "reduceOutcomePercent", percent };
}

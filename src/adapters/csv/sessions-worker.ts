/**
 * Worker thread: reads one part of a large sessions.csv (the records of the contracts
 * that `partOf` gives this part) into a data set of its own, and posts back the report
 * and the typed-array session logs (transferred, not copied).
 */
import { parentPort, workerData } from "node:worker_threads";
import { DataSet } from "../../core/data/data-set.js";
import type { Terms } from "../../core/terms/types.js";
import { readDataFile, type FilePart } from "./read-data-file.js";

interface Input {
  readonly path: string;
  readonly contracts: readonly Terms[];
  readonly part: FilePart;
  readonly maxProblems: number;
}

const input = workerData as Input;
const data = new DataSet(input.contracts);
const reading = await readDataFile("sessions", input.path, data, {
  maxProblems: input.maxProblems,
  part: input.part,
});
const sessions = data.exportSessions();
const transfer = sessions.logs.flatMap((l) =>
  [l.columns.student, l.columns.tutor, l.columns.date, l.columns.minutes, l.columns.flags].map(
    (a) => a.buffer as ArrayBuffer,
  ),
);
parentPort?.postMessage({ reading, sessions }, transfer);

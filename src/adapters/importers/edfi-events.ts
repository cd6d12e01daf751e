/**
 * An Ed-Fi JSON file read as resources, a chunk per 1 MiB read (the core's streaming
 * splitter), so that memory is bounded by the largest resource, not the file. A file
 * that is not valid UTF-8 is `broken`: its resources are not read.
 */
import { basename } from "node:path";
import { EdfiJsonSplitter, type EdfiSplitEvent } from "../../core/import/edfi-json-stream.js";
import { decodeUtf8File } from "../csv/read-csv-file.js";

export async function* edfiEvents(path: string, read = { bytes: 0 }): AsyncGenerator<EdfiSplitEvent[]> {
  const file = basename(path);
  let events: EdfiSplitEvent[] = [];
  const splitter = new EdfiJsonSplitter(file, (event) => events.push(event));
  for await (const piece of decodeUtf8File(path)) {
    read.bytes += piece.bytes;
    if (piece.mayHoldInvalid) {
      events.push({
        kind: "broken",
        line: 0,
        problem: { path: file, code: "bad-encoding", message: "the file is not valid UTF-8" },
      });
      yield events;
      return;
    }
    splitter.push(piece.text);
    if (events.length > 0) {
      yield events;
      events = [];
    }
  }
  splitter.end();
  if (events.length > 0) yield events;
}

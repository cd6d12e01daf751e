/**
 * How an import file's format is told, for the web app: the same pure functions the
 * server's import planner calls (a CSV file by its name and header row, an Ed-Fi JSON
 * file by its first resource), so that the format shown before an upload is the one the
 * import will use.
 */
export { detectCsvFormat, importFormat, type ImportFormatId } from "../core/import/import-formats.js";
export { edfiResourceOf, EDFI_RESOURCE_NAMES, type EdfiResource } from "../core/import/edfi-resources.js";
export { EdfiJsonSplitter, type EdfiSplitEvent } from "../core/import/edfi-json-stream.js";

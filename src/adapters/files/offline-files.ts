/** The offline settlement's ports on the file system: terms files and a data folder. */
import type { SettleOfflinePorts } from "../../app/ports/offline.js";
import { readTermsSources } from "./read-terms.js";
import { readDataDir, type DataReport } from "../csv/read-data-dir.js";

export const offlineFiles: SettleOfflinePorts<DataReport> = {
  readTerms: readTermsSources,
  readData: (dir, contracts) => readDataDir(dir, contracts),
};

/**
 * Whether the acting organization sees a district at all: its own district, or one where
 * a vendor has a contract (the districts policy of db/migrations/0003_server.sql). Routes
 * under /api/districts/{districtId} ask first, so that another organization's district
 * answers 404, exactly as one that does not exist.
 */
import type { SqlRunner } from "../ports/db.js";

export async function seesDistrict(tx: SqlRunner, districtId: string): Promise<boolean> {
  const [row] = await tx.query("SELECT 1 AS found FROM districts WHERE district_id = $1", [districtId]);
  return row !== undefined;
}

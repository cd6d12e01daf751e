/**
 * A check-in with one open action item of a contract, written as the store's owner for
 * the authorization matrix's world (matrix-world.ts), so that requests aimed at another
 * organization's check-in name a real one.
 */
import type { ApiWorld } from "./harness.js";

export async function checkInWithItem(
  world: ApiWorld,
  districtId: string,
  contractId: string,
): Promise<{ checkInId: string; actionItemId: string }> {
  const [checkIn] = await world.db.query<{ check_in_id: bigint }>(
    `INSERT INTO check_ins (district_id, contract_id, scheduled_on, origin, created_by, created_at)
     VALUES ($1, $2, '2024-10-01', 'added', 'matrix', now()) RETURNING check_in_id`,
    [districtId, contractId],
  );
  if (checkIn === undefined) throw new Error("no check-in created");
  const [item] = await world.db.query<{ action_item_id: bigint }>(
    `INSERT INTO check_in_action_items (district_id, contract_id, check_in_id, description, owner_party, owner_name,
                                        due_on, created_by, created_at)
     VALUES ($1, $2, $3, $4, 'vendor', 'Matrix owner', '2024-10-15', 'matrix', now()) RETURNING action_item_id`,
    [districtId, contractId, checkIn.check_in_id, `Action of ${contractId}`],
  );
  if (item === undefined) throw new Error("no action item created");
  await world.db.query(
    `INSERT INTO check_in_action_item_events (district_id, contract_id, action_item_id, event_no, status, changed_by,
                                              changed_at)
     VALUES ($1, $2, $3, 1, 'open', 'matrix', now())`,
    [districtId, contractId, item.action_item_id],
  );
  return { checkInId: String(checkIn.check_in_id), actionItemId: String(item.action_item_id) };
}

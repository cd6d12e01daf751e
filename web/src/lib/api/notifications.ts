/**
 * One's own alert e-mail preferences (GET and PUT /api/account/notification-preferences):
 * for each alert kind, immediately, in the daily digest or off, and the digest's hour.
 */
import type { ApiClient } from "../api-client.js";

export type Delivery = "immediate" | "digest" | "off";

export const DELIVERY_LABELS: Readonly<Record<Delivery, string>> = {
  immediate: "Immediately",
  digest: "Daily digest",
  off: "Off",
};

export const DELIVERY_ORDER: readonly Delivery[] = ["immediate", "digest", "off"];

export interface KindPreference {
  readonly kind: string;
  readonly label: string;
  readonly delivery: Delivery;
  readonly roleDefault: Delivery;
}

export interface NotificationPreferences {
  readonly kinds: readonly KindPreference[];
  readonly digestHour: number;
  readonly timeZone: string;
}

const PATH = "/api/account/notification-preferences";

export function notificationPreferences(api: ApiClient): Promise<NotificationPreferences> {
  return api.request("GET", PATH);
}

export function saveNotificationPreferences(
  api: ApiClient,
  choice: { readonly deliveries: Readonly<Record<string, Delivery>>; readonly digestHour: number },
): Promise<NotificationPreferences> {
  return api.request("PUT", PATH, choice);
}

/** "07:00" for 7. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

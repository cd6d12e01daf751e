/**
 * The notifications page's address and the links in alert mails: the mails are written on
 * the server (src/core/alert-mail), so they must name the same pages the web app opens.
 */
import { describe, expect, it } from "vitest";
import { notificationsPath, parseRoute } from "../../web/src/lib/routes.js";
import { alertHref } from "../../web/src/lib/api/alerts.js";
import { hourLabel } from "../../web/src/lib/api/notifications.js";
import { NOTIFICATIONS_PATH, alertPath } from "../../src/core/alert-mail/compose-alert-mail.js";

describe("notifications page", () => {
  it("has its own address, the one the mails link to", () => {
    expect(notificationsPath()).toBe("/account/notifications");
    expect(NOTIFICATIONS_PATH).toBe(notificationsPath());
    expect(parseRoute("/account/notifications")).toEqual({ page: "notifications" });
    expect(parseRoute("/account/notifications/")).toEqual({ page: "notifications" });
    expect(parseRoute("/account")).toEqual({ page: "not-found", path: "/account" });
  });

  it("labels digest hours on a 24-hour clock", () => {
    expect([hourLabel(0), hourLabel(7), hourLabel(23)]).toEqual(["00:00", "07:00", "23:00"]);
  });

  it("links a mailed alert to the page the dashboard links it to", () => {
    const base = { districtId: "d 1", contractId: "c/2" };
    for (const target of [
      { page: "contract", section: "progress" },
      { page: "contract", section: "obligations" },
      { page: "contract", section: "freshness" },
      { page: "outcomes" },
      { page: "statement", statementId: "17" },
    ] as const)
      expect(alertPath({ ...base, target })).toBe(alertHref({ ...base, target }));
  });
});

/**
 * One-click unsubscribe from alert mail (RFC 8058). Each alert mail's List-Unsubscribe
 * header and footer name `/api/alert-mail/unsubscribe/{token}`:
 *
 * - POST (what a mail program sends for List-Unsubscribe-Post, with the body
 *   `List-Unsubscribe=One-Click`, and what the confirmation page's button sends) turns off
 *   the kinds of alert the mail was about for its recipient. No sign-in and no CSRF token:
 *   the POST comes from a mail program, and the unguessable token is the authority.
 * - GET shows a small page that says what the link turns off, with the button; reading
 *   the link (as mail scanners do) changes nothing.
 *
 * The pages are rendered here, with no scripts and nothing loaded from elsewhere. A token
 * of the right form that is unknown gets 404, an expired one 410, as pages that say whose it
 * was to no one; text that is no token at all gets the usual 400 problem document.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiEnv } from "../api-env.js";
import { PUBLIC, type Routes } from "../define-route.js";
import { asRouteResponse } from "../idempotency.js";
import { problems } from "../schemas.js";
import {
  UNSUBSCRIBE_TOKEN,
  readUnsubscribeToken,
  unsubscribeWithToken,
  type UnsubscribeToken,
} from "../../app/alert-mail/unsubscribe.js";
import { ALERT_KIND_LABELS } from "../../core/alert-mail/preferences.js";
import { NOTIFICATIONS_PATH, escapeHtml } from "../../core/alert-mail/compose-alert-mail.js";

const tags = ["Alerts"];
const path = "/api/alert-mail/unsubscribe/{token}";

const TokenParams = z.object({
  token: z
    .string()
    .regex(UNSUBSCRIBE_TOKEN, "not the token of an unsubscribe link (43 letters, digits, '-' or '_')")
    .openapi({ param: { name: "token", in: "path" }, description: "The token of the mailed link" }),
});

const html = (description: string) => ({
  description,
  content: { "text/html": { schema: z.string() } },
});
const pages = {
  200: html("The page: what the link turns off (GET), or that it was turned off (POST)"),
  ...problems(400),
  404: html("No such link (a token of the right form that is unknown)"),
  410: html("The link has expired"),
};

const showRoute = createRoute({
  method: "get",
  path,
  operationId: "showAlertUnsubscribe",
  tags,
  summary: "What a mailed unsubscribe link turns off, with a button to do it (an HTML page; changes nothing)",
  request: { params: TokenParams },
  responses: pages,
});

const unsubscribeRoute = createRoute({
  method: "post",
  path,
  operationId: "unsubscribeAlertMail",
  tags,
  summary:
    "One-click unsubscribe (RFC 8058): turn off the kinds of alert the mail was about, for its recipient (no sign-in; the token is the authority)",
  description:
    "Mail programs POST `List-Unsubscribe=One-Click` (application/x-www-form-urlencoded); the body is not needed. Repeating the POST changes nothing more.",
  request: { params: TokenParams },
  responses: pages,
});

// No scripts, styles, images or frames; the form posts back to this origin only.
const CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function document(title: string, body: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} - Accord</title></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1>`,
    body,
    "</main></body></html>",
    "",
  ].join("\n");
}

function page(status: 200 | 404 | 410, title: string, body: string) {
  return asRouteResponse(
    new Response(document(title, body), {
      status,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": CSP,
        // The token is in the URL: keep it out of caches and other sites' logs.
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
        "x-robots-tag": "noindex",
      },
    }),
  );
}

function kindsText(kinds: readonly (keyof typeof ALERT_KIND_LABELS)[]): string {
  return kinds.map((k) => ALERT_KIND_LABELS[k]).join(", ");
}

function settingsLink(c: Context<ApiEnv>): string {
  const href = `${c.get("deps").config.publicUrl}${NOTIFICATIONS_PATH}`;
  return `<p><a href="${escapeHtml(href)}">Your alert e-mail settings in Accord</a> (sign-in needed) show every kind of alert and how it is delivered.</p>`;
}

/** The page of a token that does nothing: unknown (404) or expired (410). */
function refused(c: Context<ApiEnv>, found: Exclude<UnsubscribeToken, { kind: "valid" }>) {
  return found.kind === "expired"
    ? page(
        410,
        "This link has expired",
        `<p>Unsubscribe links in alert e-mails work for 90 days. Nothing was changed.</p>${settingsLink(c)}`,
      )
    : page(
        404,
        "This link is not valid",
        `<p>It may have been copied incompletely. Nothing was changed.</p>${settingsLink(c)}`,
      );
}

export function registerAlertUnsubscribeRoutes(routes: Routes): void {
  routes.add(showRoute, PUBLIC, async (c) => {
    const { token } = c.req.valid("param");
    const found = await readUnsubscribeToken(c.get("deps").db, token, c.get("deps").clock.now());
    if (found.kind !== "valid") return refused(c, found);
    const kinds = escapeHtml(kindsText(found.kinds));
    return page(
      200,
      "Stop these alert e-mails?",
      [
        `<p>This turns off e-mails about <strong>${kinds}</strong> for your account in ${escapeHtml(found.organizationName)}. Your other alert e-mails stay as they are.</p>`,
        `<form method="post" action="${escapeHtml(new URL(c.req.url).pathname)}">`,
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">',
        '<button type="submit">Stop these e-mails</button>',
        "</form>",
        settingsLink(c),
      ].join("\n"),
    );
  });

  routes.add(unsubscribeRoute, PUBLIC, async (c) => {
    const { token } = c.req.valid("param");
    const found = await unsubscribeWithToken(c.get("deps").db, token, c.get("deps").clock.now());
    if (found.kind !== "valid") return refused(c, found);
    return page(
      200,
      "You are unsubscribed",
      `<p>You will no longer get e-mails about <strong>${escapeHtml(kindsText(found.kinds))}</strong> from ${escapeHtml(found.organizationName)}. Your other alert e-mails stay as they are.</p>${settingsLink(c)}`,
    );
  });
}

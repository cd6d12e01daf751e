/**
 * File downloads: the OpenAPI answer of a route that returns a file, and the response
 * that carries it as an attachment under a safe name.
 */
import { z } from "@hono/zod-openapi";
import { asRouteResponse } from "./idempotency.js";

/** The 200 answer of a download route, documented under its media type (without parameters). */
export function fileAnswer(contentType: string, description: string) {
  return {
    description,
    content: { [contentType.split(";")[0]!]: { schema: z.string().openapi({ format: "binary" }) } },
  };
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (ascii === fileName) return `attachment; filename="${fileName}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A 200 answer carrying `body` as a file to save. */
export function attachmentResponse(body: Uint8Array | string, contentType: string, fileName: string) {
  const headers = { "content-type": contentType, "content-disposition": attachmentDisposition(fileName) };
  return asRouteResponse(new Response(body, { status: 200, headers }));
}

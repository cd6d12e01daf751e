/**
 * /api/docs: the OpenAPI document as a readable page, rendered on the server from the
 * document itself (no scripts, nothing fetched from elsewhere).
 */

interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly { name: string; in: string; required?: boolean; description?: string }[];
  readonly requestBody?: { content?: Record<string, { schema?: unknown }> };
  readonly responses?: Record<string, { description?: string }>;
}

interface Document {
  readonly info: { readonly title: string; readonly version: string };
  readonly paths?: Record<string, Record<string, Operation>>;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function operationHtml(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<li><code>${escape(p.name)}</code> (${escape(p.in)}${p.required === true ? ", required" : ""})${p.description === undefined ? "" : ` ${escape(p.description)}`}</li>`,
    )
    .join("");
  const body = Object.entries(op.requestBody?.content ?? {})
    .map(
      ([type, media]) =>
        `<details><summary>Body: ${escape(type)}</summary><pre>${escape(JSON.stringify(media.schema ?? {}, null, 2))}</pre></details>`,
    )
    .join("");
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => `<li><code>${escape(status)}</code> ${escape(r.description ?? "")}</li>`)
    .join("");
  return `<section id="${escape(op.operationId ?? `${method}-${path}`)}">
<h3><span class="method">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
${op.summary === undefined ? "" : `<p><strong>${escape(op.summary)}</strong></p>`}
${op.description === undefined ? "" : `<p>${escape(op.description)}</p>`}
${params === "" ? "" : `<h4>Parameters</h4><ul>${params}</ul>`}${body}
<h4>Responses</h4><ul>${responses}</ul></section>`;
}

export function docsPage(document: unknown): string {
  const doc = document as Document;
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths ?? {}))
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, op)]);
    }
  const sections = [...byTag.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join("\n")}`)
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} ${escape(doc.info.version)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
code,pre{font-family:ui-monospace,monospace}pre{background:#f3f3f3;padding:.75rem;overflow:auto}
section{border-top:1px solid #ccc;padding:.5rem 0}.method{display:inline-block;min-width:4.5rem;font-weight:700}</style></head>
<body><h1>${escape(doc.info.title)} <small>version ${escape(doc.info.version)}</small></h1>
<p>Money is a decimal string of dollars and cents ("1234.50"); dates are YYYY-MM-DD. Errors are
<code>application/problem+json</code> with a stable <code>code</code>. The machine-readable document is
<a href="/api/openapi.json">/api/openapi.json</a>.</p>
${sections}</body></html>`;
}

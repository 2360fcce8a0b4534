import type { Response } from "express";
import { routes } from "@tenantpilot/dispatch-gate/contract";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page sent when Remix cannot render one: a refusal before Remix (bad URL, oversized or
 * cross-site form post) or a database that cannot be reached while building the request's
 * context. Self-contained HTML, no scripts, no styles: it satisfies the CSP as it is.
 */
export function sendPlainPage(res: Response, status: number, title: string, message: string, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(retryAfterSeconds));
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · TenantPilot Gate</title></head>` +
        `<body><main data-error-status="${status}"><p>${status}</p><h1>${escape(title)}</h1><p>${escape(message)}</p>` +
        `<p><a href="${routes.home()}">Back to tenants</a></p></main></body></html>`,
    );
}

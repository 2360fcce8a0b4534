import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * Headers on every response (helmet): a Content-Security-Policy the built Remix app satisfies —
 * scripts only from this origin or inline with this response's nonce (Remix's hydration and
 * streaming scripts carry it, entry.server.tsx), styles and images from this origin, fetches to
 * this origin only, no plugins, never framed (frame-ancestors 'none', X-Frame-Options DENY) —
 * plus nosniff, Referrer-Policy same-origin (the CSRF check may fall back on the Referer, which
 * same-origin requests keep), and HSTS when the request arrived over https (behind a proxy:
 * TRUST_PROXY, so Express sees the scheme).
 */
export function securityHeaders(): RequestHandler[] {
  return [
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString("base64");
      next();
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
        },
      },
      // Set below, only for https: on plain http (local use) it would be ignored or wrong.
      strictTransportSecurity: false,
      referrerPolicy: { policy: "same-origin" },
      xFrameOptions: { action: "deny" },
    }),
    (req, res, next) => {
      if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      next();
    },
  ];
}

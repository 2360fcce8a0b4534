import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";

/**
 * METRICS_TOKEN guards /metrics and the details of /healthz: `Authorization: Bearer <token>`.
 * Compared in constant time over hashes, so neither content nor length leaks through timing.
 */
export function holdsOperatorToken(req: Request, token: string | undefined): boolean {
  if (token === undefined || token === "") return false;
  const header = req.get("authorization") ?? "";
  const presented = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

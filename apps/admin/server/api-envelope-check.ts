import type { RequestHandler } from "express";
import superjson from "superjson";
import { envelopeRefusal } from "@tenantpilot/api";
import { dropRefusedBody } from "./refused-body";

/** A method, body encoding or procedure path tRPC's adapter would answer wrongly: refused in the API's own shape. */
export function apiEnvelopeCheck(): RequestHandler {
  return (req, res, next) => {
    // Mounted at /api/trpc: req.path is "/<procedure path>", still percent-encoded.
    const refused = envelopeRefusal({ method: req.method, path: req.path.slice(1), contentEncoding: req.get("content-encoding") });
    if (refused === null) return next();
    // The body is not read: drop it first, or the client may see a reset instead of the answer.
    void dropRefusedBody(req).then(() => res.status(refused.status).set(refused.headers ?? {}).json({ error: superjson.serialize(refused.shape) }));
  };
}

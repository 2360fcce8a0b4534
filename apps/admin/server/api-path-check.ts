import type { RequestHandler } from "express";
import superjson from "superjson";
import { procedurePathRefusal } from "@tenantpilot/api";

/** A procedure path tRPC could not decode is a 400 in the API's own shape, not a URIError's 500. */
export function apiPathCheck(): RequestHandler {
  return (req, res, next) => {
    // Mounted at /api/trpc: req.path is "/<procedure path>", still percent-encoded.
    const refused = procedurePathRefusal(req.path.slice(1));
    if (refused === null) return next();
    res.status(refused.status).json({ error: superjson.serialize(refused.shape) });
  };
}

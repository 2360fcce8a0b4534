import type { RequestHandler } from "express";
import superjson from "superjson";
import { isSubscription, subscriptionInputRefusal } from "@tenantpilot/api";

type Encoded = Parameters<typeof superjson.deserialize>[0];

/**
 * Bad input to a subscription is a 400, like bad input anywhere else. tRPC answers a subscription
 * over Server-Sent Events with status 200 and puts a refusal in the stream's first event, so a
 * client that reads the status (a proxy, a script, a monitor) would see success. Before the stream
 * opens, the API's own rules check the input (subscriptionInputRefusal) and a refusal gets the
 * body a query's would.
 */
export function subscriptionInputCheck(): RequestHandler {
  return (req, res, next) => {
    // Mounted at /api/trpc: the path is the procedure's (a batch of several is never a subscription).
    const path = req.path.slice(1);
    if (req.method !== "GET" || !isSubscription(path)) return next();
    const text = req.query.input;
    const decode = () => (typeof text === "string" ? superjson.deserialize(JSON.parse(text) as Encoded) : undefined);
    subscriptionInputRefusal(path, decode).then((refused) => (refused === null ? next() : res.status(refused.status).json({ error: superjson.serialize(refused.shape) })), next);
  };
}

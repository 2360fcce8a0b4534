import type { RequestHandler } from "express";
import superjson from "superjson";
import { createContext, isSubscription, subscriptionRefusal, type ApiEnvironment } from "@tenantpilot/api";
import { requestFacts } from "./request-facts";

type Encoded = Parameters<typeof superjson.deserialize>[0];

/**
 * A subscription refused is refused with a status, like any other call: bad input a 400, a run or
 * batch that is not the caller's a 404, no credential a 401. tRPC answers a subscription over
 * Server-Sent Events with status 200 and puts a refusal in the stream's first event, so a client
 * that reads the status (a proxy, a script, a monitor) would see success. Before the stream opens,
 * the API's own rules check the call (subscriptionRefusal) and a refusal gets the body a query's
 * would. The check's context has no rate limiter: the stream's own call is the one that counts.
 */
export function subscriptionCheck(env: ApiEnvironment, allowedOrigins: readonly string[]): RequestHandler {
  const { rateLimiter: _counted, ...checkEnv } = env;
  return (req, res, next) => {
    // Mounted at /api/trpc: the path is the procedure's (a batch of several is never a subscription).
    const path = req.path.slice(1);
    if (req.method !== "GET" || !isSubscription(path)) return next();
    const text = req.query.input;
    const decode = () => (typeof text === "string" ? superjson.deserialize(JSON.parse(text) as Encoded) : undefined);
    const context = () => createContext(checkEnv, requestFacts(req, allowedOrigins));
    subscriptionRefusal(path, decode, context).then((refused) => (refused === null ? next() : res.status(refused.status).json({ error: superjson.serialize(refused.shape) })), next);
  };
}

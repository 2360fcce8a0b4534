import type { RequestHandler } from "express";
import type { Response as ExpressResponse } from "express";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import { TRPCError } from "@trpc/server";
import { databaseUnavailableMessage, DATABASE_RETRY_AFTER_SECONDS, isSameOriginRequest, type ApiEnvironment } from "@tenantpilot/api";
import { isDatabaseUnavailable } from "@tenantpilot/db";
import type { SandboxConsentStore } from "@tenantpilot/provider-graph";
import { readFormBody } from "./form-guard";
import { dropRefusedBody } from "./refused-body";
import { sendPlainPage } from "./plain-page";
import { createRemixLoadContext } from "./remix-context";
import { requestFacts } from "./request-facts";
import { asyncRoute } from "./async-route";

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * The pages: @remix-run/express's handler with the edge rules in front (the URL was checked by
 * app.ts for every request already). The body of a form post
 * is read here (bounded) and handed to Remix as a buffer, so a refused post never reaches an
 * action; a cross-site post is a 403 page (Remix's own host check would throw a 500); an
 * unreachable database while building the request's context is the 503 page with Retry-After.
 */
export function createRemixHandler(options: {
  build: ServerBuild;
  env: ApiEnvironment;
  allowedOrigins: readonly string[];
  sandboxConsents: SandboxConsentStore | undefined;
}): RequestHandler {
  const handle = createRequestHandler(options.build, "production");
  return asyncRoute(async (req, res, next) => {
    try {
      let body: Buffer | undefined;
      if (!SAFE_METHODS.has(req.method)) {
        const facts = requestFacts(req, options.allowedOrigins);
        if (!isSameOriginRequest(facts.headers, facts.allowedOrigins)) {
          return sendPlainPage(res, 403, "Cross-site request refused", "This form can only be sent from this application's own pages.");
        }
        const read = await readFormBody(req);
        if ("refusal" in read) {
          if (!(await dropRefusedBody(req))) return;
          res.setHeader("Connection", "close");
          return sendPlainPage(res, read.refusal.status, read.refusal.title, read.refusal.message);
        }
        body = read.body;
      }
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const request = new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, {
        method: req.method,
        headers: requestFacts(req, options.allowedOrigins).headers,
        signal: controller.signal,
        ...(body === undefined ? {} : { body: new Uint8Array(body) }),
      });
      const context = await createRemixLoadContext(options.env, options.allowedOrigins, req, res, options.sandboxConsents, String(res.locals.cspNonce ?? ""));
      const response = await handle(request, context);
      // Thrown 503/429 pages say when to come back even where Remix kept only the status.
      if ((response.status === 503 || response.status === 429) && !response.headers.has("Retry-After")) {
        response.headers.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      if (isUnavailable(error)) {
        return sendPlainPage(res, 503, "Database unavailable", databaseUnavailableMessage, DATABASE_RETRY_AFTER_SECONDS);
      }
      next(error);
    }
  });
}

function isUnavailable(error: unknown): boolean {
  return (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") || isDatabaseUnavailable(error);
}

/** As @remix-run/express sends a Remix response (that helper is not exported). */
async function sendRemixResponse(res: ExpressResponse, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

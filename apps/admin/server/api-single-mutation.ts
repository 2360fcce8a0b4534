import type { AnyProcedure } from "@trpc/server";
import { getHTTPStatusCode, type TRPCRequestInfo } from "@trpc/server/http";
import { TRPCError, getErrorShape, getTRPCErrorFromUnknown, transformTRPCResponse } from "@trpc/server/unstable-core-do-not-import";
import type { Request, RequestHandler, Response } from "express";
import { appRouter } from "@tenantpilot/api";
import type { ApiHooks } from "./api-handler";

const config = appRouter._def._config;
/** Every procedure by its dotted path (tRPC keeps them flat beside the nested record). */
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure | undefined>;
const utf8 = new TextDecoder();
/** A mutation runs to its end once it is posted: a client that leaves does not cancel an admission. */
const neverAborted = new AbortController().signal;

/**
 * One mutation posted alone (`POST /api/trpc/<procedure>`, or as a batch of one with `?batch=1` as
 * httpBatchLink sends it; JSON with a Content-Length) — what a button, `ops` and internal tooling
 * send, and the start path an operator waits on.
 * tRPC's adapter turns every request into a web `Request`, reads its body and writes its answer through
 * web streams, with an AbortController per request: measured, that was a fifth of the server's CPU per
 * start (ADR 040). This path calls the same procedure with the same context, input rules, error shapes,
 * statuses, response headers and error log, built from tRPC's own pieces; it only reads the body and
 * writes the answer directly. Anything else — queries, batches, subscriptions, a chunked or oversized
 * body, another content type, an unknown or percent-encoded path — goes on to tRPC's adapter unchanged.
 */
export function singleMutationHandler(hooks: ApiHooks, maxBodyBytes: number): RequestHandler {
  return (req, res, next) => {
    const call = singleMutationOf(req, maxBodyBytes);
    if (call === null) return next();
    answer(hooks, req, res, call).catch(next);
  };
}

/** The procedure when the request is one this path answers (see above); null sends it on to tRPC's adapter. */
export function singleMutationOf(req: Request, maxBodyBytes: number): SingleMutation | null {
  if (req.method !== "POST") return null;
  // Mounted at /api/trpc: req.url is "/<procedure path>[?query]".
  const [, path = "", query] = /^\/([A-Za-z0-9_.]+)(?:\?(.*))?$/.exec(req.url) ?? [];
  const batch = query === "batch=1";
  if (path === "" || (query !== undefined && !batch)) return null;
  const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
  if (procedure?._def.type !== "mutation") return null;
  if (!req.headers["content-type"]?.startsWith("application/json")) return null;
  if (req.headers["transfer-encoding"] !== undefined) return null;
  const length = Number(req.headers["content-length"]);
  if (!Number.isInteger(length) || length > maxBodyBytes) return null;
  return { path, procedure, batch };
}

/** The call a request carries: its procedure, and whether it came as a batch of one (httpBatchLink's shape). */
export interface SingleMutation {
  path: string;
  procedure: AnyProcedure;
  batch: boolean;
}

async function answer(hooks: ApiHooks, req: Request, res: Response, call: SingleMutation): Promise<void> {
  const body = await bodyOf(req);
  if (body === null) return; // the client left before its body arrived: nobody to answer
  const { path, procedure, batch } = call;
  const input = rawInputOf(body, batch);
  const info: TRPCRequestInfo = {
    accept: null,
    type: "mutation",
    isBatchCall: batch,
    calls: [{ path, procedure, batchIndex: 0, getRawInput: input.read, result: input.result }],
    connectionParams: null,
    signal: neverAborted,
    url: null,
  };

  let ctx: Awaited<ReturnType<ApiHooks["createContext"]>> | undefined;
  let error: TRPCError | undefined;
  let data: unknown;
  try {
    ctx = await hooks.createContext({ req, res, info });
    data = await procedure({ path, getRawInput: input.read, ctx, type: "mutation", signal: undefined, batchIndex: 0 });
  } catch (cause) {
    error = getTRPCErrorFromUnknown(cause);
    hooks.onError({ error, path, input: input.result(), ctx, type: "mutation", req });
  }

  const untransformed = error
    ? { error: getErrorShape({ config, ctx, error, input: input.result(), path, type: "mutation" }) }
    : { result: { data } };
  const meta = hooks.responseMeta({
    ...(ctx === undefined ? {} : { ctx }),
    info,
    paths: [path],
    type: "mutation",
    data: [untransformed],
    errors: error ? [error] : [],
    eagerGeneration: false,
  });
  if (res.statusCode === 200) res.statusCode = meta.status ?? getHTTPStatusCode(untransformed);
  res.setHeader("Vary", "trpc-accept, accept");
  res.setHeader("Content-Type", "application/json");
  if (meta.headers instanceof Headers) {
    for (const [key, value] of meta.headers) if (key !== "set-cookie") res.setHeader(key, value);
    const cookies = meta.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  }
  res.end(JSON.stringify(transformTRPCResponse(config, batch ? [untransformed] : untransformed)));
}

/** The whole body (its length is declared and within the limit; node ends it there), or null when the client left. */
function bodyOf(req: Request): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once("close", () => {
      if (!req.readableEnded) resolve(null);
    });
    req.once("error", () => resolve(null));
  });
}

/**
 * The call's input as tRPC's JSON handler reads it: parsed and deserialized once, on first read (a
 * batch's body holds it under "0"); a body that does not parse is a 400 naming why.
 */
function rawInputOf(body: Buffer, batch: boolean): { read: () => Promise<unknown>; result: () => unknown } {
  let parsed: { value: unknown } | undefined;
  let failure: TRPCError | undefined;
  return {
    read: () => {
      if (parsed) return Promise.resolve(parsed.value);
      if (failure) return Promise.reject(failure);
      try {
        parsed = { value: deserialized(JSON.parse(utf8.decode(body)), batch) };
        return Promise.resolve(parsed.value);
      } catch (cause) {
        failure = cause instanceof TRPCError ? cause : new TRPCError({ code: "BAD_REQUEST", message: cause instanceof Error ? cause.message : "Invalid input", cause });
        return Promise.reject(failure);
      }
    },
    result: () => parsed?.value,
  };
}

function deserialized(json: unknown, batch: boolean): unknown {
  if (!batch) return config.transformer.input.deserialize(json);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: '"input" needs to be an object when doing a batch call' });
  }
  const input = (json as Record<string, unknown>)["0"];
  return input === undefined ? undefined : config.transformer.input.deserialize(input);
}

import type { RequestHandler } from "express";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import {
  activityExport,
  apiErrorMessage,
  createCaller,
  createContext,
  csvLines,
  runsExport,
  type ApiCaller,
  type ApiEnvironment,
  type CsvExport,
} from "@tenantpilot/api";
import { isDatabaseUnavailable } from "@tenantpilot/db";
import type { Logger } from "@tenantpilot/observability";
import { sendPlainPage } from "./plain-page";
import { requestFacts } from "./request-facts";
import { asyncRoute } from "./async-route";

type ExportOf = (caller: ApiCaller, params: URLSearchParams) => CsvExport<unknown>;

/** The CSV exports (routes.operationsCsv, routes.activityCsv): GET, session cookie or API token, like the API. */
export const csvExports: Record<string, ExportOf> = {
  "/export/operations.csv": runsExport as ExportOf,
  "/export/activity.csv": activityExport as ExportOf,
};

/**
 * Streams one export: the caller's own API (same authorization and filters as the page), a keyset
 * page at a time, written as it is read. A refusal before the first row is the API's answer as a
 * status (401, 403, 404, 400 naming the field, 429, 503); a failure after it ends the response
 * early, which the client sees as a cut-off download rather than a file that looks complete.
 */
export function csvExportHandler(env: ApiEnvironment, allowedOrigins: readonly string[], logger: Logger, exportOf: ExportOf): RequestHandler {
  return asyncRoute(async (req, res) => {
    const params = new URL(req.originalUrl, "http://export.invalid").searchParams;
    let lines: AsyncGenerator<string>;
    let first: IteratorResult<string>;
    try {
      const ctx = await createContext(env, requestFacts(req, allowedOrigins));
      const spec = exportOf(createCaller(ctx), params);
      lines = csvLines(spec);
      // Header, then the first page: a refusal is known before anything is sent.
      first = await lines.next();
      const second = await lines.next();
      res.status(200);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="${spec.fileName}"`);
      res.setHeader("Cache-Control", "no-store");
      // A byte-order mark, so that spreadsheets read the file as UTF-8.
      res.write(`\uFEFF${first.done ? "" : first.value}`);
      if (!second.done) res.write(second.value);
      if (second.done) return res.end();
    } catch (error) {
      return refuse(res, error, logger);
    }
    try {
      for await (const line of lines) {
        if (res.destroyed) break;
        if (!res.write(line)) await new Promise((resolve) => res.once("drain", resolve));
      }
      res.end();
    } catch (error) {
      logger.error({ err: error, path: req.path }, "csv export failed mid-way");
      res.destroy();
    }
  });
}

function refuse(res: Parameters<RequestHandler>[1], error: unknown, logger: Logger) {
  if (isDatabaseUnavailable(error) || (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE")) {
    return sendPlainPage(res, 503, "Database unavailable", "The database is unavailable; try again shortly.", 5);
  }
  if (!(error instanceof TRPCError)) {
    logger.error({ err: error }, "csv export failed");
    return sendPlainPage(res, 500, "Something went wrong", "An unexpected error stopped this export. Try again in a moment.");
  }
  const status = getHTTPStatusCodeFromError(error);
  const retryAfter = (error.cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retryAfter === "number") res.setHeader("Retry-After", String(retryAfter));
  return sendPlainPage(res, status, status === 400 ? "Bad request" : "Not exported", apiErrorMessage(error));
}

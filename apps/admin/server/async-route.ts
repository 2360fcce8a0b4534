import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * An async Express handler whose rejection reaches Express's error handling. Express 4 ignores the
 * promise a handler returns: a rejection nobody awaits is an unhandled rejection, which ends the
 * process. Every async handler of this server goes through here.
 */
export function asyncRoute(handler: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}

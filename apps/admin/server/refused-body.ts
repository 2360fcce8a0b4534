import type { Request } from "express";

/** How long the rest of a refused request's body is read and dropped before the connection is cut. */
export const DRAIN_REFUSED_BODY_MS = 5_000;

/**
 * Reads and drops what is left of a request body that will not be used (a form post refused for
 * its size or its framing), so that the answer can be sent and the connection closed cleanly.
 * Answering and closing while the client is still sending leaves its bytes unread, and the kernel
 * answers those with a reset: the client loses the answer (a browser shows "connection reset"
 * instead of the 413 page). True once the body has ended; false when it did not end within
 * DRAIN_REFUSED_BODY_MS or the request is already gone — then the connection has been cut.
 */
export async function dropRefusedBody(req: Request): Promise<boolean> {
  if (req.readableEnded) return true;
  if (req.destroyed) return false;
  const ended = await new Promise<boolean>((resolve) => {
    const settle = (value: boolean) => {
      clearTimeout(cut);
      req.off("end", onEnd);
      req.off("close", onClose);
      resolve(value);
    };
    const onEnd = () => settle(true);
    const onClose = () => settle(req.readableEnded);
    const cut = setTimeout(() => settle(false), DRAIN_REFUSED_BODY_MS);
    req.on("end", onEnd);
    req.on("close", onClose);
    req.resume();
  });
  if (!ended) req.socket.destroy();
  return ended;
}

import { createContext, useContext } from "react";

/**
 * This response's Content-Security-Policy nonce, provided by entry.server.tsx around the render so
 * that the root's <Scripts> and <ScrollRestoration> carry it. Empty in the browser: scripts are
 * not rendered again there.
 */
export const CspNonce = createContext("");

export function useCspNonce(): string {
  return useContext(CspNonce);
}

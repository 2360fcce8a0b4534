/**
 * The origin a browser request came from: the Origin header, or — when a browser omits it
 * (some same-origin requests, older engines) — the origin of the Referer. Null when neither is
 * usable; "null" (opaque origins: sandboxed frames, file://) never matches an allowed origin.
 */
export function requestOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin !== null && origin !== "null") return normalizeOrigin(origin);
  const referer = headers.get("referer");
  return referer === null ? null : normalizeOrigin(referer);
}

/** scheme://host[:port] of a URL, lower-cased with default ports dropped (as browsers send it). */
export function normalizeOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return parsed.origin;
  } catch {
    return null;
  }
}

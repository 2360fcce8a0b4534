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

/**
 * Sec-Fetch-Site values a cookie-authenticated mutation may carry: same-origin only. Browsers send
 * it on every request (2023+); "same-site" (a sibling subdomain) and "cross-site" are exactly the
 * requests CSRF defence is about, and "none" (typed address, bookmark) never submits a form.
 * Clients that send no Sec-Fetch-Site (older browsers, tools) are judged by Origin alone.
 */
export function fetchSiteAllowed(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin";
}

/** The CSRF rule in one place: Origin (or Referer) allowed, and Sec-Fetch-Site not cross-site. */
export function isSameOriginRequest(headers: Headers, allowedOrigins: readonly string[]): boolean {
  const origin = requestOrigin(headers);
  return origin !== null && allowedOrigins.includes(origin) && fetchSiteAllowed(headers);
}

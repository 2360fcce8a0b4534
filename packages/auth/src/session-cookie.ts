/**
 * The value of the cookie `name` in a Cookie header, or null. lucia's own reader decodes the name
 * and value of every cookie in the header and throws on the first that is not valid
 * percent-encoding — a cookie another app on the same host left (`pct=100%`) would turn every
 * request into a 500. Only our cookie is decoded here; if ours is malformed it is no session.
 * The first occurrence wins, as RFC 6265 orders them (the most specific path first).
 */
export function cookieValue(header: string, name: string): string | null {
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

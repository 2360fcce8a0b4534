export const graphVersions = ["v1.0", "beta"] as const;
export type GraphVersion = (typeof graphVersions)[number];

export function isGraphVersion(value: string): value is GraphVersion {
  return (graphVersions as readonly string[]).includes(value);
}
export type GraphQuery = Record<string, string | number | boolean | undefined>;

/**
 * OData keys keep their `$` (Graph documents them that way); values are percent-encoded so a
 * `$filter` space becomes %20 rather than `+`.
 */
function queryString(query: GraphQuery | undefined): string {
  if (!query) return "";
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

export class GraphUrls {
  readonly origin: string;
  private readonly base: string;

  constructor(graphBaseUrl: string) {
    const url = new URL(graphBaseUrl);
    this.origin = url.origin;
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  }

  /**
   * A relative resource path becomes a versioned URL; an absolute URL (an `@odata.nextLink`) is
   * accepted only on the Graph origin, so the bearer token never travels to another host.
   */
  resolve(pathOrUrl: string, version: GraphVersion, query?: GraphQuery): string | undefined {
    if (/^https?:\/\//i.test(pathOrUrl)) {
      return new URL(pathOrUrl).origin === this.origin ? pathOrUrl : undefined;
    }
    return `${this.base}/${version}/${pathOrUrl.replace(/^\/+/, "")}${queryString(query)}`;
  }

  /** `deviceManagement/deviceConfigurations/…` for error messages and permission lookup. */
  resourcePath(url: string): string {
    const { pathname } = new URL(url);
    const match = /\/(?:v1\.0|beta)\/(.*)$/.exec(pathname);
    return decodeURIComponent(match?.[1] ?? pathname.replace(/^\/+/, ""));
  }
}

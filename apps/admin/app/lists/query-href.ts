/**
 * A link to `path` carrying the given search parameters, in the order given; empty values are
 * left out so that links stay short and one filter state has one URL. `path` "." is this page:
 * the link is then only the query string (or "." when there is none).
 */
export function queryHref(path: string, values: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const query = params.toString();
  if (query === "") return path;
  return path === "." ? `?${query}` : `${path}?${query}`;
}

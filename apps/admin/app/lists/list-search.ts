import { filterKeyMax, isIsoDay, searchTextMax } from "@tenantpilot/dispatch-gate/contract";
// A list page's state lives in its URL (filters, search, page positions) so that every state can
// be linked, reloaded and used without JavaScript. A page declares how each search parameter is
// read; the kit parses the URL once and builds the next state for links, resetting the page
// positions whenever a filter changes. The URL itself is built by the page's builder in
// `routes` (the contract), whose search type this declaration must cover key by key.

/** How one search parameter is read from the URL; a value it does not accept reads as absent. */
export interface SearchField<T> {
  read(params: URLSearchParams, key: string): T | undefined;
}

/** Free text, trimmed and cut to `max` (the API's own limit, so that only a stale cursor can be refused). */
export function text(options: { max: number }): SearchField<string> {
  return {
    read: (params, key) => params.get(key)?.trim().slice(0, options.max) || undefined,
  };
}

/** One of a closed set of values (a status, an operation, a kind); anything else is ignored. */
export function oneOf<const V extends string>(values: readonly V[]): SearchField<V> {
  return {
    read: (params, key) => {
      const value = params.get(key);
      return values.find((candidate) => candidate === value);
    },
  };
}

/** Several values of a closed set (a multi-select filter: `?tag=a&tag=b`), each once, in URL order. */
export function manyOf<const V extends string>(values: readonly V[]): SearchField<V[]> {
  return {
    read: (params, key) => {
      const known = [...new Set(params.getAll(key))].filter((value): value is V => (values as readonly string[]).includes(value));
      return known.length === 0 ? undefined : known;
    },
  };
}

/** Several free-text values (e.g. tag names a workspace defines), each trimmed, cut and once. */
export function manyText(options: { max: number; most: number }): SearchField<string[]> {
  return {
    read: (params, key) => {
      const values = [...new Set(params.getAll(key).map((value) => value.trim().slice(0, options.max)).filter((value) => value !== ""))];
      return values.length === 0 ? undefined : values.slice(0, options.most);
    },
  };
}

/** A list's text search, cut to what the API accepts. */
export function searchText(): SearchField<string> {
  return text({ max: searchTextMax });
}

/** A filter naming a thing by its key (a tenant slug, a policy type). */
export function filterKey(): SearchField<string> {
  return text({ max: filterKeyMax });
}

/** A day of a date range ("2026-11-30"); anything else is ignored. */
export function isoDate(): SearchField<string> {
  return {
    read: (params, key) => {
      const value = params.get(key)?.trim();
      return value !== undefined && isIsoDay(value) ? value : undefined;
    },
  };
}

/** An opaque keyset cursor as the API handed it out; only the API can judge it. */
export function pageCursor(): SearchField<string> {
  return { read: (params, key) => params.get(key) || undefined };
}

type Fields<S> = { [K in keyof S]-?: SearchField<NonNullable<S[K]>> };

export interface ListSearch<S> {
  /** The state in this URL's search parameters. */
  parse(params: URLSearchParams): S;
  /**
   * The state after `changes`: page positions start again from the first page unless `changes`
   * sets them, because a page of one filter means nothing under another.
   */
  next(current: S, changes?: { [K in keyof S]?: S[K] | undefined }): S;
  /** A filter or search is set (not counting page positions): "nothing matches" rather than "empty". */
  filtered(state: S): boolean;
  /** Some page position is set: a refused cursor then leads back to the first page. */
  paged(state: S): boolean;
}

/**
 * The search state of one list page. `pages` names its page positions (keyset cursors); every other
 * key is a filter.
 */
export function listSearch<S extends object>(fields: Fields<S>, options: { pages: readonly (keyof S)[] }): ListSearch<S> {
  const keys = Object.keys(fields) as (keyof S & string)[];
  const isPage = (key: keyof S) => options.pages.includes(key);
  const defined = (entries: [keyof S, unknown][]) => Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as S;
  return {
    parse: (params) => defined(keys.map((key) => [key, fields[key].read(params, key)])),
    next: (current, changes = {}) =>
      defined(keys.map((key) => [key, key in changes ? changes[key] : isPage(key) ? undefined : current[key]])),
    filtered: (state) => keys.some((key) => !isPage(key) && state[key] !== undefined),
    paged: (state) => options.pages.some((key) => state[key] !== undefined),
  };
}

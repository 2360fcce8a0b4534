/**
 * True for the textual UUID form PostgreSQL's uuid type accepts. Ids from URLs and request
 * bodies are checked with it first: a malformed id must answer "not found" like any unknown
 * id, not fail inside the database with a cast error.
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

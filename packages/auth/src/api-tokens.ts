import { createHash } from "node:crypto";
import { generateIdFromEntropySize } from "lucia";
import type { Db } from "@tenantpilot/db";
import { isUuid } from "@tenantpilot/dispatch-gate/contract";

/**
 * `tp_<prefix>_<secret>`: the prefix (40 bits) lets a user recognise a token in a list, the
 * secret carries 256 bits. Both are lower-case base32, so the token survives copy/paste,
 * shells and URLs, and the underscores stay unambiguous separators.
 */
const TOKEN_PATTERN = /^tp_([a-z2-7]{8})_([a-z2-7]{52})$/;
/** last_used_at is informational: writing it on every call would turn every read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_NAME_LENGTH = 100;

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  /** Shown as `tp_<prefix>_…` in lists. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiTokenPrincipal {
  userId: string;
  tokenId: string;
}

const recordSelect = {
  id: true,
  userId: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

/**
 * Issues a token for a user. The plaintext is returned once and only its sha-256 is stored:
 * the token is 256 random bits, so a fast hash is enough (there is nothing to brute-force),
 * and lookups stay a single indexed equality. Invalid arguments are caller bugs (the API
 * validates input first) and throw.
 */
export async function createApiToken(
  db: Db,
  input: { userId: string; name: string; expiresAt?: Date | null },
): Promise<{ token: string; record: ApiTokenRecord }> {
  const name = input.name.trim();
  if (name === "" || name.length > MAX_NAME_LENGTH) {
    throw new RangeError(`an API token name must have 1–${MAX_NAME_LENGTH} characters`);
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new RangeError("an API token cannot expire in the past");
  }
  const prefix = generateIdFromEntropySize(5);
  const token = `tp_${prefix}_${generateIdFromEntropySize(32)}`;
  const record = await db.apiToken.create({
    data: { userId: input.userId, name, prefix, tokenHash: hashApiToken(token), expiresAt: input.expiresAt ?? null },
    select: recordSelect,
  });
  return { token, record };
}

/**
 * The user a bearer token acts for, or null for anything that is not a live token (unknown,
 * revoked, expired, malformed) — callers answer all of these the same way. A token grants
 * exactly its user's rights: there are no token scopes.
 */
export async function authenticateApiToken(db: Db, bearer: string): Promise<ApiTokenPrincipal | null> {
  const token = bearer.trim().replace(/^Bearer\s+/i, "");
  if (!TOKEN_PATTERN.test(token)) return null;
  const found = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, userId: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  const now = new Date();
  if (!found || found.revokedAt !== null || (found.expiresAt !== null && found.expiresAt <= now)) return null;

  if (found.lastUsedAt === null || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    // Conditional, so that concurrent calls write at most once per minute between them.
    await db.apiToken.updateMany({
      where: { id: found.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { userId: found.userId, tokenId: found.id };
}

/** Revokes one of the user's own tokens. Revoking an already revoked token succeeds. */
export async function revokeApiToken(
  db: Db,
  input: { userId: string; tokenId: string },
): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  if (!isUuid(input.tokenId)) return { ok: false, error: "not_found" };
  const { count } = await db.apiToken.updateMany({
    where: { id: input.tokenId, userId: input.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) return { ok: true };
  const owned = await db.apiToken.findFirst({ where: { id: input.tokenId, userId: input.userId }, select: { id: true } });
  // Someone else's token answers exactly like a token that does not exist.
  return owned ? { ok: true } : { ok: false, error: "not_found" };
}

/** The user's tokens, newest first, revoked and expired ones included; never the hash. */
export function listApiTokens(db: Db, userId: string): Promise<ApiTokenRecord[]> {
  return db.apiToken.findMany({ where: { userId }, select: recordSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "../src/api-tokens";
import { testPrisma } from "@tenantpilot/test-support";
import { createUser } from "./fixtures";

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());

let user: Awaited<ReturnType<typeof createUser>>;
beforeEach(async () => {
  user = await createUser(prisma);
});

describe("API tokens", () => {
  it("issues a tp_<prefix>_<random> token once and stores only its sha-256", async () => {
    const { token, record } = await createApiToken(prisma, { userId: user.id, name: " ops laptop " });
    expect(token).toMatch(/^tp_[a-z2-7]{8}_[a-z2-7]{52}$/); // 52 base32 characters = 260 bits ≥ 32 bytes
    expect(record).toMatchObject({ userId: user.id, name: "ops laptop", prefix: token.slice(3, 11), revokedAt: null });
    expect(record).not.toHaveProperty("tokenHash");

    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    const [stored] = await prisma.$queryRaw<{ row: string }[]>`SELECT row_to_json(t)::text AS row FROM api_tokens t WHERE id = ${record.id}::uuid`;
    expect(stored!.row).not.toContain(token.slice(12));
  });

  it("authenticates a live token as its user, with or without the Bearer scheme", async () => {
    const { token, record } = await createApiToken(prisma, { userId: user.id, name: "cli" });
    expect(await authenticateApiToken(prisma, token)).toEqual({ userId: user.id, tokenId: record.id });
    expect(await authenticateApiToken(prisma, `Bearer ${token}`)).toEqual({ userId: user.id, tokenId: record.id });
  });

  it("answers null for unknown, malformed and tampered tokens", async () => {
    const { token } = await createApiToken(prisma, { userId: user.id, name: "cli" });
    const flipped = `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;
    for (const bearer of [flipped, "", "tp_", "Bearer", token.toUpperCase(), `${token}x`, "tp_aaaaaaaa_" + "a".repeat(52)]) {
      expect(await authenticateApiToken(prisma, bearer)).toBeNull();
    }
  });

  it("records last use at most once a minute", async () => {
    const { token, record } = await createApiToken(prisma, { userId: user.id, name: "cli" });
    expect(record.lastUsedAt).toBeNull();
    await authenticateApiToken(prisma, token);
    const first = (await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await authenticateApiToken(prisma, token);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await prisma.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: twoMinutesAgo } });
    await authenticateApiToken(prisma, token);
    const refreshed = (await prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt!;
    expect(refreshed.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it("stops working when revoked, and only the owner can revoke", async () => {
    const other = await createUser(prisma);
    const { token, record } = await createApiToken(prisma, { userId: user.id, name: "cli" });
    expect(await revokeApiToken(prisma, { userId: other.id, tokenId: record.id })).toEqual({ ok: false, error: "not_found" });
    expect(await authenticateApiToken(prisma, token)).not.toBeNull();

    expect(await revokeApiToken(prisma, { userId: user.id, tokenId: record.id })).toEqual({ ok: true });
    expect(await authenticateApiToken(prisma, token)).toBeNull();
    // Idempotent for the owner; unknown and malformed ids look the same as someone else's token.
    expect(await revokeApiToken(prisma, { userId: user.id, tokenId: record.id })).toEqual({ ok: true });
    expect(await revokeApiToken(prisma, { userId: user.id, tokenId: randomUUID() })).toEqual({ ok: false, error: "not_found" });
    expect(await revokeApiToken(prisma, { userId: user.id, tokenId: "not-a-uuid" })).toEqual({ ok: false, error: "not_found" });
  });

  it("stops working when expired", async () => {
    const { token, record } = await createApiToken(prisma, {
      userId: user.id,
      name: "short-lived",
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect(await authenticateApiToken(prisma, token)).not.toBeNull();
    await prisma.apiToken.update({ where: { id: record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateApiToken(prisma, token)).toBeNull();
  });

  it("refuses nonsensical arguments", async () => {
    await expect(createApiToken(prisma, { userId: user.id, name: "   " })).rejects.toThrow(RangeError);
    await expect(createApiToken(prisma, { userId: user.id, name: "x".repeat(101) })).rejects.toThrow(RangeError);
    await expect(
      createApiToken(prisma, { userId: user.id, name: "late", expiresAt: new Date(Date.now() - 1000) }),
    ).rejects.toThrow(RangeError);
  });

  it("lists the user's own tokens, newest first, without hashes", async () => {
    const other = await createUser(prisma);
    const older = await createApiToken(prisma, { userId: user.id, name: "older" });
    await prisma.apiToken.update({ where: { id: older.record.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const newer = await createApiToken(prisma, { userId: user.id, name: "newer" });
    await createApiToken(prisma, { userId: other.id, name: "not mine" });
    await revokeApiToken(prisma, { userId: user.id, tokenId: older.record.id });

    const list = await listApiTokens(prisma, user.id);
    expect(list.map((token) => token.name)).toEqual(["newer", "older"]);
    expect(list[0]!.id).toBe(newer.record.id);
    expect(list[1]!.revokedAt).not.toBeNull();
    for (const token of list) {
      expect(Object.keys(token).sort()).toEqual(
        ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "userId"],
      );
    }
  });
});

// The layering lives in eslint.config.js (no-restricted-imports per layer). This proves the
// configuration bites: a forbidden import in a real file of each layer is reported, an allowed one is not.
import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// The boundaries need no type information; without it each check takes milliseconds, not a TypeScript program.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function boundaryMessages(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("import boundaries, as lint configuration", () => {
  it.each([
    ["packages/ui/src/index.ts", 'export { startOperation } from "@tenantpilot/dispatch-gate";', /packages\/ui receives data/],
    ["packages/ui/src/index.ts", 'export type { Db } from "@tenantpilot/db";', /packages\/ui receives data/],
    ["packages/ui/src/index.ts", 'export { readFileSync } from "node:fs";', /packages\/ui receives data/],
    ["packages/dispatch-gate/src/contract/index.ts", 'export { createHash } from "node:crypto";', /browser-safe/],
    ["packages/dispatch-gate/src/contract/index.ts", 'export type { Db } from "@tenantpilot/db";', /browser-safe/],
    ["packages/dispatch-gate/src/index.ts", 'export { appRouter } from "@tenantpilot/api";', /The gate sits above the database only/],
    ["packages/db/src/index.ts", 'export { routes } from "@tenantpilot/dispatch-gate/contract";', /bottom layer/],
    ["packages/api/src/index.ts", 'export { StartResultNotice } from "@tenantpilot/ui";', /The API never imports/],
    ["apps/worker/src/index.ts", 'export { appRouter } from "@tenantpilot/api";', /The worker runs on the gate/],
    ["packages/auth/src/index.ts", 'export { appRouter } from "@tenantpilot/api";', /auth, the provider and observability/],
  ])("%s refuses %s", async (file, source, message) => {
    const messages = await boundaryMessages(file, source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ["packages/ui/src/index.ts", 'export { routes } from "@tenantpilot/dispatch-gate/contract";\nexport { useState } from "react";\nexport * from "./ui-link";'],
    ["packages/dispatch-gate/src/contract/index.ts", 'export { z } from "zod";\nexport * from "./routes";'],
    ["packages/dispatch-gate/src/index.ts", 'export type { Db } from "@tenantpilot/db";\nexport * from "./contract";'],
    ["packages/api/src/index.ts", 'export { startOperation } from "@tenantpilot/dispatch-gate";'],
  ])("%s allows its own layer's imports", async (file, source) => {
    expect(await boundaryMessages(file, source)).toEqual([]);
  });
});

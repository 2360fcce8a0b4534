/// <reference types="vite/client" />
// packages/ui renders data it is given: its sources may import React, the browser-safe gate contract
// and each other — never the gate's server entry, the database, auth or the provider. eslint bans
// most of these by name; this allowlist also catches `@tenantpilot/dispatch-gate` (server) and anything new.
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>("../src/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true });

const allowed = [/^react$/, /^react\/jsx-runtime$/, /^@tenantpilot\/dispatch-gate\/contract$/, /^\.\.?\//];

function importedModules(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/\b(?:import|export)\s[^'";]*?\bfrom\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return specifiers.map((match) => match[1] ?? "");
}

describe("packages/ui import boundary", () => {
  it("finds the sources it checks", () => {
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(["../src/index.ts", "../src/start-result-notice.tsx"]));
  });

  it("imports only React, the gate contract and its own files", () => {
    const offending = Object.entries(sources).flatMap(([file, source]) =>
      importedModules(source)
        .filter((specifier) => !allowed.some((pattern) => pattern.test(specifier)))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it("recognises a server import when it sees one", () => {
    const sample = 'import { admitStart } from "@tenantpilot/dispatch-gate";\nimport type { Db } from "@tenantpilot/db";';
    expect(importedModules(sample)).toEqual(["@tenantpilot/dispatch-gate", "@tenantpilot/db"]);
  });
});

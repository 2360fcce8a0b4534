// Regenerates the committed subset of Microsoft's Graph metadata from a full CSDL document:
//
//   npx tsx scripts/graph-metadata/extract.ts <path to CSDL> --version v1.0|beta \
//     --commit <msgraph-metadata commit> [--path schemas/v1.0-Prod.csdl] [--out <file>]
//
// The CSDL comes from github.com/microsoftgraph/msgraph-metadata (schemas/v1.0-Prod.csdl,
// schemas/beta-Prod.csdl). Only the types listed in subset-types.ts (and their base types) are
// kept, each with all its declared properties, so that "declared" means what Microsoft declares.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { CsdlSubset, CsdlTypes } from "../../packages/provider-graph/src/metadata/graph-schema";
import { readCsdl } from "./csdl-reader";
import { subsetTypes } from "./subset-types";

export type CsdlVersion = "v1.0" | "beta";

const repository = "microsoftgraph/msgraph-metadata";

function pick<T extends object>(all: Record<string, T>, roots: readonly string[], kind: string): Record<string, T> {
  const picked: Record<string, T> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (picked[name]) continue;
    const type = all[name];
    if (!type) throw new Error(`${kind} "${name}" is not declared in this CSDL`);
    picked[name] = type;
    if ("baseType" in type && typeof type.baseType === "string") pending.push(type.baseType);
  }
  return Object.fromEntries(Object.entries(picked).sort(([a], [b]) => a.localeCompare(b)));
}

export interface SubsetRoots {
  entityTypes: readonly string[];
  complexTypes: readonly string[];
  enumTypes: readonly string[];
}

export function extractSubset(
  csdl: string,
  version: CsdlVersion,
  source: { path: string; commit: string },
  roots: SubsetRoots = subsetTypes[version],
): CsdlSubset {
  const all = readCsdl(csdl);
  return {
    source: { repository, ...source },
    version,
    namespace: "microsoft.graph",
    entityTypes: pick(all.entityTypes, roots.entityTypes, "entity type"),
    complexTypes: pick(all.complexTypes, roots.complexTypes, "complex type"),
    enumTypes: pick(all.enumTypes, roots.enumTypes, "enum type"),
  };
}

/** JSON with one property (or enum) per line: reviewable diffs when Microsoft changes a type. */
export function formatSubset(subset: CsdlSubset): string {
  const lines: string[] = ["{"];
  lines.push(`  "source": ${JSON.stringify(subset.source)},`);
  lines.push(`  "version": ${JSON.stringify(subset.version)},`);
  lines.push(`  "namespace": ${JSON.stringify(subset.namespace)},`);
  const sections = ["entityTypes", "complexTypes", "enumTypes"] as const;
  sections.forEach((section, sectionIndex) => {
    const entries = Object.entries(subset[section]);
    lines.push(`  ${JSON.stringify(section)}: {`);
    entries.forEach(([name, type], typeIndex) => {
      const comma = typeIndex < entries.length - 1 ? "," : "";
      if (section === "enumTypes") {
        lines.push(`    ${JSON.stringify(name)}: ${JSON.stringify(type)}${comma}`);
        return;
      }
      const { properties, navigationProperties, ...head } = type as CsdlTypes["entityTypes"][string];
      lines.push(`    ${JSON.stringify(name)}: {`);
      for (const [key, value] of Object.entries(head)) lines.push(`      ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
      for (const [label, members] of [["properties", properties], ["navigationProperties", navigationProperties]] as const) {
        const memberEntries = Object.entries(members);
        const last = label === "navigationProperties";
        if (memberEntries.length === 0) {
          lines.push(`      ${JSON.stringify(label)}: {}${last ? "" : ","}`);
          continue;
        }
        lines.push(`      ${JSON.stringify(label)}: {`);
        memberEntries.forEach(([member, shape], index) => {
          lines.push(`        ${JSON.stringify(member)}: ${JSON.stringify(shape)}${index < memberEntries.length - 1 ? "," : ""}`);
        });
        lines.push(`      }${last ? "" : ","}`);
      }
      lines.push(`    }${comma}`);
    });
    lines.push(`  }${sectionIndex < sections.length - 1 ? "," : ""}`);
  });
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { version: { type: "string" }, commit: { type: "string" }, path: { type: "string" }, out: { type: "string" } },
  });
  const [file] = positionals;
  const version = values.version;
  if (!file || (version !== "v1.0" && version !== "beta") || !values.commit) {
    process.stderr.write("usage: extract.ts <csdl file> --version v1.0|beta --commit <sha> [--path <repo path>] [--out <file>]\n");
    process.exit(2);
  }
  const subset = extractSubset(readFileSync(file, "utf8"), version, {
    path: values.path ?? `schemas/${version}-Prod.csdl`,
    commit: values.commit,
  });
  const text = formatSubset(subset);
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}

if (import.meta.url === `file://${process.argv[1]}`) main();

// Reads the parts of a Microsoft Graph CSDL document ($metadata) that describe data shapes:
// entity, complex and enum types of the `microsoft.graph` namespace, and Core.Computed
// annotations. Graph's CSDL is machine-written with one element per line and no CDATA, so a
// small tag scanner is enough and keeps the script free of an XML dependency. The shapes it
// produces are the ones the product reads (packages/provider-graph/src/metadata/graph-schema.ts).
import type { CsdlTypes, EnumTypeDefinition, StructuredTypeDefinition } from "../../packages/provider-graph/src/metadata/graph-schema";

export type { CsdlTypes } from "../../packages/provider-graph/src/metadata/graph-schema";

const namespace = "microsoft.graph";

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([A-Za-z]+)="([^"]*)"/g)) found[match[1]!] = match[2]!;
  return found;
}

/** `graph.x`, `microsoft.graph.x` → `x`; Edm and other namespaces stay qualified. */
export function localTypeName(reference: string): string {
  const collection = /^Collection\((.+)\)$/.exec(reference);
  if (collection) return `Collection(${localTypeName(collection[1]!)})`;
  if (reference.startsWith("graph.")) return reference.slice("graph.".length);
  if (reference.startsWith(`${namespace}.`) && !reference.slice(namespace.length + 1).includes(".")) {
    return reference.slice(namespace.length + 1);
  }
  return reference;
}

/** The text of the `microsoft.graph` schema element (other namespaces are out of scope). */
function graphSchema(csdl: string): string {
  const start = csdl.search(/<Schema Namespace="microsoft\.graph"[ >]/);
  if (start < 0) throw new Error('no <Schema Namespace="microsoft.graph"> in this document');
  const end = csdl.indexOf("</Schema>", start);
  return csdl.slice(start, end < 0 ? undefined : end);
}

function structuredTypes(schema: string, element: "EntityType" | "ComplexType"): Record<string, StructuredTypeDefinition> {
  const types: Record<string, StructuredTypeDefinition> = {};
  const pattern = new RegExp(`<${element}\\s([^>]*?)(/?)>`, "g");
  for (const match of schema.matchAll(pattern)) {
    const head = attributes(match[1]!);
    const name = head.Name;
    if (!name) continue;
    const type: StructuredTypeDefinition = {
      ...(head.BaseType ? { baseType: localTypeName(head.BaseType) } : {}),
      ...(head.Abstract === "true" ? { abstract: true as const } : {}),
      ...(head.OpenType === "true" ? { openType: true as const } : {}),
      properties: {},
      navigationProperties: {},
    };
    if (match[2] !== "/") {
      const bodyStart = match.index + match[0].length;
      const body = schema.slice(bodyStart, schema.indexOf(`</${element}>`, bodyStart));
      for (const property of body.matchAll(/<Property\s([^>]*?)\/?>/g)) {
        const a = attributes(property[1]!);
        if (!a.Name || !a.Type) continue;
        type.properties[a.Name] = { type: localTypeName(a.Type), ...(a.Nullable === "false" ? { nullable: false as const } : {}) };
      }
      for (const navigation of body.matchAll(/<NavigationProperty\s([^>]*?)\/?>/g)) {
        const a = attributes(navigation[1]!);
        if (!a.Name || !a.Type) continue;
        type.navigationProperties[a.Name] = {
          type: localTypeName(a.Type),
          ...(a.ContainsTarget === "true" ? { containsTarget: true as const } : {}),
        };
      }
    }
    types[name] = type;
  }
  return types;
}

function enumTypes(schema: string): Record<string, EnumTypeDefinition> {
  const types: Record<string, EnumTypeDefinition> = {};
  for (const match of schema.matchAll(/<EnumType\s([^>]*?)>([\s\S]*?)<\/EnumType>/g)) {
    const head = attributes(match[1]!);
    if (!head.Name) continue;
    const members = [...match[2]!.matchAll(/<Member\s([^>]*?)\/?>/g)].map((member) => attributes(member[1]!).Name).filter((name): name is string => Boolean(name));
    types[head.Name] = { ...(head.IsFlags === "true" ? { isFlags: true as const } : {}), members };
  }
  return types;
}

/** `Annotations Target="microsoft.graph.type/property"` blocks that carry Core.V1.Computed = true. */
function computedProperties(csdl: string): Array<[type: string, property: string]> {
  const found: Array<[string, string]> = [];
  for (const match of csdl.matchAll(/<Annotations Target="microsoft\.graph\.([A-Za-z0-9_]+)\/([A-Za-z0-9_@.]+)">([\s\S]*?)<\/Annotations>/g)) {
    if (/Term="Org\.OData\.Core\.V1\.Computed"(?:\s+Bool="true")?\s*\/>/.test(match[3]!)) found.push([match[1]!, match[2]!]);
  }
  return found;
}

export function readCsdl(csdl: string): CsdlTypes {
  const schema = graphSchema(csdl);
  const types: CsdlTypes = {
    entityTypes: structuredTypes(schema, "EntityType"),
    complexTypes: structuredTypes(schema, "ComplexType"),
    enumTypes: enumTypes(schema),
  };
  for (const [typeName, propertyName] of computedProperties(csdl)) {
    const property = (types.entityTypes[typeName] ?? types.complexTypes[typeName])?.properties[propertyName];
    if (property) property.computed = true;
  }
  return types;
}

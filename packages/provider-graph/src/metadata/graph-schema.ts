// Microsoft's Graph metadata for the types TenantPilot touches (csdl-subset/, see SOURCE.md),
// with the lookups the product, the sandbox and the tests need: a type's declared properties
// (inherited ones included), whether one type derives from another, enum members.
import type { GraphVersion } from "../client/graph-urls";
import beta from "./csdl-subset/beta.json";
import v1 from "./csdl-subset/v1.0.json";

export interface DeclaredProperty {
  type: string;
  nullable?: boolean;
  computed?: boolean;
}

export interface DeclaredNavigation {
  type: string;
  containsTarget?: boolean;
}

export interface StructuredTypeDefinition {
  baseType?: string;
  abstract?: boolean;
  openType?: boolean;
  properties: Record<string, DeclaredProperty>;
  navigationProperties: Record<string, DeclaredNavigation>;
}

export interface EnumTypeDefinition {
  isFlags?: boolean;
  members: string[];
}

export interface CsdlTypes {
  entityTypes: Record<string, StructuredTypeDefinition>;
  complexTypes: Record<string, StructuredTypeDefinition>;
  enumTypes: Record<string, EnumTypeDefinition>;
}

/** What csdl-subset/*.json hold (written by scripts/graph-metadata/extract.ts). */
export interface CsdlSubset extends CsdlTypes {
  source: { repository: string; path: string; commit: string };
  version: string;
  namespace: string;
}

export type TypeKind = "entity" | "complex";

export interface StructuredType {
  name: string;
  kind: TypeKind;
  definition: StructuredTypeDefinition;
}

/** What a type reference means: `Edm.String`, an enum, a structured type, or a collection of one. */
export type TypeReference =
  | { collection: boolean; kind: "primitive"; name: string }
  | { collection: boolean; kind: "enum"; name: string; definition: EnumTypeDefinition }
  | { collection: boolean; kind: TypeKind; name: string }
  | { collection: boolean; kind: "unknown"; name: string };

const graphPrefix = "#microsoft.graph.";

/** `#microsoft.graph.windows10GeneralConfiguration` → `windows10GeneralConfiguration`. */
export function typeNameOfODataType(odataType: unknown): string | undefined {
  return typeof odataType === "string" && odataType.startsWith(graphPrefix) ? odataType.slice(graphPrefix.length) : undefined;
}

export function qualifiedTypeName(name: string): string {
  return `microsoft.graph.${name}`;
}

export class GraphSchema {
  constructor(private readonly subsets: Readonly<Record<GraphVersion, CsdlSubset>>) {}

  source(version: GraphVersion): CsdlSubset["source"] {
    return this.subsets[version].source;
  }

  structured(version: GraphVersion, name: string): StructuredType | undefined {
    const subset = this.subsets[version];
    const entity = subset.entityTypes[name];
    if (entity) return { name, kind: "entity", definition: entity };
    const complex = subset.complexTypes[name];
    return complex ? { name, kind: "complex", definition: complex } : undefined;
  }

  enumType(version: GraphVersion, name: string): EnumTypeDefinition | undefined {
    return this.subsets[version].enumTypes[name];
  }

  reference(version: GraphVersion, type: string): TypeReference {
    const collection = /^Collection\((.+)\)$/.exec(type);
    const name = collection ? collection[1]! : type;
    const isCollection = Boolean(collection);
    if (name.startsWith("Edm.")) return { collection: isCollection, kind: "primitive", name };
    const enumType = this.enumType(version, name);
    if (enumType) return { collection: isCollection, kind: "enum", name, definition: enumType };
    const structured = this.structured(version, name);
    return structured ? { collection: isCollection, kind: structured.kind, name } : { collection: isCollection, kind: "unknown", name };
  }

  /** The type and its base types, most derived first. */
  lineage(version: GraphVersion, name: string): StructuredType[] {
    const chain: StructuredType[] = [];
    for (let current = this.structured(version, name); current; ) {
      chain.push(current);
      current = current.definition.baseType ? this.structured(version, current.definition.baseType) : undefined;
    }
    return chain;
  }

  derivesFrom(version: GraphVersion, name: string, base: string): boolean {
    return this.lineage(version, name).some((type) => type.name === base);
  }

  /** Structural properties declared on the type or inherited. */
  properties(version: GraphVersion, name: string): Map<string, DeclaredProperty> {
    const properties = new Map<string, DeclaredProperty>();
    for (const type of this.lineage(version, name).reverse()) {
      for (const [property, declared] of Object.entries(type.definition.properties)) properties.set(property, declared);
    }
    return properties;
  }

  navigationProperties(version: GraphVersion, name: string): Map<string, DeclaredNavigation> {
    const navigation = new Map<string, DeclaredNavigation>();
    for (const type of this.lineage(version, name).reverse()) {
      for (const [property, declared] of Object.entries(type.definition.navigationProperties)) navigation.set(property, declared);
    }
    return navigation;
  }

  /** Whether `property` is declared (structural or navigation) on the type in this version. */
  declares(version: GraphVersion, name: string, property: string): boolean {
    return this.properties(version, name).has(property) || this.navigationProperties(version, name).has(property);
  }
}

export const graphSchema = new GraphSchema({ "v1.0": v1 as CsdlSubset, beta: beta as CsdlSubset });

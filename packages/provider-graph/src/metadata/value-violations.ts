// Checks a JSON value against Microsoft's metadata for one API version: every property declared
// for the value's type (its @odata.type subtype included), values of the declared Edm type, enum
// members that exist in that version, no null where the property is not nullable. Used by the
// sandbox on writes and by the tests on every fixture, response and restore body.
import type { GraphVersion } from "../client/graph-urls";
import { qualifiedTypeName, typeNameOfODataType, type GraphSchema, type TypeReference } from "./graph-schema";
import { isReadOnly } from "./read-only-properties";
import { isJsonObject } from "./typed-json";
import { isUuid } from "@tenantpilot/dispatch-gate/contract";

export type ViolationKind =
  | "undeclared-property"
  | "read-only-property"
  | "navigation-property"
  | "unknown-type"
  | "not-derived"
  | "abstract-type"
  | "invalid-value"
  | "not-in-subset";

export interface Violation {
  kind: ViolationKind;
  /** `omaSettings[0].value` */
  path: string;
  /** Qualified name of the type the problem was found on, e.g. `microsoft.graph.user`. */
  type: string;
  property?: string;
  message: string;
}

export interface CheckOptions {
  /**
   * Navigation properties that may appear inline at the top level: what $expand asked for in a
   * response, what Graph deep-inserts on a write. Nested entities never carry navigation properties
   * beyond their own expansions, which the caller lists as `name/child` paths.
   */
  inlineNavigation?: readonly string[];
  /** A request body: read-only properties and annotations other than @odata.type are refused too. */
  write?: boolean;
}

const dateTimeOffset = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const date = /^\d{4}-\d\d-\d\d$/;
const timeOfDay = /^\d\d:\d\d(:\d\d(\.\d+)?)?$/;
const duration = /^-?P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

function primitiveProblem(name: string, value: unknown): string | undefined {
  switch (name) {
    case "Edm.String":
      return typeof value === "string" ? undefined : "a string";
    case "Edm.Boolean":
      return typeof value === "boolean" ? undefined : "true or false";
    case "Edm.Byte":
    case "Edm.SByte":
    case "Edm.Int16":
    case "Edm.Int32":
    case "Edm.Int64":
      return typeof value === "number" && Number.isInteger(value) ? undefined : "an integer";
    case "Edm.Single":
    case "Edm.Double":
    case "Edm.Decimal":
      return typeof value === "number" ? undefined : "a number";
    case "Edm.Guid":
      return isUuid(value) ? undefined : "a GUID";
    case "Edm.DateTimeOffset":
      return typeof value === "string" && dateTimeOffset.test(value) ? undefined : "an ISO 8601 date-time with offset";
    case "Edm.Date":
      return typeof value === "string" && date.test(value) ? undefined : "a date (YYYY-MM-DD)";
    case "Edm.TimeOfDay":
      return typeof value === "string" && timeOfDay.test(value) ? undefined : "a time of day";
    case "Edm.Duration":
      return typeof value === "string" && duration.test(value) ? undefined : "an ISO 8601 duration";
    case "Edm.Binary":
      return typeof value === "string" && base64.test(value) ? undefined : "base64 text";
    default:
      return `a value of ${name}, which this checker does not know`;
  }
}

/** Validates values against the metadata of one version. */
export class MetadataChecker {
  constructor(
    private readonly schema: GraphSchema,
    readonly version: GraphVersion,
  ) {}

  /** An entity (a response item, a request body) of `typeName` or of an @odata.type derived from it. */
  entity(typeName: string, value: unknown, options: CheckOptions = {}, path = ""): Violation[] {
    return this.structured(typeName, value, path, options, options.inlineNavigation ?? []);
  }

  private structured(declared: string, value: unknown, path: string, options: CheckOptions, expand: readonly string[]): Violation[] {
    const where = path === "" ? "the body" : path;
    if (!this.schema.structured(this.version, declared)) {
      return [this.violation("not-in-subset", path, declared, `${qualifiedTypeName(declared)} is not in the metadata subset for ${this.version}.`)];
    }
    if (!isJsonObject(value)) return [this.violation("invalid-value", path, declared, `${where} must be an object of ${qualifiedTypeName(declared)}.`)];

    const odataType = value["@odata.type"];
    let typeName = declared;
    if (odataType !== undefined) {
      const named = typeNameOfODataType(odataType);
      if (!named || !this.schema.structured(this.version, named)) {
        return [this.violation("unknown-type", path, declared, `A type named '${(typeof odataType === "string" ? odataType : JSON.stringify(odataType)).replace(/^#/, "")}' could not be resolved by the model.`)];
      }
      if (!this.schema.derivesFrom(this.version, named, declared)) {
        return [this.violation("not-derived", path, named, `${qualifiedTypeName(named)} does not derive from ${qualifiedTypeName(declared)}.`)];
      }
      typeName = named;
    }
    const violations: Violation[] = [];
    if (this.schema.structured(this.version, typeName)?.definition.abstract) {
      violations.push(this.violation("abstract-type", path, typeName, `${where} names the abstract type ${qualifiedTypeName(typeName)}; an @odata.type of a concrete type is required.`));
    }

    const properties = this.schema.properties(this.version, typeName);
    const navigation = this.schema.navigationProperties(this.version, typeName);
    for (const [key, member] of Object.entries(value)) {
      const memberPath = path === "" ? key : `${path}.${key}`;
      if (key.includes("@")) {
        if (options.write && key !== "@odata.type") {
          violations.push(this.violation("undeclared-property", memberPath, typeName, `The annotation '${key}' cannot be written.`, key));
        }
        continue;
      }
      const property = properties.get(key);
      if (property) {
        if (options.write && isReadOnly(this.schema, this.version, typeName, key)) {
          violations.push(this.violation("read-only-property", memberPath, typeName, `The property '${key}' on type '${qualifiedTypeName(typeName)}' is read-only.`, key));
          continue;
        }
        if (member === null) {
          if (property.nullable === false) violations.push(this.violation("invalid-value", memberPath, typeName, `The property '${key}' is not nullable.`, key));
          continue;
        }
        violations.push(...this.typed(this.schema.reference(this.version, property.type), member, memberPath, options, []));
        continue;
      }
      const link = navigation.get(key);
      if (link) {
        if (!expand.some((path) => path === key || path.startsWith(`${key}/`))) {
          violations.push(this.violation("navigation-property", memberPath, typeName, `The navigation property '${key}' of type '${qualifiedTypeName(typeName)}' cannot appear here.`, key));
          continue;
        }
        const nested = expand.filter((path) => path.startsWith(`${key}/`)).map((path) => path.slice(key.length + 1));
        violations.push(...this.typed(this.schema.reference(this.version, link.type), member, memberPath, options, nested));
        continue;
      }
      violations.push(
        this.violation(
          "undeclared-property",
          memberPath,
          typeName,
          `The property '${key}' does not exist on type '${qualifiedTypeName(typeName)}' in ${this.version}.`,
          key,
        ),
      );
    }
    return violations;
  }

  private typed(reference: TypeReference, value: unknown, path: string, options: CheckOptions, expand: readonly string[]): Violation[] {
    if (reference.collection) {
      if (!Array.isArray(value)) return [this.violation("invalid-value", path, reference.name, `${path} must be an array.`)];
      return value.flatMap((item, index) => this.typed({ ...reference, collection: false }, item, `${path}[${index}]`, options, expand));
    }
    if (value === null) return [this.violation("invalid-value", path, reference.name, `${path} must not be null inside a collection.`)];
    switch (reference.kind) {
      case "primitive": {
        const expected = primitiveProblem(reference.name, value);
        return expected ? [this.violation("invalid-value", path, reference.name, `${path} must be ${expected}, got ${JSON.stringify(value)}.`)] : [];
      }
      case "enum": {
        const members = typeof value === "string" ? (reference.definition.isFlags ? value.split(",").map((member) => member.trim()) : [value]) : [];
        const unknown = typeof value !== "string" ? [JSON.stringify(value)] : members.filter((member) => !reference.definition.members.includes(member));
        return unknown.length === 0
          ? []
          : [this.violation("invalid-value", path, reference.name, `'${unknown.join(",")}' is not a member of ${qualifiedTypeName(reference.name)} in ${this.version}.`)];
      }
      case "entity":
      case "complex":
        return this.structured(reference.name, value, path, options, expand);
      case "unknown":
        return [this.violation("not-in-subset", path, reference.name, `${qualifiedTypeName(reference.name)} (at ${path}) is not in the metadata subset for ${this.version}.`)];
    }
  }

  private violation(kind: ViolationKind, path: string, type: string, message: string, property?: string): Violation {
    return { kind, path, type: qualifiedTypeName(type), message, ...(property === undefined ? {} : { property }) };
  }
}

// The extractor that regenerates the committed Graph metadata subset, on a small CSDL written in
// the shape of Microsoft's (one element per line, annotations in separate blocks).
import { describe, expect, it } from "vitest";
import { extractSubset, formatSubset } from "../../scripts/graph-metadata/extract";
import { readCsdl } from "../../scripts/graph-metadata/csdl-reader";

const csdl = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="colour" IsFlags="true">
        <Member Name="red" Value="1" />
        <Member Name="blue" Value="2" />
      </EnumType>
      <ComplexType Name="shade">
        <Property Name="tone" Type="graph.colour" Nullable="false" />
      </ComplexType>
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="widget" BaseType="graph.entity" OpenType="true">
        <Property Name="shades" Type="Collection(graph.shade)" />
        <Property Name="made" Type="Edm.DateTimeOffset" Nullable="false" />
        <NavigationProperty Name="parts" Type="Collection(graph.entity)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="gadget" BaseType="graph.entity" />
    </Schema>
    <Schema Namespace="microsoft.graph.other" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="widget" BaseType="graph.entity" />
    </Schema>
    <Schema Namespace="microsoft.graph.annotations" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Annotations Target="microsoft.graph.widget/made">
        <Annotation Term="Org.OData.Core.V1.Computed" Bool="true" />
        <Annotation Term="Org.OData.Core.V1.Description" String="When it was made. This property is read-only." />
      </Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;

describe("scripts/graph-metadata/extract", () => {
  it("reads types of the microsoft.graph schema only, with nullability, flags, base types and Computed", () => {
    const types = readCsdl(csdl);
    expect(types.entityTypes.widget).toEqual({
      baseType: "entity",
      openType: true,
      properties: {
        shades: { type: "Collection(shade)" },
        made: { type: "Edm.DateTimeOffset", nullable: false, computed: true },
      },
      navigationProperties: { parts: { type: "Collection(entity)", containsTarget: true } },
    });
    expect(types.entityTypes.gadget).toEqual({ baseType: "entity", properties: {}, navigationProperties: {} });
    expect(types.enumTypes.colour).toEqual({ isFlags: true, members: ["red", "blue"] });
    expect(types.complexTypes.shade?.properties.tone).toEqual({ type: "colour", nullable: false });
  });

  it("keeps the listed types and their base types, and writes one member per line", () => {
    const subset = extractSubset(csdl, "v1.0", { path: "schemas/v1.0-Prod.csdl", commit: "abc" }, { entityTypes: ["widget"], complexTypes: ["shade"], enumTypes: [] });
    expect(Object.keys(subset.entityTypes)).toEqual(["entity", "widget"]);
    expect(Object.keys(subset.complexTypes)).toEqual(["shade"]);
    expect(subset.enumTypes).toEqual({});
    expect(subset.source).toEqual({ repository: "microsoftgraph/msgraph-metadata", path: "schemas/v1.0-Prod.csdl", commit: "abc" });
    const text = formatSubset(subset);
    expect(JSON.parse(text)).toEqual(subset);
    expect(text).toContain('        "made": {"type":"Edm.DateTimeOffset","nullable":false,"computed":true}\n');
  });

  it("stops with the name of a listed type the document does not declare", () => {
    expect(() => extractSubset(csdl, "beta", { path: "x", commit: "abc" }, { entityTypes: ["widget", "sprocket"], complexTypes: [], enumTypes: [] })).toThrow(
      'entity type "sprocket" is not declared in this CSDL',
    );
    // subset-types.ts lists real Graph types; this small document declares none of them.
    expect(() => extractSubset(csdl, "beta", { path: "x", commit: "abc" })).toThrow(/is not declared in this CSDL/);
  });
});

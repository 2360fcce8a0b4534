import { describe, expect, test } from "vitest";
import { isProviderError } from "../src/index";
import { clientFor, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox({ pageSize: 5 });

describe("paging with @odata.nextLink", () => {
  test("list follows every nextLink and returns each item once, in order", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    const list = await client.list("deviceManagement/managedDevices");
    expect(list.pages).toBe(8); // 40 devices, 5 per page
    expect(list.truncated).toBe(false);
    const ids = list.items.map((item) => (item as { id: string }).id);
    expect(new Set(ids).size).toBe(40);
    expect(ids).toEqual(sandbox.tenant(tenantId).collections.managedDevices.all().map((device) => device.id));
    // Every page after the first was requested through a skiptoken link.
    const pageRequests = sandbox.tenant(tenantId).requests.filter((request) => request.kind === "graph");
    expect(pageRequests.slice(1).every((request) => request.url.includes("$skiptoken="))).toBe(true);
  });

  test("$top and $select are kept on following pages", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    const list = await client.list("users", { query: { $top: 7, $select: "id,userPrincipalName" } });
    expect(list.pages).toBe(5); // 30 users, 7 per page
    expect(list.items).toHaveLength(30);
    for (const user of list.items) expect(Object.keys(user as object).sort()).toEqual(["id", "userPrincipalName"]);
  });

  test("the page cap stops the listing and says so", async () => {
    const client = clientFor(newTenantId());
    const list = await client.list("deviceManagement/managedDevices", { maxPages: 3 });
    expect(list).toMatchObject({ pages: 3, truncated: true });
    expect(list.items).toHaveLength(15);
  });

  test("pages() yields page by page", async () => {
    const client = clientFor(newTenantId());
    const sizes: number[] = [];
    for await (const page of client.pages("deviceManagement/deviceConfigurations")) sizes.push(page.length);
    expect(sizes).toEqual([5, 5, 2]);
  });

  test("a nextLink to another host is refused before the token is sent there", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    const error = await client.get("https://evil.example.com/v1.0/users").catch((caught: unknown) => caught);
    expect(isProviderError(error) && error.reason).toBe("internal_error");
    expect(sandbox.tenant(tenantId).requests).toHaveLength(0);
  });

  test("the sandbox rejects an invalid $top like Graph", async () => {
    const error = await clientFor(newTenantId())
      .get("users", { query: { $top: 5000 } })
      .catch((caught: unknown) => caught);
    expect(isProviderError(error) && error.graphCode).toBe("BadRequest");
  });
});

// Every Graph request and response the sandbox answers during a test, read from msw's lifecycle
// events (bodies cloned, so the product still reads its own), and what each one means in
// Microsoft's metadata: the API version and the entity type of the resource.
import type { GraphVersion, Sandbox } from "../src/index";

const graphVersions: readonly GraphVersion[] = ["v1.0", "beta"];

export interface GraphExchange {
  method: string;
  url: URL;
  version: GraphVersion;
  /** After the version segment: `deviceManagement/deviceConfigurations/{id}`. */
  resourcePath: string;
  status: number;
  requestBody?: unknown;
  responseBody?: unknown;
}

export function recordGraphExchanges(sandbox: Sandbox) {
  const pending: Promise<GraphExchange | undefined>[] = [];
  // The body is read when the request starts, before the handler consumes it.
  const requestBodies = new Map<string, Promise<string>>();
  sandbox.server.events.on("request:start", ({ request, requestId }) => {
    requestBodies.set(requestId, request.clone().text().catch(() => ""));
  });
  sandbox.server.events.on("response:mocked", ({ request, requestId, response }) => {
    pending.push(
      (async () => {
        const url = new URL(request.url);
        const match = /^\/([^/]+)\/(.*)$/.exec(url.pathname);
        const version = graphVersions.find((candidate) => candidate === match?.[1]);
        if (url.host !== "graph.microsoft.com" || !version || !match) return undefined;
        const requestText = (await requestBodies.get(requestId)) ?? "";
        const responseText = await response.clone().text();
        return {
          method: request.method,
          url,
          version,
          resourcePath: decodeURIComponent(match[2]!),
          status: response.status,
          ...(requestText === "" ? {} : { requestBody: JSON.parse(requestText) as unknown }),
          ...(responseText === "" ? {} : { responseBody: JSON.parse(responseText) as unknown }),
        };
      })(),
    );
  });
  return {
    async exchanges(): Promise<GraphExchange[]> {
      return (await Promise.all(pending)).filter((exchange): exchange is GraphExchange => exchange !== undefined);
    },
    clear(): void {
      pending.length = 0;
      requestBodies.clear();
    },
  };
}

/** The entity type Graph declares for the members of a resource path (this test suite's own map). */
const entitySets: readonly [RegExp, string][] = [
  [/^deviceManagement\/deviceConfigurations(\/[^/]+)?$/, "deviceConfiguration"],
  [/^deviceManagement\/deviceCompliancePolicies(\/[^/]+)?$/, "deviceCompliancePolicy"],
  [/^deviceManagement\/configurationPolicies\/[^/]+\/settings$/, "deviceManagementConfigurationSetting"],
  [/^deviceManagement\/configurationPolicies(\/[^/]+)?$/, "deviceManagementConfigurationPolicy"],
  [/^deviceManagement\/managedDevices(\/[^/]+)?$/, "managedDevice"],
  [/^users(\/[^/]+)?$/, "user"],
  [/^groups(\/[^/]+)?$/, "group"],
  [/^servicePrincipals(\/[^/]+)?$/, "servicePrincipal"],
];

export function entityTypeOf(resourcePath: string): string | undefined {
  return entitySets.find(([pattern]) => pattern.test(resourcePath))?.[1];
}

/** `a($expand=b),c` → [`a`, `a/b`, `c`]: the navigation paths a response may carry inline. */
export function expandPaths(text: string | null, prefix = ""): string[] {
  if (!text) return [];
  const paths: string[] = [];
  let depth = 0;
  let item = "";
  const flush = () => {
    const match = /^([A-Za-z0-9_]+)(?:\(\$expand=(.*)\))?$/.exec(item.trim());
    if (match) paths.push(`${prefix}${match[1]}`, ...expandPaths(match[2] ?? null, `${prefix}${match[1]}/`));
    item = "";
  };
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth -= 1;
    if (char === "," && depth === 0) flush();
    else item += char;
  }
  flush();
  return paths;
}

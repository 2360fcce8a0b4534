import { randomUUID } from "node:crypto";
import { allGraphPermissions } from "../permissions";
import { deviceConfigurations, compliancePolicies, settingsCatalogPolicies, type GraphEntity } from "./data/intune-policies";
import { groups, users } from "./data/directory-objects";
import { managedDevices } from "./data/managed-devices";
import { EntityStore } from "./entity-store";
import { SeededRandom } from "./seeded-random";

export interface TenantCounts {
  deviceConfigurations: number;
  compliancePolicies: number;
  settingsCatalogPolicies: number;
  managedDevices: number;
  users: number;
  groups: number;
}

export const defaultTenantCounts: TenantCounts = {
  deviceConfigurations: 12,
  compliancePolicies: 6,
  settingsCatalogPolicies: 8,
  managedDevices: 40,
  users: 30,
  groups: 10,
};

export interface TenantProfile {
  tenantId: string;
  displayName: string;
  /** The initial `*.onmicrosoft.com` domain; user principal names use it. */
  domain: string;
}

export interface AppRegistrationInput {
  clientId: string;
  secret: string;
  /** When the secret stops working (AADSTS7000222 afterwards). */
  expiresAt?: Date;
  /** Admin consent granted (a service principal exists in the tenant). Default true. */
  consent?: boolean;
  /** Granted application permissions. Default: every permission the sandbox knows. */
  permissions?: readonly string[];
  displayName?: string;
}

/** An app as the sandbox's Entra sees it in this tenant. */
export interface SandboxApp {
  clientId: string;
  displayName: string;
  /** undefined: any non-empty secret is accepted (the lenient default for unregistered apps). */
  secret?: string;
  secretExpiresAt?: Date;
  consent: boolean;
  permissions: Set<string>;
  servicePrincipalId: string;
  /** Bumped by every knob that changes what a token may do; older tokens are then rejected. */
  generation: number;
}

export type ClientAuthentication =
  | { ok: true; app: SandboxApp }
  | { ok: false; status: number; error: string; code: number; description: string };

export type SandboxCollection =
  | "deviceConfigurations"
  | "deviceCompliancePolicies"
  | "configurationPolicies"
  | "managedDevices"
  | "users"
  | "groups";

export interface SandboxRequestRecord {
  kind: "token" | "graph" | "discovery";
  method: string;
  url: string;
  status: number;
  tenantId?: string;
  clientId?: string;
  /** The JSON body of a Graph write (POST, PATCH, PUT): what a restore sent, for tests to assert. */
  body?: unknown;
}

/** The state unregistered apps start from when the tenant accepts them. */
type AppDefaults = Pick<SandboxApp, "secretExpiresAt" | "consent" | "permissions" | "generation">;

export type GraphFault = { kind: "throttle"; retryAfterSeconds: number } | { kind: "outage"; retryAfterSeconds: number };

/** Publisher tenant of the sandbox apps (what `appOwnerOrganizationId` shows). */
const publisherTenantId = "72f988bf-0000-4000-8000-00000000beef";
/** Fixed so that generated dates do not drift between processes or days. */
const dataAnchor = new Date("2026-10-01T00:00:00.000Z");

/**
 * The state of one simulated customer tenant: its Intune and directory data (generated from the
 * tenant id, so the same id always yields the same data), the apps Entra knows in it, and the
 * fault knobs tests and the demo turn.
 */
export class SandboxTenant {
  readonly tenantId: string;
  readonly displayName: string;
  readonly domain: string;
  readonly collections: Record<SandboxCollection, EntityStore>;
  readonly requests: SandboxRequestRecord[] = [];

  private readonly apps = new Map<string, SandboxApp>();
  private readonly defaultApp: AppDefaults = {
    consent: true,
    permissions: new Set(allGraphPermissions),
    generation: 0,
  };
  private acceptsUnregistered: boolean;
  private throttleFault: { remaining: number; retryAfterSeconds: number } | undefined;
  private outageFault: { remaining?: number; until?: Date; retryAfterSeconds: number } | undefined;
  private slowMs = 0;

  constructor(profile: TenantProfile, options: { counts?: Partial<TenantCounts>; acceptUnregisteredApps: boolean }) {
    this.tenantId = profile.tenantId.toLowerCase();
    this.displayName = profile.displayName;
    this.domain = profile.domain;
    this.acceptsUnregistered = options.acceptUnregisteredApps;
    const counts = { ...defaultTenantCounts, ...options.counts };
    const random = new SeededRandom(this.tenantId);
    const people = users(counts.users, this.domain, random);
    this.collections = {
      deviceConfigurations: new EntityStore(deviceConfigurations(counts.deviceConfigurations, random, dataAnchor)),
      deviceCompliancePolicies: new EntityStore(compliancePolicies(counts.compliancePolicies, random, dataAnchor)),
      configurationPolicies: new EntityStore(settingsCatalogPolicies(counts.settingsCatalogPolicies, random, dataAnchor)),
      managedDevices: new EntityStore(managedDevices(counts.managedDevices, people, random, dataAnchor)),
      users: new EntityStore(people),
      groups: new EntityStore(groups(counts.groups, this.domain, random, dataAnchor)),
    };
  }

  // ── App registrations ────────────────────────────────────────────────────

  /** Registers (or replaces) an app with a known secret: wrong secrets then fail like Entra. */
  registerApp(input: AppRegistrationInput): SandboxApp {
    const clientId = input.clientId.toLowerCase();
    const previous = this.apps.get(clientId);
    const app: SandboxApp = {
      clientId,
      displayName: input.displayName ?? previous?.displayName ?? "TenantPilot",
      secret: input.secret,
      ...(input.expiresAt === undefined ? {} : { secretExpiresAt: input.expiresAt }),
      consent: input.consent ?? true,
      permissions: new Set(input.permissions ?? allGraphPermissions),
      servicePrincipalId: previous?.servicePrincipalId ?? new SeededRandom(`${this.tenantId}:${clientId}`).guid(),
      generation: (previous?.generation ?? 0) + 1,
    };
    this.apps.set(clientId, app);
    return app;
  }

  /** Whether apps nobody registered are accepted with any non-empty secret (the default state). */
  acceptUnregisteredApps(accept: boolean): void {
    this.acceptsUnregistered = accept;
  }

  get acceptsUnregisteredApps(): boolean {
    return this.acceptsUnregistered;
  }

  /** The app for a client id: registered, or materialised from the default state when lenient. */
  app(clientId: string): SandboxApp | undefined {
    const key = clientId.toLowerCase();
    const existing = this.apps.get(key);
    if (existing || !this.acceptsUnregistered) return existing;
    const app: SandboxApp = {
      clientId: key,
      displayName: "TenantPilot",
      ...(this.defaultApp.secretExpiresAt === undefined ? {} : { secretExpiresAt: this.defaultApp.secretExpiresAt }),
      consent: this.defaultApp.consent,
      permissions: new Set(this.defaultApp.permissions),
      servicePrincipalId: new SeededRandom(`${this.tenantId}:${key}`).guid(),
      generation: this.defaultApp.generation,
    };
    this.apps.set(key, app);
    return app;
  }

  /** Entra's client-credential checks, in Entra's order: app known → secret valid → consent. */
  authenticateClient(clientId: string, secret: string, now = new Date()): ClientAuthentication {
    const app = this.app(clientId);
    if (!app) {
      return {
        ok: false,
        status: 400,
        error: "unauthorized_client",
        code: 700016,
        description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${this.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      };
    }
    if (secret === "") {
      return {
        ok: false,
        status: 400,
        error: "invalid_request",
        code: 7000218,
        description: "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      };
    }
    if (app.secret !== undefined && app.secret !== secret) {
      return {
        ok: false,
        status: 401,
        error: "invalid_client",
        code: 7000215,
        description: "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + app.clientId + "'.",
      };
    }
    if (app.secretExpiresAt !== undefined && app.secretExpiresAt.getTime() <= now.getTime()) {
      return {
        ok: false,
        status: 401,
        error: "invalid_client",
        code: 7000222,
        description: `AADSTS7000222: The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app.`,
      };
    }
    if (!app.consent) {
      return {
        ok: false,
        status: 400,
        error: "invalid_client",
        code: 7000229,
        description: `AADSTS7000229: The client application ${app.clientId} is missing service principal in the tenant ${this.tenantId}.`,
      };
    }
    return { ok: true, app };
  }

  /** Service principals of consented apps: what `/servicePrincipals` lists. */
  servicePrincipals(): GraphEntity[] {
    return [...this.apps.values()]
      .filter((app) => app.consent)
      .map((app) => ({
        id: app.servicePrincipalId,
        accountEnabled: true,
        appDisplayName: app.displayName,
        appId: app.clientId,
        appOwnerOrganizationId: publisherTenantId,
        displayName: app.displayName,
        servicePrincipalType: "Application",
        signInAudience: "AzureADMultipleOrgs",
      }));
  }

  // ── Knobs. Without a client id they act on every app in the tenant, the default state included. ──

  revokeConsent(clientId?: string): void {
    this.changeApps(clientId, (app) => {
      app.consent = false;
    });
  }

  grantConsent(clientId?: string): void {
    this.changeApps(clientId, (app) => {
      app.consent = true;
    });
  }

  expireSecret(clientId?: string, at: Date = new Date(Date.now() - 86_400_000)): void {
    this.changeApps(clientId, (app) => {
      app.secretExpiresAt = at;
    });
  }

  removePermission(permission: string, clientId?: string): void {
    this.changeApps(clientId, (app) => {
      app.permissions.delete(permission);
    });
  }

  grantPermission(permission: string, clientId?: string): void {
    this.changeApps(clientId, (app) => {
      app.permissions.add(permission);
    });
  }

  /** The next `times` Graph requests answer 429 with this Retry-After. */
  throttle(options: { times: number; retryAfterSeconds?: number }): void {
    this.throttleFault = { remaining: options.times, retryAfterSeconds: options.retryAfterSeconds ?? 1 };
  }

  /**
   * Graph answers 503 for the next `times` requests, or until the given moment, each with a
   * Retry-After (1 second unless told otherwise; 0 asks the client to retry at once).
   */
  outage(options: ({ times: number } | { until: Date }) & { retryAfterSeconds?: number }): void {
    const retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.outageFault = "times" in options ? { remaining: options.times, retryAfterSeconds } : { until: options.until, retryAfterSeconds };
  }

  /** Every Graph response of this tenant is delayed by `ms`. */
  slow(ms: number): void {
    this.slowMs = ms;
  }

  /** Ends throttling, outage and slowness (app registrations stay as they are). */
  heal(): void {
    this.throttleFault = undefined;
    this.outageFault = undefined;
    this.slowMs = 0;
  }

  get responseDelayMs(): number {
    return this.slowMs;
  }

  /** Consumes one faulted response if a fault is active. Outage wins over throttling. */
  takeGraphFault(now = new Date()): GraphFault | undefined {
    const outage = this.outageFault;
    if (outage) {
      if (outage.until !== undefined ? now.getTime() < outage.until.getTime() : (outage.remaining ?? 0) > 0) {
        if (outage.remaining !== undefined) outage.remaining -= 1;
        return { kind: "outage", retryAfterSeconds: outage.retryAfterSeconds };
      }
      this.outageFault = undefined;
    }
    const throttle = this.throttleFault;
    if (throttle && throttle.remaining > 0) {
      throttle.remaining -= 1;
      return { kind: "throttle", retryAfterSeconds: throttle.retryAfterSeconds };
    }
    this.throttleFault = undefined;
    return undefined;
  }

  /** Token requests seen by this tenant (for asserting caching). */
  get tokenRequestCount(): number {
    return this.requests.filter((request) => request.kind === "token").length;
  }

  get graphRequestCount(): number {
    return this.requests.filter((request) => request.kind === "graph").length;
  }

  newId(): string {
    return randomUUID();
  }

  private changeApps(clientId: string | undefined, change: (app: AppDefaults) => void): void {
    const targets: AppDefaults[] =
      clientId === undefined ? [this.defaultApp, ...this.apps.values()] : [this.app(clientId) ?? this.registerMissing(clientId)];
    for (const target of targets) {
      change(target);
      target.generation += 1;
    }
  }

  private registerMissing(clientId: string): never {
    throw new Error(`sandbox tenant ${this.tenantId} has no app ${clientId}`);
  }
}

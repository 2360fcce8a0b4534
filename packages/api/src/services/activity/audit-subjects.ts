import type { Db } from "@tenantpilot/db";
import { isOperationId, isUuid, operationCatalog, routes, type Capability } from "@tenantpilot/dispatch-gate/contract";

/** What an audit row is about, named: a run, a connection, a draft, a tag… with the page that shows it. */
export interface AuditSubject {
  kind: string;
  id: string;
  name: string;
  href: string | null;
}

export interface SubjectFacts {
  action: string;
  operation: string | null;
  targetKind: string | null;
  targetId: string | null;
  details: unknown;
  tenant: { slug: string; displayName: string } | null;
}

/** Who reads the page of rows: a subject links to its page only when the viewer may open it (never a link that answers 403). */
export interface AuditViewer {
  capabilities: readonly Capability[];
}

const label = (operation: string | null) => (operation !== null && isOperationId(operation) ? operationCatalog[operation].label : operation ?? "Operation");
const recorded = (details: unknown, key: string) => {
  const value = (details as Record<string, unknown> | null)?.[key];
  return typeof value === "string" ? value : null;
};

/**
 * The subjects of a page of audit rows, named, in one query per kind present (at most six whatever
 * the page size): a run by its operation and tenant, a connection, tag or schedule by its current
 * name — or the name the row recorded when it is gone —, a draft by its tenant, a batch by its
 * operation and size. A blocked start's subject is the start itself (it made no run).
 */
export async function auditSubjects(db: Db, rows: readonly SubjectFacts[], viewer: AuditViewer): Promise<(AuditSubject | null)[]> {
  const opensDrafts = viewer.capabilities.includes("onboarding.manage");
  const ids = (kind: string) => [...new Set(rows.filter((row) => row.targetKind === kind && row.targetId !== null && isUuid(row.targetId)).map((row) => row.targetId!))];
  const want = (kind: string) => ids(kind).length > 0;
  const [runs, connections, drafts, tags, schedules, batches] = await Promise.all([
    want("operation_run") ? db.operationRun.findMany({ where: { id: { in: ids("operation_run") } }, select: { id: true, operation: true, tenant: { select: { displayName: true } } } }) : [],
    want("provider_connection") ? db.providerConnection.findMany({ where: { id: { in: ids("provider_connection") } }, select: { id: true, displayName: true } }) : [],
    want("onboarding_draft") ? db.onboardingDraft.findMany({ where: { id: { in: ids("onboarding_draft") } }, select: { id: true, tenant: { select: { displayName: true } } } }) : [],
    want("tag") ? db.tag.findMany({ where: { id: { in: ids("tag") } }, select: { id: true, name: true } }) : [],
    want("schedule") ? db.schedule.findMany({ where: { id: { in: ids("schedule") } }, select: { id: true, name: true } }) : [],
    want("batch") ? db.batch.findMany({ where: { id: { in: ids("batch") } }, select: { id: true, operation: true, tenantCount: true } }) : [],
  ]);
  const named = <T extends { id: string }>(list: T[], id: string) => list.find((item) => item.id === id);

  return rows.map((row): AuditSubject | null => {
    const { targetKind: kind, targetId: id } = row;
    if (row.action === "operation.blocked") {
      const on = row.tenant?.displayName;
      return { kind: "start", id: id ?? "", name: on ? `${label(row.operation)} on ${on}` : label(row.operation), href: row.tenant ? routes.tenant(row.tenant.slug) : null };
    }
    if (kind === null || id === null) return null;
    switch (kind) {
      case "operation_run": {
        const run = named(runs, id);
        const on = run?.tenant.displayName ?? row.tenant?.displayName;
        return { kind, id, name: `${label(run?.operation ?? row.operation)}${on ? ` on ${on}` : ""}`, href: run ? routes.run(id) : null };
      }
      case "provider_connection": {
        const connection = named(connections, id);
        return { kind, id, name: connection?.displayName ?? recorded(row.details, "name") ?? "A removed connection", href: connection ? routes.connection(id) : null };
      }
      case "onboarding_draft": {
        const draft = named(drafts, id);
        return { kind, id, name: `Onboarding of ${draft?.tenant?.displayName ?? row.tenant?.displayName ?? "a new tenant"}`, href: draft && opensDrafts ? routes.onboardingDraft(id) : null };
      }
      case "tag":
        return { kind, id, name: named(tags, id)?.name ?? recorded(row.details, "name") ?? "A removed tag", href: null };
      case "schedule":
        return { kind, id, name: named(schedules, id)?.name ?? recorded(row.details, "name") ?? "A removed schedule", href: null };
      case "batch": {
        const batch = named(batches, id);
        return { kind, id, name: batch ? `${label(batch.operation)} on ${batch.tenantCount} tenants` : `${label(row.operation)} (bulk)`, href: batch ? routes.batch(id) : null };
      }
      case "tenant":
        return { kind, id, name: row.tenant?.displayName ?? "A tenant", href: row.tenant ? routes.tenant(row.tenant.slug) : null };
      case "webhook": {
        const host = recorded(row.details, "host");
        return { kind, id, name: host ? `Webhook to ${host}` : "The workspace webhook", href: null };
      }
      default:
        return { kind, id, name: kind, href: null };
    }
  });
}

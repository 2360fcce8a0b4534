import { isReportKind, reportKinds, type ReportKind } from "@tenantpilot/dispatch-gate";
import { listAllPolicies, listManagedDevices } from "@tenantpilot/provider-graph";
import type { RunContext, WorkOutcome } from "../execution/run-context";

interface ReportData {
  rows: Record<string, unknown>[];
  summary: Record<string, unknown>;
  truncated: boolean;
}

const builders: Record<ReportKind, (ctx: RunContext) => Promise<ReportData>> = {
  "device-compliance": async (ctx) => {
    const devices = await listManagedDevices(ctx.graph);
    const byState: Record<string, number> = {};
    for (const device of devices.items) byState[device.complianceState] = (byState[device.complianceState] ?? 0) + 1;
    return {
      rows: devices.items.map((device) => ({
        deviceName: device.deviceName,
        operatingSystem: device.operatingSystem,
        osVersion: device.osVersion,
        complianceState: device.complianceState,
        userPrincipalName: device.userPrincipalName ?? null,
        lastSyncDateTime: device.lastSyncDateTime ?? null,
      })),
      summary: { devices: devices.items.length, byComplianceState: byState },
      truncated: devices.truncated,
    };
  },
  "policy-inventory": async (ctx) => {
    const policies = await listAllPolicies(ctx.graph);
    const byType: Record<string, number> = {};
    for (const policy of policies.items) byType[policy.policyType] = (byType[policy.policyType] ?? 0) + 1;
    return {
      rows: policies.items.map((policy) => ({
        policyType: policy.policyType,
        displayName: policy.displayName,
        platform: policy.platform ?? null,
        lastModifiedDateTime: policy.lastModifiedDateTime ?? null,
      })),
      summary: { policies: policies.items.length, byPolicyType: byType },
      truncated: policies.truncated,
    };
  },
};

/** Generate report: one `reports` row per run, built from what Graph answers now. */
export async function generateReport(ctx: RunContext): Promise<WorkOutcome> {
  const kind = ctx.run.targetId;
  if (!isReportKind(kind)) {
    return { status: "failed", counts: { seen: 0, changed: 0, failed: 0 }, reason: "target_not_found", detail: `Unknown report kind "${kind}".` };
  }
  const data = await builders[kind](ctx);
  ctx.checkpoint();
  await ctx.prisma.$transaction(async (tx) => {
    // One report per run, even if an earlier attempt got as far as writing one.
    await tx.report.deleteMany({ where: { runId: ctx.run.id } });
    await tx.report.create({
      data: { tenantId: ctx.tenant.id, kind, runId: ctx.run.id, rowCount: data.rows.length, rows: data.rows as object[] },
    });
  });
  return {
    status: data.truncated ? "partially_succeeded" : "succeeded",
    counts: { seen: data.rows.length, changed: 0, failed: 0 },
    ...(data.truncated ? { detail: "The listing stopped at its page limit; the report is incomplete." } : {}),
    diagnostics: { report: { kind, label: reportKinds[kind].label, rowCount: data.rows.length, ...data.summary } },
  };
}

import { TimeStamp } from "@tenantpilot/ui";
import type { ApiOutputs } from "../live/trpc";
import { StartControl } from "../start/start-control";

type Basis = ApiOutputs["backupSets"]["restorePreview"]["basis"];

/**
 * How current the comparison is: per policy family, when the inventory last saw it. When some
 * family is stale (or never synced), a fresh inventory sync is offered as an ordinary start.
 */
export function InventoryBasis({ basis, tenantName }: { basis: Basis; tenantName: string }) {
  const minutes = Math.round(basis.freshForMs / 60_000);
  return (
    <div className={`space-y-3 rounded-lg border p-4 text-sm ${basis.stale ? "border-amber-200 bg-amber-50 text-amber-950" : "border-slate-200 bg-slate-50 text-slate-700"}`} data-inventory-stale={String(basis.stale)}>
      <p className="font-medium">
        {basis.stale
          ? `Compared with an inventory older than ${minutes} minutes (or never synced): changes made in Intune since are not seen. Sync the inventory first for a current preview.`
          : "Compared with the tenant's latest inventory sync."}
      </p>
      <ul className="space-y-1">
        {basis.families.map((family) => (
          <li key={family.family}>
            {family.label}:{" "}
            {family.syncedAt === null ? (
              <span className="font-medium">never synced</span>
            ) : (
              <>
                synced <TimeStamp value={family.syncedAt} />
                {family.truncated ? " (only part of it was listed)" : ""}
              </>
            )}
          </li>
        ))}
      </ul>
      {basis.stale ? <StartControl operation="inventory.sync" targetLabel={tenantName} preview={basis.freshSync} /> : null}
    </div>
  );
}

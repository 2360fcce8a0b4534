import { z } from "zod";

// A restore's preview and its selection (ADR 025). The preview compares each policy of the backup
// set with the tenant as its latest inventory sync saw it; the operator picks the policies to
// write, and the start request carries that selection, which the gate checks and the run keeps.

/**
 * What a restore does to one policy, judged from the tenant's latest inventory sync: create it (the
 * tenant no longer has it), overwrite it (the tenant's copy was modified after the backup took it),
 * rewrite it unchanged (not modified since), leave it alone (a policy of the tenant the backup does
 * not hold — a restore never deletes), or unknown (its family was never synced: the restore updates
 * it if it exists and creates it otherwise).
 */
export const restoreActions = ["create", "overwrite", "unchanged", "left_alone", "unknown"] as const;
export type RestoreAction = (typeof restoreActions)[number];

/** At most this many policies in one selection (a tenant's whole Intune estate fits). */
export const MAX_RESTORE_SELECTION = 5_000;

/** The policies of the backup set a restore writes: its backup items' ids. */
export const RestoreSelection = z.object({
  backupItemIds: z.array(z.uuid()).min(1, "select at least one policy").max(MAX_RESTORE_SELECTION),
});
export type RestoreSelection = z.infer<typeof RestoreSelection>;

/** An inventory older than this is shown as stale, with a fresh sync offered before restoring. */
export const RESTORE_PREVIEW_FRESH_FOR_MS = 60 * 60_000;

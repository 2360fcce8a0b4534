import { describe } from "@tenantpilot/dispatch-gate/contract";
import { Pill } from "../shell/page";

const tones = { complete: "emerald", partial: "amber", capturing: "sky", failed: "rose" } as const;

export function BackupStatusPill({ status }: { status: string }) {
  const tone = Object.hasOwn(tones, status) ? tones[status as keyof typeof tones] : "slate";
  return <Pill tone={tone}>{describe({ backupSetStatus: status })}</Pill>;
}

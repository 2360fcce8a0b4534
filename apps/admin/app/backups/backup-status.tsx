import { Pill } from "../shell/page";

export function BackupStatusPill({ status }: { status: string }) {
  switch (status) {
    case "complete":
      return <Pill tone="emerald">Complete</Pill>;
    case "partial":
      return <Pill tone="amber">Partial</Pill>;
    case "capturing":
      return <Pill tone="sky">Capturing</Pill>;
    case "failed":
      return <Pill tone="rose">Failed</Pill>;
    default:
      return <Pill>{status}</Pill>;
  }
}

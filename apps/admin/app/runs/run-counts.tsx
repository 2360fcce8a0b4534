import type { RunDetail } from "./run-outcome";

export function RunCounts({ counts }: { counts: RunDetail["counts"] }) {
  const tiles = [
    { label: "Items seen", value: counts.seen, tone: "text-slate-900" },
    { label: "Changed", value: counts.changed, tone: "text-slate-900" },
    { label: "Failed", value: counts.failed, tone: counts.failed > 0 ? "text-rose-700" : "text-slate-900" },
  ];
  return (
    <dl className="grid grid-cols-3 gap-3">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-slate-200 bg-slate-50/60 px-4 py-3">
          <dt className="text-xs font-medium text-slate-500">{tile.label}</dt>
          <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tile.tone}`}>{tile.value}</dd>
        </div>
      ))}
    </dl>
  );
}

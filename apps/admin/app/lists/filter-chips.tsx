import { Link } from "@remix-run/react";

export interface FilterChip {
  /** Stable key (the filter value; "" for "all"). */
  value: string;
  label: string;
  /** How many rows the chip stands for, when the API counts them. */
  count?: number | undefined;
  /** The list's URL with this chip applied (or, for a multi-select chip that is on, removed). */
  href: string;
  /** The chip is applied now. */
  current: boolean;
}

const chipClass = (current: boolean) =>
  `inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm ${
    current ? "bg-slate-900 text-white" : "text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-slate-100"
  }`;

/**
 * Filters as links, one per value: the applied ones are marked. A single-choice filter links each
 * chip to the list under that value; a multi-select filter links each chip to the list with the
 * value toggled. Links, not buttons, so a filtered list is a URL that works without JavaScript.
 */
export function FilterChips({ label, chips }: { label: string; chips: readonly FilterChip[] }) {
  if (chips.length === 0) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {chips.map((chip) => (
        <Link key={chip.value} to={chip.href} aria-current={chip.current ? "true" : undefined} className={chipClass(chip.current)}>
          {chip.label}
          {chip.count === undefined ? null : <span className="font-semibold tabular-nums">{chip.count}</span>}
        </Link>
      ))}
    </nav>
  );
}

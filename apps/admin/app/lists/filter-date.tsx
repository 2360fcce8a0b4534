/** One day of a FilterForm's date range (`isoDate()` reads it back): a native date field, so it works without JavaScript. */
export function FilterDate({ label, name, value, hint }: { label: string; name: string; value: string | undefined; hint?: string }) {
  return (
    <label className="space-y-1 text-sm font-medium text-slate-700">
      <span>
        {label}
        {hint ? <span className="sr-only"> ({hint})</span> : null}
      </span>
      <input
        type="date"
        name={name}
        defaultValue={value ?? ""}
        className="block w-full rounded-md border-0 py-2 px-3 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900"
      />
    </label>
  );
}

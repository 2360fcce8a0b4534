import { useEffect, useState, type ReactNode } from "react";
import { Form, Link, useLocation, useSubmit } from "@remix-run/react";
import { buttonClass } from "../shell/page";
import { TenantPicker } from "./tenant-picker";

/**
 * Filters as select boxes in a GET form: with JavaScript every change applies at once, without it
 * "Apply" does. "Clear" leads to the unfiltered list — and is left out on the unfiltered list itself.
 */
export function FilterForm({ clearHref, children }: { clearHref: string; children: ReactNode }) {
  const submit = useSubmit();
  const location = useLocation();
  const filtered = `${location.pathname}${location.search}` !== clearHref;
  return (
    <Form
      method="get"
      className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-4 sm:items-end"
      // A text box (the tenant picker's finder) applies with Enter or its button, not at every keystroke.
      onChange={(event) => (event.target as HTMLInputElement).type === "search" || submit(event.currentTarget)}
    >
      {children}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.secondary}>
          Apply
        </button>
        {filtered ? (
          <Link to={clearHref} className={`${buttonClass.link} inline-block self-center py-2 text-sm`}>
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

const selectClass =
  "block w-full rounded-md border-0 py-2 pl-3 pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900";

/** One filter of a FilterForm: "any" (no value) first, then the given options. */
export function FilterSelect({
  label,
  name,
  value,
  anyLabel,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
}) {
  // Follows the URL: after "Clear" or Back the list changes under a mounted select, which would keep
  // showing the last choice with a defaultValue. Controlled rather than re-keyed, so focus stays put.
  const [selected, setSelected] = useState(value ?? "");
  useEffect(() => setSelected(value ?? ""), [value]);
  return (
    <label className="space-y-1 text-sm font-medium text-slate-700">
      <span>{label}</span>
      <select name={name} value={selected} onChange={(event) => setSelected(event.target.value)} className={selectClass}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The tenant filter of a workspace-wide list (runs, activity): the tenant picker, by name; the value is the slug. */
export function TenantFilter({ tenants, value, more, find }: { tenants: readonly { slug: string; displayName: string }[]; value: string | undefined; more: boolean; find: string | undefined }) {
  return <TenantPicker label="Tenant" name="tenant" tenants={tenants} value={value} empty={{ label: "All tenants" }} more={more} find={find} />;
}

import { useId } from "react";
import { Form } from "@remix-run/react";
import { buttonClass } from "../shell/page";

const fieldClass =
  "block w-full rounded-md border-0 py-2 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900";

export interface TenantPickerProps {
  label: string;
  /** The select's field name; its value is the tenant's slug. */
  name: string;
  tenants: readonly { slug: string; displayName: string }[];
  value: string | undefined;
  /** The first, empty choice: "All tenants" for a filter, a disabled "Choose a tenant" for a required field. */
  empty: { label: string; disabled?: boolean };
  /** More tenants match than are offered (tenantChoices' `more`). */
  more: boolean;
  /** The text the tenants were found by (the page's `find` search parameter). */
  find: string | undefined;
  /**
   * The GET form the finder submits, by id, when the picker sits in a form that posts (its other fields
   * must not travel in a URL): render `<TenantFindForm id=… />` outside that form. Omitted inside a GET form.
   */
  findForm?: string;
}

/**
 * A tenant select that reaches any tenant at MSP scale: it offers the first 200 by name (tenantChoices)
 * and a text box that finds the others by name, short name, domain or Microsoft tenant ID (`?find=`),
 * without JavaScript. The runs list's, the activity's and the add-connection form's tenant picker.
 */
export function TenantPicker({ label, name, tenants, value, empty, more, find, findForm }: TenantPickerProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const hint =
    find && tenants.length === 0
      ? `No tenant matches "${find}".`
      : more
        ? `Showing the first ${tenants.length} tenants${find ? ` matching "${find}"` : " by name"}: find the others by name, short name, domain or Microsoft tenant ID.`
        : null;
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium text-slate-700">
        {label}
      </label>
      {/* Keyed by the find: after one (a client-side navigation) it offers the tenants found and opens on the new
          default. Not by the value: picking a tenant in a filter navigates, and a remount would lose the focus. */}
      <select key={find ?? ""} id={id} name={name} defaultValue={value ?? ""} required={empty.disabled} aria-describedby={hint ? hintId : undefined} className={`${fieldClass} pr-8`}>
        <option value="" disabled={empty.disabled}>
          {empty.label}
        </option>
        {tenants.map((tenant) => (
          <option key={tenant.slug} value={tenant.slug}>
            {tenant.displayName}
          </option>
        ))}
      </select>
      <div className="flex gap-2">
        <input
          type="search"
          name="find"
          form={findForm}
          defaultValue={find}
          aria-label="Find a tenant"
          placeholder="Find a tenant"
          className={`${fieldClass} pr-3`}
        />
        <button type="submit" form={findForm} className={buttonClass.secondary}>
          Find
        </button>
      </div>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The GET form a TenantPicker inside a posting form finds with (its `findForm`). */
export function TenantFindForm({ id }: { id: string }) {
  return <Form id={id} method="get" />;
}

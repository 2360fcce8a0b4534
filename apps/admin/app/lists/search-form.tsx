import { Form, Link } from "@remix-run/react";
import { searchTextMax, type SearchParams } from "@tenantpilot/dispatch-gate/contract";
import { buttonClass } from "../shell/page";

/**
 * A list's text search: a GET form, so the result is a URL. Other filters the search keeps
 * (`keep`) ride along as hidden fields; a new search starts from the first page.
 */
export function SearchForm({
  label,
  name = "q",
  value,
  placeholder,
  maxLength = searchTextMax,
  keep = {},
  clearHref,
}: {
  label: string;
  name?: string;
  value: string | undefined;
  placeholder: string;
  /** The API's limit for this text. */
  maxLength?: number;
  keep?: SearchParams;
  /** Where "Clear" leads (the unfiltered list); no "Clear" while nothing is filtered. */
  clearHref: string | undefined;
}) {
  const hidden = Object.entries(keep).flatMap(([key, kept]) => (kept === undefined ? [] : typeof kept === "string" ? [[key, kept] as const] : kept.map((item) => [key, item] as const)));
  return (
    <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
      {hidden.map(([key, kept]) => (
        <input key={`${key}=${kept}`} type="hidden" name={key} value={kept} />
      ))}
      <label className="min-w-0 flex-1 basis-56 space-y-1 text-sm font-medium text-slate-700">
        <span>{label}</span>
        <input
          type="search"
          name={name}
          defaultValue={value ?? ""}
          maxLength={maxLength}
          placeholder={placeholder}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900"
        />
      </label>
      <button type="submit" className={buttonClass.secondary}>
        Search
      </button>
      {clearHref === undefined ? null : (
        <Link to={clearHref} className={`${buttonClass.link} inline-block py-2 text-sm`}>
          Clear
        </Link>
      )}
    </Form>
  );
}

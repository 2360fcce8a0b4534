import { useRef, type ReactNode } from "react";
import { Link } from "@remix-run/react";

export interface Column<Row> {
  /** Stable key of the column. */
  key: string;
  header: ReactNode;
  /** The header is for screen readers only (a column of links or actions). */
  hiddenHeader?: boolean;
  cell(row: Row): ReactNode;
  align?: "start" | "end";
  /** A width class; boxed tables have a fixed layout so that consecutive tables line their columns up. */
  width?: string;
  /** Extra classes for this column's cells (wrapping, colour, numbers). */
  className?: string;
}

/** A column naming each row by a link to its own page (usually the first column). */
export function linkColumn<Row>(column: { key: string; header: string; href(row: Row): string; label(row: Row): ReactNode }): Column<Row> {
  return {
    key: column.key,
    header: column.header,
    cell: (row) => (
      <Link to={column.href(row)} className="font-medium text-slate-900 hover:underline">
        {column.label(row)}
      </Link>
    ),
  };
}

/**
 * Rows a user may select for a bulk action. Each row gets a checkbox submitting `name=value`
 * with `form` (the bulk action's form may sit elsewhere on the page); the header's checkbox
 * selects every row on this page (with JavaScript; without it each box still works).
 */
export interface RowSelection<Row> {
  name: string;
  value(row: Row): string;
  /** Accessible name of a row's checkbox, e.g. "Select Contoso". */
  label(row: Row): string;
  form?: string;
  /** Values checked when the page renders (a selection carried in the URL or the form). */
  selected?: ReadonlySet<string>;
}

// Below `sm` (phones) a row stacks: each cell on its own line behind its column's name, so no
// column — status and actions included — is ever pushed off screen or into a sideways scroll.
// The table keeps its semantics (the header row stays for screen readers); the visible names are
// generated content from `data-label` (tailwind.css): not part of a cell's text, and with empty alt
// text, so assistive technology reads the real headers.
const stacked = {
  table: "max-sm:block",
  body: "max-sm:block",
  head: "max-sm:sr-only",
  row: "max-sm:block max-sm:py-2",
} as const;
// A cell's padding, wrapping, stacking and its links' 24 px tap targets (WCAG 2.5.8) are styled once in
// tailwind.css (`table.plain-rows`, `table.stacked-rows`, `.tap-box`), not per cell: at 50 rows × 7 columns,
// per-cell classes alone cost tens of KB of HTML (the home must stay under 150 KB at 10,000 tenants).

/** A class attribute only when there is a class (an empty one is bytes on every cell). */
const classes = (...names: (string | undefined)[]) => names.filter((name) => name !== undefined && name !== "").join(" ") || undefined;

const variants = {
  /** Inside a card, rows divided by lines. */
  plain: {
    frame: "overflow-x-auto",
    // A cell's padding comes from `table.plain-rows` in tailwind.css (see above).
    table: "min-w-full text-left text-sm plain-rows",
    head: "",
    headRow: "border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500",
    th: (last: boolean) => `py-2 font-medium ${last ? "" : "pr-4"}`,
    td: () => "",
  },
  /** A framed table with a shaded header, for several tables on one page. */
  boxed: {
    frame: "overflow-x-auto rounded-lg border border-slate-200",
    table: "min-w-full table-fixed text-left text-sm",
    head: "bg-slate-50",
    headRow: "text-xs uppercase tracking-wide text-slate-500",
    th: () => "px-4 py-2 font-medium",
    td: () => "px-4 py-2.5",
  },
} as const;

/** One list's rows as a table: columns declared once, the same look on every list page. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowData,
  selection,
  variant = "plain",
}: {
  /** Names the table for screen readers. */
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** `data-*` attributes of a row (what tests and scripts find rows by). */
  rowData?: (row: Row) => Readonly<Record<`data-${string}`, string>>;
  selection?: RowSelection<Row>;
  variant?: keyof typeof variants;
}) {
  const style = variants[variant];
  const table = useRef<HTMLTableElement>(null);
  const selectPage = (checked: boolean) => {
    if (!selection) return;
    for (const box of table.current?.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${selection.name}"]`) ?? []) box.checked = checked;
  };
  const align = (column: Column<Row>) => (column.align === "end" ? "text-right" : "");
  return (
    <div className={style.frame}>
      <table ref={table} className={`${style.table} ${stacked.table} stacked-rows`}>
        <caption className="sr-only">{caption}</caption>
        <thead className={`${style.head} ${stacked.head}`}>
          <tr className={style.headRow}>
            {selection ? (
              <th scope="col" className={`w-8 ${style.th(false)}`}>
                <label className="tap-box">
                  <input type="checkbox" aria-label="Select every row on this page" onChange={(event) => selectPage(event.currentTarget.checked)} />
                </label>
              </th>
            ) : null}
            {columns.map((column, index) => (
              <th key={column.key} scope="col" data-column={column.key} className={`${column.width ?? ""} ${style.th(index === columns.length - 1)} ${align(column)}`}>
                {column.hiddenHeader ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${stacked.body}`}>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={`align-top ${stacked.row}`} {...rowData?.(row)}>
              {selection ? (
                <td className={classes(style.td())}>
                  {/* The label is the tap target (24 × 24) around the small native box. */}
                  <label className="tap-box">
                    <input
                      type="checkbox"
                      name={selection.name}
                      value={selection.value(row)}
                      form={selection.form}
                      defaultChecked={selection.selected?.has(selection.value(row)) ?? false}
                      aria-label={selection.label(row)}
                    />
                  </label>
                </td>
              ) : null}
              {columns.map((column) => (
                <td
                  key={column.key}
                  data-column={column.key}
                  data-label={column.hiddenHeader || typeof column.header !== "string" ? undefined : column.header}
                  className={classes(style.td(), align(column), column.className)}
                >
                  <div>{column.cell(row)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// CSV as the exports write it (RFC 4180): every cell quoted, quotes doubled, CRLF line ends. Safe to
// open in a spreadsheet: a cell that a spreadsheet would run as a formula (=, +, -, @, a tab or a
// carriage return first — OWASP's "CSV injection") is prefixed with a single quote, so a tenant or
// policy named "=HYPERLINK(…)" stays text.

export type CsvValue = string | number | boolean | Date | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe = typeof value === "string" && formulaStart.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** One export: its file name, header and rows, page by page from a keyset-paged read. */
export interface CsvExport<Item> {
  fileName: string;
  header: readonly string[];
  row(item: Item): CsvValue[];
  /** The next page after `cursor` (undefined: the first). */
  page(cursor: string | undefined): Promise<{ items: Item[]; nextCursor: string | null }>;
}

/** The export's lines, header first, reading one page at a time (never the whole list at once). */
export async function* csvLines<Item>(spec: CsvExport<Item>): AsyncGenerator<string> {
  yield csvLine(spec.header);
  let cursor: string | undefined;
  do {
    const page = await spec.page(cursor);
    for (const item of page.items) yield csvLine(spec.row(item));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

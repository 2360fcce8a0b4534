import { Link } from "@remix-run/react";
import { buttonClass } from "../shell/page";

/** A pager link is a tap target of its own: at least 24 px tall, not just a line of text. */
const pagerTarget = "inline-block py-1";

/**
 * Keyset pages: back to the first page and on to the next one. Keyset paging has no page numbers
 * and no "previous" (a cursor only points forward), so these two links are the whole pager.
 */
export function Pager({
  label = "Pages",
  firstPage,
  nextPage,
  firstLabel = "← First page",
  nextLabel = "Next page →",
}: {
  label?: string;
  /** The first page's URL, when this is not the first page. */
  firstPage: string | undefined;
  /** The next page's URL, when there is one. */
  nextPage: string | undefined;
  firstLabel?: string;
  nextLabel?: string;
}) {
  if (firstPage === undefined && nextPage === undefined) return null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap justify-between gap-2 text-sm">
      {firstPage === undefined ? (
        <span />
      ) : (
        <Link to={firstPage} className={`${buttonClass.link} ${pagerTarget}`}>
          {firstLabel}
        </Link>
      )}
      {nextPage === undefined ? null : (
        <Link to={nextPage} className={`${buttonClass.link} ${pagerTarget}`}>
          {nextLabel}
        </Link>
      )}
    </nav>
  );
}

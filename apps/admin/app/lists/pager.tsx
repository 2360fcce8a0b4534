import { Link } from "@remix-run/react";
import { buttonClass } from "../shell/page";

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
    <nav aria-label={label} className="mt-4 flex justify-between text-sm">
      {firstPage === undefined ? (
        <span />
      ) : (
        <Link to={firstPage} className={buttonClass.link}>
          {firstLabel}
        </Link>
      )}
      {nextPage === undefined ? null : (
        <Link to={nextPage} className={buttonClass.link}>
          {nextLabel}
        </Link>
      )}
    </nav>
  );
}

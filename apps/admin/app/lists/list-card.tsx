import type { ComponentProps, ReactNode } from "react";
import { Card } from "../shell/page";
import { FilterChips } from "./filter-chips";
import { SearchForm } from "./search-form";

/**
 * The frame of a list: a card with the list's title, its search and filter chips above the rows,
 * and whatever the page puts below them (a table or groups of tables, then a pager).
 */
export function ListCard({
  title,
  description,
  actions,
  search,
  chips,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  search?: ComponentProps<typeof SearchForm>;
  chips?: ComponentProps<typeof FilterChips>;
  children: ReactNode;
}) {
  return (
    <Card title={title} description={description} actions={actions}>
      {search || chips ? (
        <div className="mb-5 space-y-3">
          {search ? <SearchForm {...search} /> : null}
          {chips ? <FilterChips {...chips} /> : null}
        </div>
      ) : null}
      {children}
    </Card>
  );
}

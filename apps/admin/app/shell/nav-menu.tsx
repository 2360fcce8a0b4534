import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { PrimaryNav, type NavSection } from "./primary-nav";

/**
 * The main navigation behind a menu button on narrow screens. A native disclosure (<details>), so
 * it opens before hydration and without JavaScript; with JavaScript the button also states
 * aria-expanded, and a navigation, Escape or a click outside closes it.
 */
export function NavMenu({ pathname, sections }: { pathname: string; sections: readonly NavSection[] }) {
  const menuId = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  // Unknown until hydrated: the server cannot know, and a stale "false" on an open menu would mislead.
  const [open, setOpen] = useState<boolean | undefined>(undefined);

  useEffect(() => setOpen(details.current?.open ?? false), []);

  // Following a link of the menu lands on another page: the menu has done its job.
  const shownAt = useRef(pathname);
  useEffect(() => {
    if (shownAt.current === pathname) return;
    shownAt.current = pathname;
    if (details.current) details.current.open = false;
    // The toggle event that follows comes a task later; say it closed now.
    setOpen(false);
  }, [pathname]);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: MouseEvent) => {
      if (event.target instanceof Node && !details.current?.contains(event.target) && details.current) details.current.open = false;
    };
    document.addEventListener("mousedown", closeOutside);
    return () => document.removeEventListener("mousedown", closeOutside);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !details.current?.open) return;
    event.stopPropagation();
    details.current.open = false;
    summary.current?.focus();
  };

  return (
    <details ref={details} className="group lg:hidden" onToggle={(event) => setOpen(event.currentTarget.open)} onKeyDown={onKeyDown}>
      <summary
        ref={summary}
        aria-expanded={open}
        aria-controls={menuId}
        className="flex min-h-10 cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 [&::-webkit-details-marker]:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path
            fillRule="evenodd"
            d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75a.75.75 0 0 1-.75-.75Z"
            clipRule="evenodd"
          />
        </svg>
        Menu
      </summary>
      {/* Spans the header (the sticky header is the containing block), under its bottom edge. */}
      <div className="absolute inset-x-0 top-full border-b border-slate-200 bg-white px-4 py-2 shadow-lg">
        <PrimaryNav id={menuId} pathname={pathname} sections={sections} layout="menu" />
      </div>
    </details>
  );
}

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { linkClass } from "./outcome-tone";
import { TimeStamp, type TimeFormatter } from "./time-stamp";
import { UiLink, useIsStep } from "./ui-link";

/** A notification as the menu shows it (a row of `notifications`, dates as Date or ISO string). */
export interface NotificationView {
  id: string;
  title: string;
  body: string;
  createdAt: Date | string;
  readAt: Date | string | null;
  runId: string | null;
  /** The run's reason's next step, when it ended with one (the same the run page offers). */
  nextStep?: { label: string; href: string } | null;
  /** The provider connection the run used. */
  connection?: { displayName: string } | null;
}

export interface NotificationsMenuProps {
  notifications: readonly NotificationView[];
  /**
   * Every unread notification of the user (the API's count), when the list is one page of them: the badge
   * counted the page's, so 50 secret warnings read "10 unread". Default: the unread ones in the list.
   */
  unreadTotal?: number;
  onMarkRead: (ids: readonly string[]) => void;
  /** Every unread notification of the user, not only the ones listed (the bell lists the newest few). */
  onMarkAllRead: () => void;
  /** Open on first render (server-rendered pages and tests); afterwards the button toggles it. */
  defaultOpen?: boolean;
  formatTime?: TimeFormatter;
}

export function unreadCount(notifications: readonly NotificationView[]): number {
  return notifications.filter((n) => n.readAt === null).length;
}

/**
 * A disclosure, not an ARIA menu: the panel holds links and buttons reached with Tab. Escape closes
 * it and gives focus back to the button; a click outside closes it too.
 */
export function NotificationsMenu({ notifications, unreadTotal, onMarkRead, onMarkAllRead, defaultOpen = false, formatTime }: NotificationsMenuProps) {
  const [open, setOpen] = useState(defaultOpen);
  const panelId = useId();
  const headingId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const unread = Math.max(unreadTotal ?? 0, unreadCount(notifications));

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: MouseEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("mousedown", closeOutside);
    return () => document.removeEventListener("mousedown", closeOutside);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open) {
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    }
  };

  return (
    <div ref={root} className="relative" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        // An explicit name: words split over a visible and a screen-reader-only span are joined with a stray space
        // by browsers ("Notifications , 2 unread"). It starts with the visible word, so what is seen is what is said.
        aria-label={unread === 0 ? "Notifications" : `Notifications, ${unread} unread`}
        onClick={() => setOpen((value) => !value)}
        className="relative inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
      >
        <BellIcon />
        <span className="sr-only sm:not-sr-only lg:sr-only">Notifications</span>
        {/* A word space between the word and the count: glued ("Notifications2"), what is seen is not in the name. */}
        {unread === 0 ? null : " "}
        {unread === 0 ? null : (
          <span
            aria-hidden="true"
            data-unread-count={unread}
            className="inline-flex min-w-5 items-center justify-center rounded-full bg-rose-600 px-1.5 text-xs font-semibold text-white"
          >
            {unread}
          </span>
        )}
      </button>
      {open ? (
        <section
          id={panelId}
          aria-labelledby={headingId}
          className="absolute right-0 z-20 mt-2 w-96 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-lg"
        >
          <header className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              Notifications
            </h2>
            {unread === 0 ? null : (
              <button
                type="button"
                onClick={onMarkAllRead}
                className="text-xs font-medium text-slate-600 underline underline-offset-2 hover:text-slate-900"
              >
                Mark all as read
              </button>
            )}
          </header>
          {notifications.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm text-slate-500">No notifications yet.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {notifications.map((notification) => (
                <NotificationRow
                  key={notification.id}
                  notification={notification}
                  onMarkRead={onMarkRead}
                  formatTime={formatTime}
                />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

function NotificationRow({
  notification,
  onMarkRead,
  formatTime,
}: {
  notification: NotificationView;
  onMarkRead: (ids: readonly string[]) => void;
  formatTime: TimeFormatter | undefined;
}) {
  const isUnread = notification.readAt === null;
  // Following the run link is reading the notification.
  const markThisRead = isUnread ? () => onMarkRead([notification.id]) : undefined;
  const nextStepIsStep = useIsStep(notification.nextStep?.href ?? "");
  return (
    <li className={`px-4 py-3 text-sm ${isUnread ? "bg-sky-50/60" : ""}`} data-unread={isUnread}>
      <div className="flex items-start gap-2">
        {isUnread ? (
          <span className="mt-1.5 size-2 shrink-0 rounded-full bg-sky-500">
            <span className="sr-only">Unread: </span>
          </span>
        ) : (
          <span aria-hidden="true" className="mt-1.5 size-2 shrink-0" />
        )}
        <div className="min-w-0 flex-1 space-y-1">
          <p className="font-medium text-slate-900">{notification.title}</p>
          <p className="text-slate-700">{notification.body}</p>
          {notification.connection ? <p className="text-xs text-slate-500">Connection: {notification.connection.displayName}</p> : null}
          {notification.nextStep && nextStepIsStep ? (
            <p className="text-slate-700">
              <span className="opacity-80">Next step: </span>
              <UiLink to={notification.nextStep.href} className={linkClass} onClick={markThisRead}>
                {notification.nextStep.label}
              </UiLink>
            </p>
          ) : null}
          <p className="flex flex-wrap items-center gap-x-3 text-xs text-slate-500">
            <TimeStamp value={notification.createdAt} format={formatTime} />
            {notification.runId === null ? null : (
              <UiLink to={routes.run(notification.runId)} className={linkClass} onClick={markThisRead}>
                View run
              </UiLink>
            )}
            {isUnread ? (
              <button type="button" onClick={markThisRead} className="underline underline-offset-2 hover:text-slate-900">
                Mark as read
              </button>
            ) : null}
          </p>
        </div>
      </div>
    </li>
  );
}

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path d="M10 2a6 6 0 0 0-6 6v2.59l-1.7 1.7A1 1 0 0 0 3 14h14a1 1 0 0 0 .7-1.71L16 10.59V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 10 18Z" />
    </svg>
  );
}

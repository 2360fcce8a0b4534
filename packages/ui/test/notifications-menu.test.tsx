import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NotificationsMenu, formatUtc, unreadCount, type NotificationView } from "../src";
import { syncRunId } from "./fixtures";
import { linksIn, openingTag, textOf } from "./markup";

const notifications: NotificationView[] = [
  {
    id: "n1",
    title: "Sync inventory succeeded",
    body: "Contoso: 42 items seen, 3 changed.",
    createdAt: new Date("2026-11-26T17:28:00Z"),
    readAt: null,
    runId: syncRunId,
  },
  {
    id: "n2",
    title: "Capture backup failed",
    body: "Fabrikam: Microsoft Graph was unavailable.",
    createdAt: "2026-11-25T09:05:00.000Z",
    readAt: null,
    runId: null,
  },
  {
    id: "n3",
    title: "Sync directory succeeded",
    body: "Contoso: 120 users.",
    createdAt: "2026-11-24T08:00:00.000Z",
    readAt: "2026-11-24T09:00:00.000Z",
    runId: "c0ffee00-0000-4000-8000-000000000003",
  },
];

const noop = () => {};

describe("NotificationsMenu", () => {
  it("shows the unread count on a collapsed disclosure button", () => {
    const html = renderToStaticMarkup(<NotificationsMenu notifications={notifications} onMarkRead={noop} onMarkAllRead={noop} />);
    const button = openingTag(html, "aria-expanded") ?? "";
    expect(button).toContain('aria-expanded="false"');
    const buttonHtml = html.slice(html.indexOf("<button"), html.indexOf("</button>"));
    // Named in words that start with what is seen ("Notifications"); the visible count is aria-hidden.
    expect(button).toContain('aria-label="Notifications, 2 unread"');
    expect(textOf(buttonHtml.replace(/<span aria-hidden="true"[^>]*>[^<]*<\/span>/g, ""))).toBe("Notifications");
    expect(html).toContain('data-unread-count="2"');
    // What is seen, word and count, is in the name as said (axe's label-content-name-mismatch, serious): the
    // count was glued to the word ("Notifications2") on every page of a user with unread notifications.
    const seen = buttonHtml.replace(/<[^>]*>/g, "").trim();
    expect(seen).toBe("Notifications 2");
    expect("Notifications, 2 unread".replace(/[^\w\s]/g, "")).toContain(seen);
    expect(html).not.toContain("<li");
    expect(unreadCount(notifications)).toBe(2);
  });

  it("counts every unread notification of the user, not only those of the page it lists", () => {
    const html = renderToStaticMarkup(<NotificationsMenu notifications={notifications} unreadTotal={12} onMarkRead={noop} onMarkAllRead={noop} />);
    expect(openingTag(html, "aria-expanded")).toContain('aria-label="Notifications, 12 unread"');
    expect(html).toContain('data-unread-count="12"');
  });

  it("carries the reason's next step and the connection the run used", () => {
    const failed: NotificationView = {
      id: "n4",
      title: "Generate report: Failed",
      body: "Tailspin: The provider connection lacks the Microsoft Graph permission: DeviceManagementManagedDevices.Read.All.",
      createdAt: "2026-11-26T10:00:00.000Z",
      readAt: null,
      runId: syncRunId,
      nextStep: { label: "Grant the missing permissions", href: "/admin/provider-connections/c-1" },
      connection: { displayName: "Tailspin Graph app" },
    };
    const html = renderToStaticMarkup(<NotificationsMenu notifications={[failed]} onMarkRead={noop} onMarkAllRead={noop} defaultOpen />);
    expect(textOf(html)).toContain("Connection: Tailspin Graph app");
    expect(linksIn(html).map((link) => [link.text, link.href])).toEqual([
      ["Grant the missing permissions", "/admin/provider-connections/c-1"],
      ["View run", `/admin/operations/${syncRunId}`],
    ]);
  });

  it("has no count when everything is read", () => {
    const read = notifications.map((n) => ({ ...n, readAt: "2026-11-27T00:00:00.000Z" }));
    const html = renderToStaticMarkup(<NotificationsMenu notifications={read} onMarkRead={noop} onMarkAllRead={noop} />);
    expect(textOf(html.slice(html.indexOf("<button"), html.indexOf("</button>")))).toBe("Notifications");
    expect(html).not.toContain("data-unread-count");
  });

  it("lists title, body, time and the run link when open, the panel controlled by the button", () => {
    const html = renderToStaticMarkup(<NotificationsMenu notifications={notifications} onMarkRead={noop} onMarkAllRead={noop} defaultOpen />);
    const button = openingTag(html, "aria-expanded") ?? "";
    expect(button).toContain('aria-expanded="true"');
    const panelId = /aria-controls="([^"]+)"/.exec(button)?.[1];
    expect(html).toContain(`<section id="${panelId}"`);
    const text = textOf(html);
    expect(text).toContain("Sync inventory succeeded");
    expect(text).toContain("Contoso: 42 items seen, 3 changed.");
    expect(text).toContain("26 Nov 2026, 17:28 UTC");
    expect(html).toContain('dateTime="2026-11-25T09:05:00.000Z"');
    expect(linksIn(html).map((l) => l.href)).toEqual([`/admin/operations/${syncRunId}`, "/admin/operations/c0ffee00-0000-4000-8000-000000000003"]);
    expect(html.match(/data-unread="true"/g)).toHaveLength(2);
    expect(text).toContain("Mark all as read");
  });

  it("says so when there is nothing", () => {
    const html = renderToStaticMarkup(<NotificationsMenu notifications={[]} onMarkRead={noop} onMarkAllRead={noop} defaultOpen />);
    expect(textOf(html)).toContain("No notifications yet.");
    expect(textOf(html)).not.toContain("Mark all as read");
  });

  it("formats times the same everywhere unless the app passes its own formatter", () => {
    expect(formatUtc(new Date("2026-01-02T03:04:00Z"))).toBe("2 Jan 2026, 03:04 UTC");
    const html = renderToStaticMarkup(
      <NotificationsMenu notifications={notifications.slice(0, 1)} onMarkRead={noop} onMarkAllRead={noop} defaultOpen formatTime={(d) => `T${d.getUTCHours()}`} />,
    );
    expect(textOf(html)).toContain("T17");
  });
});

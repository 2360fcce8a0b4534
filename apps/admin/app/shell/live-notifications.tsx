import { NotificationsMenu } from "@tenantpilot/ui";
import { trpc, type ApiOutputs } from "../live/trpc";

export type NotificationPage = ApiOutputs["notifications"]["list"];

/** The notifications the layout loader read, kept fresh by polling while the page is open. */
export const notificationQuery = { unreadOnly: false, limit: 10 } as const;
const POLL_MS = 4_000;

export function LiveNotifications({ initial }: { initial: NotificationPage }) {
  const utils = trpc.useUtils();
  const list = trpc.notifications.list.useQuery(notificationQuery, { initialData: initial, refetchInterval: POLL_MS });
  const markRead = trpc.notifications.markRead.useMutation({
    onSuccess: () => utils.notifications.list.invalidate(),
  });
  const markAllRead = trpc.notifications.markAllRead.useMutation({
    onSuccess: () => utils.notifications.list.invalidate(),
  });
  return (
    <NotificationsMenu
      notifications={list.data.items}
      unreadTotal={list.data.unreadCount}
      onMarkRead={(ids) => {
        if (ids.length > 0) markRead.mutate({ ids: [...ids] });
      }}
      onMarkAllRead={() => markAllRead.mutate()}
    />
  );
}

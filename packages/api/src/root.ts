import { router } from "./trpc";
import { create as createApiToken } from "./routers/api-tokens/create";
import { list as listApiTokens } from "./routers/api-tokens/list";
import { revoke as revokeApiToken } from "./routers/api-tokens/revoke";
import { list as listAudit } from "./routers/audit/list";
import { login } from "./routers/auth/login";
import { logout } from "./routers/auth/logout";
import { logoutEverywhere } from "./routers/auth/logout-everywhere";
import { me } from "./routers/auth/me";
import { detail as backupSetDetail } from "./routers/backup-sets/detail";
import { list as listBackupSets } from "./routers/backup-sets/list";
import { consentLink } from "./routers/connections/consent-link";
import { create as createConnection } from "./routers/connections/create";
import { detail as connectionDetail } from "./routers/connections/detail";
import { disable as disableConnection } from "./routers/connections/disable";
import { list as listConnections } from "./routers/connections/list";
import { rotateSecret } from "./routers/connections/rotate-secret";
import { setPrimary } from "./routers/connections/set-primary";
import { update as updateConnection } from "./routers/connections/update";
import { list as listDirectory } from "./routers/directory/list";
import { detail as inventoryItemDetail } from "./routers/inventory/detail";
import { list as listInventory } from "./routers/inventory/list";
import { list as listNotifications } from "./routers/notifications/list";
import { markAllRead } from "./routers/notifications/mark-all-read";
import { markRead } from "./routers/notifications/mark-read";
import { advance as advanceDraft } from "./routers/onboarding/advance";
import { cancel as cancelDraft } from "./routers/onboarding/cancel";
import { complete as completeDraft } from "./routers/onboarding/complete";
import { create as createDraft } from "./routers/onboarding/create";
import { get as getDraft } from "./routers/onboarding/get";
import { list as listDrafts } from "./routers/onboarding/list";
import { cancel as cancelRun } from "./routers/operations/cancel";
import { detail as runDetail } from "./routers/operations/detail";
import { list as listRuns } from "./routers/operations/list";
import { preview } from "./routers/operations/preview";
import { retry as retryRun } from "./routers/operations/retry";
import { start } from "./routers/operations/start";
import { detail as reportDetail } from "./routers/reports/detail";
import { list as listReports } from "./routers/reports/list";
import { detail as tenantDetail } from "./routers/tenants/detail";
import { list as listTenants } from "./routers/tenants/list";

export const appRouter = router({
  auth: router({ login, logout, logoutEverywhere, me }),
  apiTokens: router({ create: createApiToken, list: listApiTokens, revoke: revokeApiToken }),
  tenants: router({ list: listTenants, detail: tenantDetail }),
  connections: router({
    list: listConnections,
    detail: connectionDetail,
    create: createConnection,
    update: updateConnection,
    rotateSecret,
    setPrimary,
    disable: disableConnection,
    consentLink,
  }),
  onboarding: router({
    create: createDraft,
    list: listDrafts,
    get: getDraft,
    advance: advanceDraft,
    complete: completeDraft,
    cancel: cancelDraft,
  }),
  operations: router({ preview, start, list: listRuns, detail: runDetail, retry: retryRun, cancel: cancelRun }),
  backupSets: router({ list: listBackupSets, detail: backupSetDetail }),
  inventory: router({ list: listInventory, detail: inventoryItemDetail }),
  directory: router({ list: listDirectory }),
  reports: router({ list: listReports, detail: reportDetail }),
  notifications: router({ list: listNotifications, markRead, markAllRead }),
  audit: router({ list: listAudit }),
});

export type AppRouter = typeof appRouter;

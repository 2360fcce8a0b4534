import { router } from "./trpc";
import { create as createApiToken } from "./routers/api-tokens/create";
import { list as listApiTokens } from "./routers/api-tokens/list";
import { revoke as revokeApiToken } from "./routers/api-tokens/revoke";
import { list as listAudit } from "./routers/audit/list";
import { list as listActivity } from "./routers/activity/list";
import { login } from "./routers/auth/login";
import { logout } from "./routers/auth/logout";
import { logoutEverywhere } from "./routers/auth/logout-everywhere";
import { me } from "./routers/auth/me";
import { detail as backupSetDetail } from "./routers/backup-sets/detail";
import { list as listBackupSets } from "./routers/backup-sets/list";
import { preview as restorePreview } from "./routers/backup-sets/restore-preview";
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
import { begin as beginOnboarding } from "./routers/onboarding/begin";
import { resume as resumeOnboarding } from "./routers/onboarding/resume";
import { get as getDraft } from "./routers/onboarding/get";
import { list as listDrafts } from "./routers/onboarding/list";
import { cancel as cancelRun } from "./routers/operations/cancel";
import { detail as runDetail } from "./routers/operations/detail";
import { list as listRuns } from "./routers/operations/list";
import { preview } from "./routers/operations/preview";
import { retry as retryRun } from "./routers/operations/retry";
import { start } from "./routers/operations/start";
import { summary as operationSummary } from "./routers/operations/summary";
import { watch as watchRuns } from "./routers/operations/watch";
import { detail as reportDetail } from "./routers/reports/detail";
import { list as listReports } from "./routers/reports/list";
import { detail as tenantDetail } from "./routers/tenants/detail";
import { list as listTenants } from "./routers/tenants/list";
import { summary as tenantSummary } from "./routers/tenants/summary";
import { archive as archiveTenant } from "./routers/tenants/archive";
import { unarchive as unarchiveTenant } from "./routers/tenants/unarchive";
import { list as listTags } from "./routers/tags/list";
import { create as createTag } from "./routers/tags/create";
import { rename as renameTag } from "./routers/tags/rename";
import { remove as deleteTag } from "./routers/tags/delete";
import { addTenants as addTenantsToTag } from "./routers/tags/add-tenants";
import { removeTenants as removeTenantsFromTag } from "./routers/tags/remove-tenants";
import { previewMany } from "./routers/operations/preview-many";
import { startMany } from "./routers/operations/start-many";
import { list as listBatches } from "./routers/batches/list";
import { detail as batchDetail } from "./routers/batches/detail";
import { retry as retryBatch } from "./routers/batches/retry";
import { watch as watchBatch } from "./routers/batches/watch";
import { list as listSchedules } from "./routers/schedules/list";
import { create as createSchedule } from "./routers/schedules/create";
import { update as updateSchedule } from "./routers/schedules/update";
import { pause as pauseSchedule } from "./routers/schedules/pause";
import { resume as resumeSchedule } from "./routers/schedules/resume";
import { remove as deleteSchedule } from "./routers/schedules/delete";
import { updateSettings as updateWorkspaceSettings } from "./routers/workspaces/update-settings";
import { members as workspaceMembers } from "./routers/workspaces/members";
import { settings as workspaceSettings } from "./routers/workspaces/settings";
import { detail as webhookDetail } from "./routers/webhooks/detail";
import { configure as configureWebhook } from "./routers/webhooks/configure";
import { rotateSecret as rotateWebhookSecret } from "./routers/webhooks/rotate-secret";
import { remove as removeWebhook } from "./routers/webhooks/remove";

export const appRouter = router({
  auth: router({ login, logout, logoutEverywhere, me }),
  apiTokens: router({ create: createApiToken, list: listApiTokens, revoke: revokeApiToken }),
  tenants: router({ list: listTenants, summary: tenantSummary, detail: tenantDetail, archive: archiveTenant, unarchive: unarchiveTenant }),
  tags: router({
    list: listTags,
    create: createTag,
    rename: renameTag,
    delete: deleteTag,
    addTenants: addTenantsToTag,
    removeTenants: removeTenantsFromTag,
  }),
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
    begin: beginOnboarding,
    resume: resumeOnboarding,
    list: listDrafts,
    get: getDraft,
    advance: advanceDraft,
    complete: completeDraft,
    cancel: cancelDraft,
  }),
  operations: router({ preview, start, previewMany, startMany, list: listRuns, detail: runDetail, summary: operationSummary, retry: retryRun, cancel: cancelRun, watch: watchRuns }),
  batches: router({ list: listBatches, detail: batchDetail, retry: retryBatch, watch: watchBatch }),
  schedules: router({
    list: listSchedules,
    create: createSchedule,
    update: updateSchedule,
    pause: pauseSchedule,
    resume: resumeSchedule,
    delete: deleteSchedule,
  }),
  workspaces: router({ settings: workspaceSettings, updateSettings: updateWorkspaceSettings, members: workspaceMembers }),
  webhooks: router({ detail: webhookDetail, configure: configureWebhook, rotateSecret: rotateWebhookSecret, remove: removeWebhook }),
  backupSets: router({ list: listBackupSets, detail: backupSetDetail, restorePreview }),
  inventory: router({ list: listInventory, detail: inventoryItemDetail }),
  directory: router({ list: listDirectory }),
  reports: router({ list: listReports, detail: reportDetail }),
  notifications: router({ list: listNotifications, markRead, markAllRead }),
  audit: router({ list: listAudit }),
  activity: router({ list: listActivity }),
});

export type AppRouter = typeof appRouter;

// Authorization happens here and only here: every procedure is built from one of these.
export { authedProcedure, sessionProcedure } from "./authed";
export { requireCapability } from "./capability";
export { tenantProcedure, tenantScopeProcedure, authorizeTenant, tenantRef, TenantKey } from "./tenant";
export { operationProcedure } from "./operation";
export { connectionProcedure, backupSetProcedure, runProcedure, type RunCapability } from "./resources";
export { runsProcedure } from "./runs";
export { workspaceProcedure, draftProcedure, WorkspaceKey } from "./workspace";
export { ownNotificationsProcedure, ownApiTokenProcedure } from "./own-resources";
export { publicProcedure } from "../trpc";
export { tagProcedure, batchProcedure, scheduleProcedure } from "./workspace-resources";
export { authorizeWorkspace } from "./optional-workspace";

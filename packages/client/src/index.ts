export {
  apiEndpoint,
  apiErrorCode,
  createAdminClient,
  isAdminClientError,
  type AdminClient,
  type AdminClientError,
  type AdminClientOptions,
} from "./admin-client";

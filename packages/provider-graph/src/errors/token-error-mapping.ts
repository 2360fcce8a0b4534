import { AuthError, ClientConfigurationError, ServerError } from "@azure/msal-node";
import { TokenTransportError } from "../auth/fetch-network-module";
import { ProviderError, type ProviderReason } from "./provider-error";

interface AadstsRule {
  reason: ProviderReason;
  message: string;
}

/**
 * Entra error codes of the client-credential flow, mapped onto the gate's reasons
 * (docs/decisions/004-sandbox-tenant-with-msw.md explains the choices):
 * - consent: the app has no service principal / no admin consent in the customer tenant;
 * - credentials_expired: the secret is known to Entra but past its end date;
 * - credentials_missing: the connection does not identify valid credentials at all
 *   (wrong secret, unknown client id, unknown tenant, no secret sent) — the fix is to enter
 *   the right ones, not to wait.
 */
const aadstsRules: Readonly<Record<string, AadstsRule>> = {
  AADSTS65001: { reason: "provider_consent_missing", message: "An administrator of the tenant has not consented to the application." },
  AADSTS650051: { reason: "provider_consent_missing", message: "Admin consent for the application is incomplete in the tenant." },
  AADSTS7000229: { reason: "provider_consent_missing", message: "The application has no service principal in the tenant: admin consent was never granted or was removed." },
  AADSTS7000222: { reason: "provider_credentials_expired", message: "The application's client secret has expired." },
  AADSTS7000215: { reason: "provider_credentials_missing", message: "Microsoft Entra rejected the client secret: it is not a valid secret of the application." },
  AADSTS7000218: { reason: "provider_credentials_missing", message: "No client secret was sent for the application." },
  AADSTS700016: { reason: "provider_credentials_missing", message: "The application (client) ID was not found in the tenant." },
  AADSTS90002: { reason: "provider_credentials_missing", message: "The Microsoft tenant ID of the connection does not exist." },
  AADSTS900023: { reason: "provider_credentials_missing", message: "The Microsoft tenant ID of the connection is not valid." },
};

function aadstsOf(error: AuthError): string | undefined {
  if (error instanceof ServerError && error.errorNo) return `AADSTS${error.errorNo}`;
  return /AADSTS\d+/.exec(`${error.errorMessage} ${error.message}`)?.[0];
}

/** Maps whatever token acquisition threw onto a ProviderError. Never copies MSAL's text. */
export function providerErrorFromTokenFailure(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;

  if (error instanceof TokenTransportError) {
    const status = error.status;
    const throttled = status === 429;
    return new ProviderError(
      {
        reason: throttled ? "provider_throttled" : "provider_unavailable",
        message: error.errorMessage,
        transient: true,
        ...(status === undefined ? {} : { status }),
        ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
      },
      { cause: error },
    );
  }

  if (error instanceof ClientConfigurationError) {
    return new ProviderError(
      { reason: "internal_error", message: `The token client is misconfigured (${error.errorCode}).`, transient: false },
      { cause: error },
    );
  }

  // MSAL remembers a 429/5xx from the token endpoint and replays it, without a status and
  // without calling Entra, until Retry-After (60 s by default) has passed. Token responses
  // themselves always carry a status, so a bare ServerError is that replay: transient.
  if (error instanceof ServerError && error.status === undefined && error.errorNo === undefined) {
    const aadsts = aadstsOf(error);
    return new ProviderError(
      {
        reason: "provider_unavailable",
        message: `Microsoft Entra failed a token request moments ago; token requests are held back until it allows a retry${aadsts ? ` (${aadsts})` : ""}.`,
        transient: true,
        ...(aadsts === undefined ? {} : { aadsts }),
      },
      { cause: error },
    );
  }

  if (error instanceof AuthError) {
    const aadsts = aadstsOf(error);
    const status = error instanceof ServerError ? error.status : undefined;
    const common = {
      ...(aadsts === undefined ? {} : { aadsts }),
      ...(status === undefined ? {} : { status }),
    };
    const suffix = aadsts === undefined ? "" : ` (${aadsts})`;
    const rule = aadsts === undefined ? undefined : aadstsRules[aadsts];
    if (rule) {
      return new ProviderError({ reason: rule.reason, message: rule.message + suffix, transient: false, ...common }, { cause: error });
    }
    if (error.errorCode === "consent_required" || error.subError === "consent_required") {
      return new ProviderError(
        { reason: "provider_consent_missing", message: `Admin consent is required for the application${suffix}.`, transient: false, ...common },
        { cause: error },
      );
    }
    if (status === 429) {
      return new ProviderError(
        { reason: "provider_throttled", message: `Microsoft Entra throttled the token request${suffix}.`, transient: true, ...common },
        { cause: error },
      );
    }
    if ((status !== undefined && status >= 500) || ["temporarily_unavailable", "server_error", "network_error"].includes(error.errorCode)) {
      return new ProviderError(
        { reason: "provider_unavailable", message: `Microsoft Entra could not issue a token right now${suffix}.`, transient: true, ...common },
        { cause: error },
      );
    }
    if (error.errorCode === "invalid_client" || error.errorCode === "unauthorized_client") {
      return new ProviderError(
        { reason: "provider_credentials_missing", message: `Microsoft Entra did not accept the application's credentials${suffix}.`, transient: false, ...common },
        { cause: error },
      );
    }
    return new ProviderError(
      { reason: "internal_error", message: `Microsoft Entra refused the token request (${error.errorCode || "unknown error"})${suffix}.`, transient: false, ...common },
      { cause: error },
    );
  }

  return new ProviderError(
    { reason: "internal_error", message: "Token acquisition failed unexpectedly.", transient: false },
    { cause: error },
  );
}

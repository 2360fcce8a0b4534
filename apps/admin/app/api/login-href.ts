import { routes } from "@tenantpilot/dispatch-gate/contract";
/** Where an anonymous visitor is sent: the login page, returning to the page they asked for. */
export function loginHref(request: Request): string {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return routes.login(back === "/" || back === routes.home() ? {} : { redirectTo: back });
}

/**
 * Only paths of this app: "//evil.test" or "https://evil.test" would turn the login form into
 * an open redirect.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = routes.home()): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}

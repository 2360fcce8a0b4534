import { createContext, useContext, type ReactNode } from "react";

/**
 * What a link component receives. The destination is `to` (not `href`) so that Remix's `<Link>`
 * can be passed as is: `<UiLinkProvider value={Link}>`.
 */
export interface UiLinkProps {
  to: string;
  className?: string | undefined;
  children?: ReactNode | undefined;
  onClick?: (() => void) | undefined;
  "aria-label"?: string | undefined;
  "aria-describedby"?: string | undefined;
}

// A bare call signature (not ComponentType) so that forwardRef components such as Remix's Link fit:
// ComponentType would also compare their propTypes, which are typed for a wider `to`.
export type UiLinkComponent = (props: UiLinkProps) => ReactNode;

/** Outside a router (tests, static pages) a plain anchor does the job. */
export function AnchorLink({ to, children, ...rest }: UiLinkProps) {
  return (
    <a href={to} {...rest}>
      {children}
    </a>
  );
}

const UiLinkContext = createContext<UiLinkComponent>(AnchorLink);

export function UiLinkProvider({ value, children }: { value: UiLinkComponent; children?: ReactNode }) {
  return <UiLinkContext.Provider value={value}>{children}</UiLinkContext.Provider>;
}

/** Every link the components render goes through here, so client-side navigation is the app's choice. */
export function UiLink(props: UiLinkProps) {
  const LinkComponent = useContext(UiLinkContext);
  return <LinkComponent {...props} />;
}

// Where the viewer is now (path and search), so that a next step never points at the page it is
// shown on: a link to here is no step at all. Outside a provider nothing is "here".
const UiHereContext = createContext<string | null>(null);

export function UiHereProvider({ value, children }: { value: string; children?: ReactNode }) {
  return <UiHereContext.Provider value={value}>{children}</UiHereContext.Provider>;
}

/** Whether `to` is the page being shown. */
export function useIsHere(to: string): boolean {
  return useContext(UiHereContext) === to;
}

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

// Where the viewer is and where their role may go, so that a next step is always a step: one that
// leads to the page it is shown on, or to a page the role cannot open (a 403), is left out.
// Outside a provider every next step is shown.
export interface UiPlace {
  /** The page being shown: path and search. */
  here: string;
  /** Whether the viewer's role can open this page. */
  canOpen(href: string): boolean;
}

const UiPlaceContext = createContext<UiPlace | null>(null);

export function UiPlaceProvider({ value, children }: { value: UiPlace; children?: ReactNode }) {
  return <UiPlaceContext.Provider value={value}>{children}</UiPlaceContext.Provider>;
}

/** Whether a next step to `to` leads somewhere the viewer can go from here. */
export function useIsStep(to: string): boolean {
  const place = useContext(UiPlaceContext);
  return place === null || (place.here !== to && place.canOpen(to));
}

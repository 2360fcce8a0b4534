// Shared React components for the admin surfaces. They render data they are given: no fetching, no server code.
export { AnchorLink, UiLink, UiLinkProvider, UiPlaceProvider, useIsStep, type UiLinkComponent, type UiLinkProps, type UiPlace } from "./ui-link";
export { StartResultNotice, type StartResultNoticeProps } from "./start-result-notice";
export { RunStatusBadge } from "./run-status-badge";
export { ReasonExplanation, type ReasonExplanationProps } from "./reason-explanation";
export { ReadinessHint, type ReadinessHintProps } from "./readiness-hint";
export { StartButton, type StartButtonProps } from "./start-button";
export {
  NotificationsMenu,
  unreadCount,
  type NotificationView,
  type NotificationsMenuProps,
} from "./notifications-menu";
export { TimeStamp, formatUtc, type TimeFormatter } from "./time-stamp";
export { operationLabel, operationOnTarget } from "./operation-words";
export { outcomeTones, type OutcomeTone } from "./outcome-tone";

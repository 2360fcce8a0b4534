// The words live in the gate's contract so that notifications, the CLI and the UI agree.
export { runStatusWords } from "@tenantpilot/dispatch-gate/contract";

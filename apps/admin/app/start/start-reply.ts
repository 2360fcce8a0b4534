import type { OperationId, StartResult } from "@tenantpilot/dispatch-gate/contract";

/** What an action answers to a start form: the gate's StartResult, tagged with the control it belongs to. */
export interface StartReply {
  key: string;
  operation: OperationId;
  target: string | null;
  result: StartResult;
}

/** One control per operation and target on a page; its replies are matched by this key. */
export function startKey(operation: OperationId, target: string | null | undefined): string {
  return `${operation}:${target ?? ""}`;
}

/** Action data of pages with start controls: `{ start }` after a start (other forms answer other shapes). */
export function startReplyOf(actionData: unknown): StartReply | undefined {
  if (typeof actionData !== "object" || actionData === null || !("start" in actionData)) return undefined;
  const reply = (actionData).start;
  return typeof reply === "object" && reply !== null && "key" in reply && "result" in reply ? (reply as StartReply) : undefined;
}

import type { TaskList } from "graphile-worker";

/** One task per operation of the dispatch-gate catalogue; identifiers match its `taskIdentifier`s. */
export const taskList: TaskList = {};

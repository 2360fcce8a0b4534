import { authenticatedClient, notLoggedIn, type Command } from "../cli-io";
import { previewExitCodes } from "../exit-codes";
import { describePreview } from "../start-words";
import { parseOperationArgs } from "./operation-args";

/** `ops preview <operation> --tenant <slug> [--target <id>] [--json]`: what start would answer, without starting. */
export const preview: Command = async (args, io) => {
  const { values, input } = parseOperationArgs("preview", args);
  const session = authenticatedClient(values.url, io);
  if (!session) return notLoggedIn;
  const result = await session.client.operations.preview.query(input);
  io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : describePreview(result, session.url));
  return previewExitCodes[result.outcome];
};

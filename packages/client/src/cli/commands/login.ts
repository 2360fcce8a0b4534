import { type Command, commonOptions, parseCommandArgs } from "../cli-io";
import { resolveUrl, saveCredentials } from "../credentials";
import { exitCodes, UsageError } from "../exit-codes";
import { prompt } from "../prompt";
import { obtainApiToken } from "../session-login";

/** `ops login [--email e] [--password p] [--name token-name] [--url u]`: saves an API token for this user. */
export const login: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs({
    args,
    options: { ...commonOptions, email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`login takes no arguments (got "${positionals.join(" ")}")`);
  const url = resolveUrl(values.url, io.env);
  const email = values.email ?? (await prompt("Email: "));
  const password = values.password ?? (await prompt("Password: ", { secret: true }));
  if (email.trim() === "" || password === "") throw new UsageError("email and password are required");

  const { token, tokenId } = await obtainApiToken({ url, email, password, ...(values.name ? { tokenName: values.name } : {}) });
  const file = saveCredentials({ url, token, email: email.trim().toLowerCase(), tokenId, savedAt: new Date().toISOString() }, io.env);
  io.out(values.json ? `${JSON.stringify({ url, email, tokenId, file })}\n` : `Logged in to ${url} as ${email}. API token saved in ${file}\n`);
  return exitCodes.ok;
};

// `npm run ops -- …`: the command line for operators and scripts, on the typed API client.
import { runCli } from "./run-cli";

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
});

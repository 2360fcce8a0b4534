import { createInterface } from "node:readline";

/** Asks for one line on the terminal; `secret` keeps the answer off the screen. */
export function prompt(question: string, options: { secret?: boolean } = {}): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true });
  return new Promise((resolve) => {
    if (options.secret && process.stdin.isTTY) {
      const output = rl as unknown as { _writeToOutput(text: string): void };
      // readline echoes typed characters through _writeToOutput; print only the question.
      output._writeToOutput = (text: string) => {
        if (text.includes(question)) process.stderr.write(question);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      if (options.secret && process.stdin.isTTY) process.stderr.write("\n");
      resolve(answer);
    });
  });
}

// Structured lines with the process name, and the redaction net under "log ids, never secrets".
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

describe("createLogger", () => {
  it("writes one JSON object per line, with service, level, time and message", () => {
    const { lines, destination } = capture();
    createLogger({ service: "admin", format: "json", destination }).info({ event: "http", status: 200 }, "GET page 200");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ service: "admin", level: 30, event: "http", status: 200, msg: "GET page 200", time: expect.any(String) });
  });

  it("redacts credentials wherever they are passed, top level or one level down", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: "worker", format: "json", destination });
    logger.info({ password: "hunter2", token: "tp_abc", clientSecret: "s3cret", headers: { authorization: "Bearer tp_x", cookie: "tp_session=abc" } }, "careless call site");
    const line = lines[0]!;
    for (const secret of ["hunter2", "tp_abc", "s3cret", "Bearer tp_x", "tp_session=abc"]) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ password: "[redacted]", token: "[redacted]", clientSecret: "[redacted]", headers: { authorization: "[redacted]", cookie: "[redacted]" } });
  });

  it("pretty output for people says which process spoke", () => {
    const { lines, destination } = capture();
    createLogger({ service: "worker", format: "pretty", destination }).info("running");
    expect(lines.join("\n")).toContain("worker: running");
  });
});

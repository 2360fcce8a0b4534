import http from "node:http";

/**
 * One signed-in operator as a browser would be one: its own keep-alive connection and its own
 * session cookie, sending tRPC calls (superjson wire format) to the admin server. Plain
 * node:http rather than fetch: the benchmark client shares the 2 cores with the server it
 * measures, so it should cost as little as it can.
 */
export class OperatorClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private cookie = "";

  constructor(
    private readonly baseUrl: string,
    readonly userId: string,
  ) {}

  /** auth.login over HTTP; keeps the session cookie the server sets. */
  async login(email: string, password: string): Promise<void> {
    const reply = await this.mutation("auth.login", { email, password });
    const setCookie = reply.setCookie.find((cookie) => cookie.startsWith("tp_session="));
    if (reply.status !== 200 || !setCookie) throw new Error(`login of ${email} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    this.cookie = setCookie.split(";")[0] ?? "";
  }

  /** operations.start; returns the outcome the gate answered (throws on anything but a 200). */
  async start(tenant: string, operation: string): Promise<string> {
    const reply = await this.mutation("operations.start", { tenant, operation });
    if (reply.status !== 200) throw new Error(`operations.start answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    const body = JSON.parse(reply.body) as { result?: { data?: { json?: { outcome?: unknown } } } };
    return String(body.result?.data?.json?.outcome);
  }

  close(): void {
    this.agent.destroy();
  }

  /** A tRPC mutation: POST /api/trpc/<path> with `{ json: input }`, from the app's own origin (the CSRF rule). */
  private mutation(path: string, input: unknown): Promise<{ status: number; body: string; setCookie: string[] }> {
    const payload = JSON.stringify({ json: input });
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${this.baseUrl}/api/trpc/${path}`,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
            origin: this.baseUrl,
            ...(this.cookie ? { cookie: this.cookie } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              setCookie: response.headers["set-cookie"] ?? [],
            }),
          );
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(payload);
    });
  }
}

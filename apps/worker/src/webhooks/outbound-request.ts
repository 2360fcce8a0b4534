import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { refusedAddress, type AddressPolicy } from "./address-policy";

/** The delivery could not be sent to where it points: nothing left this process for that address. */
export class DestinationRefused extends Error {
  override readonly name = "DestinationRefused";
}

export interface OutboundAnswer {
  status: number;
}

/**
 * POSTs `body` to `url` and answers the response's status. Connects only to an address the policy
 * allows — checked on the address the connection is actually made to (a resolver that answers
 * differently later cannot slip past it) — never follows a redirect (a 3xx is just the answer),
 * sends no cookies or credentials of its own, reads at most a little of the answer, and gives up
 * after `timeoutMs`.
 */
export function postJson(url: string, body: string, headers: Record<string, string>, options: AddressPolicy & { timeoutMs: number }): Promise<OutboundAnswer> {
  const target = new URL(url);
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal) !== 0) {
    const refused = refusedAddress(literal, options);
    if (refused) return Promise.reject(new DestinationRefused(refused));
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise<OutboundAnswer>((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
        lookup: checkedLookup(options),
        agent: false,
        timeout: options.timeoutMs,
      },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          // The answer's body is not needed; past a little of it, stop reading.
          if (read > 4096) response.destroy();
        });
        response.on("error", () => undefined);
        response.on("close", () => resolve({ status: response.statusCode ?? 0 }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on("error", (error) => reject(error));
    request.end(body);
  });
}

/** dns.lookup, refusing when any address the name resolves to is not allowed. */
function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.map((entry) => refusedAddress(entry.address, policy)).find((reason) => reason !== null);
      if (refused) return callback(new DestinationRefused(`${hostname}: ${refused}`), "", 0);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new DestinationRefused(`${hostname} resolves to no address`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

import { describe, expect, it } from "vitest";
import { clientNetwork } from "../src/client-network";

describe("clientNetwork", () => {
  it("keeps IPv4 addresses as they are", () => {
    expect(clientNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork(" 203.0.113.7 ")).toBe("203.0.113.7");
  });

  it("treats IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(clientNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork("::ffff:cb00:7107")).toBe("203.0.113.7");
  });

  it("groups IPv6 addresses by /64, whatever their spelling", () => {
    const network = "2001:db8:85a3:8d3::/64";
    expect(clientNetwork("2001:0db8:85a3:08d3:1319:8a2e:0370:7344")).toBe(network);
    expect(clientNetwork("2001:DB8:85A3:8D3::1")).toBe(network);
    expect(clientNetwork("[2001:db8:85a3:8d3::2]")).toBe(network);
    expect(clientNetwork("2001:db8:85a3:8d3::3%eth0")).toBe(network);
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
  });

  it("keeps anything unparsable verbatim so it still counts as one client", () => {
    expect(clientNetwork("unknown")).toBe("unknown");
  });
});

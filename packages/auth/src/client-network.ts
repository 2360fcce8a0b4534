import { isIPv4, isIPv6 } from "node:net";

/**
 * The unit that login throttling counts per client. IPv4: the address. IPv6: its /64, because
 * one subscriber usually holds a whole /64 and could otherwise rotate through 2^64 addresses.
 * IPv4-mapped IPv6 (how dual-stack servers report IPv4 clients) counts as the IPv4 address.
 * Anything unparsable is used verbatim, so it still lands in one bucket.
 */
export function clientNetwork(ip: string): string {
  let address = ip.trim().toLowerCase();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  const zone = address.indexOf("%");
  if (zone !== -1) address = address.slice(0, zone);

  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;

  const groups = expandIPv6(address);
  const isMappedIPv4 = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isMappedIPv4) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
}

/** Eight 16-bit groups of a valid IPv6 address (with "::" and a trailing dotted IPv4 expanded). */
function expandIPv6(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const headGroups = parse(head);
  if (tail === undefined) return headGroups;
  const tailGroups = parse(tail);
  const zeros = new Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  return [...headGroups, ...zeros, ...tailGroups];
}

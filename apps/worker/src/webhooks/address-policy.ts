import { BlockList, isIP } from "node:net";

// Where a webhook delivery may connect (ADR 026). The owner chose the URL; what its host name
// resolves to, and where a receiver might try to send us next, they did not. So every delivery
// connects only to an address checked here, redirects are never followed, and:
//  - addresses that are never a receiver — unspecified, link-local (cloud metadata services at
//    169.254.169.254 and fd00:ec2::254 among them), multicast, broadcast, reserved — are refused always;
//  - loopback and private networks (the product's own machine and its LAN: the database, the admin
//    app, internal services) are refused unless the installation allows them
//    (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, for a self-hosted receiver on the LAN).

const never = new BlockList();
never.addSubnet("0.0.0.0", 8, "ipv4");
never.addSubnet("169.254.0.0", 16, "ipv4");
never.addSubnet("224.0.0.0", 4, "ipv4");
never.addSubnet("240.0.0.0", 4, "ipv4");
never.addSubnet("::", 128, "ipv6");
never.addSubnet("fe80::", 10, "ipv6");
never.addSubnet("ff00::", 8, "ipv6");
never.addAddress("fd00:ec2::254", "ipv6");

const privateNetworks = new BlockList();
privateNetworks.addSubnet("127.0.0.0", 8, "ipv4");
privateNetworks.addSubnet("10.0.0.0", 8, "ipv4");
privateNetworks.addSubnet("172.16.0.0", 12, "ipv4");
privateNetworks.addSubnet("192.168.0.0", 16, "ipv4");
privateNetworks.addSubnet("100.64.0.0", 10, "ipv4");
privateNetworks.addSubnet("::1", 128, "ipv6");
privateNetworks.addSubnet("fc00::", 7, "ipv6");

export interface AddressPolicy {
  /** Loopback and private networks may be reached (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  allowPrivateNetworks: boolean;
}

/** Why a delivery may not connect to this IP address, or null when it may. */
export function refusedAddress(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const [ip, type] = mapped ? [mapped, "ipv4" as const] : [address, family === 4 ? ("ipv4" as const) : ("ipv6" as const)];
  if (never.check(ip, type)) return `${address} is not a receiver address (link-local, multicast or reserved)`;
  if (!policy.allowPrivateNetworks && privateNetworks.check(ip, type)) {
    return `${address} is a loopback or private address (set WEBHOOK_ALLOW_PRIVATE_NETWORKS=true to allow it)`;
  }
  return null;
}

import "server-only";
import { BlockList, isIP } from "node:net";

/** IP addresses and CIDR ranges, as the access rules name them (trusted proxies, loopback). */

/** A set of addresses and ranges; IPv4 rules also match IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`). */
export class AddressList {
  readonly #rules = new BlockList();

  /** @param entries IPs or CIDRs, e.g. `10.0.0.0/8`, `::1`; throws a one-line Error naming a bad entry. */
  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefix, ...rest] = entry.split("/");
      const family = isIP(address);
      if (family === 0 || rest.length > 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
      const type = family === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) {
        this.#rules.addAddress(address, type);
        continue;
      }
      const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
      if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128)))
        throw new Error(`"${entry}" has a prefix length out of range`);
      this.#rules.addSubnet(address, bits, type);
    }
  }

  includes(address: string | null | undefined): boolean {
    if (!address) return false;
    const family = isIP(address);
    if (family === 0) return false;
    return this.#rules.check(address, family === 4 ? "ipv4" : "ipv6");
  }
}

const LOOPBACK = new AddressList(["127.0.0.0/8", "::1"]);

/** Whether a listen address or host name only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return bare === "localhost" || LOOPBACK.includes(bare);
}

/**
 * The client's address. Behind a trusted proxy it is the right-most `X-Forwarded-For` entry that is not a
 * trusted proxy itself (the left-most entries are whatever the client chose to send); otherwise the peer.
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | null,
  trusted: AddressList | null,
): string | null {
  if (!peer || !trusted?.includes(peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.includes(hops[i])) return isIP(hops[i]) ? hops[i] : peer;
  return hops[0] && isIP(hops[0]) ? hops[0] : peer;
}

import { describe, expect, it } from "vitest";
import { AddressList, clientAddress, isLoopback } from "./network";

describe("AddressList", () => {
  const list = new AddressList(["10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1"]);

  it("matches addresses and ranges of both families, and IPv4-mapped IPv6", () => {
    expect(list.includes("10.200.3.4")).toBe(true);
    expect(list.includes("::ffff:10.1.1.1")).toBe(true);
    expect(list.includes("192.168.1.7")).toBe(true);
    expect(list.includes("fd12:3456::1")).toBe(true);
    expect(list.includes("::1")).toBe(true);
    expect(list.includes("192.168.1.8")).toBe(false);
    expect(list.includes("11.0.0.1")).toBe(false);
    expect(list.includes("fe80::1")).toBe(false);
  });

  it("matches nothing that is not an address", () => {
    for (const value of [null, undefined, "", "localhost", "10.0.0.1:80", "10.0.0.0/8", "unknown"])
      expect(list.includes(value)).toBe(false);
  });

  it("rejects entries that are not IPs or CIDRs, naming them", () => {
    for (const entry of ["10.0.0.0/33", "::/129", "example.com", "10.0.0.1/8/8", "10.0.0.0/-1", "10.0.0.0/"])
      expect(() => new AddressList([entry])).toThrow(entry);
  });
});

describe("isLoopback", () => {
  it("knows loopback names and addresses from the others", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])
      expect(isLoopback(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "10.0.0.1", "192.168.0.1", "example.com", "::ffff:10.0.0.1"])
      expect(isLoopback(host), host).toBe(false);
  });
});

describe("clientAddress", () => {
  const proxies = new AddressList(["10.0.0.0/8"]);

  it("is the peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.5", "198.51.100.1", proxies)).toBe("203.0.113.5");
    expect(clientAddress("203.0.113.5", "198.51.100.1", null)).toBe("203.0.113.5");
  });

  it("behind trusted proxies, is the right-most forwarded address that is not a proxy", () => {
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.9", proxies)).toBe("198.51.100.1");
    expect(clientAddress("10.0.0.2", "10.0.0.5, 10.0.0.9", proxies)).toBe("10.0.0.5");
  });

  it("falls back to the peer when the forwarded entry is not an address", () => {
    expect(clientAddress("10.0.0.2", "garbage", proxies)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", null, proxies)).toBe("10.0.0.2");
    expect(clientAddress(null, "1.2.3.4", proxies)).toBeNull();
  });
});

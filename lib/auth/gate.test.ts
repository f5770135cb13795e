import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseAuthConfig } from "../config";
import { PEER_ADDRESS_HEADER, stampPeerAddresses } from "../security/peer";
import { Rng } from "../simulator/random";
import { hostileValue } from "../testing/hostile";
import { AccessGate, type GateDecision } from "./gate";
import { hashPassword } from "./password";

let users: string;

beforeAll(async () => {
  // Failed sign-ins are logged, on purpose; not in the test output.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  // The gate trusts the peer header only once the stamp that overwrites it is installed.
  stampPeerAddresses();
  const cost = { N: 1024, r: 8, p: 1 };
  users = `alice:${await hashPassword("alice-pass", cost)},bob:${await hashPassword("pässwörd", cost)}`;
});

afterAll(() => {
  vi.restoreAllMocks();
});

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

function headers(values: Record<string, string>, peer = "203.0.113.7"): Headers {
  return new Headers({ [PEER_ADDRESS_HEADER]: peer, ...values });
}

function statusOf(decision: GateDecision): number {
  return decision.allowed ? 200 : decision.response.status;
}

function basicGate(env: Record<string, string> = {}) {
  let now = 0;
  const gate = new AccessGate(parseAuthConfig({ DASHBOARD_AUTH: "basic", DASHBOARD_USERS: users, ...env }), {
    now: () => now,
  });
  return { gate, advance: (ms: number) => (now += ms) };
}

describe("basic access", () => {
  it("lets in the configured users with their passwords and names them", async () => {
    const { gate } = basicGate();
    expect(await gate.check(headers({ authorization: basic("alice", "alice-pass") }))).toEqual({
      allowed: true,
      user: "alice",
    });
    expect(await gate.check(headers({ authorization: basic("bob", "pässwörd") }))).toEqual({
      allowed: true,
      user: "bob",
    });
  });

  it("challenges a request without credentials, and refuses wrong ones", async () => {
    const { gate } = basicGate();
    const missing = await gate.check(headers({}));
    expect(statusOf(missing)).toBe(401);
    expect(!missing.allowed && missing.response.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    for (const authorization of [
      basic("alice", "wrong"),
      basic("alice", "alice-pas"),
      basic("mallory", "alice-pass"),
      basic("bob", "passwort"),
      "Basic !!!",
      "Bearer abc",
      `Basic ${Buffer.from("no-colon").toString("base64")}`,
    ])
      expect(statusOf(await gate.check(headers({ authorization }))), authorization).toBe(401);
  });

  it("answers 429 after 10 failures for one name from one address within 5 minutes, for that name there only", async () => {
    const { gate, advance } = basicGate();
    for (let i = 0; i < 10; i++)
      expect(statusOf(await gate.check(headers({ authorization: basic("alice", `guess-${i}`) })))).toBe(401);
    const limited = await gate.check(headers({ authorization: basic("alice", "alice-pass") }));
    expect(statusOf(limited)).toBe(429);
    expect(Number(!limited.allowed && limited.response.headers.get("retry-after"))).toBe(300);
    // Another address (and X-Forwarded-For from an untrusted peer does not change the address).
    expect(statusOf(await gate.check(headers({ authorization: basic("alice", "alice-pass") }, "203.0.113.8")))).toBe(
      200,
    );
    expect(
      statusOf(await gate.check(headers({ authorization: basic("alice", "x"), "x-forwarded-for": "198.51.100.1" }))),
    ).toBe(429);
    // Other users behind the same address (a NAT, a proxy) sign in as usual; other names are still checked.
    expect(statusOf(await gate.check(headers({ authorization: basic("bob", "pässwörd") })))).toBe(200);
    expect(statusOf(await gate.check(headers({ authorization: basic("mallory", "guess") })))).toBe(401);
    advance(5 * 60_000);
    expect(statusOf(await gate.check(headers({ authorization: basic("alice", "alice-pass") })))).toBe(200);
  });

  it("lets credentials verified before through while their name is locked at the address", async () => {
    const { gate, advance } = basicGate();
    const alice = headers({ authorization: basic("alice", "alice-pass") });
    expect(statusOf(await gate.check(alice))).toBe(200);
    for (let i = 0; i < 10; i++) await gate.check(headers({ authorization: basic("alice", `guess-${i}`) }));
    expect(statusOf(await gate.check(headers({ authorization: basic("alice", "guess") })))).toBe(429);
    // Each use keeps them verified: a user at work is never locked out by guesses at their name.
    for (let minute = 0; minute < 12; minute += 4) {
      advance(4 * 60_000);
      for (let i = 0; i < 10; i++) await gate.check(headers({ authorization: basic("alice", `more-${minute}-${i}`) }));
      expect(statusOf(await gate.check(alice)), `minute ${minute}`).toBe(200);
    }
  });

  it("gives a guesser at most 10 password checks per name and address in 5 minutes", async () => {
    const { gate, advance } = basicGate();
    const checked = async (user: string, guesses: number) => {
      let count = 0;
      for (let i = 0; i < guesses; i++)
        if (statusOf(await gate.check(headers({ authorization: basic(user, `guess-${i}`) }))) === 401) count++;
      return count;
    };
    expect(await checked("alice", 50)).toBe(10);
    expect(await checked("bob", 50)).toBe(10);
    advance(60_000);
    expect(await checked("alice", 50)).toBe(0);
    advance(4 * 60_000);
    expect(await checked("alice", 50)).toBe(10);
  });

  it("counts failures per client behind a trusted proxy", async () => {
    const { gate } = basicGate({ DASHBOARD_TRUSTED_PROXIES: "10.0.0.1" });
    const via = (client: string, password: string) =>
      headers({ authorization: basic("alice", password), "x-forwarded-for": client }, "10.0.0.1");
    for (let i = 0; i < 10; i++) await gate.check(via("198.51.100.1", `guess-${i}`));
    expect(statusOf(await gate.check(via("198.51.100.1", "alice-pass")))).toBe(429);
    expect(statusOf(await gate.check(via("198.51.100.2", "alice-pass")))).toBe(200);
  });

  it("counts concurrent guesses before they are checked, so a burst cannot exceed the limit", async () => {
    const { gate } = basicGate();
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => gate.check(headers({ authorization: basic("alice", `burst-${i}`) }))),
    );
    expect(burst.filter((decision) => statusOf(decision) === 401).length).toBe(10);
    expect(burst.filter((decision) => statusOf(decision) === 429).length).toBe(20);
  });

  it("does not count a successful sign-in as a failure", async () => {
    const { gate } = basicGate();
    for (let i = 0; i < 20; i++)
      expect(statusOf(await gate.check(headers({ authorization: basic("alice", "alice-pass") })))).toBe(200);
    for (let i = 0; i < 10; i++) await gate.check(headers({ authorization: basic("alice", `x${i}`) }));
    expect(statusOf(await gate.check(headers({ authorization: basic("alice", "x") })))).toBe(429);
  });
});

describe("proxy access", () => {
  const gate = () =>
    new AccessGate(parseAuthConfig({ DASHBOARD_AUTH: "proxy", DASHBOARD_TRUSTED_PROXIES: "10.0.0.0/8" }));

  it("takes the user from the header of a trusted proxy", async () => {
    expect(await gate().check(headers({ "x-forwarded-user": "carol" }, "10.1.2.3"))).toEqual({
      allowed: true,
      user: "carol",
    });
  });

  it("refuses the header from any other address, and a trusted request without a user", async () => {
    expect(statusOf(await gate().check(headers({ "x-forwarded-user": "carol" }, "203.0.113.7")))).toBe(403);
    expect(statusOf(await gate().check(headers({ "x-forwarded-user": "carol", "x-forwarded-for": "10.0.0.1" })))).toBe(
      403,
    );
    for (const user of ["", "   ", "a\tb", "x".repeat(300)])
      expect(statusOf(await gate().check(headers({ "x-forwarded-user": user }, "10.1.2.3"))), user).toBe(403);
    expect(statusOf(await gate().check(headers({}, "10.1.2.3")))).toBe(403);
  });

  it("refuses everything when the peer is unknown", async () => {
    const request = new Headers({ "x-forwarded-user": "carol" });
    expect(statusOf(await gate().check(request))).toBe(403);
  });
});

describe("no access control", () => {
  it("lets every request in, anonymously", async () => {
    expect(await new AccessGate(parseAuthConfig({})).check(new Headers())).toEqual({ allowed: true, user: null });
  });
});

describe("hostile headers", () => {
  it("get 200, 401, 403 or 429 in every mode, never an exception", async () => {
    const rng = new Rng(7);
    const values = () => hostileValue(rng, ["alice:alice-pass", "bob:pässwörd", "alice:"]);
    const headerValue = (text: string) => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, "?").trim();
    const gates = [
      basicGate().gate,
      new AccessGate(parseAuthConfig({ DASHBOARD_AUTH: "proxy", DASHBOARD_TRUSTED_PROXIES: "10.0.0.0/8" })),
    ];
    const statuses = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const value = values();
      const authorization = headerValue(
        rng.pick([
          `Basic ${Buffer.from(value).toString("base64")}`,
          `Basic ${value}`,
          `basic  ${Buffer.from(value).toString("base64")}==`,
          value,
        ]),
      );
      const request = headers(
        { authorization, "x-forwarded-user": headerValue(values()), "x-forwarded-for": headerValue(values()) },
        rng.pick(["10.0.0.1", "203.0.113.9", "::1", headerValue(values())]),
      );
      statuses.add(statusOf(await rng.pick(gates).check(request)));
    }
    expect([...statuses].every((status) => [200, 401, 403, 429].includes(status))).toBe(true);
    expect(statuses.size).toBeGreaterThan(2);
  });
});

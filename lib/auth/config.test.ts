import { describe, expect, it } from "vitest";
import { ConfigError, configFor, parseAuthConfig, parseSettings } from "../config";

const HASH = `scrypt$1024$8$1$${Buffer.alloc(16, 7).toString("base64url")}$${Buffer.alloc(32, 9).toString("base64url")}`;

/** The one line start-up would print for an environment, or null when it is valid. */
function problem(env: Record<string, string>): string | null {
  try {
    parseAuthConfig(env);
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.message).not.toContain("\n");
    expect(error.message).not.toContain(HASH.split("$")[5]);
    return error.message;
  }
}

describe("access configuration", () => {
  it("defaults to none, without the unauthenticated opt-out", () => {
    expect(parseAuthConfig({})).toEqual({ mode: "none", allowUnauthenticated: false });
    expect(parseAuthConfig({ DASHBOARD_ALLOW_UNAUTHENTICATED: "1" })).toEqual({
      mode: "none",
      allowUnauthenticated: true,
    });
  });

  it("reads basic users with their hashes", () => {
    const auth = parseAuthConfig({ DASHBOARD_AUTH: "basic", DASHBOARD_USERS: `alice:${HASH}, bob:${HASH}` });
    expect(auth.mode === "basic" && [...auth.users.keys()]).toEqual(["alice", "bob"]);
    expect(auth.mode === "basic" && auth.users.get("alice")?.N).toBe(1024);
    expect(auth.mode === "basic" && auth.trustedProxies).toBeNull();
  });

  it("reads proxy mode with the default or a configured user header", () => {
    const auth = parseAuthConfig({ DASHBOARD_AUTH: "proxy", DASHBOARD_TRUSTED_PROXIES: "10.0.0.0/8, ::1" });
    expect(auth.mode === "proxy" && auth.userHeader).toBe("x-forwarded-user");
    expect(auth.mode === "proxy" && auth.trustedProxies.includes("10.1.2.3")).toBe(true);
    const custom = parseAuthConfig({
      DASHBOARD_AUTH: "proxy",
      DASHBOARD_TRUSTED_PROXIES: "127.0.0.1",
      DASHBOARD_PROXY_USER_HEADER: "X-Auth-Request-User",
    });
    expect(custom.mode === "proxy" && custom.userHeader).toBe("x-auth-request-user");
  });

  it("stops on each bad value with one line naming the variable", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ DASHBOARD_AUTH: "ldap" }, /^DASHBOARD_AUTH: must be none, basic or proxy/],
      [{ DASHBOARD_AUTH: "basic" }, /^DASHBOARD_USERS: required/],
      [{ DASHBOARD_AUTH: "basic", DASHBOARD_USERS: "alice" }, /^DASHBOARD_USERS: expected name:hash/],
      [{ DASHBOARD_AUTH: "basic", DASHBOARD_USERS: `a b:${HASH}` }, /^DASHBOARD_USERS: expected name:hash/],
      [{ DASHBOARD_AUTH: "basic", DASHBOARD_USERS: "alice:plaintext" }, /^DASHBOARD_USERS: the hash of user "alice"/],
      [
        { DASHBOARD_AUTH: "basic", DASHBOARD_USERS: `a:${HASH},a:${HASH}` },
        /^DASHBOARD_USERS: user "a" is listed twice/,
      ],
      [{ DASHBOARD_USERS: `a:${HASH}` }, /^DASHBOARD_USERS: is set, but DASHBOARD_AUTH is none/],
      [{ DASHBOARD_AUTH: "proxy" }, /^DASHBOARD_TRUSTED_PROXIES: required/],
      [
        { DASHBOARD_AUTH: "proxy", DASHBOARD_TRUSTED_PROXIES: "proxy.local" },
        /^DASHBOARD_TRUSTED_PROXIES: "proxy.local"/,
      ],
      [{ DASHBOARD_AUTH: "proxy", DASHBOARD_TRUSTED_PROXIES: "0.0.0.0/0" }, /^DASHBOARD_TRUSTED_PROXIES: a \/0 range/],
      [{ DASHBOARD_AUTH: "proxy", DASHBOARD_TRUSTED_PROXIES: " , " }, /^DASHBOARD_TRUSTED_PROXIES: lists no address/],
      [
        {
          DASHBOARD_AUTH: "proxy",
          DASHBOARD_TRUSTED_PROXIES: "10.0.0.1",
          DASHBOARD_PROXY_USER_HEADER: "Authorization",
        },
        /^DASHBOARD_PROXY_USER_HEADER: must be a header name/,
      ],
      [
        { DASHBOARD_AUTH: "proxy", DASHBOARD_TRUSTED_PROXIES: "10.0.0.1", DASHBOARD_PROXY_USER_HEADER: "X User" },
        /^DASHBOARD_PROXY_USER_HEADER: must be a header name/,
      ],
      [{ DASHBOARD_PROXY_USER_HEADER: "X-User" }, /^DASHBOARD_PROXY_USER_HEADER: is set, but DASHBOARD_AUTH is none/],
      [{ DASHBOARD_TRUSTED_PROXIES: "10.0.0.1" }, /^DASHBOARD_TRUSTED_PROXIES: is set, but DASHBOARD_AUTH is none/],
      [{ DASHBOARD_ALLOW_UNAUTHENTICATED: "yes" }, /^DASHBOARD_ALLOW_UNAUTHENTICATED: must be 1 or 0/],
      [
        { DASHBOARD_AUTH: "basic", DASHBOARD_USERS: `a:${HASH}`, DASHBOARD_ALLOW_UNAUTHENTICATED: "1" },
        /^DASHBOARD_ALLOW_UNAUTHENTICATED: is set, but DASHBOARD_AUTH is basic/,
      ],
    ];
    for (const [env, expected] of cases) expect(problem(env), JSON.stringify(env)).toMatch(expected);
  });

  const demo = {
    credentials: { ak: "DEMOAK1234", sk: "demo-secret-key" },
    projects: [{ region: "cn-north-4", projectId: "0483b6b16e954cb88930a360d2c4e663" }],
    endpoints: { taurusdb: "http://127.0.0.1:1", rds: "http://127.0.0.1:2", dcs: "http://127.0.0.1:3" },
  };
  const parseConfig = (env: Record<string, string>, cloud: typeof demo) => configFor(parseSettings(env), cloud);

  it("is part of the whole configuration, with the cloud timeout", () => {
    const config = parseConfig(
      { CLOUD_TIMEOUT_MS: "250", DASHBOARD_AUTH: "basic", DASHBOARD_USERS: `a:${HASH}` },
      demo,
    );
    expect(config.cloudTimeoutMs).toBe(250);
    expect(config.auth.mode).toBe("basic");
    expect(parseConfig({}, demo).cloudTimeoutMs).toBe(10_000);
    for (const value of ["50", "abc", "1.5", "200000"])
      expect(() => parseConfig({ CLOUD_TIMEOUT_MS: value }, demo), value).toThrow(/^CLOUD_TIMEOUT_MS: /);
    expect(() => parseConfig({ DASHBOARD_AUTH: "x" }, demo)).toThrow(/^DASHBOARD_AUTH: /);
  });

  it("caps cloud response bodies at 32 MiB, a limit that may only be raised, up to 256 MiB", () => {
    expect(parseConfig({}, demo).cloudMaxBodyBytes).toBe(32 * 2 ** 20);
    expect(parseConfig({ CLOUD_MAX_BODY_MB: "256" }, demo).cloudMaxBodyBytes).toBe(256 * 2 ** 20);
    for (const value of ["31", "0", "257", "64.5", "1e3", "-40"])
      expect(() => parseConfig({ CLOUD_MAX_BODY_MB: value }, demo), value).toThrow(
        /^CLOUD_MAX_BODY_MB: must be a whole number of MiB from 32 to 256, not "/,
      );
  });
});

import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import { PEER_ADDRESS_HEADER, stampPeerAddresses } from "../security/peer";
import { USER_HEADER } from "./gate";
import { hashPassword } from "./password";

/** proxy.ts as Next.js runs it, with DASHBOARD_AUTH=basic from the environment. */

beforeAll(async () => {
  stampPeerAddresses();
  Object.assign(process.env, {
    DASHBOARD_AUTH: "basic",
    DASHBOARD_USERS: `alice:${await hashPassword("alice-pass", { N: 1024, r: 8, p: 1 })}`,
  });
});

function request(path: string, headers: Record<string, string> = {}, method = "GET"): NextRequest {
  return new NextRequest(`http://localhost${path}`, {
    method,
    headers: { [PEER_ADDRESS_HEADER]: "192.0.2.10", ...headers },
  });
}

const alice = { authorization: `Basic ${Buffer.from("alice:alice-pass").toString("base64")}` };

describe("the proxy", () => {
  it("refuses requests without valid credentials, as JSON", async () => {
    const response = await proxy(request("/api/backups"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect((await proxy(request("/", { authorization: "Basic YWxpY2U6bm8=" }))).status).toBe(401);
  });

  it("passes a signed-in request on with the user, replacing any user header the client sent", async () => {
    const response = await proxy(request("/api/backups", { ...alice, [USER_HEADER]: "admin" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get(`x-middleware-request-${USER_HEADER}`)).toBe("alice");
  });

  it("guards the sync route like every other, for both of its methods", async () => {
    const [matcher] = config.matcher;
    expect(new RegExp(`^${matcher}$`).test("/api/sync")).toBe(true);
    expect(new RegExp(`^${matcher}$`).test("/api/health")).toBe(false);
    for (const method of ["GET", "POST"]) {
      expect((await proxy(request("/api/sync", {}, method))).status, method).toBe(401);
      expect((await proxy(request("/api/sync", alice, method))).status, method).toBe(200);
    }
  });

  it("gives each response its own script nonce, without unsafe-eval or unsafe-inline scripts", async () => {
    const policies = await Promise.all(
      [1, 2].map(async () => (await proxy(request("/", alice))).headers.get("content-security-policy") ?? ""),
    );
    const nonces = policies.map((policy) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1]);
    expect(nonces[0]).toBeTruthy();
    expect(nonces[0]).not.toBe(nonces[1]);
    for (const policy of policies) {
      const scripts = policy.split("; ").find((directive) => directive.startsWith("script-src")) ?? "";
      expect(scripts).not.toMatch(/unsafe-eval|unsafe-inline/);
      expect(policy).toContain("frame-ancestors 'none'");
    }
  });
});

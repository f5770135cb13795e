import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SERVICES, type Source } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call, startTestCloud } from "@/lib/testing/cloud";
import { GET as exportGet } from "./backups/export/route";
import { GET as backupsGet } from "./backups/route";
import { GET as healthGet } from "./health/route";
import { GET as instancesGet } from "./instances/route";

/**
 * The cloud rejects the configured key pair (the simulator accepts another one): every source says so plainly,
 * no call is repeated within the cache period, and no answer or log line holds either key.
 */

const REJECTED = { ak: "REJECTEDKEY0123456789", sk: "rejected-secret-key-0123456789abcdef" };

let simulator: Simulator;
const logged: string[] = [];

beforeAll(async () => {
  simulator = await startTestCloud({ instances: 12, days: 2 });
  Object.assign(process.env, { CLOUD_SDK_AK: REJECTED.ak, CLOUD_SDK_SK: REJECTED.sk });
  for (const level of ["log", "info", "warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
});

afterEach(() => {
  const secrets = [REJECTED.ak, REJECTED.sk, simulator.credentials.ak, simulator.credentials.sk];
  for (const line of logged) for (const secret of secrets) expect(line).not.toContain(secret);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await simulator.close();
});

const FIRST_CALLS = { taurusdb: 2, rds: 3, dcs: 1 } as const;

const totalCalls = () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0);

type Handler = (request: Request) => Promise<Response>;
const ROUTES: [string, Handler][] = [
  ["/api/backups", backupsGet],
  ["/api/backups?service=rds&status=failed&sort=sizeBytes", backupsGet],
  ["/api/backups/export", exportGet],
  ["/api/instances", instancesGet],
  ["/api/health", healthGet],
  ["/api/health?ready=1", healthGet],
  ["/api/backups?pageSize=0", backupsGet],
  [`/api/backups?q=${"x".repeat(500)}`, backupsGet],
  ["/api/backups/export?sort=password", exportGet],
  ["/api/instances?refresh=2", instancesGet],
];

/** Status, headers and body of an answer as one text. */
async function wholeAnswer(handler: Handler, path: string): Promise<{ status: number; text: string }> {
  const response = await call(handler, path);
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return { status: response.status, text: `${headers}\n\n${await response.text()}` };
}

describe("credentials the cloud rejects", () => {
  it("fail every source with the gateway's message, without retrying, and 502", async () => {
    const response = await call(backupsGet, "/api/backups");
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body.error.code).toBe("upstream_unavailable");
    const sources = body.sources as Source[];
    expect(sources.length).toBe(simulator.projects.length * SERVICES.length);
    for (const source of sources) {
      expect(source.ok).toBe(false);
      expect(source.error).toMatchObject({ code: "APIGW.0301", httpStatus: 401 });
      expect(source.error?.message).toContain("Incorrect IAM authentication information");
      // An authentication failure is not retried: each source stopped after the calls that go out together first:
      // TaurusDB's instance list and project-wide backup list, RDS's two instance lists (Flexus apart) and its
      // cross-region instance list, DCS's instance list.
      expect(source.calls).toBe(FIRST_CALLS[source.service]);
    }
    // The simulator counts a call when it arrives; a sibling call may arrive just after the answer.
    await expect.poll(totalCalls).toBe(sources.reduce((sum, source) => sum + source.calls, 0));
  });

  it("call the cloud no more within the cache period, whatever is asked", async () => {
    const before = totalCalls();
    for (let round = 0; round < 3; round++)
      for (const path of ["/api/backups", "/api/backups?status=failed&page=2", "/api/backups/export"])
        expect((await call(path.includes("export") ? exportGet : backupsGet, path)).status).toBe(502);
    expect(totalCalls()).toBe(before);
    // The instance list is its own fetch: one call per source once (two for RDS: Flexus apart), then none.
    expect((await call(instancesGet, "/api/instances")).status).toBe(502);
    const afterInstances = before + simulator.projects.length * (SERVICES.length + 1);
    await expect.poll(totalCalls).toBe(afterInstances);
    for (let round = 0; round < 3; round++) await call(instancesGet, "/api/instances");
    expect(totalCalls()).toBe(afterInstances);
  });

  it("never put a key in any answer of any route, errors included", async () => {
    const secrets = [REJECTED.ak, REJECTED.sk, simulator.credentials.ak, simulator.credentials.sk];
    const statuses = new Set<number>();
    for (const [path, handler] of ROUTES) {
      const { status, text } = await wholeAnswer(handler, path);
      statuses.add(status);
      for (const secret of secrets) expect(text, path).not.toContain(secret);
    }
    expect([...statuses].sort()).toEqual([200, 400, 502, 503]);
  });
});

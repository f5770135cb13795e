import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SERVICES, type Source } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import { passSyncSpacing, startTestInventory, stopTestInventory } from "@/lib/testing/inventory";
import { GET as exportGet } from "./backups/export/route";
import { GET as backupsGet } from "./backups/route";
import { GET as healthGet } from "./health/route";
import { GET as instancesGet } from "./instances/route";

/**
 * The cloud rejects the configured key pair (the simulator accepts another one) from the first sync on: every
 * source says so plainly, the keys are not tried again before the reconcile interval (the gateway locks a key pair
 * after 5 failures), and no answer or log line holds either key.
 */

// The sync's clock is the system's: moved past the spacing of requested syncs where a test needs another one.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

const REJECTED = { ak: "REJECTEDKEY0123456789", sk: "rejected-secret-key-0123456789abcdef" };

let simulator: Simulator;
const logged: string[] = [];

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
  simulator = await startTestInventory(
    { instances: 12, days: 2 },
    { CLOUD_SDK_AK: REJECTED.ak, CLOUD_SDK_SK: REJECTED.sk },
  );
});

afterEach(() => {
  const secrets = [REJECTED.ak, REJECTED.sk, simulator.credentials.ak, simulator.credentials.sk];
  for (const line of logged) for (const secret of secrets) expect(line).not.toContain(secret);
});

afterAll(async () => {
  await stopTestInventory(simulator);
  vi.restoreAllMocks();
  vi.useRealTimers();
});

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
  it("fail every source with the gateway's message and 502, after a couple of calls, not one per source", async () => {
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
    }
    // Calls go out one at a time until one shows the keys work; two projects refusing them is enough to know.
    // The simulator counts a call when it arrives; a sibling call may arrive just after the answer.
    await expect.poll(totalCalls).toBeLessThanOrEqual(2);
    expect(totalCalls()).toBeGreaterThan(0);
  });

  it("call the cloud no more before the reconcile interval, whatever is asked, refresh=1 included", async () => {
    const before = totalCalls();
    for (let round = 0; round < 3; round++)
      for (const path of [
        "/api/backups",
        "/api/backups?status=failed&page=2",
        "/api/backups/export",
        "/api/instances",
        "/api/backups?refresh=1",
      ]) {
        await passSyncSpacing();
        expect((await call(path.includes("export") ? exportGet : path.includes("instances") ? instancesGet : backupsGet, path)).status).toBe(502);
      }
    expect(totalCalls()).toBe(before);
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

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BackupPage, SERVICES } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { startTestCloud } from "@/lib/testing/cloud";
import { firstSync, passSyncSpacing, stopTestInventory } from "@/lib/testing/inventory";
import { type RewritingProxy, startRewritingProxy } from "@/lib/testing/rewriting-proxy";
import { GET as exportGet } from "./backups/export/route";
import { GET as backupsGet } from "./backups/route";
import { GET as instancesGet } from "./instances/route";

/**
 * Where the cloud calls go and what comes back from them: only the configured endpoints are called, whatever
 * the request says, and text the cloud sends cannot turn into a spreadsheet formula in the export.
 */

/** Backup names and descriptions a hostile (or compromised) upstream could send. */
const FORMULAS = ["=HYPERLINK(1)", "+SUM(1+1)", "-2+3", "@cmd", "\tTAB", "\rCR"];

// The sync's clock is the system's: moved past the spacing of requested syncs where a test needs another one.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

let simulator: Simulator;
let decoy: Server;
let decoyHits = 0;
let rewriter: RewritingProxy;
let rewritten = 0;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let decoyUrl: string;

beforeAll(async () => {
  // Enough DCS backups (a fifth of the instances, one a day) to carry every formula.
  simulator = await startTestCloud({ instances: 60, days: 2 });
  decoy = createServer((_, response) => {
    decoyHits++;
    response.writeHead(500).end();
  });
  decoyUrl = await listen(decoy);
  // DCS through a hop that rewrites the names and remarks of the backup records in the answers.
  rewriter = await startRewritingProxy(simulator.endpoints.dcs, (path, body) => {
    if (path.endsWith("/backups"))
      for (const record of (body.backup_record_response ?? []) as Record<string, unknown>[]) {
        record.backup_name = FORMULAS[rewritten % FORMULAS.length];
        record.remark = FORMULAS[(rewritten + 1) % FORMULAS.length];
        rewritten++;
      }
    return body;
  });
  process.env.DCS_ENDPOINT = rewriter.url;
  await firstSync();
});

afterAll(async () => {
  decoy.close();
  await rewriter.close();
  await stopTestInventory(simulator);
  vi.useRealTimers();
});

const totalCalls = () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0);

describe("the upstream", () => {
  it("is never taken from a query parameter", async () => {
    for (const name of ["endpoint", "TAURUSDB_ENDPOINT", "rds_endpoint", "host", "url"]) {
      const response = await backupsGet(new Request(`http://localhost/api/backups?${name}=${decoyUrl}`));
      expect(response.status, name).toBe(400);
    }
    expect(decoyHits).toBe(0);
  });

  it("is never taken from the request's host or forwarding headers", async () => {
    const decoyHost = new URL(decoyUrl).host;
    const headers = {
      host: decoyHost,
      "x-forwarded-host": decoyHost,
      "x-forwarded-proto": "http",
      forwarded: `host=${decoyHost};proto=http`,
      "x-original-url": decoyUrl,
    };
    await passSyncSpacing();
    const before = totalCalls();
    for (const [path, handler] of [
      ["/api/backups?refresh=1", backupsGet],
      ["/api/backups/export?refresh=1", exportGet],
      ["/api/instances?refresh=1", instancesGet],
    ] as const) {
      const response = await handler(new Request(`${decoyUrl}${path}`, { headers }));
      expect(response.status, path).toBe(200);
      await response.text();
    }
    expect(decoyHits).toBe(0);
    // The sync went to the configured cloud: the simulator served it (DCS through the rewriting hop).
    expect(totalCalls()).toBeGreaterThan(before);
  });
});

describe("text from the upstream", () => {
  it("is kept as sent in the JSON API", async () => {
    const response = await backupsGet(new Request("http://localhost/api/backups?service=dcs&pageSize=1000"));
    const page = (await response.json()) as BackupPage;
    expect(page.items.length).toBeGreaterThan(FORMULAS.length);
    expect(new Set(page.items.map((backup) => backup.name))).toEqual(new Set(FORMULAS));
  });

  it("cannot start a formula in an exported cell: each is prefixed with a quote", async () => {
    const response = await exportGet(new Request("http://localhost/api/backups/export?service=dcs"));
    expect(response.status).toBe(200);
    const csv = await response.text();
    for (const formula of FORMULAS) {
      expect(csv, JSON.stringify(formula)).toContain(`'${formula}`);
      // Not at the start of a cell: after a separator, a record start or an opening quote.
      for (const before of [",", "\n", '"']) expect(csv).not.toContain(`${before}${formula}`);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InstanceList, Source } from "@/lib/inventory/model";
import { call, temporaryDataDir } from "@/lib/testing/cloud";
import {
  DCS,
  HOSTILE_PROJECTS,
  type HostileAnswer,
  type HostileDcs,
  hostileAnswers,
  saneDcs,
  startHostileDcs,
} from "@/lib/testing/hostile";
import { passSyncSpacing, stopTestInventory } from "@/lib/testing/inventory";
import { GET as exportGet } from "./backups/export/route";
import { GET as backupsGet } from "./backups/route";
import { GET as coverageExportGet } from "./coverage/export/route";
import { GET as coverageGet } from "./coverage/route";
import { GET as healthGet } from "./health/route";
import { GET as instancesGet } from "./instances/route";
import { GET as restorePointsGet } from "./restore-points/route";
import { GET as timelineGet } from "./timeline/route";

/**
 * The routes against a hostile upstream (lib/testing/hostile.ts): a plain-http DCS endpoint that answers what it
 * likes for one project (`bad`) while the other (`good`) answers like DCS. Whatever `bad` answers, its source
 * fails with a clear error (keeping what it stored), the other source's data is served, and the next sync, once
 * `bad` behaves, succeeds. Each sync is asked for with `refresh=1`. The same against the production server, and its
 * memory, are in e2e/hostile.spec.ts and the bench.
 */

// The sync's clock is the system's: moved past the spacing of requested syncs before each refresh.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

const MiB = 2 ** 20;
const GOOD = HOSTILE_PROJECTS.good.projectId;
const BAD = HOSTILE_PROJECTS.bad.projectId;

let upstream: HostileDcs;

beforeAll(async () => {
  upstream = await startHostileDcs();
  // A slow body costs two attempts of the timeout; reading 32 MiB must fit in one on a busy machine.
  Object.assign(process.env, { ...upstream.env, CLOUD_TIMEOUT_MS: "2000", DATA_DIR: temporaryDataDir() });
});

afterAll(async () => {
  await stopTestInventory(upstream);
  vi.useRealTimers();
});

/** `/api/instances` after a sync of every source (`refresh=1`). */
async function instances(): Promise<{ status: number; sources: Source[]; items: InstanceList["items"] }> {
  await passSyncSpacing();
  const response = await call(instancesGet, "/api/instances?refresh=1");
  const body = (await response.json()) as InstanceList;
  return { status: response.status, sources: body.sources, items: body.items };
}

const sourceOf = (sources: Source[], project: string) => sources.find((source) => source.projectId === project);

const itemsOf = (items: InstanceList["items"], project: string) => items.filter((item) => item.projectId === project);

/**
 * `bad` answers `answer` to its instance list: its source fails with `code` and keeps the instances it stored,
 * `good` is served; then it recovers.
 */
async function expectFailureThenRecovery(answer: HostileAnswer, code: string): Promise<Source> {
  const before = await instances();
  upstream.bad = (url) => (url.pathname.endsWith("/instances") ? answer : saneDcs(url));
  const failed = await instances();
  expect(failed.status).toBe(200);
  expect(sourceOf(failed.sources, GOOD)).toMatchObject({ ok: true, error: null });
  const source = sourceOf(failed.sources, BAD);
  expect(source).toMatchObject({ ok: false, error: { code } });
  expect(itemsOf(failed.items, GOOD)).toHaveLength(1);
  expect(itemsOf(failed.items, BAD)).toEqual(itemsOf(before.items, BAD));
  upstream.bad = saneDcs;
  const next = await instances();
  expect(next.sources.map((s) => [s.projectId, s.ok])).toEqual([
    [GOOD, true],
    [BAD, true],
  ]);
  return source as Source;
}

describe("a huge or inconsistent total", () => {
  it("fails its source at the first page, in one call, with an error that says so", async () => {
    for (const total of [999_999_999_999_999, 5000]) {
      const source = await expectFailureThenRecovery(
        hostileAnswers.json(DCS.instanceList([DCS.instance("only-one")], total)),
        "invalid_response",
      );
      expect(source.error?.message).toContain("its totals are inconsistent");
      expect(source.calls).toBe(1);
    }
  });
});

describe("a huge body", () => {
  it("fails its source as response_too_large; the calls after it succeed, more of them than the endpoint's slots", async () => {
    for (const declared of [false, true]) {
      const source = await expectFailureThenRecovery(
        hostileAnswers.hugeBody(600 * MiB, { declared }),
        "response_too_large",
      );
      expect(source.error?.message).toContain("larger than the 32 MiB limit");
    }
    // 20 failed calls in a row on an endpoint of 16 slots: had one kept its slot, the next would never start.
    upstream.bad = () => hostileAnswers.hugeBody(64 * MiB);
    for (let i = 0; i < 20; i++)
      expect(sourceOf((await instances()).sources, BAD)?.error?.code).toBe("response_too_large");
    upstream.bad = saneDcs;
    expect(sourceOf((await instances()).sources, BAD)?.ok).toBe(true);
  });
});

describe("a slow body", () => {
  it("times out its source, and the next request succeeds", async () => {
    await expectFailureThenRecovery(hostileAnswers.slowBody(20), "timeout");
  });
});

describe("an odd error code", () => {
  const codes = ["A\r\nSet-Cookie: x=1", "错误代码", "\u0000\u00ff\u0100", "X".repeat(10_000)];

  it("never costs an export: the failed source is named in an encoded X-Incomplete-Sources", async () => {
    for (const code of codes) {
      upstream.bad = () => hostileAnswers.error(400, code, "refused");
      for (const [handler, path] of [
        [exportGet, "/api/backups/export?refresh=1"],
        [coverageExportGet, "/api/coverage/export?refresh=1"],
      ] as const) {
        await passSyncSpacing();
        const response = await call(handler, path);
        expect(response.status, `${path} ${JSON.stringify(code)}`).toBe(200);
        const header = response.headers.get("x-incomplete-sources") ?? "";
        expect(header.startsWith(`dcs/cn-east-3/${BAD}: `)).toBe(true);
        expect(header).toMatch(/^[\x20-\x7e]+$/);
        expect(decodeURIComponent(header.slice(header.indexOf(": ") + 2))).toBe(code.slice(0, 64));
        expect(await response.text()).toContain(`inst-${GOOD}`);
      }
    }
    upstream.bad = saneDcs;
    await passSyncSpacing();
    const response = await call(exportGet, "/api/backups/export?refresh=1");
    expect(response.headers.get("x-incomplete-sources")).toBeNull();
    expect(await response.text()).toContain(`inst-${BAD}`);
  });
});

describe("query parameters that objects inherit", () => {
  it("are unknown parameters, 400 on every route", async () => {
    upstream.bad = saneDcs;
    const routes = [
      [backupsGet, "/api/backups"],
      [exportGet, "/api/backups/export"],
      [instancesGet, "/api/instances"],
      [coverageGet, "/api/coverage"],
      [coverageExportGet, "/api/coverage/export"],
      [timelineGet, "/api/timeline"],
      [restorePointsGet, `/api/restore-points?instance=inst-${GOOD}&at=2026-11-20T09:00:00Z&`],
      [healthGet, "/api/health"],
    ] as const;
    for (const [handler, path] of routes)
      for (const name of ["__proto__", "toString", "constructor", "valueOf", "hasOwnProperty"]) {
        const response = await call(handler, `${path}${path.includes("?") ? "" : "?"}${name}=1`);
        expect(response.status, `${path} ${name}`).toBe(400);
        const body = (await response.json()) as { error: { issues: unknown[] } };
        expect(body.error.issues).toContainEqual({ path: name, message: "unknown parameter" });
      }
  });
});

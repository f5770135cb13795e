import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as backupsGET } from "@/app/api/backups/route";
import type { BackupPage } from "@/lib/inventory/model";
import type { Simulator, TruthBackup } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import { startTestInventory, stopTestInventory } from "@/lib/testing/inventory";
import type { Timeline } from "@/lib/timeline/model";
import { GET } from "./route";

let simulator: Simulator;
let truth: TruthBackup[];

beforeAll(async () => {
  simulator = await startTestInventory({ seed: "timeline-tests" });
  truth = simulator.truth().backups;
});

afterAll(() => stopTestInventory(simulator));

async function timeline(search: string): Promise<Timeline> {
  const response = await call(GET, `/api/timeline?${search}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Timeline;
}

async function backupsTotal(search: string): Promise<number> {
  const response = await call(backupsGET, `/api/backups?${search}&pageSize=1`);
  expect(response.status).toBe(200);
  return ((await response.json()) as BackupPage).total;
}

/** An oracle independent of the implementation: the `en-CA` date format is `YYYY-MM-DD`. */
function dayReader(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (iso) => format.format(new Date(iso));
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const sum = (days: Timeline["days"]) => days.reduce((total, day) => total + day.total, 0);

describe("GET /api/timeline on the simulator", () => {
  const from = () => new Date(simulator.now().getTime() - 3 * 86_400_000).toISOString();
  const FILTERS: [string, () => string][] = [
    ["no filter", () => ""],
    ["service and status", () => "service=rds,dcs&status=failed"],
    ["kind, in Shanghai days", () => "kind=incremental&tz=Asia/Shanghai"],
    ["a window, in Berlin days", () => `from=${encodeURIComponent(from())}&trigger=manual&tz=Europe/Berlin`],
    ["text search", () => "q=prod&groupBy=service"],
  ];

  for (const [name, search] of FILTERS)
    it(`adds up to the /api/backups total for the same filter: ${name}`, async () => {
      const result = await timeline(search());
      const filter = new URLSearchParams(search());
      filter.delete("tz");
      filter.delete("groupBy");
      const total = await backupsTotal(filter.toString());
      expect(total).toBeGreaterThan(0);
      expect(result.total).toBe(total);
      expect(sum(result.days)).toBe(total);
      for (const day of result.days)
        expect(
          Object.values(day.counts).reduce((a, b) => a + b, 0),
          day.date,
        ).toBe(day.total);
    });

  it("counts each local day as an independent reading of the times does, every day from the first to the last", async () => {
    for (const tz of ["UTC", "Europe/Berlin", "Asia/Shanghai", "America/Mexico_City"]) {
      const result = await timeline(`tz=${tz}&groupBy=service`);
      expect(result.tz).toBe(tz);
      const expected = new Map<string, number>();
      const dayOf = dayReader(tz);
      for (const backup of truth) {
        const day = dayOf(backup.startedAt);
        expected.set(day, (expected.get(day) ?? 0) + 1);
      }
      const dates = [...expected.keys()].sort();
      expect(result.days[0].date).toBe(dates[0]);
      expect(result.days.at(-1)?.date).toBe(dates.at(-1));
      for (let index = 1; index < result.days.length; index++)
        expect(result.days[index].date).toBe(nextDay(result.days[index - 1].date));
      for (const day of result.days) expect(day.total, `${tz} ${day.date}`).toBe(expected.get(day.date) ?? 0);
      expect(result.groups).toEqual(["taurusdb", "rds", "dcs"]);
    }
  });

  it("groups by status in the model's order, with zero days inside a window", async () => {
    const start = new Date(simulator.now().getTime() - 10 * 86_400_000);
    const result = await timeline(`from=${encodeURIComponent(start.toISOString())}`);
    expect(result.groupBy).toBe("status");
    expect(result.groups.slice(0, 2)).toEqual(["completed", "failed"]);
    expect(result.days).toHaveLength(11);
    // The simulator keeps 7 days: the first days of a 10-day window are empty, and still listed.
    expect(result.days[0]).toEqual({
      date: start.toISOString().slice(0, 10),
      total: 0,
      counts: Object.fromEntries(result.groups.map((group) => [group, 0])),
    });
  });

  it("lists one instance's completed backup sizes over time; no sizes without exactly one instance", async () => {
    const instanceId = truth.find(
      (backup) => backup.service === "taurusdb" && backup.kind === "incremental",
    )?.instanceId;
    if (!instanceId) throw new Error("the dataset has no TaurusDB incremental backup");
    const result = await timeline(`instance=${instanceId}`);
    const expected = truth
      .filter((backup) => backup.instanceId === instanceId && backup.status === "completed")
      .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || (a.id < b.id ? -1 : 1));
    expect(result.sizes?.map((point) => point.id)).toEqual(expected.map((backup) => backup.id));
    expect(result.sizes?.[0]).toEqual({
      id: expected[0].id,
      startedAt: expected[0].startedAt,
      sizeBytes: expected[0].sizeBytes,
      kind: expected[0].kind,
    });
    expect((await timeline("")).sizes).toBeNull();
  });

  it("rejects paging and sort parameters, unknown time zones and bad filters", async () => {
    const response = await call(GET, "/api/timeline?sort=name&page=2&tz=Nowhere/Zone&status=fine");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_query");
    expect(body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      "page",
      "sort",
      "status",
      "tz",
    ]);
  });

  it("refuses a window of more than 3660 days", async () => {
    const response = await call(GET, "/api/timeline?from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues[0]).toMatchObject({ path: "to" });
  });
});

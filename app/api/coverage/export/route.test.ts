import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COVERAGE_CSV_COLUMNS } from "@/lib/coverage/csv";
import type { CoveragePage } from "@/lib/coverage/model";
import type { Simulator } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import { startTestInventory, stopTestInventory } from "@/lib/testing/inventory";
import { GET as coverageGET } from "../route";
import { GET } from "./route";

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startTestInventory({ seed: "coverage-export-tests" });
});

afterAll(() => stopTestInventory(simulator));

async function csv(search: string): Promise<{ response: Response; lines: string[] }> {
  const response = await call(GET, `/api/coverage/export?${search}`);
  expect(response.status, await response.clone().text()).toBe(200);
  const lines = (await response.text()).split("\r\n");
  expect(lines.pop()).toBe("");
  return { response, lines };
}

describe("GET /api/coverage/export on the simulator", () => {
  it("downloads every matching row in the view's order, under the documented header", async () => {
    const { response, lines } = await csv("sort=instanceName&order=asc&pageSize=1");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="coverage-\d{8}T\d{6}Z\.csv"$/);
    expect(lines[0]).toBe(COVERAGE_CSV_COLUMNS.join(","));
    const page = (await (
      await call(coverageGET, "/api/coverage?sort=instanceName&order=asc&pageSize=1000")
    ).json()) as CoveragePage;
    expect(lines.length - 1).toBe(simulator.truth().instances.length);
    const instanceIds = lines.slice(1).map((line) => line.split(",")[COVERAGE_CSV_COLUMNS.indexOf("instance_id")]);
    expect(instanceIds).toEqual(page.items.map((row) => row.instanceId));
  });

  it("applies the filters and states the RPO and window on every record", async () => {
    const { lines } = await csv("status=unprotected&rpo=48&from=2026-01-01T00:00:00Z");
    const column = (name: string) => COVERAGE_CSV_COLUMNS.indexOf(name);
    const records = lines.slice(1).map((line) => line.split(","));
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record[column("status")]).toBe("unprotected");
      expect(record[column("rpo_hours")]).toBe("48");
      expect(record[column("window_from")]).toBe("2026-01-01T00:00:00.000Z");
      expect(record[column("window_to")]).toBe("");
    }
  });

  it("rejects invalid queries", async () => {
    const response = await call(GET, "/api/coverage/export?rpo=9000");
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues[0].path).toBe("rpo");
  });
});

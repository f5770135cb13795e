import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { csvHeader } from "@/lib/inventory/csv";
import type { BackupPage } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import {
  passReconcileInterval,
  passSyncSpacing,
  startTestInventory,
  stopTestInventory,
  syncAgain,
} from "@/lib/testing/inventory";
import { GET as listBackups } from "../route";
import { GET as exportBackups } from "./route";

// The sync's clock is the system's: moved past the spacing of requested syncs where a test needs another one.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startTestInventory({ seed: "export-tests" });
});

afterAll(async () => {
  await stopTestInventory(simulator);
  vi.useRealTimers();
});

const HEADER = csvHeader({ history: false }).trimEnd();

/** Splits RFC 4180 text into records of cells (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      i++;
    } else cell += char;
  }
  if (cell !== "" || record.length > 0) records.push([...record, cell]);
  return records;
}

async function apiRows(search: string) {
  const response = await call(listBackups, `/api/backups?${search}&pageSize=1000`);
  const page = (await response.json()) as BackupPage;
  expect(page.total).toBeLessThanOrEqual(1000);
  return page;
}

describe("GET /api/backups/export", () => {
  it("streams every matching backup of the view, in the view's order, as CSV", async () => {
    const search = "service=rds,taurusdb&status=completed,failed&kind=full&sort=sizeBytes&order=asc";
    const response = await call(exportBackups, `/api/backups/export?${search}&page=3&pageSize=5`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="backups-\d{8}T\d{6}Z\.csv"$/);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header.join(",")).toBe(HEADER);
    const page = await apiRows(search);
    expect(rows.length).toBe(page.total);
    expect(rows.length).toBeGreaterThan(5);
    const column = (name: string) => header.indexOf(name);
    expect(rows.map((row) => row[column("backup_id")])).toEqual(page.items.map((backup) => backup.id));
    const first = page.items[0];
    expect(rows[0][column("size_bytes")]).toBe(String(first.sizeBytes ?? ""));
    expect(rows[0][column("started_at")]).toBe(first.startedAt);
    expect(rows[0][column("service")]).toBe(first.service);
    expect(rows[0][column("project_id")]).toBe(first.projectId);
  });

  it("leaves duration_seconds empty for log backups, whose times are the log they hold", async () => {
    const response = await call(exportBackups, "/api/backups/export?status=completed");
    const [header, ...rows] = parseCsv(await response.text());
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    const incremental = rows.filter((row) => cell(row, "kind") === "incremental");
    const full = rows.filter((row) => cell(row, "kind") === "full" && cell(row, "ended_at") !== "");
    expect(incremental.length).toBeGreaterThan(0);
    expect(incremental.every((row) => cell(row, "duration_seconds") === "" && cell(row, "ended_at") !== "")).toBe(true);
    expect(full.length).toBeGreaterThan(0);
    for (const row of full)
      expect(Number(cell(row, "duration_seconds"))).toBe(
        Math.round((Date.parse(cell(row, "ended_at")) - Date.parse(cell(row, "started_at"))) / 1000),
      );
  });

  it("exports more than one page's worth when the view is large", async () => {
    const response = await call(exportBackups, "/api/backups/export");
    const rows = parseCsv(await response.text()).length - 1;
    expect(rows).toBe(simulator.truth().backups.length);
    expect(rows).toBeGreaterThan(1000);
  });

  it("names the sources whose last sync failed in a header, and still exports what they stored", async () => {
    expect((await call(exportBackups, "/api/backups/export")).headers.get("x-incomplete-sources")).toBeNull();
    simulator.setFaults("dcs", { down: "unavailable" });
    try {
      await passSyncSpacing();
      const response = await call(exportBackups, "/api/backups/export?refresh=1&service=dcs");
      expect(response.status).toBe(200);
      const header = response.headers.get("x-incomplete-sources") ?? "";
      expect(header.split(", ")).toHaveLength(simulator.projects.length);
      expect(header).toMatch(/^dcs\//);
      const rows = parseCsv(await response.text()).length - 1;
      expect(rows).toBe(simulator.truth().backups.filter((backup) => backup.service === "dcs").length);
    } finally {
      simulator.setFaults("dcs", {});
      await syncAgain();
    }
  });

  it("adds first_seen_at, last_seen_at and gone_at for presence=gone and all, never for current", async () => {
    const vanished = simulator
      .truth()
      .backups.filter((backup) => backup.service === "dcs")
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
    simulator.setFaults("dcs", { malformedBackupIds: [vanished.id] });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await passReconcileInterval();
      await call(listBackups, "/api/backups?refresh=1&pageSize=1");
    } finally {
      warn.mockRestore();
      simulator.setFaults("dcs", {});
    }
    const history = `${HEADER},first_seen_at,last_seen_at,gone_at`;
    const [goneHeader, ...goneRows] = parseCsv(await (await call(exportBackups, "/api/backups/export?presence=gone")).text());
    expect(goneHeader.join(",")).toBe(history);
    expect(goneRows).toHaveLength(1);
    const cell = (row: string[], name: string) => row[goneHeader.indexOf(name)];
    expect(cell(goneRows[0], "backup_id")).toBe(vanished.id);
    const [gone] = (await apiRows("presence=gone")).items;
    expect([cell(goneRows[0], "first_seen_at"), cell(goneRows[0], "last_seen_at"), cell(goneRows[0], "gone_at")]).toEqual(
      [gone.firstSeenAt, gone.lastSeenAt, gone.goneAt],
    );
    const [allHeader, ...allRows] = parseCsv(await (await call(exportBackups, "/api/backups/export?presence=all")).text());
    expect(allHeader.join(",")).toBe(history);
    expect(allRows).toHaveLength(simulator.truth().backups.length);
    expect(allRows.filter((row) => row[allHeader.indexOf("gone_at")] !== "")).toHaveLength(1);
    const [currentHeader, ...currentRows] = parseCsv(await (await call(exportBackups, "/api/backups/export")).text());
    expect(currentHeader.join(",")).toBe(HEADER);
    expect(currentRows).toHaveLength(simulator.truth().backups.length - 1);
  });

  it("rejects an invalid query like the list does", async () => {
    const response = await call(exportBackups, "/api/backups/export?sort=size");
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_query");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_HEADER } from "@/lib/inventory/csv";
import type { BackupPage } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call, startTestCloud } from "@/lib/testing/cloud";
import { GET as listBackups } from "../route";
import { GET as exportBackups } from "./route";

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startTestCloud({ seed: "export-tests" });
});

afterAll(() => simulator.close());

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
    expect(header.join(",")).toBe(CSV_HEADER);
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

  it("names the sources whose backups are missing in a header", async () => {
    expect((await call(exportBackups, "/api/backups/export?refresh=1")).headers.get("x-incomplete-sources")).toBeNull();
    simulator.setFaults("dcs", { down: "unavailable" });
    try {
      const response = await call(exportBackups, "/api/backups/export?refresh=1");
      expect(response.status).toBe(200);
      const header = response.headers.get("x-incomplete-sources") ?? "";
      expect(header.split(", ")).toHaveLength(simulator.projects.length);
      expect(header).toMatch(/^dcs\//);
    } finally {
      simulator.setFaults("dcs", {});
    }
  });

  it("rejects an invalid query like the list does", async () => {
    const response = await call(exportBackups, "/api/backups/export?sort=size");
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_query");
  });
});

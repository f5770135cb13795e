import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import type { CoveragePage, CoverageRow } from "../lib/coverage/model";
import { apiBackups, expect, parseCsv, settledTable, shownIds, test, urlSearch } from "./fixtures";

/**
 * The coverage view against the app running on the simulator: every instance with its protection status, the RPO
 * in the URL, filters, sort, paging and export as the API answers them. Instances to look at are found through
 * the API, never assumed.
 */
test.use({ timezoneId: "Asia/Shanghai", locale: "en-GB" });

async function apiCoverage(page: Page, params: URLSearchParams | string): Promise<CoveragePage> {
  const search = params.toString();
  const response = await page.request.get(`/api/coverage${search ? `?${search}` : ""}`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** Every row of the report (one page of all of them) at an RPO. */
async function allRows(page: Page, rpo = 24): Promise<CoverageRow[]> {
  const report = await apiCoverage(page, `rpo=${rpo}&pageSize=1000`);
  expect(report.items).toHaveLength(report.total);
  return report.items;
}

/** The coverage table, once hydrated (its times are local) and not loading. */
async function settledCoverage(page: Page, name = "Coverage by instance") {
  return settledTable(page, name);
}

async function shownInstances(page: Page): Promise<string[]> {
  const table = await settledCoverage(page);
  return table
    .locator("tbody tr[data-instance-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-instance-id") ?? ""));
}

function rowOf(page: Page, instanceId: string) {
  return page.locator(`tbody tr[data-instance-id="${instanceId}"]`);
}

test("renders every instance on the server, before any script runs", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/coverage?pageSize=25&sort=sizeBytes");
  const api = await apiCoverage(page, "pageSize=25&sort=sizeBytes");
  const ids = await page
    .locator("tbody tr[data-instance-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-instance-id")));
  expect(ids).toEqual(api.items.map((item) => item.instanceId));
  await context.close();
});

test("flags an instance whose latest full backup failed, and one with no backup at all", async ({ page }) => {
  const rows = await allRows(page);
  const failing = rows.find((row) => row.status === "at_risk" && row.reasons.includes("latest_full_failed"));
  const bare = rows.find((row) => row.status === "unprotected" && row.backups === 0 && row.lastFull === null);
  expect(failing, "an at-risk instance whose latest full backup failed").toBeDefined();
  expect(bare, "an instance without backups").toBeDefined();
  if (!failing || !bare) return;

  // The backup list agrees: the latest finished full backup of one failed, the other has none at all.
  const newestFinished = await apiBackups(
    page,
    new URLSearchParams({ instance: failing.instanceId, kind: "full", status: "completed,failed", pageSize: "1" }),
  );
  const newestFailed = await apiBackups(
    page,
    new URLSearchParams({ instance: failing.instanceId, kind: "full", status: "failed", pageSize: "1" }),
  );
  expect(newestFinished.items[0].id).toBe(newestFailed.items[0].id);
  expect((await apiBackups(page, new URLSearchParams({ instance: bare.instanceId }))).total).toBe(0);

  await page.goto("/coverage?pageSize=200");
  await settledCoverage(page);
  const atRisk = rowOf(page, failing.instanceId);
  await expect(atRisk).toHaveAttribute("data-coverage-status", "at_risk");
  await expect(atRisk.locator("[data-coverage-status]").first()).toHaveText("At risk");
  await expect(atRisk.locator('[data-reason="latest_full_failed"]')).toHaveAttribute(
    "title",
    "The latest full backup failed.",
  );
  await expect(atRisk).toContainText("Latest full failed");

  const unprotected = rowOf(page, bare.instanceId);
  await expect(unprotected).toHaveAttribute("data-coverage-status", "unprotected");
  await expect(unprotected.locator("[data-coverage-status]").first()).toHaveText("Unprotected");
  await expect(unprotected).toContainText("No full backup");

  // The worst first: by default the unprotected instances lead the table.
  const order = (await shownInstances(page)).map((id) => rows.find((row) => row.instanceId === id)?.status);
  expect(order[0]).toBe("unprotected");

  // The status buttons count (as the API) and filter.
  const report = await apiCoverage(page, "");
  await expect(page.getByTestId("status-filter-at_risk").locator("[data-count]")).toHaveText(
    String(report.facets.status.at_risk),
  );
  await page.getByTestId("status-filter-at_risk").click();
  await expect.poll(() => urlSearch(page).get("status")).toBe("at_risk");
  await expect(page.getByTestId("status-filter-at_risk")).toHaveAttribute("aria-pressed", "true");
  const filtered = await apiCoverage(page, urlSearch(page));
  expect(await shownInstances(page)).toEqual(filtered.items.map((item) => item.instanceId));
  expect(filtered.items.every((item) => item.status === "at_risk")).toBe(true);
  await expect(page.getByTestId("row-range")).toContainText(`of ${filtered.total}`);
});

test("a tighter RPO puts instances at risk, and the URL keeps it", async ({ page }) => {
  const [relaxed, tight] = await Promise.all([allRows(page, 24), allRows(page, 1)]);
  const tightStatus = new Map(tight.map((row) => [row.instanceId, row.status]));
  const changing = relaxed.find(
    (row) => row.status === "protected" && tightStatus.get(row.instanceId) === "at_risk" && row.instanceName,
  );
  expect(changing, "an instance protected at 24 h and at risk at 1 h").toBeDefined();
  if (!changing) return;

  await page.goto(`/coverage?q=${encodeURIComponent(changing.instanceId)}`);
  await settledCoverage(page);
  const row = rowOf(page, changing.instanceId);
  await expect(row).toHaveAttribute("data-coverage-status", "protected");
  await expect(page.getByRole("button", { name: "24 h" })).toHaveAttribute("aria-pressed", "true");

  const rpo = page.getByRole("spinbutton", { name: "RPO" });
  await rpo.fill("1");
  await rpo.press("Enter");
  await expect.poll(() => urlSearch(page).get("rpo")).toBe("1");
  await expect(row).toHaveAttribute("data-coverage-status", "at_risk");
  await expect(row.locator('[data-reason="recovery_point_too_old"]')).toContainText("Recovery point");
  await expect(row.locator('[data-reason="recovery_point_too_old"]')).toHaveAttribute("title", /beyond the RPO of 1 h/);
  expect(urlSearch(page).get("q")).toBe(changing.instanceId);

  // Out of range: said, and not applied.
  await rpo.fill("9000");
  await rpo.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Whole hours from 1 to 8760" })).toBeVisible();
  expect(urlSearch(page).get("rpo")).toBe("1");

  // A preset; the default RPO leaves the URL.
  await page.getByRole("button", { name: "24 h" }).click();
  await expect.poll(() => urlSearch(page).get("rpo")).toBeNull();
  await expect(row).toHaveAttribute("data-coverage-status", "protected");
  await expect(rpo).toHaveValue("24");

  // Back restores the tighter objective.
  await page.goBack();
  await expect.poll(() => urlSearch(page).get("rpo")).toBe("1");
  await expect(row).toHaveAttribute("data-coverage-status", "at_risk");
  await expect(rpo).toHaveValue("1");
});

test("sorts, filters, pages and exports as the API does", async ({ page }) => {
  await page.goto("/coverage?pageSize=25");
  await settledCoverage(page);
  const status = page.getByRole("columnheader", { name: "Status" });
  await expect(status).toHaveAttribute("aria-sort", "descending");

  const failed = page.getByRole("columnheader", { name: "Failed" });
  await failed.getByRole("button").click();
  await expect(failed).toHaveAttribute("aria-sort", "descending");
  await expect(status).toHaveAttribute("aria-sort", "none");
  expect(urlSearch(page).get("sort")).toBe("failed");
  const byFailed = await apiCoverage(page, urlSearch(page));
  expect(await shownInstances(page)).toEqual(byFailed.items.map((item) => item.instanceId));
  const counts = byFailed.items.map((item) => item.failed);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  await page.getByRole("button", { name: /^Filter by service/ }).click();
  await page.getByRole("checkbox", { name: /^DCS/ }).check();
  await page.keyboard.press("Escape");
  await expect.poll(() => urlSearch(page).get("service")).toBe("dcs");
  const dcs = await apiCoverage(page, urlSearch(page));
  expect(dcs.items.every((item) => item.service === "dcs")).toBe(true);
  expect(await shownInstances(page)).toEqual(dcs.items.map((item) => item.instanceId));
  // DCS has no incremental backups: said, not shown as missing.
  await expect(page.locator("tbody tr").first()).toContainText("Not supported");

  // RDS has more instances than a page.
  await page.getByRole("button", { name: /^Filter by service/ }).click();
  await page.getByRole("checkbox", { name: /^DCS/ }).uncheck();
  await page.getByRole("checkbox", { name: /^RDS/ }).check();
  await page.keyboard.press("Escape");
  await expect.poll(() => urlSearch(page).get("service")).toBe("rds");
  const rds = await apiCoverage(page, urlSearch(page));
  expect(rds.total).toBeGreaterThan(25);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect.poll(() => urlSearch(page).get("page")).toBe("2");
  const second = await apiCoverage(page, urlSearch(page));
  expect(await shownInstances(page)).toEqual(second.items.map((item) => item.instanceId));
  await expect(page.getByTestId("row-range")).toContainText(`26–${25 + second.items.length}`);

  await page.getByRole("searchbox", { name: "Search instances by name or ID" }).fill("prod");
  await expect.poll(() => urlSearch(page).get("q")).toBe("prod");
  expect(urlSearch(page).get("page")).toBeNull();
  const searched = await apiCoverage(page, urlSearch(page));
  expect(await shownInstances(page)).toEqual(searched.items.map((item) => item.instanceId));

  // The export carries the same filters and order, every page.
  const link = page.getByTestId("export-csv");
  const href = new URL((await link.getAttribute("href")) ?? "", page.url());
  expect(href.pathname).toBe("/api/coverage/export");
  expect(href.searchParams.get("service")).toBe("rds");
  expect(href.searchParams.get("q")).toBe("prod");
  expect(href.searchParams.get("sort")).toBe("failed");
  expect(href.searchParams.get("page")).toBeNull();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^coverage-.+\.csv$/);
  const csv = parseCsv(await readFile(await download.path(), "utf8"));
  expect(csv[0].slice(0, 4)).toEqual(["service", "region", "project_id", "instance_id"]);
  expect(csv.slice(1).map((record) => record[3])).toEqual(
    (await apiCoverage(page, "service=rds&q=prod&sort=failed&pageSize=1000")).items.map((item) => item.instanceId),
  );

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect.poll(() => urlSearch(page).get("service")).toBeNull();
});

test("a row leads to the instance's backups and to its restore points", async ({ page }) => {
  const rows = await allRows(page);
  const instance = rows.find((row) => row.status === "protected" && row.instanceName);
  if (!instance?.instanceName) throw new Error("no protected instance with a name");
  await page.goto(`/coverage?q=${encodeURIComponent(instance.instanceId)}`);
  await settledCoverage(page);

  await page.getByRole("link", { name: instance.instanceName, exact: true }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe("/");
  expect(urlSearch(page).get("instance")).toBe(instance.instanceId);
  const ids = await shownIds(page);
  const api = await apiBackups(page, urlSearch(page));
  expect(ids).toEqual(api.items.map((item) => item.id));
  expect(api.items.every((item) => item.instanceId === instance.instanceId)).toBe(true);

  await page.goBack();
  await settledCoverage(page);
  await page.getByRole("link", { name: `Find restore points of ${instance.instanceName}` }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe("/restore");
  expect(urlSearch(page).get("instance")).toBe(instance.instanceId);
  await expect(page.getByTestId("instance-combobox")).toContainText(instance.instanceName);
});

test.describe("in Simplified Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("names the statuses, the RPO and the columns in Chinese", async ({ page }) => {
    await page.goto("/coverage");
    await settledCoverage(page, "各实例的保护覆盖");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("保护覆盖");
    await expect(page.getByTestId("status-filter-protected")).toContainText("已保护");
    await expect(page.getByTestId("status-filter-at_risk")).toContainText("有风险");
    await expect(page.getByTestId("status-filter-unprotected")).toContainText("未保护");
    await expect(page.getByRole("columnheader", { name: "最近全量备份" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "最近增量备份" })).toBeVisible();
    await expect(page.getByRole("button", { name: "24 小时" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("tbody tr[data-coverage-status=unprotected]").first()).toContainText("无全量备份");
    await expect(page.getByTestId("export-csv")).toHaveText("导出 CSV");
  });
});

const VIEWPORTS = { laptop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

for (const [device, viewport] of Object.entries(VIEWPORTS))
  test(`fits a ${device} screen`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.goto("/coverage");
    const table = await settledCoverage(page);
    // The page itself never scrolls sideways; the table does when it is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    const fits = await table.locator("..").evaluate((element) => element.scrollWidth <= element.clientWidth);
    expect(fits).toBe(device === "laptop");
    await page.screenshot({ path: testInfo.outputPath(`coverage-${device}.png`) });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: testInfo.outputPath(`coverage-${device}-dark.png`) });
  });

import type { Page } from "@playwright/test";
import type { Timeline } from "../lib/timeline/model";
import { expect, settledTable, shownIds, test, urlSearch } from "./fixtures";

/**
 * The backups-per-day chart above the dashboard's table: its days are the browser's (UTC+8 here), a click on a
 * day filters the table to that day, and its code loads apart from the table's.
 */
test.use({ timezoneId: "Asia/Shanghai", locale: "en-GB" });

const ZONE = "Asia/Shanghai";

async function apiTimeline(page: Page, params: Record<string, string>): Promise<Timeline> {
  const response = await page.request.get(`/api/timeline?${new URLSearchParams(params)}`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

interface ListedBackup {
  id: string;
  startedAt: string;
}

async function listed(page: Page, params: URLSearchParams): Promise<{ items: ListedBackup[]; total: number }> {
  const response = await page.request.get(`/api/backups?${params}`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** A calendar day's bounds in UTC+8 (no DST there): midnight to midnight. */
function shanghaiDay(date: string): { from: string; to: string } {
  const from = new Date(`${date}T00:00:00+08:00`);
  return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
}

/** The chart's bars (drawn once its code and data are in). */
function chart(page: Page) {
  return page.getByTestId("timeline-chart").locator("svg.recharts-surface");
}

/** The day the test clicks: a past day with backups, the busiest. */
function busiestDay(timeline: Timeline) {
  return timeline.days.slice(0, -1).reduce((best, day) => (day.total > best.total ? day : best));
}

test("clicking a day lists that day's backups, in the browser's time zone", async ({ page }) => {
  await page.goto("/?pageSize=25");
  await settledTable(page);
  const timeline = await apiTimeline(page, { tz: ZONE });
  const day = busiestDay(timeline);
  await expect(chart(page)).toBeVisible();
  await expect(page.getByTestId("timeline-summary")).toContainText(`${timeline.total.toLocaleString("en-US")} backups`);
  await expect(page.getByTestId("timeline-summary")).toContainText(`Days in ${ZONE}`);

  // The day's tick on the x axis marks its column; a click anywhere above it picks the day.
  const label = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${day.date}T00:00:00Z`),
  );
  const tick = page.getByTestId("timeline-chart").locator(".recharts-xAxis-tick-labels text", { hasText: label });
  const tickBox = await tick.boundingBox();
  const chartBox = await chart(page).boundingBox();
  if (!tickBox || !chartBox) throw new Error("the chart is not laid out");
  const x = tickBox.x + tickBox.width / 2;
  const y = chartBox.y + chartBox.height * 0.6;
  // Pointing shows the day's counts; clicking then picks it.
  await page.mouse.move(x, y);
  const longLabel = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${day.date}T00:00:00Z`),
  );
  await expect(page.getByTestId("timeline-chart").locator(".recharts-tooltip-wrapper")).toContainText(longLabel);
  await page.mouse.click(x, y);

  const bounds = shanghaiDay(day.date);
  await expect.poll(() => urlSearch(page).get("from")).toBe(bounds.from);
  expect(urlSearch(page).get("to")).toBe(bounds.to);
  expect(urlSearch(page).get("page")).toBeNull();
  expect(urlSearch(page).get("pageSize")).toBe("25");

  // The table lists exactly the API's backups of that day, every one started within it.
  const api = await listed(page, urlSearch(page));
  expect(api.total).toBe(day.total);
  expect(await shownIds(page)).toEqual(api.items.map((item) => item.id));
  for (const item of api.items) {
    expect(item.startedAt >= bounds.from && item.startedAt < bounds.to, item.startedAt).toBe(true);
  }
});

test("the table view lists every day, offers each as a filter, and the bars stack by service too", async ({ page }) => {
  await page.goto("/");
  await settledTable(page);
  await expect(chart(page)).toBeVisible();
  const timeline = await apiTimeline(page, { tz: ZONE });

  await page.getByRole("button", { name: "Show as table" }).click();
  const days = page.getByTestId("timeline-table").locator("tbody tr");
  await expect(days).toHaveCount(timeline.days.length);
  const first = timeline.days.find((day) => day.total > 0);
  if (!first) throw new Error("no day with backups");
  const row = page.getByTestId("timeline-table").locator(`tbody tr[data-date="${first.date}"]`);
  await expect(row.locator("td").nth(timeline.groups.length)).toHaveText(first.total.toLocaleString("en-US"));
  await row.getByRole("button", { name: /^List the backups of / }).click();
  await expect.poll(() => urlSearch(page).get("from")).toBe(shanghaiDay(first.date).from);

  const panel = page.getByTestId("timeline-panel");
  const byService = page.waitForResponse(
    (response) => response.url().includes("/api/timeline?") && response.url().includes("groupBy=service"),
  );
  await panel.getByRole("button", { name: "Service", exact: true }).click();
  expect((await byService).status()).toBe(200);
  await expect(panel.getByRole("button", { name: "Service", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(panel.getByRole("button", { name: "Status", exact: true })).toHaveAttribute("aria-pressed", "false");
  await expect(panel).toContainText("TaurusDB");
});

test("remembers a closed panel, and loads the chart's code only when it is drawn", async ({ page }) => {
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.url());
  });
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("timeline-panel", "closed");
      sessionStorage.setItem("seeded", "1");
    }
  });
  await page.goto("/");
  await settledTable(page);
  const toggle = page.getByRole("button", { name: "Show the chart of backups per day" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await page.waitForLoadState("networkidle");
  const firstLoad = [...scripts];

  // None of the first load's scripts holds the chart library; the one fetched on opening does.
  const bodies = async (urls: string[]) => Promise.all(urls.map(async (url) => (await page.request.get(url)).text()));
  for (const body of await bodies(firstLoad)) expect(body).not.toContain("recharts-");
  await toggle.click();
  await expect(chart(page)).toBeVisible();
  const loadedLater = scripts.filter((url) => !firstLoad.includes(url));
  expect(loadedLater.length).toBeGreaterThan(0);
  expect((await bodies(loadedLater)).some((body) => body.includes("recharts-"))).toBe(true);

  // Open now, and still open after a reload; closed again, and still closed.
  await page.reload();
  await settledTable(page);
  await expect(page.getByRole("button", { name: "Hide the chart of backups per day" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await page.getByRole("button", { name: "Hide the chart of backups per day" }).click();
  await expect(page.getByTestId("timeline-chart")).toHaveCount(0);
  await page.reload();
  await settledTable(page);
  await expect(page.getByRole("button", { name: "Show the chart of backups per day" })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
});

test("shows one instance's backup sizes over time", async ({ page }) => {
  // A TaurusDB instance with backups: full and incremental ones, each kind its own line.
  const coverage = await (await page.request.get("/api/coverage?service=taurusdb&status=protected")).json();
  const taurus = { id: coverage.items[0].instanceId, name: coverage.items[0].instanceName };
  const timeline = await apiTimeline(page, { tz: ZONE, instance: taurus.id });
  expect(timeline.sizes?.length).toBeGreaterThan(0);

  await page.goto(`/?instance=${taurus.id}`);
  await settledTable(page);
  const sizes = page.getByTestId("sizes-chart");
  await expect(sizes.locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByText(`Backup sizes of ${taurus.name}`)).toBeVisible();
  await expect(sizes.locator(".recharts-line")).toHaveCount(new Set(timeline.sizes?.map((size) => size.kind)).size);
  // Each axis names each of its ticks once: one label per day, sizes in round steps.
  for (const axis of [".recharts-xAxis-tick-labels", ".recharts-yAxis-tick-labels"]) {
    const ticks = sizes.locator(`${axis} .recharts-cartesian-axis-tick-value`);
    await expect.poll(() => ticks.count(), axis).toBeGreaterThan(1);
    const labels = await ticks.allTextContents();
    expect(new Set(labels).size, `${axis}: ${labels.join(", ")}`).toBe(labels.length);
  }
});

test.describe("in Simplified Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("names the chart and its switch in Chinese", async ({ page }) => {
    await page.goto("/");
    await settledTable(page, "备份列表");
    await expect(chart(page)).toBeVisible();
    await expect(page.getByRole("heading", { name: "每日备份" })).toBeVisible();
    const panel = page.getByTestId("timeline-panel");
    await expect(panel.getByRole("button", { name: "状态", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(panel.getByRole("button", { name: "服务", exact: true })).toBeVisible();
    await expect(page.getByTestId("timeline-summary")).toContainText("共");
    await expect(page.getByTestId("timeline-panel")).toContainText("已完成");
    await expect(page.getByRole("button", { name: "以表格显示" })).toBeVisible();
  });
});

const VIEWPORTS = { laptop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

for (const [device, viewport] of Object.entries(VIEWPORTS))
  test(`the chart fits a ${device} screen`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.goto("/");
    await settledTable(page);
    await expect(chart(page)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.getByTestId("timeline-panel").screenshot({ path: testInfo.outputPath(`timeline-${device}.png`) });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByTestId("timeline-panel").screenshot({ path: testInfo.outputPath(`timeline-${device}-dark.png`) });
  });

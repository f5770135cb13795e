import type { Page } from "@playwright/test";
import type { CoveragePage } from "../lib/coverage/model";
import type { RestorePointAnswer, RestoreWindow } from "../lib/restore/model";
import { expect, test, urlSearch } from "./fixtures";

/**
 * The restore-point finder against the app running on the simulator. Points are chosen from what the API says
 * the instance can reach (its `windows`), never assumed. The browser is in UTC+8, where the times are typed.
 */
test.use({ timezoneId: "Asia/Shanghai", locale: "en-GB" });

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

async function apiRestore(page: Page, instance: string, at: string): Promise<RestorePointAnswer> {
  const response = await page.request.get(`/api/restore-points?${new URLSearchParams({ instance, at })}`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** The instance's restorable windows, as the API lists them with any answer. */
async function windowsOf(page: Page, instance: string): Promise<RestoreWindow[]> {
  return (await apiRestore(page, instance, new Date(Date.now() - HOUR_MS).toISOString())).windows;
}

/** An instance of a service that has a restore point, with its name (the finder's list shows names). */
async function protectedInstance(page: Page, service: string): Promise<{ id: string; name: string }> {
  const response = await page.request.get(`/api/coverage?service=${service}&status=protected&sort=instanceName`);
  const report: CoveragePage = await response.json();
  const row = report.items.find((item) => item.instanceName);
  if (!row?.instanceName) throw new Error(`no protected ${service} instance`);
  return { id: row.instanceId, name: row.instanceName };
}

/** What a `datetime-local` input holds for an instant in UTC+8. */
function shanghaiInput(ms: number): string {
  return new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 16);
}

/** The instant the time box holds, read as UTC+8. */
async function typedInstant(page: Page): Promise<string> {
  const value = await page.getByLabel("Point in time (your local time)").inputValue();
  return value ? new Date(`${value}+08:00`).toISOString() : "";
}

function answer(page: Page) {
  return page.getByTestId("restore-answer");
}

test("finds the backups that restore a reachable point", async ({ page }) => {
  const instance = await protectedInstance(page, "taurusdb");
  const windows = await windowsOf(page, instance.id);
  const window = windows.find((span) => Date.parse(span.until) - Date.parse(span.from) > 2 * HOUR_MS);
  if (!window) throw new Error("no restorable window longer than two hours");
  // A whole minute inside the window: what a person types.
  const ms = Math.floor((Date.parse(window.from) + Date.parse(window.until)) / 2 / MINUTE_MS) * MINUTE_MS;
  const at = new Date(ms).toISOString();
  const expected = await apiRestore(page, instance.id, at);
  if (!expected.reachable) throw new Error(`the API cannot reach ${at}: ${expected.explanation}`);

  await page.goto("/restore");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Restore points");
  await page.getByRole("button", { name: "Choose an instance" }).click();
  await page.getByRole("searchbox", { name: "Search instances by name or ID" }).fill(instance.id);
  await page.getByRole("button", { name: new RegExp(instance.id) }).click();
  await expect.poll(() => urlSearch(page).get("instance")).toBe(instance.id);
  // Without a moment, the windows are already listed.
  await expect(page.getByTestId("restore-windows").locator("li")).toHaveCount(windows.length);

  await page.getByLabel("Point in time (your local time)").fill(shanghaiInput(ms));
  await page.getByRole("button", { name: "Check" }).click();
  await expect.poll(() => urlSearch(page).get("at")).toBe(at);

  await expect(answer(page)).toHaveAttribute("data-reachable", "true");
  await expect(answer(page).getByRole("heading", { level: 2 })).toContainText("Can be restored to");
  const chain = answer(page).getByTestId("restore-chain");
  const steps = [expected.base, ...(expected.differential ? [expected.differential] : []), ...expected.incrementals];
  const shown = await chain
    .locator("[data-backup-id]")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-backup-id")));
  if (steps.length <= 6) expect(shown).toEqual(steps.map((backup) => backup.id));
  else {
    // A long chain shows its ends; the rest is a click away.
    expect(shown[0]).toBe(expected.base.id);
    await chain.getByRole("button", { name: /^Show all/ }).click();
    await expect(chain.locator("[data-backup-id]")).toHaveCount(steps.length);
  }
  await expect(chain.locator("[data-kind=full]").first()).toContainText("Full backup");
  // A log backup shows the span of log it holds.
  if (expected.incrementals.length > 0)
    await expect(chain.locator("[data-kind=incremental]").first().getByTestId("log-span")).toHaveText(/^covers /);
  await expect(answer(page).getByTestId("restore-until")).toContainText("These backups reach up to");
  await expect(page.getByTestId("restore-windows").locator("li[aria-current=true]")).toHaveCount(1);
});

test("says why a point before the first full backup cannot be reached, and offers the nearest", async ({ page }) => {
  const instance = await protectedInstance(page, "rds");
  const windows = await windowsOf(page, instance.id);
  const before = new Date(Date.parse(windows[0].from) - 6 * HOUR_MS).toISOString();
  const expected = await apiRestore(page, instance.id, before);
  expect(expected.reachable).toBe(false);
  if (expected.reachable) return;
  expect(expected.reason).toBe("no_full_before");

  await page.goto(`/restore?instance=${instance.id}&at=${before}`);
  await expect(answer(page)).toHaveAttribute("data-reachable", "false");
  await expect(answer(page).getByRole("heading", { level: 2 })).toContainText("Cannot be restored to");
  await expect(answer(page).locator("[data-reason=no_full_before]")).toHaveText(
    "No full backup had finished by this moment, so there is nothing to start a restore from.",
  );
  await expect(page.getByTestId("nearest-before")).toHaveCount(0);
  // The typed box shows the URL's moment in local time.
  await expect.poll(() => typedInstant(page)).toBe(before);

  await page.getByTestId("nearest-after").click();
  await expect.poll(() => urlSearch(page).get("at")).toBe(expected.nearest.after);
  await expect(answer(page)).toHaveAttribute("data-reachable", "true");
});

test("says a DCS instance cannot be restored between two backups, and restores one's end", async ({ page }) => {
  const instance = await protectedInstance(page, "dcs");
  const windows = await windowsOf(page, instance.id);
  expect(windows.length).toBeGreaterThan(1);
  const between = new Date((Date.parse(windows[0].until) + Date.parse(windows[1].from)) / 2).toISOString();
  const expected = await apiRestore(page, instance.id, between);
  if (expected.reachable) throw new Error("a DCS point between backups was reachable");
  expect(expected.reason).toBe("no_incremental_support");

  await page.goto(`/restore?instance=${instance.id}&at=${between}`);
  await expect(answer(page)).toHaveAttribute("data-reachable", "false");
  await expect(answer(page).locator("[data-reason=no_incremental_support]")).toContainText(
    "DCS keeps full backups only",
  );
  await expect(page.getByTestId("instance-combobox")).toContainText(instance.name);
  await expect(page.getByTestId("nearest-before")).toContainText("Latest before");
  await expect(page.getByTestId("nearest-after")).toContainText("First after");

  // Each DCS window is one instant, the end of a backup: choosing one restores exactly that.
  const list = page.getByTestId("restore-windows").locator("li");
  await expect(list).toHaveCount(windows.length);
  await list
    .nth(1)
    .getByRole("button", { name: /^Use the point/ })
    .click();
  await expect.poll(() => urlSearch(page).get("at")).toBe(windows[1].until);
  await expect(answer(page)).toHaveAttribute("data-reachable", "true");
  await expect(answer(page)).toContainText("Restore the full backup below: it ends exactly at this point.");
  // The box shows that instant to the millisecond, in local time.
  await expect.poll(() => typedInstant(page)).toBe(windows[1].until);

  await page.goBack();
  await expect.poll(() => urlSearch(page).get("at")).toBe(between);
  await expect(answer(page)).toHaveAttribute("data-reachable", "false");
});

test("opens from a backup's details on the instance and that backup's end", async ({ page }) => {
  const instance = await protectedInstance(page, "rds");
  await page.goto(`/?instance=${instance.id}&status=completed&kind=full`);
  await page.locator("tbody tr[data-backup-id]").first().click();
  await page.getByRole("dialog").getByTestId("restore-link").click();
  await expect.poll(() => new URL(page.url()).pathname).toBe("/restore");
  expect(urlSearch(page).get("instance")).toBe(instance.id);
  await expect(answer(page)).toHaveAttribute("data-reachable", "true");
});

test.describe("in Simplified Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("explains an unreachable DCS point in Chinese", async ({ page }) => {
    const instance = await protectedInstance(page, "dcs");
    const windows = await windowsOf(page, instance.id);
    const between = new Date((Date.parse(windows[0].until) + Date.parse(windows[1].from)) / 2).toISOString();
    await page.goto(`/restore?instance=${instance.id}&at=${between}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("恢复时间点");
    await expect(answer(page).getByRole("heading", { level: 2 })).toContainText("不可恢复到");
    await expect(answer(page).locator("[data-reason=no_incremental_support]")).toContainText("DCS 只有全量备份");
    await expect(page.getByTestId("nearest-after")).toContainText("此后最早");
    await expect(page.getByRole("heading", { name: "可恢复时间窗口" })).toBeVisible();
    await expect(page.getByRole("button", { name: "查询" })).toBeVisible();
  });
});

const VIEWPORTS = { laptop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

for (const [device, viewport] of Object.entries(VIEWPORTS))
  test(`fits a ${device} screen`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    const instance = await protectedInstance(page, "taurusdb");
    const windows = await windowsOf(page, instance.id);
    const last = windows[windows.length - 1];
    const at = new Date(Math.floor((Date.parse(last.until) - HOUR_MS) / MINUTE_MS) * MINUTE_MS).toISOString();
    await page.goto(`/restore?instance=${instance.id}&at=${at}`);
    await expect(answer(page)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: testInfo.outputPath(`restore-${device}.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: testInfo.outputPath(`restore-${device}-dark.png`), fullPage: true });
  });

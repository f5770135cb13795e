import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import type { BackupPage } from "../lib/inventory/model";
import { type ApiBackupPage, apiBackups, expect, parseCsv, settledTable, shownIds, test, urlSearch } from "./fixtures";
import { RDS_DOWN_URL } from "./servers";

/**
 * The dashboard as its users drive it, against the app running on the built-in simulator. The browser's time
 * zone differs from the server's (UTC) so that local-time rendering and hydration are both exercised.
 */
test.use({ timezoneId: "Asia/Shanghai", locale: "en-GB" });

const CSV_HEADER =
  "service,region,project_id,instance_id,instance_name,engine,engine_version,backup_id,backup_name,kind,trigger,status,started_at,ended_at,duration_seconds,size_bytes,description";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The page's rows equal the API's answer for the URL's view, in order. */
async function expectRowsMatchApi(page: Page) {
  const api = await apiBackups(page, urlSearch(page));
  expect(await shownIds(page)).toEqual(api.items.map((item) => item.id));
  return api;
}

test("renders the first page on the server, before any script runs", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/?pageSize=25&sort=sizeBytes");
  const api = await apiBackups(page, new URLSearchParams("pageSize=25&sort=sizeBytes"));
  const ids = await page
    .locator("tbody tr[data-backup-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-backup-id")));
  expect(ids).toEqual(api.items.map((item) => item.id));
  await expect(page.getByTestId("demo-notice")).toBeVisible();
  await context.close();
});

test("opens on the newest backups, with the summary of all of them", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("demo-notice")).toHaveText(
    "Demo data — these backups come from the built-in simulator",
  );
  const api = await expectRowsMatchApi(page);
  expect(api.items).toHaveLength(50);
  await expect(page.getByTestId("summary-total")).toHaveText(api.total.toLocaleString("en-US"));
  await expect(page.getByTestId("row-range")).toHaveText(`Rows 1–50 of ${api.total.toLocaleString("en-US")}`);
  await expect(page.getByRole("columnheader", { name: "Started" })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByTestId("sync-status")).toHaveText(/^Synced (just now|\d+ minutes? ago)$/);
  // Times show in the browser's zone (UTC+8 here) and the page's language (English), with UTC on hover.
  const firstStarted = page.locator("tbody tr").first().locator("time").first();
  const iso = await firstStarted.getAttribute("datetime");
  expect(iso).toBeTruthy();
  const local = new Date(new Date(iso ?? "").getTime() + 8 * 3_600_000);
  const month = local.toLocaleString("en", { month: "short", timeZone: "UTC" });
  const time = local.toISOString().slice(11, 16);
  await expect(firstStarted).toHaveText(`${month} ${local.getUTCDate()}, ${local.getUTCFullYear()}, ${time}`);
  await expect(firstStarted).toHaveAttribute("title", /UTC$/);
});

test("times read the same before and after hydration", async ({ browser, page }) => {
  // A first visit: the server does not know the browser's zone yet and writes UTC, in the format the browser uses.
  const noScript = await browser.newContext({ javaScriptEnabled: false, timezoneId: "Asia/Shanghai" });
  const serverOnly = await noScript.newPage();
  await serverOnly.goto("/");
  const serverTimes = await serverOnly.locator("tbody time").allTextContents();
  expect(serverTimes.length).toBeGreaterThan(0);
  for (const text of serverTimes) expect(text).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}$/);
  await noScript.close();

  // Once hydrated, the browser tells the server its zone: the next page comes with the local times written in.
  await page.goto("/");
  await settledTable(page);
  expect((await page.context().cookies()).find((cookie) => cookie.name === "tz")?.value).toBe("Asia%2FShanghai");
  const shown = page.locator("tbody tr").first().locator("time").first();
  const [iso, text] = [await shown.getAttribute("datetime"), await shown.textContent()];
  const html = await (await page.request.get("/")).text();
  const serverText = new RegExp(`<time datetime="${escapeRegExp(iso ?? "")}"[^>]*>${escapeRegExp(text ?? "")}</time>`, "i");
  expect(html).toMatch(serverText);
});

test("filters by an instance and a time range", async ({ page }) => {
  await page.goto("/");
  const [first] = (await apiBackups(page, new URLSearchParams())).items;

  await page.getByRole("button", { name: /^Filter by instance/ }).click();
  await page.getByRole("searchbox", { name: "Search instances by name or ID" }).fill(first.instanceId.slice(0, 12));
  await page.getByRole("checkbox", { name: new RegExp(escapeRegExp(first.instanceId)) }).check();
  await page.keyboard.press("Escape");
  await expect.poll(() => urlSearch(page).get("instance")).toBe(first.instanceId);
  const byInstance = await expectRowsMatchApi(page);
  expect(byInstance.items.every((item) => item.instanceId === first.instanceId)).toBe(true);
  await expect(page.getByRole("button", { name: /^Filter by instance \(1 selected\)/ })).toBeVisible();

  await page.getByRole("button", { name: /^Time range/ }).click();
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect.poll(() => urlSearch(page).get("from")).not.toBeNull();
  const from = Date.parse(urlSearch(page).get("from") ?? "");
  expect(Math.abs(Date.now() - 7 * 86_400_000 - from)).toBeLessThan(5 * 60_000);
  expect(urlSearch(page).get("instance")).toBe(first.instanceId);
  expect(urlSearch(page).get("page")).toBeNull();
  const lastWeek = await expectRowsMatchApi(page);
  expect(lastWeek.total).toBeLessThanOrEqual(byInstance.total);

  // A custom absolute range, typed in the browser's time zone (UTC+8).
  await page.getByRole("button", { name: /^Time range/ }).click();
  await page.getByLabel("From", { exact: true }).fill("2026-01-01T08:00");
  await page.getByLabel("To (exclusive)", { exact: true }).fill("2026-01-01T07:00");
  await page.getByRole("button", { name: "Apply range" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "must not be later" })).toBeVisible();
  const to = new Date(Date.now() - 86_400_000);
  const toLocal = new Date(to.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
  await page.getByLabel("To (exclusive)", { exact: true }).fill(toLocal);
  await page.getByRole("button", { name: "Apply range" }).click();
  await expect.poll(() => urlSearch(page).get("from")).toBe("2026-01-01T00:00:00.000Z");
  expect(urlSearch(page).get("to")).toBe(new Date(`${toLocal}:00+08:00`).toISOString());
  await expectRowsMatchApi(page);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect.poll(() => page.url()).toMatch(/\/$/);
  await expectRowsMatchApi(page);
});

test("sorts by size, largest first, then smallest first", async ({ page }) => {
  await page.goto("/");
  const size = page.getByRole("columnheader", { name: "Size" });
  await expect(size).toHaveAttribute("aria-sort", "none");

  await size.getByRole("button").click();
  await expect(size).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("columnheader", { name: "Started" })).toHaveAttribute("aria-sort", "none");
  expect(urlSearch(page).get("sort")).toBe("sizeBytes");
  const desc = await expectRowsMatchApi(page);
  const sizes = desc.items.map((item) => item.sizeBytes ?? -1);
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

  await size.getByRole("button").click();
  await expect(size).toHaveAttribute("aria-sort", "ascending");
  expect(urlSearch(page).get("order")).toBe("asc");
  await expectRowsMatchApi(page);
});

test("while the next page loads, the pager keeps the range of the rows on screen", async ({ page }) => {
  await page.goto("/");
  const { total } = await expectRowsMatchApi(page);
  const count = total.toLocaleString("en-US");
  const pages = Math.ceil(total / 50);
  const range = page.getByTestId("row-range");
  const pager = page.getByRole("navigation", { name: "Pages" });
  await expect(range).toHaveText(`Rows 1–50 of ${count}`);

  // Hold the next page's answer until the pager has been looked at.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/backups\?/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("button", { name: "Last page" }).click();
  await expect.poll(() => urlSearch(page).get("page")).toBe(String(pages));
  await expect(pager).toHaveAttribute("aria-busy", "true");
  await expect(range).toHaveText(`Rows 1–50 of ${count}`);
  await expect(page.getByTestId("page-number")).toHaveText(`Page 1 of ${pages.toLocaleString("en-US")}`);

  release();
  await expect(pager).toHaveAttribute("aria-busy", "false");
  const first = (pages - 1) * 50 + 1;
  await expect(range).toHaveText(`Rows ${first.toLocaleString("en-US")}–${count} of ${count}`);
  await expect(page.getByTestId("page-number")).toHaveText(
    `Page ${pages.toLocaleString("en-US")} of ${pages.toLocaleString("en-US")}`,
  );
  await expectRowsMatchApi(page);
});

test("pages forward and back, and the browser's history follows", async ({ page }) => {
  await page.goto("/?pageSize=25");
  const { total } = await expectRowsMatchApi(page);
  const count = total.toLocaleString("en-US");
  const range = page.getByTestId("row-range");
  await expect(range).toHaveText(`Rows 1–25 of ${count}`);
  await expect(page.getByRole("button", { name: "Previous page" })).toBeDisabled();

  await page.getByRole("button", { name: "Next page" }).click();
  await expect(range).toHaveText(`Rows 26–50 of ${count}`);
  expect(urlSearch(page).get("page")).toBe("2");
  await expectRowsMatchApi(page);

  await page.getByRole("button", { name: "Last page" }).click();
  const lastPage = Math.ceil(total / 25);
  await expect.poll(() => urlSearch(page).get("page")).toBe(String(lastPage));
  await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();
  await expectRowsMatchApi(page);

  await page.goBack();
  await expect(range).toHaveText(`Rows 26–50 of ${count}`);
  await expectRowsMatchApi(page);
  await page.goBack();
  await expect(range).toHaveText(`Rows 1–25 of ${count}`);
  expect(urlSearch(page).get("page")).toBeNull();
  await page.goForward();
  await expect(range).toHaveText(`Rows 26–50 of ${count}`);

  // A larger page size keeps the first shown row on screen.
  await page.getByLabel("Rows per page").selectOption("100");
  await expect(range).toHaveText(`Rows 1–100 of ${count}`);
  expect(urlSearch(page).get("pageSize")).toBe("100");
  await expectRowsMatchApi(page);
});

test("opens a row's details by click and by keyboard", async ({ page }) => {
  await page.goto("/");
  await settledTable(page);
  const row = page.locator("tbody tr[data-backup-id]").first();
  const id = await row.getAttribute("data-backup-id");

  await row.click();
  const detail = page.getByRole("dialog");
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId("raw-record")).toContainText(`"id": "${id}"`);
  await expect(detail.getByRole("heading", { name: /details$/ })).toBeVisible();
  await expect(detail.getByText("Backup ID")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(detail).toBeHidden();

  const second = page.locator("tbody tr[data-backup-id]").nth(1);
  await second.focus();
  await page.keyboard.press("Enter");
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId("raw-record")).toContainText(
    `"id": "${await second.getAttribute("data-backup-id")}"`,
  );
  await detail.getByRole("button", { name: "Close details" }).click();
  await expect(detail).toBeHidden();
});

test("the detail panel writes the service's fields as text: engine, progress, flags and times", async ({ page }) => {
  const field = (label: string) => page.getByRole("dialog").locator(`dt:text-is("${label}") + dd`);
  // The simulator leaves optional fields out of some records, as the cloud does: open one that has them all.
  const openRecordWith = async (search: string, keys: readonly string[]) => {
    await page.goto(`/?${search}`);
    await settledTable(page);
    const listed: BackupPage = await (await page.request.get(`/api/backups?${search}`)).json();
    const backup = listed.items.find((item) => keys.every((key) => item.details[key] !== undefined));
    if (!backup) throw new Error(`no backup of ${search} on the first page has ${keys.join(", ")}`);
    await page.locator(`tbody tr[data-backup-id="${backup.id}"]`).click();
    return backup;
  };

  const rds = await openRecordWith("service=rds&kind=full", ["datastore", "type"]);
  const { datastore } = rds.details as { datastore: { version: string } };
  await expect(field("Database engine")).toHaveText(
    new RegExp(`^(MySQL|PostgreSQL|SQL Server|MariaDB) ${escapeRegExp(datastore.version)}$`),
  );
  await expect(field("Type")).toHaveText(/^(Automatic|Manual)$/);
  await page.keyboard.press("Escape");

  await openRecordWith("service=dcs&status=completed", ["progress", "restorable", "updatedAt", "backupType"]);
  await expect(field("Progress")).toHaveText("100%");
  await expect(field("Restorable")).toHaveText(/^(Yes|No)$/);
  // In the browser's zone (UTC+8 here), then in UTC, both written out.
  await expect(field("Updated")).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}:\d{2}[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}:\d{2} UTC$/);
  await expect(field("Backup type")).toHaveText(/^(Automatic|Manual)$/);
});

test("shows what a log backup covers in place of a duration, in the table and its details", async ({ page }) => {
  const search = "kind=incremental&status=completed&pageSize=25";
  await page.goto(`/?${search}`);
  await settledTable(page);
  const [first] = (await apiBackups(page, new URLSearchParams(search))).items;
  expect(first.durationSeconds).toBeNull();
  // In the browser's zone (UTC+8 here), clock times of the span of log held.
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
  const span = page.locator(`tbody tr[data-backup-id="${first.id}"]`).getByTestId("log-span");
  await expect(span).toHaveText(new RegExp(`^covers ${local(first.startedAt)}.+${local(first.endedAt ?? "")}$`));
  await page.locator(`tbody tr[data-backup-id="${first.id}"]`).click();
  const detail = page.getByRole("dialog");
  await expect(detail.getByTestId("log-span")).toHaveText(new RegExp(`^covers ${local(first.startedAt)}`));
  await expect(detail.getByText("Log held")).toBeVisible();
  await expect(detail.getByText("Duration", { exact: true })).toHaveCount(0);
});

test("shows an instance's ID on hover and copies it without opening the row", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await settledTable(page);
  const [first] = (await apiBackups(page, urlSearch(page))).items;
  const row = page.locator(`tbody tr[data-backup-id="${first.id}"]`);
  await row.getByText(first.instanceName ?? first.instanceId, { exact: true }).hover();
  await expect(page.getByRole("tooltip")).toContainText(first.instanceId);
  await row.getByRole("button", { name: `Copy instance ID ${first.instanceId}` }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first.instanceId);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("narrows to the failed backups from the summary", async ({ page }) => {
  await page.goto("/");
  const failed = Number(
    (await page.getByTestId("summary-failed").locator("span span").first().textContent())?.replace(/,/g, ""),
  );
  expect(failed).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Show only failed" }).click();
  await expect.poll(() => urlSearch(page).get("status")).toBe("failed");
  await expect(page.getByTestId("summary-total")).toHaveText(failed.toLocaleString("en-US"));
  await settledTable(page);
  const statuses = await page
    .locator("tbody tr[data-backup-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));
  expect(statuses.length).toBe(Math.min(failed, 50));
  expect(new Set(statuses)).toEqual(new Set(["failed"]));
  await expect(page.getByRole("button", { name: "Show only failed" })).toHaveCount(0);
});

test("a reload, or the link, shows the same view", async ({ page }) => {
  await page.goto("/?pageSize=25");
  await page.getByRole("button", { name: /^Filter by status/ }).click();
  await page.getByRole("checkbox", { name: /^Completed/ }).check();
  await page.keyboard.press("Escape");
  await expect.poll(() => urlSearch(page).get("status")).toBe("completed");
  await page.getByRole("columnheader", { name: "Duration" }).getByRole("button").click();
  await expect.poll(() => urlSearch(page).get("sort")).toBe("durationSeconds");
  await page.getByRole("button", { name: "Next page" }).click();
  await expect.poll(() => urlSearch(page).get("page")).toBe("2");
  const url = page.url();
  const ids = await shownIds(page);
  const range = await page.getByTestId("row-range").textContent();

  await page.reload();
  expect(page.url()).toBe(url);
  expect(await shownIds(page)).toEqual(ids);
  await expect(page.getByTestId("row-range")).toHaveText(range ?? "");
  await expect(page.getByRole("columnheader", { name: "Duration" })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("button", { name: /^Filter by status \(1 selected\)/ })).toContainText("Completed");

  const other = await page.context().newPage();
  await other.goto(url);
  expect(await shownIds(other)).toEqual(ids);
  await other.close();
});

test("exports exactly the current view as CSV", async ({ page }) => {
  // Two days of one RDS instance that makes log backups: more than a page, at most 1,000 rows.
  const from = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await page.goto(`/?sort=sizeBytes&order=asc&pageSize=25&from=${encodeURIComponent(from)}`);
  const [rdsBackup] = (await apiBackups(page, new URLSearchParams({ service: "rds", kind: "incremental", from }))).items;
  await page.getByRole("button", { name: /^Filter by service/ }).click();
  await page.getByRole("checkbox", { name: /^RDS/ }).check();
  await page.getByRole("checkbox", { name: /^DCS/ }).check();
  await page.keyboard.press("Escape");
  await page.getByRole("searchbox", { name: /Search backups/ }).fill(rdsBackup.instanceId);
  await expect.poll(() => urlSearch(page).get("q")).toBe(rdsBackup.instanceId);
  await settledTable(page);

  const link = page.getByTestId("export-csv");
  const href = new URL((await link.getAttribute("href")) ?? "", page.url());
  expect(href.pathname).toBe("/api/backups/export");
  expect(href.searchParams.has("page")).toBe(false);
  expect(href.searchParams.has("pageSize")).toBe(false);

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^backups-.+\.csv$/);
  const rows = parseCsv(await readFile(await download.path(), "utf8"));
  expect(rows[0].join(",")).toBe(CSV_HEADER);

  const all = urlSearch(page);
  all.delete("page");
  all.set("pageSize", "1000");
  const api = await apiBackups(page, all);
  expect(api.total).toBeGreaterThan(25);
  expect(api.total).toBeLessThanOrEqual(1000);
  const backupIdColumn = CSV_HEADER.split(",").indexOf("backup_id");
  expect(rows.slice(1).map((row) => row[backupIdColumn])).toEqual(api.items.map((item) => item.id));
});

test("shows an empty state that clears the filters", async ({ page }) => {
  await page.goto("/");
  await settledTable(page);
  const search = page.getByRole("searchbox", { name: /Search backups/ });
  await search.fill("no backup is called this");
  await search.press("Enter");
  const empty = page.getByTestId("empty-state");
  await expect(empty).toContainText("No backups match these filters");
  await expect(page.getByTestId("summary-total")).toHaveText("0");
  await empty.getByRole("button", { name: "Clear filters" }).click();
  await expect(empty).toBeHidden();
  await expect(search).toHaveValue("");
  await expectRowsMatchApi(page);
});

test("says what is wrong with an invalid link and offers a reset", async ({ page }) => {
  await page.goto("/?pageSize=5000&sort=colour");
  const notice = page.getByTestId("invalid-query");
  await expect(notice).toContainText("pageSize");
  await expect(notice).toContainText("sort");
  await notice.getByRole("link", { name: /Reset the view/ }).click();
  await expect.poll(() => page.url()).toMatch(/\/$/);
  await expectRowsMatchApi(page);
});

test("is usable from the keyboard", async ({ page }) => {
  await page.goto("/");
  await settledTable(page);
  await page.getByRole("searchbox", { name: /Search backups/ }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: /^Filter by service/ })).toBeFocused();
  await page.keyboard.press("Enter");
  const completed = page.getByRole("checkbox").first();
  await expect(completed).toBeFocused();
  await page.keyboard.press("Space");
  await expect.poll(() => urlSearch(page).get("service")).not.toBeNull();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: /^Filter by service/ })).toBeFocused();

  await page.getByRole("button", { name: "Choose columns" }).focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await menu.getByRole("menuitemcheckbox", { name: "Backup ID" }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Backup ID" })).toBeVisible();
});

test("names the source whose sync fails, and shows the other sources' backups", async ({ page }) => {
  await page.goto(`${RDS_DOWN_URL}/`);
  const response = await page.request.get(`${RDS_DOWN_URL}/api/backups`);
  expect(response.status()).toBe(200);
  const api: ApiBackupPage = await response.json();
  const failed = api.sources.filter((source) => !source.ok);
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.every((source) => source.service === "rds")).toBe(true);

  const banner = page.getByTestId("source-errors");
  await expect(banner).toContainText(`The last sync of ${failed.length} sources of ${api.sources.length} failed`);
  await expect(banner.getByTestId("failed-source")).toHaveCount(failed.length);
  for (const source of failed) {
    const line = banner.getByTestId("failed-source").filter({ hasText: `RDS · ${source.region}:` });
    await expect(line).toContainText(source.error?.code ?? "");
    await expect(line).toContainText("Service unavailable");
  }
  expect(await shownIds(page)).toEqual(api.items.map((item) => item.id));
  expect(api.items.some((item) => item.service === "rds")).toBe(false);
  expect(api.total).toBeGreaterThan(0);
});

test("shows the error, never an empty table, when every source of the view fails", async ({ page, allowConsole }) => {
  // The browser logs each failed request; here the failures are the point.
  allowConsole.push(/Failed to load resource: the server responded with a status of 502/);
  await page.goto(`${RDS_DOWN_URL}/?service=rds`);
  const error = page.getByTestId("error-state");
  await expect(error).toContainText("No cloud source answered");
  await expect(error).toContainText("upstream_unavailable");
  await expect(error.getByTestId("failed-source").first()).toContainText("RDS ·");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByTestId("export-csv")).toHaveCount(0);

  await error.getByRole("button", { name: "Try again" }).click();
  await expect(error.getByRole("button", { name: "Try again" })).toBeEnabled();
  await expect(error).toContainText("HTTP 502");

  await error.getByRole("button", { name: "Clear filters" }).click();
  await expect(error).toBeHidden();
  await expect(page.getByTestId("source-errors")).toBeVisible();
  await settledTable(page);

  // Choosing the failing service from the toolbar gives the same error, not an empty table.
  await page.getByRole("button", { name: /^Filter by service/ }).click();
  await page.getByRole("checkbox", { name: /^RDS/ }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("error-state")).toContainText("No cloud source answered");
  await expect(page.getByRole("table")).toHaveCount(0);
});

const VIEWPORTS = { laptop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

for (const colorScheme of ["light", "dark"] as const)
  for (const [device, viewport] of Object.entries(VIEWPORTS))
    test(`fits a ${device} screen in the ${colorScheme} scheme`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.goto("/");
      const table = await settledTable(page);
      // The page itself never scrolls sideways; the table does when it is wider than the screen.
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(viewport.width);
      const scroller = table.locator("..");
      const fits = await scroller.evaluate((element) => element.scrollWidth <= element.clientWidth);
      expect(fits).toBe(device === "laptop");
      await page.screenshot({ path: testInfo.outputPath(`dashboard-${device}-${colorScheme}.png`) });

      await page.getByRole("button", { name: /^Filter by status/ }).click();
      await page.screenshot({ path: testInfo.outputPath(`status-filter-${device}-${colorScheme}.png`) });
      await page.keyboard.press("Escape");

      // A failed backup's details: from the failed-only view, since the newest page need not hold one.
      await page.goto("/?status=failed");
      await settledTable(page);
      await page.locator("tbody tr[data-status=failed]").first().click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`detail-${device}-${colorScheme}.png`) });
      await page.keyboard.press("Escape");

      await page.goto(`${RDS_DOWN_URL}/`);
      await expect(page.getByTestId("source-errors")).toBeVisible();
      await settledTable(page);
      await page.screenshot({ path: testInfo.outputPath(`source-down-${device}-${colorScheme}.png`) });
    });

import type { Page } from "@playwright/test";
import { expect, settledTable, test } from "./fixtures";
import { RDS_DOWN_URL } from "./servers";

/**
 * The dashboard in the browser's language. A Chinese browser must see no English word that is not a name or
 * a value from the data; an English browser no Chinese. The check reads what a person meets: the page's text
 * and the names, titles and placeholders of its visible controls.
 */

/** The browser's time zone: the pages name it by its IANA code. */
const TIME_ZONE = "Asia/Shanghai";

/** Product names, codes and units: the same in every language (longest first, so "SQL Server" goes whole). */
const SAME_IN_EVERY_LANGUAGE = [
  TIME_ZONE,
  "SQL Server",
  "PostgreSQL",
  "Memcached",
  "TaurusDB",
  "GaussDB",
  "MariaDB",
  "MySQL",
  "Redis",
  "HTTP",
  "JSON",
  "RDS",
  "DCS",
  "DDM",
  "CSV",
  "UTC",
  "KB",
  "MB",
  "GB",
  "TB",
];

/** Fields of the API's records whose values are data (names, IDs, regions, the cloud's own words). */
const DATA_FIELDS = new Set([
  "id",
  "name",
  "description",
  "instanceId",
  "instanceName",
  "region",
  "projectId",
  "engineVersion",
  "rawStatus",
  "code",
  "message",
  "requestId",
]);

/**
 * The data values of an API answer: the strings of DATA_FIELDS and everything under `details` (values and
 * keys: the cloud's own records). Codes the UI must name (service, status, kind...) are left out.
 */
function dataValues(node: unknown, out: Set<string>, verbatim = false): Set<string> {
  if (typeof node === "string" || typeof node === "number") {
    if (verbatim) out.add(String(node));
  } else if (Array.isArray(node)) {
    for (const item of node) dataValues(item, out, verbatim);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (verbatim) out.add(key);
      dataValues(value, out, verbatim || key === "details" || DATA_FIELDS.has(key));
    }
  }
  return out;
}

/** What the page shows: its text, its title, and the names, titles and placeholders of visible elements. */
async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // the rendered text is the point (no hidden nodes, no script text)
    const parts = [document.title, document.body.innerText];
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (!element.checkVisibility()) continue;
      for (const name of ["aria-label", "title", "placeholder"]) parts.push(element.getAttribute(name) ?? "");
    }
    // The detail panel's raw record is the API's JSON, verbatim by design.
    const raw = document.querySelector("[data-testid=raw-record]");
    // it is cut out of the rendered text, so it is read the same way
    return parts.join("\n").replaceAll(raw instanceof HTMLElement ? raw.innerText : "\u0000", "\n");
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The text with every data value and every name of SAME_IN_EVERY_LANGUAGE cut out. Data exactly as sent;
 * names in any case, as a heading's CSS may capitalise them ("TAURUSDB").
 */
function withoutData(text: string, data: Set<string>): string {
  const known = [...data].filter((value) => value.length >= 2).sort((a, b) => b.length - a.length);
  const rest = known.reduce((shown, value) => shown.split(value).join("\n"), text);
  return rest.replace(new RegExp(SAME_IN_EVERY_LANGUAGE.map(escapeRegExp).join("|"), "gi"), "\n");
}

/** English words (three letters or more) left once data and names are cut out. */
async function englishLeftovers(page: Page, data: Set<string>): Promise<string[]> {
  return [...new Set(withoutData(await shownText(page), data).match(/[A-Za-z]{3,}/g) ?? [])];
}

/** Chinese characters (and full-width punctuation) left once data is cut out. */
async function chineseLeftovers(page: Page, data: Set<string>): Promise<string[]> {
  return [
    ...new Set(withoutData(await shownText(page), data).match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g) ?? []),
  ];
}

async function apiJson(page: Page, path: string): Promise<unknown> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return response.json();
}

interface ApiItem {
  id: string;
  service: string;
  status: string;
}

/** The data the dashboard's first view can show: its backups, its sources, the instance list, the regions. */
async function viewData(page: Page, search = ""): Promise<{ data: Set<string>; items: ApiItem[]; total: number }> {
  const body = (await apiJson(page, `/api/backups${search}`)) as {
    items: ApiItem[];
    total: number;
    facets: { region: Record<string, number> };
  };
  const data = dataValues(body, new Set());
  dataValues(await apiJson(page, "/api/instances"), data);
  for (const region of Object.keys(body.facets.region)) data.add(region);
  return { data, items: body.items, total: body.total };
}

/** Each view the check visits, opened from a settled dashboard and closed again. */
const MENUS = [
  {
    name: "status filter",
    trigger: (page: Page, zh: boolean) => page.getByRole("button", { name: zh ? /^按状态筛选/ : /^Filter by status/ }),
  },
  {
    name: "service filter",
    trigger: (page: Page, zh: boolean) => page.getByRole("button", { name: zh ? /^按服务筛选/ : /^Filter by service/ }),
  },
  {
    name: "instance filter",
    trigger: (page: Page, zh: boolean) =>
      page.getByRole("button", { name: zh ? /^按实例筛选/ : /^Filter by instance/ }),
  },
  {
    name: "time range",
    trigger: (page: Page, zh: boolean) => page.getByRole("button", { name: zh ? /^时间范围/ : /^Time range/ }),
  },
  {
    name: "column menu",
    trigger: (page: Page, zh: boolean) => page.getByRole("button", { name: zh ? "自定义列" : "Choose columns" }),
  },
] as const;

/**
 * Visits the dashboard with data, each filter menu, the detail panel of one backup of each service, and the
 * empty state, and hands each view's leftovers to `leftovers` (which must find none).
 */
async function visitViews(
  page: Page,
  zh: boolean,
  leftovers: (page: Page, data: Set<string>) => Promise<string[]>,
): Promise<void> {
  await page.goto("/");
  const { data } = await viewData(page);
  await settledTable(page, zh ? "备份列表" : "Backups");
  expect(await leftovers(page, data), "dashboard").toEqual([]);

  for (const menu of MENUS) {
    await menu.trigger(page, zh).click();
    const popup = page.locator("[data-radix-popper-content-wrapper]");
    await expect(popup).toBeVisible();
    if (menu.name === "instance filter") await expect(popup.getByRole("checkbox").first()).toBeVisible();
    expect(await leftovers(page, data), menu.name).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(popup).toHaveCount(0);
  }

  // A failed backup, and one of each service: each service has fields of its own.
  for (const search of ["?status=failed", "?service=taurusdb", "?service=rds", "?service=dcs"]) {
    const view = await viewData(page, search);
    await page.goto(`/${search}`);
    await settledTable(page, zh ? "备份列表" : "Backups");
    expect(view.items.length, `backups of ${search}`).toBeGreaterThan(0);
    const [item] = view.items;
    await page.locator(`tbody tr[data-backup-id="${item.id}"]`).click();
    const detail = page.getByRole("dialog");
    await expect(detail.getByTestId("raw-record")).toContainText(item.id);
    expect(await leftovers(page, view.data), `detail of a ${item.service} backup (${item.status})`).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(detail).toBeHidden();
  }

  const box = page.getByRole("searchbox", { name: zh ? /搜索备份/ : /Search backups/ });
  await box.fill(zh ? "不存在的备份" : "no backup is called this");
  await box.press("Enter");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expect(page.getByTestId("summary-total")).toHaveText("0");
  expect(await leftovers(page, data), "empty state").toEqual([]);
}

test.describe("a Chinese browser", () => {
  test.use({ locale: "zh-CN", timezoneId: TIME_ZONE });

  test.describe("without scripts", () => {
    test.use({ javaScriptEnabled: false });

    test("gets the page in Chinese from the server", async ({ page }) => {
      await page.goto("/?pageSize=25");
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(page).toHaveTitle("备份清单");
      await expect(page.getByTestId("demo-notice")).toHaveText("演示数据 — 以下备份均来自内置模拟器");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("全部备份");
      await expect(page.getByRole("columnheader", { name: "开始时间" })).toHaveAttribute("aria-sort", "descending");
      const { data, total } = await viewData(page, "?pageSize=25");
      await expect(page.getByTestId("row-range")).toHaveText(`第 1–25 条，共 ${total.toLocaleString("zh-CN")} 条`);
      expect(await englishLeftovers(page, data)).toEqual([]);
    });
  });

  test("sees the dashboard, its menus, the details and the empty state in Chinese", async ({ page }) => {
    await visitViews(page, true, englishLeftovers);
  });

  test("sees dates, numbers and durations the Chinese way, in its own time zone", async ({ page }) => {
    await page.goto("/?sort=durationSeconds");
    const table = await settledTable(page, "备份列表");
    await expect(page.getByTestId("sync-status")).toHaveText(/^(刚刚|\d+分钟前)已同步$/);
    const firstRow = table.locator("tbody tr").first();
    const started = firstRow.locator("time").first();
    const local = new Date(Date.parse((await started.getAttribute("datetime")) ?? "") + 8 * 3_600_000);
    await expect(started).toHaveText(
      `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${local.toISOString().slice(11, 16)}`,
    );
    await expect(started).toHaveAttribute("title", /UTC$/);
    await expect(firstRow.locator("td").nth(-2)).toHaveText(/^[\d,]+ (天|小时|分钟|秒)( \d+ (小时|分钟|秒))?$/);
    await expect(page.getByTestId("summary-size")).toHaveText(/^[\d.]+ (B|KB|MB|GB|TB|PB)$/);
  });

  test("is told in Chinese which source is down", async ({ page }) => {
    await page.goto(`${RDS_DOWN_URL}/`);
    const response = await page.request.get(`${RDS_DOWN_URL}/api/backups`);
    const body: { sources: { ok: boolean }[] } = await response.json();
    const failed = body.sources.filter((source) => !source.ok).length;
    await settledTable(page, "备份列表");
    await expect(page.getByTestId("source-errors")).toContainText(
      `${body.sources.length} 个数据源中有 ${failed} 个最近一次同步失败`,
    );
    // The cloud's error text and request IDs (new on every call here) are data: read them from the page itself.
    // This server syncs every 10 s and each failure brings new IDs, so the words and the text are read again
    // until both come from the same sync.
    await expect(async () => {
      const cloudWords = await page.locator("[data-testid=failed-source] [translate=no]").allInnerTexts();
      expect(cloudWords.length).toBeGreaterThanOrEqual(2 * failed);
      expect(await englishLeftovers(page, dataValues(body, new Set(cloudWords)))).toEqual([]);
    }).toPass({ timeout: 30_000 });
  });

  test("switches to English from the header, by keyboard too, and the choice sticks", async ({ page }) => {
    await page.goto("/");
    await settledTable(page, "备份列表");
    await page.getByRole("button", { name: "语言：简体中文" }).focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitemradio", { name: "简体中文" })).toHaveAttribute("aria-checked", "true");
    await expect(menu.getByRole("menuitemradio", { name: "English" })).toBeFocused();
    await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await settledTable(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("All backups");
    expect((await page.context().cookies()).find((cookie) => cookie.name === "locale")?.value).toBe("en");

    // The choice wins over the browser's Chinese, on a reload and on a new visit.
    await page.reload();
    await settledTable(page);
    await expect(page.getByTestId("row-range")).toContainText(/^Rows 1–50 of /);
    const other = await page.context().newPage();
    await other.goto("/?status=failed");
    await expect(other.getByRole("button", { name: /^Filter by status \(1 selected\)/ })).toContainText("Failed");
    await other.close();

    await page.getByRole("button", { name: "Language: English" }).click();
    await Promise.all([page.waitForEvent("load"), page.getByRole("menuitemradio", { name: "简体中文" }).click()]);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await settledTable(page, "备份列表");
    await expect(page.getByRole("button", { name: "语言：简体中文" })).toBeVisible();
  });
});

test.describe("an English browser", () => {
  test.use({ locale: "en-US", timezoneId: TIME_ZONE });

  test("sees the same views in English", async ({ page }) => {
    await visitViews(page, false, chineseLeftovers);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

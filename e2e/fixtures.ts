import { test as base, expect, type Locator, type Page } from "@playwright/test";

/**
 * The dashboard's browser tests run on this `test`: it fails a test on any console error or warning
 * (React key warnings, hydration mismatches, uncaught errors) unless the test allows that exact message.
 */

interface ConsoleMessage {
  type: string;
  text: string;
}

export const test = base.extend<{ allowConsole: RegExp[]; consoleGuard: undefined }>({
  // Playwright reads a fixture's dependencies from this pattern; it has none
  allowConsole: async ({}, use) => {
    await use([]);
  },
  consoleGuard: [
    async ({ page, allowConsole }, use) => {
      const messages: ConsoleMessage[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning")
          messages.push({ type: message.type(), text: message.text() });
      });
      page.on("pageerror", (error) => messages.push({ type: "pageerror", text: error.message }));
      await use(undefined);
      const unexpected = messages.filter((message) => !allowConsole.some((pattern) => pattern.test(message.text)));
      expect(unexpected, "console errors and warnings").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Once the page has hydrated, its handlers are live (app/providers.tsx marks the document). */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
}

/** The backups table (named `name` in the page's language), once the page is interactive and no page is loading. */
export async function settledTable(page: Page, name = "Backups"): Promise<Locator> {
  await hydrated(page);
  const table = page.getByRole("table", { name });
  await expect(table).toHaveAttribute("aria-busy", "false");
  return table;
}

/** The backup IDs of the shown rows, top to bottom. */
export async function shownIds(page: Page): Promise<string[]> {
  const table = await settledTable(page);
  return table
    .locator("tbody tr[data-backup-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-backup-id") ?? ""));
}

/** The view's query string as the page's URL holds it. */
export function urlSearch(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

export interface ApiBackupPage {
  items: {
    id: string;
    service: string;
    instanceId: string;
    instanceName: string | null;
    sizeBytes: number | null;
    startedAt: string;
    endedAt: string | null;
    durationSeconds: number | null;
  }[];
  total: number;
  page: number;
  pageSize: number;
  sources: { service: string; region: string; ok: boolean; error: { code: string; message: string } | null }[];
}

/** What the API answers for a query (the oracle the page is compared with). */
export async function apiBackups(page: Page, params: URLSearchParams): Promise<ApiBackupPage> {
  const search = params.toString();
  const response = await page.request.get(`/api/backups${search ? `?${search}` : ""}`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

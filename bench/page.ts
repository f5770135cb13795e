import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/chromium";
import { backupPage } from "./http";
import { median } from "./stats";

/**
 * Scenario 5: the dashboard page in Chromium (Debian's, with the flags of playwright.config.ts): the JavaScript
 * its first load fetches, and how long a filter change takes to reach the table.
 */


/**
 * Filter changes, each a view the page has not shown before (so no answer comes from the browser's query
 * cache), each changing the status filter.
 */
const FILTER_CHANGES = [
  "status=failed",
  "status=in_progress",
  "status=completed",
  "status=deleting",
  "status=failed,in_progress",
  "status=completed&service=rds",
  "status=expired,deleted",
  "status=pending",
  "status=completed&kind=incremental",
];
const WARM_UP_CHANGE = "status=completed&trigger=manual";

/**
 * Runs in the page: changes the URL the way the toolbar does (history.pushState, which Next.js follows), then
 * waits for the table to show the expected view: the row count's last number is the expected total and, where
 * rows carry `data-backup-id`, the first row is the expected first backup. Resolves to the elapsed ms.
 * Plain JavaScript text, so that nothing the TypeScript loader adds reaches the browser.
 */
const MEASURE_IN_PAGE = `async ({ search, total, firstId }) => {
  const lastNumber = (text) => {
    const numbers = text.replace(/[,\\u00a0\\u202f]/g, "").match(/\\d+/g);
    return numbers ? Number(numbers[numbers.length - 1]) : null;
  };
  const shown = () => {
    const range = document.querySelector('[data-testid="row-range"]');
    const text = range ? range.textContent : ((document.body.innerText.match(/(Rows|No rows)[^\\n]*/) || [""])[0]);
    if (lastNumber(text || "") !== total) return false;
    if (document.querySelector('table[aria-busy="true"]')) return false;
    const first = document.querySelector("tr[data-backup-id]");
    return firstId === null ? !first : !first || first.getAttribute("data-backup-id") === firstId;
  };
  const started = performance.now();
  history.pushState(null, "", "?" + search);
  return await new Promise((resolve, reject) => {
    const done = () => {
      if (!shown()) return false;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - started);
      return true;
    };
    const observer = new MutationObserver(done);
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error("the table did not show " + search + " within 20 s"));
    }, 20000);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    done();
  });
}`;

export interface PageResult {
  /** The scripts requested before the page's `load` event: what its first load needs. */
  scripts: number;
  jsBytes: number;
  /** gzip -9, as Next.js's build output and `gzip-size` count it. */
  jsGzipBytes: number;
  /** gzip -6, zlib's default, which many servers send. */
  jsGzip6Bytes: number;
  /** Scripts fetched after `load` while the page settled (lazy parts, prefetched routes): not judged. */
  laterScripts: number;
  laterJsGzipBytes: number;
  /** The server's first render of `/` since it started (loads the page's server code), ms; fetched before the browser. */
  firstRenderMs: number;
  /** From navigation to the table on screen, ms, once the server has rendered the page before. */
  loadMs: number;
  filterToTable: { runsMs: number[]; medianMs: number; backups: number };
}

/** Runs in the page: the table (or its row count) is on screen. */
const TABLE_SHOWN = `() => !!document.querySelector('[data-testid="row-range"], tr[data-backup-id]')`;
/** How long after the table shows to keep collecting the scripts the page fetches on its own. */
const SETTLE_MS = 2000;

const gzipSize = (bodies: Buffer[], level: number) =>
  bodies.reduce((sum, body) => sum + gzipSync(body, { level }).length, 0);

export async function measurePage(baseUrl: string, options: { backups: number }): Promise<PageResult> {
  const firstRenderStarted = performance.now();
  const firstRender = await fetch(`${baseUrl}/`);
  await firstRender.text();
  if (!firstRender.ok) throw new Error(`GET / answered ${firstRender.status}`);
  const firstRenderMs = performance.now() - firstRenderStarted;
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    let loaded = false;
    page.once("load", () => {
      loaded = true;
    });
    const firstLoad: Promise<Buffer>[] = [];
    const later: Promise<Buffer>[] = [];
    page.on("request", (request) => {
      if (request.resourceType() !== "script") return;
      const body = request.response().then((response) => (response?.ok() ? response.body() : Buffer.alloc(0)));
      (loaded ? later : firstLoad).push(body);
    });
    const started = performance.now();
    await page.goto(`${baseUrl}/`, { waitUntil: "load", timeout: 120_000 });
    await page.waitForFunction(TABLE_SHOWN, undefined, { timeout: 120_000 });
    const loadMs = performance.now() - started;
    await page.waitForTimeout(SETTLE_MS);
    const bodies = (await Promise.all(firstLoad)).filter((body) => body.length > 0);
    const laterBodies = (await Promise.all(later)).filter((body) => body.length > 0);

    const runsMs: number[] = [];
    for (const search of [WARM_UP_CHANGE, ...FILTER_CHANGES]) {
      const expected = (await backupPage(baseUrl, search)).body;
      const ms = (await page.evaluate(
        `(${MEASURE_IN_PAGE})(${JSON.stringify({
          search,
          total: expected.total,
          firstId: expected.items[0]?.id ?? null,
        })})`,
      )) as number;
      if (search !== WARM_UP_CHANGE) runsMs.push(ms);
      // Lets whatever follows an update (idle callbacks, prefetches) finish before the next change.
      await page.waitForTimeout(300);
    }
    await context.close();
    return {
      scripts: bodies.length,
      jsBytes: bodies.reduce((sum, body) => sum + body.length, 0),
      jsGzipBytes: gzipSize(bodies, 9),
      jsGzip6Bytes: gzipSize(bodies, 6),
      laterScripts: laterBodies.length,
      laterJsGzipBytes: gzipSize(laterBodies, 9),
      firstRenderMs,
      loadMs,
      filterToTable: { runsMs, medianMs: median(runsMs), backups: options.backups },
    };
  } finally {
    await browser.close();
  }
}

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";

/**
 * Security headers and the Content-Security-Policy on the production build (the demo server of the browser
 * tests), and the build's client files.
 */

const HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

test("the dashboard runs under its Content-Security-Policy: its nonced scripts run, nothing is refused", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (event) => {
      // No exception: the browser's zod runs jitless (app/providers.tsx), so nothing even probes for eval.
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
    });
  });
  const response = await page.goto("/");
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).not.toContain("unsafe-eval");
  await expect(page.getByTestId("demo-notice")).toBeVisible();
  // Next.js's inline scripts ran (they fill __next_f), so the nonce let them through; and the page hydrated.
  expect(await page.evaluate(() => Array.isArray(Reflect.get(window, "__next_f")))).toBe(true);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => Reflect.get(window, "__cspViolations"))).toEqual([]);
  expect(problems).toEqual([]);
});

test("every kind of response carries the security headers", async ({ page, request }) => {
  await page.goto("/");
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  expect(script).toBeTruthy();
  for (const path of ["/", "/api/backups?pageSize=1", "/api/backups?pageSize=0", "/api/health", `${script}`, "/nope"]) {
    const response = await request.get(path);
    const headers = response.headers();
    for (const [name, value] of Object.entries(HEADERS)) expect(headers[name], `${name} of ${path}`).toBe(value);
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
});

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

test("the client files of the build hold no credential and read no credential variable", async () => {
  const distDir = fileURLToPath(new URL(`../${process.env.NEXT_DIST_DIR || ".next"}/static/`, import.meta.url));
  const files = await filesUnder(distDir);
  expect(files.some((file) => file.endsWith(".js"))).toBe(true);
  // The values present when the build ran (the same environment as this test run), when there are any.
  const values = ["CLOUD_SDK_AK", "CLOUD_SDK_SK", "CLOUD_SDK_SECURITY_TOKEN"]
    .map((name) => process.env[name]?.trim())
    .filter((value): value is string => !!value && value.length >= 6);
  for (const file of files) {
    const text = await readFile(file, "utf8");
    // Names only server modules use: the credential variables, the signer's algorithm and token header. Their
    // absence shows that no module able to read or use a key was bundled for the browser.
    expect(text, file).not.toMatch(/CLOUD_SDK_|DASHBOARD_USERS|SDK-HMAC-SHA256|X-Security-Token/i);
    for (const value of values) expect(text.includes(value), `a credential in ${file}`).toBe(false);
  }
});

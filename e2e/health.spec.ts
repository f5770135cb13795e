import { expect, test } from "@playwright/test";

test("the home page says which mode it runs in", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(await health.json()).toEqual({ status: "ok", mode: "demo" });
  await page.goto("/");
  await expect(page.getByTestId("demo-notice")).toContainText("Demo data");
});

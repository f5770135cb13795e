import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { firstSyncDone, hashPasswordWithCli, startApp, startFailingApp, startSimulatorProcess, stop } from "../lib/testing/app-process";

/**
 * The production server in its own processes: access control through the proxy, no credential in any answer
 * (accepted or rejected by the cloud), start-up refusals, and a graceful stop.
 */

test.describe.configure({ mode: "serial" });

const KEYS = { ak: "E2ESERVERAK0000000001", sk: "e2e-server-secret-key-000000000001" };
const ALICE = { username: "alice", password: "correct horse battery" };

/** Every answer a user can get, whole (status line, headers, body). */
const PATHS = [
  "/",
  "/?service=rds&sort=sizeBytes",
  "/?pageSize=0",
  "/api/backups",
  "/api/backups?pageSize=0",
  "/api/backups?endpoint=http://evil",
  "/api/backups/export",
  "/api/instances",
  "/api/health",
  "/api/health?ready=1",
  "/nope",
];

async function answers(url: string, authorization: string): Promise<{ statuses: number[]; text: string }> {
  const statuses: number[] = [];
  let text = "";
  for (const path of PATHS) {
    const response = await fetch(`${url}${path}`, { headers: { authorization } });
    statuses.push(response.status);
    text += `${path} ${response.status}\n${[...response.headers].join("\n")}\n\n${await response.text()}\n`;
  }
  return { statuses, text };
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

test("with basic access: the dashboard for its users, 401 and then 429 for others, no key in any answer", async ({
  browser,
}) => {
  const users = `alice:${await hashPasswordWithCli(ALICE.password)}`;
  const cloud = await startSimulatorProcess(["--ak", KEYS.ak, "--sk", KEYS.sk, "--instances", "20", "--days", "2"]);
  const app = await startApp({ ...cloud.env, DASHBOARD_AUTH: "basic", DASHBOARD_USERS: users });
  try {
    await firstSyncDone(app.url, { authorization: basic(ALICE.username, ALICE.password) });
    const signedIn = await browser.newContext({ httpCredentials: ALICE });
    const page = await signedIn.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("table").first()).toBeVisible();
    expect(problems).toEqual([]);
    await signedIn.close();

    const { statuses, text } = await answers(app.url, basic(ALICE.username, ALICE.password));
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(5);
    expect(statuses.every((status) => [200, 400, 404].includes(status))).toBe(true);
    for (const key of [KEYS.ak, KEYS.sk]) expect(text.includes(key)).toBe(false);

    expect((await fetch(`${app.url}/api/backups`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    const guesses: number[] = [];
    for (let i = 0; i < 11; i++)
      guesses.push((await fetch(`${app.url}/`, { headers: { authorization: basic("alice", `guess ${i}`) } })).status);
    expect(guesses).toEqual([...Array(10).fill(401), 429]);
    // Only that name from that address is locked: credentials verified before pass, other names are still checked.
    const signedInAgain = await fetch(`${app.url}/api/instances`, {
      headers: { authorization: basic(ALICE.username, ALICE.password) },
    });
    expect(signedInAgain.status).toBe(200);
    expect((await fetch(`${app.url}/`, { headers: { authorization: basic("mallory", "guess") } })).status).toBe(401);
    expect(app.output()).not.toContain(ALICE.password);
  } finally {
    await stop(app);
    await stop(cloud);
  }
  for (const key of [KEYS.ak, KEYS.sk]) expect(app.output().includes(key)).toBe(false);
});

test("with keys the cloud rejects: the failure is shown, and no answer or log line holds a key", async () => {
  const cloud = await startSimulatorProcess(["--ak", KEYS.ak, "--sk", KEYS.sk, "--instances", "10", "--days", "2"]);
  const rejected = { CLOUD_SDK_AK: "E2EREJECTEDAK000000001", CLOUD_SDK_SK: "e2e-rejected-secret-key-0000000001" };
  const app = await startApp({ ...cloud.env, ...rejected });
  try {
    // Every source has tried its first sync, and failed: nothing is stored, so the views fail as a whole.
    await firstSyncDone(app.url);
    const { statuses, text } = await answers(app.url, "");
    expect(statuses).toContain(502);
    expect(statuses).toContain(503);
    expect(text).toContain("Incorrect IAM authentication information");
    for (const key of [...Object.values(rejected), KEYS.ak, KEYS.sk]) expect(text.includes(key)).toBe(false);
  } finally {
    await stop(app);
    await stop(cloud);
  }
  for (const key of Object.values(rejected)) expect(app.output().includes(key)).toBe(false);
});

test("a bad access setting stops start-up with one line naming the variable", async () => {
  const app = startFailingApp({ DASHBOARD_AUTH: "basic", DASHBOARD_USERS: "alice:not-a-hash" });
  expect(await app.exited).toBe(1);
  const errors = app
    .output()
    .split("\n")
    .filter((line) => line.startsWith("Configuration error"));
  expect(errors).toEqual([expect.stringMatching(/^Configuration error: DASHBOARD_USERS: the hash of user "alice"/)]);
});

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

test("on SIGTERM, a request in flight is answered from the store, then the server and the demo simulator close", async () => {
  // Every simulated call takes 400 ms, so the first sync, which the refresh waits for, takes a few seconds.
  const app = await startApp({ DEMO_LATENCY_MS: "400", DEMO_INSTANCES: "20" });
  const simulatorPorts = [...app.output().matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)]
    .map((match) => Number(match[1]))
    .filter((port) => !app.url.endsWith(`:${port}`));
  expect(simulatorPorts.length).toBe(3);
  const inFlight = fetch(`${app.url}/api/backups?refresh=1&pageSize=1`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  app.child.kill("SIGTERM");
  const response = await inFlight;
  expect(response.status).toBe(200);
  const page = await response.json();
  // The sync under way was cancelled, not failed: no source says so; what was committed before is answered.
  expect(page.sources.every((source: { ok: boolean }) => source.ok)).toBe(true);
  expect(page.total).toBe(page.sources.reduce((sum: number, source: { backups: number }) => sum + source.backups, 0));
  expect(await app.exited).toBe(143);
  const port = Number(new URL(app.url).port);
  for (const closed of [port, ...simulatorPorts]) expect(await refusesConnections(closed), `port ${closed}`).toBe(true);
});

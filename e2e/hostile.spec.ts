import { expect, test } from "@playwright/test";
import { startApp, stop } from "../lib/testing/app-process";
import { DCS, HOSTILE_PROJECTS, type HostileDcs, hostileAnswers, saneDcs, startHostileDcs } from "../lib/testing/hostile";

/**
 * The production server against a hostile upstream: one project of a plain-http DCS endpoint answers what it
 * likes (huge totals, huge and slow bodies, odd error codes), the other answers like DCS. The server stays up,
 * each failure is that source's clear error, and the sync after it succeeds. Each sync is asked for with
 * `refresh=1`, more than SYNC_INTERVAL_SECONDS / 10 after the last one (else it would join that one). The memory it
 * takes meanwhile is measured by the bench (`hostile` scenario).
 */

test.describe.configure({ mode: "serial" });

const MiB = 2 ** 20;
const GOOD = HOSTILE_PROJECTS.good.projectId;
const BAD = HOSTILE_PROJECTS.bad.projectId;

let upstream: HostileDcs;
let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  upstream = await startHostileDcs();
  // A body that never ends costs two attempts of the timeout; reading 32 MiB must fit in one on a busy machine.
  app = await startApp({ ...upstream.env, CLOUD_TIMEOUT_MS: "2000", SYNC_INTERVAL_SECONDS: "10" });
});

/** Requested syncs closer together than SYNC_INTERVAL_SECONDS / 10 (1 s here) join the last one. */
const SYNC_SPACING_MS = 1_100;
let lastSync = 0;

/**
 * `path` with `refresh=1`: a sync of every source first, far enough from the last one not to join it. The spacing
 * counts from the last answer, not the last request: that sync may have started any time before it ended.
 */
async function afterSync(path: string): Promise<Response> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastSync + SYNC_SPACING_MS - Date.now())));
  const response = await fetch(`${app.url}${path}`);
  lastSync = Date.now();
  return response;
}

test.afterAll(async () => {
  await stop(app);
  await upstream.close();
});

interface Source {
  projectId: string;
  ok: boolean;
  error: { code: string; message: string } | null;
}

/** The bad project's source after a sync, after checking that the good one was served. */
async function badSource(): Promise<Source> {
  const response = await afterSync("/api/instances?refresh=1");
  expect(response.status).toBe(200);
  const { sources } = (await response.json()) as { sources: Source[] };
  expect(sources.find((source) => source.projectId === GOOD)?.ok).toBe(true);
  return sources.find((source) => source.projectId === BAD) as Source;
}

/** The server is still the one started, and answers. */
async function expectUp(): Promise<void> {
  expect(app.child.exitCode).toBeNull();
  expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
}

async function expectRecovery(): Promise<void> {
  upstream.bad = saneDcs;
  expect(await badSource()).toMatchObject({ ok: true, error: null });
  await expectUp();
}

test("a huge or inconsistent total fails its source clearly, in one call; the server stays up", async () => {
  for (const total of [999_999_999_999_999, 5000]) {
    const before = upstream.badCalls();
    upstream.bad = () => hostileAnswers.json(DCS.instanceList([DCS.instance("only-one")], total));
    const source = await badSource();
    expect(source.error?.code).toBe("invalid_response");
    expect(source.error?.message).toContain("its totals are inconsistent");
    // One call: the first page tells that the total cannot be true.
    expect(upstream.badCalls() - before).toBe(1);
    await expectRecovery();
  }
});

test("a 600 MiB body fails its source, and every request after it succeeds", async () => {
  for (const declared of [false, true]) {
    upstream.bad = () => hostileAnswers.hugeBody(600 * MiB, { declared });
    expect((await badSource()).error?.code).toBe("response_too_large");
    await expectRecovery();
  }
  // More failures in a row than the endpoint has slots: none keeps its slot.
  upstream.bad = () => hostileAnswers.hugeBody(600 * MiB);
  for (let i = 0; i < 20; i++) expect((await badSource()).error?.code).toBe("response_too_large");
  await expectRecovery();
});

test("a body that never ends times out, and the next request succeeds", async () => {
  upstream.bad = () => hostileAnswers.slowBody(50);
  expect((await badSource()).error?.code).toBe("timeout");
  await expectRecovery();
});

test("an error code with CR, LF or wide characters never costs the export", async () => {
  for (const code of ["A\r\nSet-Cookie: x=1", "错误代码", "X".repeat(10_000)]) {
    upstream.bad = () => hostileAnswers.error(400, code);
    for (const path of ["/api/backups/export?refresh=1", "/api/coverage/export?refresh=1"]) {
      const response = await afterSync(path);
      expect(response.status, path).toBe(200);
      const header = response.headers.get("x-incomplete-sources") ?? "";
      expect(decodeURIComponent(header)).toBe(`dcs/cn-east-3/${BAD}: ${code.slice(0, 64)}`);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.text()).toContain(`inst-${GOOD}`);
    }
  }
  await expectRecovery();
});

test("query parameters that objects inherit are 400 like any unknown one", async () => {
  for (const name of ["toString", "constructor", "valueOf", "hasOwnProperty", "isPrototypeOf"]) {
    const response = await fetch(`${app.url}/api/backups?${name}=1`);
    expect(response.status, name).toBe(400);
    expect(((await response.json()) as { error: { issues: unknown[] } }).error.issues).toContainEqual({
      path: name,
      message: "unknown parameter",
    });
  }
  // Next.js's router drops `__proto__` from the URL before the proxy and the routes see it (it reads the query
  // into a plain object): it reaches no code of ours, and the answer is the one without it.
  const [withIt, without] = await Promise.all(
    ["?__proto__=1&pageSize=1", "?pageSize=1"].map(async (query) => {
      const response = await fetch(`${app.url}/api/backups${query}`);
      return { status: response.status, items: ((await response.json()) as { items: unknown[] }).items };
    }),
  );
  expect(withIt).toEqual(without);
  await expectUp();
});

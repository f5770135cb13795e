import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CloudApiError } from "../cloud/errors";
import { SourceCalls } from "./calls";
import { idText, pageEnvelope } from "./fields";
import { CALL_PRIORITY, type ListSpec, listAll } from "./paging";
import { context, FakeCloud, pageOf } from "./testing/fake-cloud";

const itemSchema = z.object({ id: idText, n: z.number() });
const spec: ListSpec<z.output<typeof itemSchema>> = {
  label: "Test list",
  path: "/v1/p/items",
  query: { kind: "x" },
  pageSize: 100,
  maxRecords: 1000,
  envelope: pageEnvelope("items", "total"),
  record: itemSchema,
  idKey: "id",
};

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `item-${i}`, n: i }));

function cloudOf(records: unknown[], cap = Number.POSITIVE_INFINITY) {
  return new FakeCloud((request) => ({
    items: pageOf(records, request).slice(0, cap),
    total: records.length,
  }));
}

describe("listAll", () => {
  it("reads the first page, then requests every other page at once", async () => {
    const cloud = cloudOf(items(250));
    const calls = new SourceCalls(context(cloud));
    const listing = await listAll(calls, spec);
    expect(listing.items.map((item) => item.n)).toEqual(items(250).map((item) => item.n));
    expect(listing.skipped).toEqual([]);
    expect(cloud.calls).toEqual([
      "/v1/p/items?kind=x&limit=100&offset=0",
      "/v1/p/items?kind=x&limit=100&offset=100",
      "/v1/p/items?kind=x&limit=100&offset=200",
    ]);
    expect(cloud.maxInFlight).toBe(2);
    expect(calls.count).toBe(3);
    expect(cloud.requests.every((r) => r.projectId === "0483b6b16e954cb88930a360d2c4e663")).toBe(true);
    expect(cloud.requests.every((r) => r.endpoint === "https://api.test")).toBe(true);
  });

  it("makes one call for an empty list and for a list that fits one page", async () => {
    for (const n of [0, 1, 100]) {
      const cloud = cloudOf(items(n));
      const listing = await listAll(new SourceCalls(context(cloud)), spec);
      expect(listing.items).toHaveLength(n);
      expect(cloud.calls).toHaveLength(1);
    }
    const cloud = cloudOf(items(200));
    await listAll(new SourceCalls(context(cloud)), spec);
    expect(cloud.calls).toHaveLength(2);
  });

  it("ranks the calls for a slot by what waits for them: instance lists, then first pages (long lists' first)", async () => {
    const priorities = async (role: ListSpec<unknown>["role"]) => {
      const cloud = cloudOf(items(250));
      await listAll(new SourceCalls(context(cloud)), { ...spec, role });
      return cloud.requests.map((request) => [request.query?.offset, request.priority]);
    };
    expect(await priorities("instances")).toEqual([
      [0, CALL_PRIORITY.instanceList],
      [100, CALL_PRIORITY.instanceList],
      [200, CALL_PRIORITY.instanceList],
    ]);
    expect(await priorities("long")).toEqual([
      [0, CALL_PRIORITY.longListFirstPage],
      [100, CALL_PRIORITY.laterPage],
      [200, CALL_PRIORITY.laterPage],
    ]);
    expect(await priorities(undefined)).toEqual([
      [0, CALL_PRIORITY.firstPage],
      [100, CALL_PRIORITY.laterPage],
      [200, CALL_PRIORITY.laterPage],
    ]);
    const order = Object.values(CALL_PRIORITY);
    expect([...order].sort((a, b) => b - a)).toEqual(order);
  });

  it("skips a record without what it requires, named by its ID or its index, and keeps the others", async () => {
    const records: unknown[] = items(150);
    records[3] = { id: "item-3", n: "three" };
    records[120] = { n: 120 };
    records[130] = null;
    records[140] = { id: "  ", n: 140 };
    const listing = await listAll(new SourceCalls(context(cloudOf(records))), spec);
    expect(listing.items).toHaveLength(146);
    expect(listing.skipped).toEqual([
      { list: "Test list", id: "item-3", reason: "n: Invalid input: expected number, received string" },
      { list: "Test list", id: "index 120", reason: "id: Invalid input: expected string, received undefined" },
      { list: "Test list", id: "index 130", reason: "Invalid input: expected object, received null" },
      { list: "Test list", id: "index 140", reason: "id: must not be empty" },
    ]);
  });

  it("fails the whole list on a page whose envelope is wrong, and aborts the calls under way", async () => {
    const cloud = new FakeCloud((request) =>
      request.query?.offset === 200
        ? { items: "nope", total: 300 }
        : { items: pageOf(items(300), request), total: 300 },
    );
    const error = await listAll(new SourceCalls(context(cloud)), spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({
      errorCode: "invalid_response",
      httpStatus: 200,
      requestId: "req-3",
      path: "/v1/p/items",
      retryable: false,
      errorMsg: "Test list (offset 200): unexpected response: items: Invalid input: expected array, received string",
    });
  });

  it("fails on a missing total and on a body that is not an object", async () => {
    for (const body of [{ items: [] }, null, [], "text"]) {
      const error = await listAll(new SourceCalls(context(new FakeCloud(() => body))), spec).catch((e: unknown) => e);
      expect(error).toMatchObject({ errorCode: "invalid_response" });
    }
  });
});

describe("listAll against totals that cannot be true", () => {
  const failureOf = (cloud: FakeCloud) => listAll(new SourceCalls(context(cloud)), spec).catch((e: unknown) => e);

  it("fails at the first page on a total beyond the list's maximum, without another call", async () => {
    for (const total of [1001, 999_999_999_999_999]) {
      const cloud = new FakeCloud(() => ({ items: items(1), total }));
      expect(await failureOf(cloud)).toMatchObject({
        errorCode: "invalid_response",
        retryable: false,
        errorMsg: `Test list (offset 0): the list announces ${total} records, more than the 1000 it can hold: its totals are inconsistent`,
      });
      expect(cloud.calls).toHaveLength(1);
    }
  });

  it("fails on a short page that does not reach its total: one call, not one per claimed record", async () => {
    const cloud = new FakeCloud(() => ({ items: items(1), total: 900 }));
    expect(await failureOf(cloud)).toMatchObject({
      errorCode: "invalid_response",
      errorMsg: "Test list (offset 0): 1 records where 100 were asked, yet the list announces 900: its totals are inconsistent",
    });
    expect(cloud.calls).toHaveLength(1);
  });

  it("fails on an empty or short page before the total, and stops the other calls", async () => {
    for (const real of [100, 150]) {
      const cloud = new FakeCloud((request) => ({ items: pageOf(items(real), request), total: 500 }));
      const calls = new SourceCalls(context(cloud));
      const error = await calls.run(() => listAll(calls, spec)).catch((e: unknown) => e);
      expect(error).toMatchObject({ errorCode: "invalid_response" });
      expect((error as CloudApiError).errorMsg).toMatch(/^Test list \(offset 100\): \d+ records where 100 were asked/);
      expect(cloud.requests.every((request) => request.signal?.aborted)).toBe(true);
    }
  });

  it("fails on records after the page that ended the list", async () => {
    const cloud = new FakeCloud((request) =>
      request.query?.offset === 100 ? { items: items(50), total: 150 } : { items: items(100), total: 300 },
    );
    expect(await failureOf(cloud)).toMatchObject({
      errorMsg: "Test list (offset 200): 100 records after the list ended at offset 150: its totals are inconsistent",
    });
  });

  it("fails on a page holding more records than asked, before validating them", async () => {
    const cloud = new FakeCloud(() => ({ items: Array.from({ length: 5000 }, () => ({})), total: 5000 }));
    expect(await failureOf(cloud)).toMatchObject({
      errorMsg: "Test list (offset 0): 5000 records where at most 100 were asked",
    });
  });

  it("reads on when the list grew while it was read, and keeps a list that shrank", async () => {
    const grown = new FakeCloud((request) => ({
      items: pageOf(items(250), request),
      total: request.query?.offset === 0 ? 200 : 250,
    }));
    expect((await listAll(new SourceCalls(context(grown)), spec)).items).toHaveLength(250);
    expect(grown.calls.map((call) => call.replace(/.*offset=/, ""))).toEqual(["0", "100", "200"]);

    const shrunk = new FakeCloud((request) => ({
      items: pageOf(items(request.query?.offset === 0 ? 250 : 249), request),
      total: request.query?.offset === 0 ? 250 : 249,
    }));
    expect((await listAll(new SourceCalls(context(shrunk)), spec)).items).toHaveLength(249);
  });

  it("never makes more calls than the list's maximum allows, whatever the pages announce", async () => {
    // Every page full, each announcing 200 more records than it reaches.
    const cloud = new FakeCloud((request) => ({ items: items(100), total: Number(request.query?.offset) + 300 }));
    expect(await failureOf(cloud)).toMatchObject({ errorCode: "invalid_response" });
    expect(cloud.calls.length).toBeLessThanOrEqual(spec.maxRecords / spec.pageSize);
  });
});

describe("SourceCalls", () => {
  it("aborts the other calls of a fetch when one fails, and rethrows the error unchanged", async () => {
    const failure = new Error("boom");
    const cloud = new FakeCloud((request) => (request.path === "/fail" ? failure : {}));
    const calls = new SourceCalls(context(cloud));
    const run = calls.run(() => Promise.all([calls.get("/fail", {}), calls.get("/slow", {})]));
    await expect(run).rejects.toBe(failure);
    expect(cloud.requests.every((r) => r.signal?.aborted)).toBe(true);
    expect(calls.count).toBe(2);
  });

  it("follows the caller's abort signal", () => {
    const controller = new AbortController();
    const cloud = new FakeCloud(() => ({}));
    const calls = new SourceCalls({ ...context(cloud), signal: controller.signal });
    void calls.get("/x", {});
    controller.abort();
    expect(cloud.requests[0].signal?.aborted).toBe(true);

    const before = new FakeCloud(() => ({}));
    const aborted = new SourceCalls({ ...context(before), signal: AbortSignal.abort() });
    void aborted.get("/x", {});
    expect(before.requests[0].signal?.aborted).toBe(true);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import type { Backup } from "../inventory/model";
import { makeBackup } from "../testing/backups";
import { fillStore, STORE_ENGINES, type StoreEngine } from "../testing/store";
import type { BackupStore, StoreBackupQuery } from "./types";

/**
 * The backup list's rules (docs/api.md, `GET /api/backups`; lib/store/README.md, "Query rules"), each on a small
 * inventory whose answer can be read off: filters, order, pages and facets.
 */

/** A project belongs to one region, as the cloud's do. */
function backup(overrides: Partial<Backup> & { id: string }): Backup {
  return makeBackup({
    service: "rds",
    engine: "mysql",
    region: "cn-north-4",
    projectId: `project-${overrides.region ?? "cn-north-4"}`,
    instanceId: "inst-1",
    instanceName: "orders",
    name: `backup ${overrides.id}`,
    startedAt: "2026-11-01T00:00:00.000Z",
    endedAt: "2026-11-01T00:10:00.000Z",
    ...overrides,
  });
}

const ids = (backups: readonly { id: string }[]) => backups.map((item) => item.id);

function query(fields: Partial<StoreBackupQuery> = {}): StoreBackupQuery {
  return { sort: "startedAt", order: "desc", page: 1, pageSize: 50, presence: "current", ...fields };
}

describe.each(STORE_ENGINES)("$name store: the backup list's rules", (engine: StoreEngine) => {
  const opened: { store: BackupStore; cleanUp: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const { store, cleanUp } of opened) {
      await store.close();
      await cleanUp();
    }
  });

  /** A store of its own holding `backups`. */
  async function storeOf(backups: readonly Backup[]): Promise<BackupStore> {
    const created = await engine.create();
    opened.push(created);
    await fillStore(created.store, backups);
    return created.store;
  }

  describe("filters", () => {
    const rows = [
      backup({ id: "a", service: "taurusdb", engine: "gaussdb-mysql", region: "cn-north-4", instanceId: "t-1" }),
      backup({ id: "b", service: "rds", engine: "postgresql", region: "cn-east-3", instanceId: "r-1", trigger: null }),
      backup({ id: "c", service: "dcs", engine: "redis", region: "cn-east-3", instanceId: "d-1", trigger: "manual" }),
      backup({ id: "d", service: "rds", engine: "mysql", status: "failed", kind: "incremental", instanceId: "r-10" }),
    ];
    const matching = async (filter: Partial<StoreBackupQuery>) =>
      ids((await (await stores).filters.queryBackups(query({ ...filter, sort: "name", order: "asc" }))).items);
    const timed = [
      backup({ id: "early", startedAt: "2026-11-22T07:59:59.999Z" }),
      backup({ id: "at-from", startedAt: "2026-11-22T08:00:00.000Z" }),
      backup({ id: "inside", startedAt: "2026-11-22T08:30:00Z" }),
      backup({ id: "at-to", startedAt: "2026-11-22T09:00:00.000Z" }),
    ];
    const texts = [
      backup({ id: "ID-Alpha", name: null, instanceName: null }),
      backup({ id: "x1", name: "Nightly FULL", instanceName: null }),
      backup({ id: "x2", name: null, instanceId: "Inst-Beta", instanceName: null }),
      backup({ id: "x3", name: null, instanceName: "Ünïcode Orders" }),
      backup({ id: "x4", name: null, instanceName: null, description: "Before migration" }),
      backup({ id: "x5", name: null, instanceName: null, rawStatus: "alpha", engine: "beta" }),
      backup({ id: "ab", name: "cd", instanceId: "ef", instanceName: null, description: "x\u0000y" }),
    ];
    const stores = (async () => ({
      filters: await storeOf(rows),
      timed: await storeOf(timed),
      texts: await storeOf(texts),
    }))();

    it("keeps everything without filters, and treats empty lists as no filter", async () => {
      expect(await matching({})).toEqual(["a", "b", "c", "d"]);
      expect(await matching({ service: [], status: [] })).toEqual(["a", "b", "c", "d"]);
    });

    it("filters each list dimension by exact value", async () => {
      expect(await matching({ service: ["rds"] })).toEqual(["b", "d"]);
      expect(await matching({ service: ["rds", "dcs"] })).toEqual(["b", "c", "d"]);
      expect(await matching({ engine: ["postgresql", "redis"] })).toEqual(["b", "c"]);
      expect(await matching({ region: ["cn-east-3"] })).toEqual(["b", "c"]);
      expect(await matching({ instance: ["r-1"] })).toEqual(["b"]);
      expect(await matching({ status: ["failed"] })).toEqual(["d"]);
      expect(await matching({ kind: ["incremental", "differential"] })).toEqual(["d"]);
      expect(await matching({ service: ["rds"], region: ["cn-north-4"] })).toEqual(["d"]);
    });

    it("never matches a null trigger with a trigger filter", async () => {
      expect(await matching({ trigger: ["auto"] })).toEqual(["a", "d"]);
      expect(await matching({ trigger: ["auto", "manual"] })).toEqual(["a", "c", "d"]);
    });

    it("keeps from <= startedAt < to, comparing instants not strings", async () => {
      const window = async (filter: Partial<StoreBackupQuery>) =>
        ids((await (await stores).timed.queryBackups(query({ ...filter, order: "asc" }))).items);
      expect(await window({ from: "2026-11-22T08:00:00.000Z", to: "2026-11-22T09:00:00.000Z" })).toEqual([
        "at-from",
        "inside",
      ]);
      expect(await window({ from: "2026-11-22T09:00:00+01:00" })).toEqual(["at-from", "inside", "at-to"]);
      expect(await window({ to: "2026-11-22T08:30:00.000Z" })).toEqual(["early", "at-from"]);
      expect(await window({ from: "2026-11-22T08:00:00.000Z", to: "2026-11-22T08:00:00.000Z" })).toEqual([]);
    });

    it("rejects a bound that is not an instant", async () => {
      await expect((await stores).filters.queryBackups(query({ from: "yesterday" }))).rejects.toThrow(RangeError);
    });

    it("searches id, name, instance id, instance name and description case-insensitively", async () => {
      const search = async (q: string) =>
        ids((await (await stores).texts.queryBackups(query({ q, sort: "name", order: "asc" }))).items);
      expect(await search("alpha")).toEqual(["ID-Alpha"]);
      expect(await search("full")).toEqual(["x1"]);
      expect(await search("BETA")).toEqual(["x2"]);
      expect(await search("ünïcode")).toEqual(["x3"]);
      expect(await search("MIGRATION")).toEqual(["x4"]);
      expect(await search("no such text")).toEqual([]);
    });

    it("does not match text spanning two fields, even with a NUL in the query", async () => {
      const total = async (q: string) => (await (await stores).texts.queryBackups(query({ q }))).total;
      expect(await total("bc")).toBe(0);
      expect(await total("b\u0000c")).toBe(0);
      expect(await total("x\u0000y")).toBe(1);
    });
  });

  describe("order", () => {
    const stores = (async () => ({
      started: await storeOf([
        backup({ id: "old", startedAt: "2026-01-01T00:00:00.000Z" }),
        backup({ id: "new", startedAt: "2026-03-01T00:00:00.000Z" }),
        backup({ id: "mid", startedAt: "2026-02-01T00:00:00.000Z" }),
      ]),
      sizes: await storeOf([
        backup({ id: "none", sizeBytes: null }),
        backup({ id: "small", sizeBytes: 1 }),
        backup({ id: "big", sizeBytes: 10 }),
        backup({ id: "zero", sizeBytes: 0 }),
      ]),
      ties: await storeOf([
        backup({ id: "b", service: "taurusdb" }),
        backup({ id: "a", service: "taurusdb" }),
        backup({ id: "z", service: "dcs" }),
        backup({ id: "c", service: "rds", sizeBytes: 5 }),
      ]),
      names: await storeOf([
        backup({ id: "1", name: "beta" }),
        backup({ id: "2", name: "Alpha" }),
        backup({ id: "3", name: "alpha" }),
        backup({ id: "4", name: "Gamma" }),
        backup({ id: "5", name: null }),
      ]),
      ends: await storeOf([
        backup({ id: "running", endedAt: null }),
        backup({ id: "late", endedAt: "2026-11-01T10:00:00.000Z" }),
        backup({ id: "early", endedAt: "2026-11-01T09:00:00.000Z" }),
      ]),
    }))();
    const order = async (store: keyof Awaited<typeof stores>, fields: Partial<StoreBackupQuery>) =>
      ids((await (await stores)[store].queryBackups(query(fields))).items);

    it("defaults to startedAt descending", async () => {
      expect(await order("started", {})).toEqual(["new", "mid", "old"]);
      expect(await order("started", { order: "asc" })).toEqual(["old", "mid", "new"]);
    });

    it("puts nulls last in both directions", async () => {
      expect(await order("sizes", { sort: "sizeBytes", order: "asc" })).toEqual(["zero", "small", "big", "none"]);
      expect(await order("sizes", { sort: "sizeBytes", order: "desc" })).toEqual(["big", "small", "zero", "none"]);
    });

    it("breaks ties by service then id ascending, whatever the order", async () => {
      expect(await order("ties", { sort: "sizeBytes", order: "asc" })).toEqual(["c", "z", "a", "b"]);
      expect(await order("ties", { sort: "sizeBytes", order: "desc" })).toEqual(["z", "a", "b", "c"]);
    });

    it("sorts text case-insensitively, exact case deciding equal letters", async () => {
      expect(await order("names", { sort: "name", order: "asc" })).toEqual(["2", "3", "1", "4", "5"]);
      expect(await order("names", { sort: "name", order: "desc" })).toEqual(["4", "1", "3", "2", "5"]);
    });

    it("sorts times as instants and puts a missing end last", async () => {
      expect(await order("ends", { sort: "endedAt", order: "asc" })).toEqual(["early", "late", "running"]);
      expect(await order("ends", { sort: "endedAt", order: "desc" })).toEqual(["late", "early", "running"]);
    });
  });

  describe("pages", () => {
    const store = storeOf(
      Array.from({ length: 7 }, (_, index) =>
        backup({ id: `b${index}`, startedAt: new Date(Date.UTC(2026, 0, 1 + index)).toISOString() }),
      ),
    );

    it("slices 1-based pages in order", async () => {
      expect(ids((await (await store).queryBackups(query({ order: "asc", pageSize: 3 }))).items)).toEqual([
        "b0",
        "b1",
        "b2",
      ]);
      expect(ids((await (await store).queryBackups(query({ order: "asc", pageSize: 3, page: 3 }))).items)).toEqual([
        "b6",
      ]);
      expect((await (await store).queryBackups(query({ pageSize: 3, page: 3 }))).total).toBe(7);
    });

    it("returns no items but the right total past the end", async () => {
      const page = await (await store).queryBackups(query({ pageSize: 3, page: 4 }));
      expect(page.items).toEqual([]);
      expect(page.total).toBe(7);
      expect(page.facets.service).toEqual({ rds: 7 });
    });

    it("rejects pages and sizes that are not positive integers", async () => {
      await expect((await store).queryBackups(query({ page: 0 }))).rejects.toThrow(RangeError);
      await expect((await store).queryBackups(query({ pageSize: 0 }))).rejects.toThrow(RangeError);
      await expect((await store).queryBackups(query({ page: 1.5 }))).rejects.toThrow(RangeError);
    });

    it("answers an empty store with nothing", async () => {
      expect(await (await storeOf([])).queryBackups(query({ sort: "name" }))).toEqual({
        items: [],
        total: 0,
        page: 1,
        pageSize: 50,
        facets: { service: {}, engine: {}, status: {}, kind: {}, trigger: {}, region: {} },
        summary: { sizeBytes: 0 },
      });
    });
  });

  describe("facets", () => {
    const store = storeOf([
      backup({ id: "1", service: "rds", status: "completed", trigger: "auto", region: "cn-north-4" }),
      backup({ id: "2", service: "rds", status: "failed", trigger: null, region: "cn-north-4" }),
      backup({ id: "3", service: "dcs", engine: "redis", status: "completed", trigger: "manual", region: "cn-east-3" }),
      backup({ id: "4", service: "taurusdb", engine: "gaussdb-mysql", status: "failed", kind: "incremental" }),
    ]);
    const page = async (fields: Partial<StoreBackupQuery>) => (await store).queryBackups(query(fields));

    it("counts every value of every facet field without filters, skipping null triggers", async () => {
      expect((await page({})).facets).toEqual({
        service: { dcs: 1, rds: 2, taurusdb: 1 },
        engine: { "gaussdb-mysql": 1, mysql: 2, redis: 1 },
        status: { completed: 2, failed: 2 },
        kind: { full: 3, incremental: 1 },
        trigger: { auto: 2, manual: 1 },
        region: { "cn-east-3": 1, "cn-north-4": 3 },
      });
    });

    it("ignores the filter on the counted field only", async () => {
      const { facets, total } = await page({ service: ["rds"], status: ["failed"] });
      expect(total).toBe(1);
      expect(facets.service).toEqual({ rds: 1, taurusdb: 1 });
      expect(facets.status).toEqual({ completed: 1, failed: 1 });
      expect(facets.engine).toEqual({ mysql: 1 });
      expect(facets.trigger).toEqual({});
      expect(facets.region).toEqual({ "cn-north-4": 1 });
    });

    it("applies the non-facet filters (instance, time, text) to every facet", async () => {
      const { facets } = await page({ service: ["dcs"], q: "backup 1" });
      expect(facets.service).toEqual({ rds: 1 });
      expect(facets.status).toEqual({});
    });

    it("lists facet values in code-unit order, leaving out zero counts", async () => {
      const { facets } = await page({ region: ["cn-east-3"] });
      expect(Object.keys(facets.region)).toEqual(["cn-east-3", "cn-north-4"]);
      expect(facets.status).toEqual({ completed: 1 });
    });
  });
});

import { seededRandom } from "../simulator/random";
import { describe, expect, it } from "vitest";
import {
  BACKUP_KINDS,
  BACKUP_STATUSES,
  type Backup,
  ENGINES,
  FACET_FIELDS,
  type FacetField,
  type Facets,
  SERVICES,
} from "./model";
import { SORT_FIELDS, type SortField, type SortOrder } from "./query";
import { type InventoryQuery, matchingBackups, PreparedInventory, prepareInventory, queryBackups } from "./view";

function backup(overrides: Partial<Backup> & { id: string }): Backup {
  return {
    service: "rds",
    engine: "mysql",
    engineVersion: "8.0",
    region: "cn-north-4",
    projectId: "0483b6b16e954cb88930a360d2c4e663",
    instanceId: "inst-1",
    instanceName: "orders",
    name: `backup ${overrides.id}`,
    kind: "full",
    trigger: "auto",
    status: "completed",
    rawStatus: "COMPLETED",
    startedAt: "2026-11-01T00:00:00.000Z",
    endedAt: "2026-11-01T00:10:00.000Z",
    durationSeconds: 600,
    sizeBytes: 1024,
    description: null,
    details: {},
    ...overrides,
  };
}

const ids = (backups: readonly Backup[]) => backups.map((item) => item.id);

/** Deterministic, so failures reproduce. */
const random = seededRandom;

const REGIONS = ["cn-north-4", "cn-east-3", "ap-southeast-1", "eu-west-101"];

function generate(count: number, seed: number): Backup[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const maybe = <T>(value: T): T | null => (next() < 0.15 ? null : value);
  return Array.from({ length: count }, () => {
    const started = Date.UTC(2026, 0, 1) + Math.floor(next() * 40) * 3_600_000; // many equal times: ties matter
    const duration = maybe(Math.floor(next() * 20) * 60);
    const instance = Math.floor(next() * 50);
    return backup({
      // Ids repeat across services, so the service tie-breaker is exercised.
      id: `b${Math.floor(next() * count).toString(36)}`,
      service: pick(SERVICES),
      engine: pick(ENGINES),
      region: pick(REGIONS),
      instanceId: `inst-${instance}`,
      instanceName: maybe(pick(["Orders", "orders", "Billing", "éclair", "ZETA"])),
      name: maybe(pick(["daily", "Daily", "weekly", "manual-1", "a,b"])),
      kind: pick(BACKUP_KINDS),
      trigger: maybe(pick(["auto", "manual"] as const)),
      status: pick(BACKUP_STATUSES),
      startedAt: new Date(started).toISOString(),
      endedAt: duration === null ? null : new Date(started + duration * 1000).toISOString(),
      durationSeconds: duration,
      sizeBytes: maybe(Math.floor(next() * 8) * 512),
      description: maybe(pick(["nightly job", "Before MIGRATION", "x"])),
    });
  });
}

// A deliberately naive reading of the documented rules, to compare the indexed engine against.

function referenceMatches(item: Backup, query: InventoryQuery, except?: FacetField): boolean {
  const inList = (list: readonly string[] | undefined, value: string | null) =>
    !list || list.length === 0 || (value !== null && list.includes(value));
  for (const field of FACET_FIELDS) if (field !== except && !inList(query[field], item[field])) return false;
  if (!inList(query.instance, item.instanceId)) return false;
  const started = Date.parse(item.startedAt);
  if (query.from && started < Date.parse(query.from)) return false;
  if (query.to && started >= Date.parse(query.to)) return false;
  if (query.q) {
    const needle = query.q.toLowerCase();
    const fields = [item.id, item.name, item.instanceId, item.instanceName, item.description];
    if (!fields.some((field) => field?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

function sortValue(item: Backup, field: SortField): string | number | null {
  if (field === "startedAt" || field === "endedAt") return item[field] === null ? null : Date.parse(item[field]);
  return item[field];
}

function codeUnitCompare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function referenceCompare(field: SortField, order: SortOrder) {
  return (left: Backup, right: Backup): number => {
    const a = sortValue(left, field);
    const b = sortValue(right, field);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const byValue =
        typeof a === "number" && typeof b === "number"
          ? a - b
          : codeUnitCompare(String(a).toLowerCase(), String(b).toLowerCase()) || codeUnitCompare(String(a), String(b));
      if (byValue !== 0) return order === "asc" ? byValue : -byValue;
    }
    return codeUnitCompare(left.service, right.service) || codeUnitCompare(left.id, right.id);
  };
}

function referenceFacets(backups: readonly Backup[], query: InventoryQuery): Facets {
  const facet = (field: FacetField) => {
    const counts: Record<string, number> = {};
    for (const item of backups) {
      const value = item[field];
      if (value !== null && referenceMatches(item, query, field)) counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
  };
  return {
    service: facet("service"),
    engine: facet("engine"),
    status: facet("status"),
    kind: facet("kind"),
    trigger: facet("trigger"),
    region: facet("region"),
  };
}

function randomQuery(next: () => number): InventoryQuery {
  const some = <T>(values: readonly T[]): T[] | undefined =>
    next() < 0.6 ? undefined : values.filter(() => next() < 0.4);
  const instant = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 44) * 3_600_000).toISOString();
  const from = next() < 0.3 ? instant() : undefined;
  return {
    service: some(SERVICES),
    engine: some(ENGINES),
    region: some(REGIONS),
    instance: next() < 0.15 ? ["inst-1", "inst-2", "inst-3", "inst-40"] : undefined,
    status: some(BACKUP_STATUSES),
    kind: some(BACKUP_KINDS),
    trigger: some(["auto", "manual"] as const),
    from,
    to: next() < 0.3 ? instant() : undefined,
    q: next() < 0.25 ? ["ORD", "daily", "b1", "migration", ",", "é"][Math.floor(next() * 6)] : undefined,
    sort: SORT_FIELDS[Math.floor(next() * SORT_FIELDS.length)],
    order: next() < 0.5 ? "asc" : "desc",
    page: 1 + Math.floor(next() * 3),
    pageSize: [1, 7, 50, 1000][Math.floor(next() * 4)],
  };
}

describe("queryBackups filters", () => {
  const rows = [
    backup({ id: "a", service: "taurusdb", engine: "gaussdb-mysql", region: "cn-north-4", instanceId: "t-1" }),
    backup({ id: "b", service: "rds", engine: "postgresql", region: "cn-east-3", instanceId: "r-1", trigger: null }),
    backup({ id: "c", service: "dcs", engine: "redis", region: "cn-east-3", instanceId: "d-1", trigger: "manual" }),
    backup({ id: "d", service: "rds", engine: "mysql", status: "failed", kind: "incremental", instanceId: "r-10" }),
  ];
  const matching = (query: InventoryQuery) => ids(queryBackups(rows, { ...query, sort: "name", order: "asc" }).items);

  it("keeps everything without filters, and treats empty lists as no filter", () => {
    expect(matching({})).toEqual(["a", "b", "c", "d"]);
    expect(matching({ service: [], status: [] })).toEqual(["a", "b", "c", "d"]);
  });

  it("filters each list dimension by exact value", () => {
    expect(matching({ service: ["rds"] })).toEqual(["b", "d"]);
    expect(matching({ service: ["rds", "dcs"] })).toEqual(["b", "c", "d"]);
    expect(matching({ engine: ["postgresql", "redis"] })).toEqual(["b", "c"]);
    expect(matching({ region: ["cn-east-3"] })).toEqual(["b", "c"]);
    expect(matching({ instance: ["r-1"] })).toEqual(["b"]);
    expect(matching({ status: ["failed"] })).toEqual(["d"]);
    expect(matching({ kind: ["incremental", "differential"] })).toEqual(["d"]);
    expect(matching({ service: ["rds"], region: ["cn-north-4"] })).toEqual(["d"]);
  });

  it("never matches a null trigger with a trigger filter", () => {
    expect(matching({ trigger: ["auto"] })).toEqual(["a", "d"]);
    expect(matching({ trigger: ["auto", "manual"] })).toEqual(["a", "c", "d"]);
  });

  it("keeps from <= startedAt < to, comparing instants not strings", () => {
    const timed = [
      backup({ id: "early", startedAt: "2026-11-22T07:59:59.999Z" }),
      backup({ id: "at-from", startedAt: "2026-11-22T08:00:00.000Z" }),
      backup({ id: "inside", startedAt: "2026-11-22T08:30:00Z" }),
      backup({ id: "at-to", startedAt: "2026-11-22T09:00:00.000Z" }),
    ];
    const window = (query: InventoryQuery) => ids(queryBackups(timed, { ...query, order: "asc" }).items);
    expect(window({ from: "2026-11-22T08:00:00.000Z", to: "2026-11-22T09:00:00.000Z" })).toEqual(["at-from", "inside"]);
    expect(window({ from: "2026-11-22T09:00:00+01:00" })).toEqual(["at-from", "inside", "at-to"]);
    expect(window({ to: "2026-11-22T08:30:00.000Z" })).toEqual(["early", "at-from"]);
    expect(window({ from: "2026-11-22T08:00:00.000Z", to: "2026-11-22T08:00:00.000Z" })).toEqual([]);
  });

  it("rejects a bound that is not an instant", () => {
    expect(() => queryBackups(rows, { from: "yesterday" })).toThrow(RangeError);
  });

  it("searches id, name, instance id, instance name and description case-insensitively", () => {
    const texts = [
      backup({ id: "ID-Alpha", name: null, instanceName: null }),
      backup({ id: "x1", name: "Nightly FULL", instanceName: null }),
      backup({ id: "x2", name: null, instanceId: "Inst-Beta", instanceName: null }),
      backup({ id: "x3", name: null, instanceName: "Ünïcode Orders" }),
      backup({ id: "x4", name: null, instanceName: null, description: "Before migration" }),
      backup({ id: "x5", name: null, instanceName: null, rawStatus: "alpha", engine: "beta" }),
    ];
    const search = (q: string) => ids(queryBackups(texts, { q, sort: "name", order: "asc" }).items);
    expect(search("alpha")).toEqual(["ID-Alpha"]);
    expect(search("full")).toEqual(["x1"]);
    expect(search("BETA")).toEqual(["x2"]);
    expect(search("ünïcode")).toEqual(["x3"]);
    expect(search("MIGRATION")).toEqual(["x4"]);
    expect(search("no such text")).toEqual([]);
  });

  it("does not match text spanning two fields, even with a NUL in the query", () => {
    const texts = [backup({ id: "ab", name: "cd", instanceId: "ef", instanceName: null, description: "x\u0000y" })];
    expect(queryBackups(texts, { q: "bc" }).total).toBe(0);
    expect(queryBackups(texts, { q: "b\u0000c" }).total).toBe(0);
    expect(queryBackups(texts, { q: "x\u0000y" }).total).toBe(1);
  });
});

describe("queryBackups order", () => {
  it("defaults to startedAt descending", () => {
    const rows = [
      backup({ id: "old", startedAt: "2026-01-01T00:00:00.000Z" }),
      backup({ id: "new", startedAt: "2026-03-01T00:00:00.000Z" }),
      backup({ id: "mid", startedAt: "2026-02-01T00:00:00.000Z" }),
    ];
    expect(ids(queryBackups(rows, {}).items)).toEqual(["new", "mid", "old"]);
    expect(ids(queryBackups(rows, { order: "asc" }).items)).toEqual(["old", "mid", "new"]);
  });

  it("puts nulls last in both directions", () => {
    const rows = [
      backup({ id: "none", sizeBytes: null }),
      backup({ id: "small", sizeBytes: 1 }),
      backup({ id: "big", sizeBytes: 10 }),
      backup({ id: "zero", sizeBytes: 0 }),
    ];
    expect(ids(queryBackups(rows, { sort: "sizeBytes", order: "asc" }).items)).toEqual([
      "zero",
      "small",
      "big",
      "none",
    ]);
    expect(ids(queryBackups(rows, { sort: "sizeBytes", order: "desc" }).items)).toEqual([
      "big",
      "small",
      "zero",
      "none",
    ]);
  });

  it("breaks ties by service then id ascending, whatever the order", () => {
    const rows = [
      backup({ id: "b", service: "taurusdb" }),
      backup({ id: "a", service: "taurusdb" }),
      backup({ id: "z", service: "dcs" }),
      backup({ id: "c", service: "rds", sizeBytes: 5 }),
    ];
    expect(ids(queryBackups(rows, { sort: "sizeBytes", order: "asc" }).items)).toEqual(["c", "z", "a", "b"]);
    expect(ids(queryBackups(rows, { sort: "sizeBytes", order: "desc" }).items)).toEqual(["z", "a", "b", "c"]);
  });

  it("sorts text case-insensitively, exact case deciding equal letters", () => {
    const rows = [
      backup({ id: "1", name: "beta" }),
      backup({ id: "2", name: "Alpha" }),
      backup({ id: "3", name: "alpha" }),
      backup({ id: "4", name: "Gamma" }),
      backup({ id: "5", name: null }),
    ];
    expect(ids(queryBackups(rows, { sort: "name", order: "asc" }).items)).toEqual(["2", "3", "1", "4", "5"]);
    expect(ids(queryBackups(rows, { sort: "name", order: "desc" }).items)).toEqual(["4", "1", "3", "2", "5"]);
  });

  it("sorts times as instants and puts a missing end last", () => {
    const rows = [
      backup({ id: "running", endedAt: null }),
      backup({ id: "late", endedAt: "2026-11-01T10:00:00.000Z" }),
      backup({ id: "early", endedAt: "2026-11-01T09:00:00.000Z" }),
    ];
    expect(ids(queryBackups(rows, { sort: "endedAt", order: "asc" }).items)).toEqual(["early", "late", "running"]);
    expect(ids(queryBackups(rows, { sort: "endedAt", order: "desc" }).items)).toEqual(["late", "early", "running"]);
  });
});

describe("queryBackups pages", () => {
  const rows = Array.from({ length: 7 }, (_, index) =>
    backup({ id: `b${index}`, startedAt: new Date(Date.UTC(2026, 0, 1 + index)).toISOString() }),
  );

  it("slices 1-based pages in order", () => {
    expect(ids(queryBackups(rows, { order: "asc", pageSize: 3 }).items)).toEqual(["b0", "b1", "b2"]);
    expect(ids(queryBackups(rows, { order: "asc", pageSize: 3, page: 3 }).items)).toEqual(["b6"]);
    expect(queryBackups(rows, { pageSize: 3, page: 3 }).total).toBe(7);
  });

  it("returns no items but the right total past the end", () => {
    const view = queryBackups(rows, { pageSize: 3, page: 4 });
    expect(view.items).toEqual([]);
    expect(view.total).toBe(7);
    expect(view.facets.service).toEqual({ rds: 7 });
  });

  it("rejects pages and sizes that are not positive integers", () => {
    expect(() => queryBackups(rows, { page: 0 })).toThrow(RangeError);
    expect(() => queryBackups(rows, { pageSize: 0 })).toThrow(RangeError);
    expect(() => queryBackups(rows, { page: 1.5 })).toThrow(RangeError);
  });
});

describe("queryBackups facets", () => {
  const rows = [
    backup({ id: "1", service: "rds", status: "completed", trigger: "auto", region: "cn-north-4" }),
    backup({ id: "2", service: "rds", status: "failed", trigger: null, region: "cn-north-4" }),
    backup({ id: "3", service: "dcs", engine: "redis", status: "completed", trigger: "manual", region: "cn-east-3" }),
    backup({ id: "4", service: "taurusdb", engine: "gaussdb-mysql", status: "failed", kind: "incremental" }),
  ];

  it("counts every value of every facet field without filters, skipping null triggers", () => {
    expect(queryBackups(rows, {}).facets).toEqual({
      service: { dcs: 1, rds: 2, taurusdb: 1 },
      engine: { "gaussdb-mysql": 1, mysql: 2, redis: 1 },
      status: { completed: 2, failed: 2 },
      kind: { full: 3, incremental: 1 },
      trigger: { auto: 2, manual: 1 },
      region: { "cn-east-3": 1, "cn-north-4": 3 },
    });
  });

  it("ignores the filter on the counted field only", () => {
    const { facets, total } = queryBackups(rows, { service: ["rds"], status: ["failed"] });
    expect(total).toBe(1);
    expect(facets.service).toEqual({ rds: 1, taurusdb: 1 });
    expect(facets.status).toEqual({ completed: 1, failed: 1 });
    expect(facets.engine).toEqual({ mysql: 1 });
    expect(facets.trigger).toEqual({});
    expect(facets.region).toEqual({ "cn-north-4": 1 });
  });

  it("applies the non-facet filters (instance, time, text) to every facet", () => {
    const { facets } = queryBackups(rows, { service: ["dcs"], q: "backup 1" });
    expect(facets.service).toEqual({ rds: 1 });
    expect(facets.status).toEqual({});
  });

  it("lists facet values in code-unit order, leaving out zero counts", () => {
    const { facets } = queryBackups(rows, { region: ["cn-east-3"] });
    expect(Object.keys(facets.region)).toEqual(["cn-east-3", "cn-north-4"]);
    expect(facets.status).toEqual({ completed: 1 });
  });
});

describe("matchingBackups", () => {
  it("yields every match in order, ignoring paging", () => {
    const rows = generate(500, 7);
    const query: InventoryQuery = { service: ["rds", "dcs"], sort: "sizeBytes", order: "desc", page: 3, pageSize: 5 };
    const all = [...matchingBackups(rows, query)];
    const { total } = queryBackups(rows, query);
    expect(all).toHaveLength(total);
    expect(ids(all)).toEqual(
      ids(rows.filter((item) => referenceMatches(item, query)).sort(referenceCompare("sizeBytes", "desc"))),
    );
    expect(all.slice(10, 15)).toEqual(queryBackups(rows, query).items);
  });

  it("starts with the first row of the order", () => {
    const rows = generate(100, 8);
    const iterator = matchingBackups(rows, {});
    expect(iterator.next().value).toBe(queryBackups(rows, { pageSize: 1 }).items[0]);
  });
});

describe("prepareInventory", () => {
  it("indexes an array once and answers the same as the plain array", () => {
    const rows = generate(300, 3);
    const prepared = prepareInventory(rows);
    expect(prepared).toBeInstanceOf(PreparedInventory);
    expect(prepareInventory(rows)).toBe(prepared);
    expect(prepared.size).toBe(300);
    const query: InventoryQuery = { q: "ord", sort: "instanceName", order: "asc" };
    expect(queryBackups(prepared, query)).toEqual(queryBackups([...rows], query));
  });

  it("handles an empty inventory", () => {
    expect(queryBackups([], { sort: "name" })).toEqual({
      items: [],
      total: 0,
      facets: { service: {}, engine: {}, status: {}, kind: {}, trigger: {}, region: {} },
      summary: { sizeBytes: 0 },
    });
  });
});

describe("queryBackups against a naive reference", () => {
  it("agrees on items, totals and facets for random queries", () => {
    const rows = generate(2_000, 11);
    const prepared = prepareInventory(rows);
    const next = random(99);
    for (let round = 0; round < 300; round++) {
      const query = randomQuery(next);
      const sort = query.sort ?? "startedAt";
      const order = query.order ?? "desc";
      const expected = rows.filter((item) => referenceMatches(item, query)).sort(referenceCompare(sort, order));
      const pageSize = query.pageSize ?? 50;
      const start = ((query.page ?? 1) - 1) * pageSize;
      const view = queryBackups(prepared, query);
      expect(view.total, JSON.stringify(query)).toBe(expected.length);
      expect(view.items, JSON.stringify(query)).toEqual(expected.slice(start, start + pageSize));
      expect(view.facets, JSON.stringify(query)).toEqual(referenceFacets(rows, query));
      const expectedSize = expected.reduce((sum, item) => sum + (item.sizeBytes ?? 0), 0);
      expect(view.summary.sizeBytes, JSON.stringify(query)).toBe(expectedSize);
    }
  });

  it("stays correct at 200,000 backups", () => {
    const rows = generate(200_000, 5);
    const prepared = prepareInventory(rows);
    const queries: InventoryQuery[] = [
      {},
      { service: ["rds"], status: ["failed", "completed"], sort: "name", order: "asc", page: 40, pageSize: 100 },
      { q: "MIGRATION", trigger: ["manual"], sort: "sizeBytes", order: "desc", pageSize: 1000 },
      { from: "2026-01-01T05:00:00.000Z", to: "2026-01-02T00:00:00.000Z", sort: "endedAt", order: "asc", page: 9999 },
    ];
    for (const query of queries) {
      const view = queryBackups(prepared, query);
      const expected = rows.filter((item) => referenceMatches(item, query));
      expect(view.total).toBe(expected.length);
      const pageSize = query.pageSize ?? 50;
      expect(view.items.length).toBe(
        Math.max(0, Math.min(pageSize, expected.length - ((query.page ?? 1) - 1) * pageSize)),
      );
      const compare = referenceCompare(query.sort ?? "startedAt", query.order ?? "desc");
      for (let index = 1; index < view.items.length; index++)
        expect(compare(view.items[index - 1], view.items[index])).toBeLessThanOrEqual(0);
      expect(view.items.every((item) => referenceMatches(item, query))).toBe(true);
      const serviceTotal = Object.values(view.facets.service).reduce((sum, count) => sum + count, 0);
      expect(serviceTotal).toBe(
        query.service ? rows.filter((item) => referenceMatches(item, query, "service")).length : view.total,
      );
    }
  });
});

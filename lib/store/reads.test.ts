import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryCoverage, sortedCoverage } from "../coverage/view";
import { COVERAGE_SORT_FIELDS } from "../coverage/query";
import {
  BACKUP_KINDS,
  BACKUP_STATUSES,
  type Backup,
  ENGINES,
  type Instance,
  SERVICES,
  type Service,
} from "../inventory/model";
import { SORT_FIELDS } from "../inventory/query";
import { seededRandom } from "../simulator/random";
import {
  type ReferenceQuery,
  referenceCoverage,
  referenceDays,
  referenceMatching,
  referencePage,
} from "../testing/reference";
import { STORE_ENGINES, listing, sourceInstance } from "../testing/store";
import type { BackupStore, SourceKey, StoreBackupQuery, StoredBackup } from "./types";

/**
 * The store's reads against a naive reading of the rules over arrays (lib/testing/reference.ts), and coverage's
 * filter, sort and page against lib/coverage/view.ts: the same random inventory in both, the same random queries,
 * the same answers.
 */

/** Instance IDs are unique across projects, as the cloud's are: coverage keys a row by service and ID. */
const SOURCES: SourceKey[] = [
  { service: "taurusdb", region: "cn-north-4", projectId: "p-1" },
  { service: "rds", region: "cn-north-4", projectId: "p-1" },
  { service: "rds", region: "eu-west-101", projectId: "p-2" },
  { service: "dcs", region: "ap-southeast-1", projectId: "p-3" },
];
const SEEN_AT = "2026-01-03T00:00:00.000Z";
const START = Date.UTC(2026, 0, 1);

function generate(count: number, seed: number): Backup[] {
  const next = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const maybe = <T>(value: T): T | null => (next() < 0.15 ? null : value);
  return Array.from({ length: count }, (_, index): Backup => {
    const source = pick(SOURCES);
    // Many equal times (ties matter), a day and a half around DST-free and DST zones' midnights.
    const started = START + Math.floor(next() * 40) * 3_600_000 + pick([0, 0, 0, 61_000, 299_000]);
    const kind = source.service === "dcs" ? "full" : pick(BACKUP_KINDS);
    const duration = maybe(Math.floor(next() * 20) * 60 + 60);
    return {
      id: `b${index.toString(36)}`,
      service: source.service,
      engine: pick(ENGINES),
      engineVersion: maybe("8.0"),
      region: source.region,
      projectId: source.projectId,
      instanceId: `${source.service}-${source.projectId}-${Math.floor(next() * 12)}`,
      instanceName: maybe(pick(["Orders", "orders", "Billing", "éclair", "ZETA", "😀 emoji", "\uff41 wide"])),
      name: maybe(pick(["daily", "Daily", "weekly", "manual-1", "a,b", "Ab"])),
      kind,
      trigger: maybe(pick(["auto", "manual"] as const)),
      status: pick([...BACKUP_STATUSES, "completed", "completed", "completed"] as const),
      rawStatus: "X",
      startedAt: new Date(started).toISOString(),
      endedAt: duration === null ? null : new Date(started + duration * 1000).toISOString(),
      durationSeconds: duration,
      sizeBytes: maybe(Math.floor(next() * 8) * 512),
      description: maybe(pick(["nightly job", "Before MIGRATION", "x", "a\u0000b"])),
      details: next() < 0.1 ? { offsite: true } : { format: "physical" },
    };
  });
}

function randomQuery(next: () => number, instances: readonly string[]): ReferenceQuery {
  const some = <T>(values: readonly T[]): T[] | undefined =>
    next() < 0.6 ? undefined : values.filter(() => next() < 0.4);
  const instant = () => new Date(START + Math.floor(next() * 44) * 3_600_000).toISOString();
  return {
    service: some(SERVICES),
    engine: some(ENGINES),
    region: some(SOURCES.map((source) => source.region)),
    instance: next() < 0.15 ? instances.filter(() => next() < 0.2) : undefined,
    status: some(BACKUP_STATUSES),
    kind: some(BACKUP_KINDS),
    trigger: some(["auto", "manual"] as const),
    from: next() < 0.3 ? instant() : undefined,
    to: next() < 0.3 ? instant() : undefined,
    q: next() < 0.25 ? ["ORD", "daily", "b1", "migration", ",", "é", "a\u0000b", "a"][Math.floor(next() * 8)] : undefined,
    sort: SORT_FIELDS[Math.floor(next() * SORT_FIELDS.length)],
    order: next() < 0.5 ? "asc" : "desc",
    page: 1 + Math.floor(next() * 3),
    pageSize: [1, 7, 50, 1000][Math.floor(next() * 4)],
  };
}

const withoutHistory = ({ firstSeenAt: _first, lastSeenAt: _last, goneAt: _gone, ...backup }: StoredBackup) => backup;

function storeQuery(query: ReferenceQuery): StoreBackupQuery {
  const { from, to } = query;
  const ordered = from && to && from > to ? { from: to, to: from } : { from, to };
  return {
    ...query,
    ...ordered,
    sort: query.sort ?? "startedAt",
    order: query.order ?? "desc",
    page: query.page ?? 1,
    pageSize: query.pageSize ?? 50,
    presence: "current",
  };
}

describe.each(STORE_ENGINES)("$name store: reads agree with the in-memory rules", (engine) => {
  const backups = generate(3000, 17);
  const gone = generate(300, 18).map((backup) => ({ ...backup, id: `gone-${backup.id}` }));
  const instances: Instance[] = SOURCES.flatMap((source) =>
    Array.from({ length: 10 }, (_, index) => sourceInstance(source, `${source.service}-${source.projectId}-${index}`)),
  );
  const instanceIds = [...new Set(backups.map((backup) => backup.instanceId))];
  let created: Awaited<ReturnType<(typeof engine)["create"]>>;
  let store: BackupStore;

  beforeAll(async () => {
    created = await engine.create();
    store = created.store;
    for (const source of SOURCES) {
      const own = (list: Backup[]) =>
        list.filter((backup) => backup.service === source.service && backup.projectId === source.projectId);
      const ownInstances = instances.filter((instance) => instance.projectId === source.projectId && instance.service === source.service);
      await store.applyListing(listing(source, "2026-01-02T00:00:00.000Z", [...own(backups), ...own(gone)]));
      // The second listing no longer names the `gone` ones.
      await store.applyListing(listing(source, SEEN_AT, own(backups), { instances: ownInstances }));
    }
  });
  afterAll(async () => {
    await store.close();
    await created.cleanUp();
  });

  it("answers pages, totals, facets and sums as the rules say", async () => {
    const next = seededRandom(99);
    for (let round = 0; round < 150; round++) {
      const query = storeQuery(randomQuery(next, instanceIds));
      const expected = referencePage(backups, query);
      const page = await store.queryBackups(query);
      const label = JSON.stringify(query);
      expect(page.total, label).toBe(expected.total);
      expect(page.items.map(withoutHistory), label).toEqual(expected.items);
      expect(page.facets, label).toEqual(expected.facets);
      expect(page.summary, label).toEqual(expected.summary);
      expect(page.page).toBe(query.page);
    }
  });

  it("keeps presence apart: current, gone and all", async () => {
    const base = storeQuery({ pageSize: 1000 });
    expect((await store.queryBackups(base)).total).toBe(backups.length);
    const gonePage = await store.queryBackups({ ...base, presence: "gone" });
    expect(gonePage.total).toBe(gone.length);
    expect(gonePage.items.every((backup) => backup.goneAt === SEEN_AT)).toBe(true);
    expect(gonePage.items.map(withoutHistory)).toEqual(referencePage(gone, base).items);
    expect((await store.queryBackups({ ...base, presence: "all" })).total).toBe(backups.length + gone.length);
    expect((await store.queryBackups({ ...base, presence: "all" })).facets).toEqual(
      referencePage([...backups, ...gone], base).facets,
    );
  });

  it("rejects pages and sizes that are not positive integers", async () => {
    await expect(store.queryBackups({ ...storeQuery({}), page: 0 })).rejects.toThrow(RangeError);
    await expect(store.queryBackups({ ...storeQuery({}), pageSize: 1.5 })).rejects.toThrow(RangeError);
  });

  it("exports every match in the query's order, in batches", async () => {
    const next = seededRandom(7);
    for (let round = 0; round < 10; round++) {
      const { page: _page, pageSize: _size, ...query } = storeQuery(randomQuery(next, instanceIds));
      const rows: StoredBackup[] = [];
      let batches = 0;
      for await (const batch of store.exportBackups(query)) {
        batches++;
        expect(batch.length).toBeLessThanOrEqual(2048);
        rows.push(...batch);
      }
      expect(rows.map(withoutHistory), JSON.stringify(query)).toEqual(referenceMatching(backups, query));
      if (rows.length > 2048) expect(batches).toBeGreaterThan(1);
    }
  });

  it("lists one instance's current backups oldest first", async () => {
    const id = instanceIds[0];
    const expected = referenceMatching(backups, { instance: [id], sort: "startedAt", order: "asc" });
    expect((await store.instanceBackups(id)).map(withoutHistory)).toEqual(expected);
  });

  it("counts backups per day in any zone as the rules say", async () => {
    const next = seededRandom(5);
    for (let round = 0; round < 40; round++) {
      const { sort: _sort, order: _order, page: _page, pageSize: _size, presence: _p, ...filter } = storeQuery(
        randomQuery(next, instanceIds),
      );
      const tz = ["UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham"][round % 5];
      const groupBy = round % 2 === 0 ? ("status" as const) : ("service" as const);
      const matched = referenceMatching(backups, { ...filter, sort: "startedAt", order: "asc" });
      const expected = referenceDays(matched, {
        groupOf: (backup) => backup[groupBy],
        groupOrder: groupBy === "status" ? BACKUP_STATUSES : SERVICES,
        timeZone: tz,
        from: filter.from === undefined ? undefined : Date.parse(filter.from),
        to: filter.to === undefined ? undefined : Date.parse(filter.to),
        maxDays: 3660,
      });
      const answer = await store.timeline({ ...filter, presence: "current", groupBy, tz });
      const label = JSON.stringify({ filter, tz, groupBy });
      expect(answer.days, label).toEqual(expected.days);
      expect(answer.groups, label).toEqual(expected.groups);
      expect(answer.total, label).toBe(matched.length);
      expect(answer.sizes, label).toEqual(
        filter.instance?.length === 1
          ? matched
              .filter((backup) => backup.status === "completed" && backup.sizeBytes !== null)
              .map((backup) => ({ id: backup.id, startedAt: backup.startedAt, sizeBytes: backup.sizeBytes, kind: backup.kind }))
          : null,
      );
    }
  });

  it("counts the days of a DST change, 23 and 25 hours long", async () => {
    const answer = await store.timeline({
      presence: "current",
      groupBy: "service",
      tz: "Europe/Berlin",
      from: "2025-03-29T00:00:00.000Z",
      to: "2025-03-31T00:00:00.000Z",
    });
    expect(answer.days.map((day) => day.date)).toEqual(["2025-03-29", "2025-03-30", "2025-03-31"]);
  });

  it("reports an overlong timeline window as an invalid query", async () => {
    await expect(
      store.timeline({
        presence: "current",
        groupBy: "status",
        tz: "UTC",
        from: "2000-01-01T00:00:00.000Z",
        to: "2026-01-01T00:00:00.000Z",
      }),
    ).rejects.toThrow(/3660/);
  });

  it("answers coverage as the rules and lib/coverage/view.ts say", async () => {
    const now = new Date("2026-01-02T12:00:00.000Z");
    const next = seededRandom(3);
    for (let round = 0; round < 30; round++) {
      const rpo = [1, 6, 24, 48][round % 4];
      const from = round % 3 === 0 ? undefined : new Date(START + Math.floor(next() * 40) * 3_600_000).toISOString();
      const to = round % 5 === 0 && from ? new Date(Date.parse(from) + 6 * 3_600_000).toISOString() : undefined;
      const window = { from: from ?? new Date(now.getTime() - 7 * 86_400_000).toISOString(), to: to ?? null };
      // An instance only its backups name takes its identity from its latest backup: the newest-first order.
      const newestFirst = referenceMatching(backups, { sort: "startedAt", order: "desc" });
      const rows = referenceCoverage({ instances, backups: newestFirst, rpoHours: rpo, window, now });
      const query = {
        rpo,
        from,
        to,
        service: next() < 0.3 ? [SERVICES[round % 3] as Service] : undefined,
        status: next() < 0.3 ? (["at_risk", "unprotected"] as ("at_risk" | "unprotected")[]) : undefined,
        q: next() < 0.2 ? "RDS-P-1" : undefined,
        sort: COVERAGE_SORT_FIELDS[round % COVERAGE_SORT_FIELDS.length],
        order: next() < 0.5 ? ("asc" as const) : ("desc" as const),
        page: 1 + (round % 2),
        pageSize: [5, 50][round % 2],
      };
      const expected = queryCoverage(rows, query);
      const answer = await store.coverage(query, now);
      const label = JSON.stringify(query);
      expect(answer.items, label).toEqual(expected.items);
      expect(answer.total, label).toBe(expected.total);
      expect(answer.facets, label).toEqual(expected.facets);
      expect(answer.window).toEqual(window);
      const exported = await store.exportCoverage(query, now);
      expect(exported.rows, label).toEqual(sortedCoverage(rows, query).rows);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../inventory/model";
import { DAY_MS, HOUR_MS, LOG_INTERVAL_MS, MINUTE_MS } from "./dataset";
import { type Simulator, startSimulator, type TruthBackup, type TruthInstance } from "./index";
import { signedGet } from "./request";

/** The simulated cloud moves with its clock: what is new, what ends, what expires, and what stays the same. */

const START = Date.parse("2026-01-05T08:00:00Z");
type Json = Record<string, unknown>;

let clock = START;
let sim: Simulator;
let truth: { instances: TruthInstance[]; backups: TruthBackup[] };

beforeAll(async () => {
  sim = await startSimulator({ seed: "moving", instances: 40, days: 2, now: () => new Date(clock) });
  truth = sim.truth();
});
afterAll(() => sim.close());

/** A list as the APIs page it, every page, at the simulator's current instant. */
interface ListSpec {
  service: Service;
  projectId: string;
  path: string;
  query?: [string, string][];
  limit: number;
  records: string;
  total: string;
}

async function readAll(spec: ListSpec): Promise<Json[]> {
  const records: Json[] = [];
  for (let offset = 0; ; offset += spec.limit) {
    const response = await signedGet(sim, spec.service, spec.projectId, spec.path, [
      ...(spec.query ?? []),
      ["offset", String(offset)],
      ["limit", String(spec.limit)],
    ]);
    if (response.status === 204) return records;
    expect(response.status, response.text).toBe(200);
    const body = response.json as Json;
    records.push(...(body[spec.records] as Json[]));
    if (records.length >= Number(body[spec.total])) return records;
  }
}

const idOf = (record: Json) => String(record.id ?? record.backup_id);
/** `2026-01-05T14:18:06+0800` → ms. */
const offsetTime = (value: unknown) => Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
/** ms → `yyyy-mm-ddThh:mm:ss+0000`. */
const utcOffsetTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+0000`;

function instance(filter: (i: TruthInstance) => boolean, what: string): TruthInstance {
  const found = truth.instances.find((i) => i.backups > 0 && filter(i));
  if (!found) throw new Error(`no ${what}`);
  return found;
}

const taurus = () => instance((i) => i.service === "taurusdb", "TaurusDB instance with backups");
const rdsMysql = () => instance((i) => i.engine === "mysql", "RDS MySQL instance with backups");
const dcs = () => instance((i) => i.service === "dcs", "DCS instance with backups");

const incrementalList = (i: TruthInstance): ListSpec => ({
  service: "taurusdb",
  projectId: i.projectId,
  path: `/v3/${i.projectId}/instances/${i.id}/incremental-backups`,
  query: [["display_offsite_backup", "true"]],
  limit: 50,
  records: "backups",
  total: "total_count",
});
const rdsList = (i: TruthInstance, query: [string, string][] = []): ListSpec => ({
  service: "rds",
  projectId: i.projectId,
  path: `/v3/${i.projectId}/backups`,
  query: [["instance_id", i.id], ...query],
  limit: 100,
  records: "backups",
  total: "total_count",
});
const dcsList = (i: TruthInstance): ListSpec => ({
  service: "dcs",
  projectId: i.projectId,
  path: `/v2/${i.projectId}/instances/${i.id}/backups`,
  limit: 1000,
  records: "backup_record_response",
  total: "total_num",
});
const projectFullList = (projectId: string, query: [string, string][] = []): ListSpec => ({
  service: "taurusdb",
  projectId,
  path: `/v3/${projectId}/backups`,
  query,
  limit: 100,
  records: "backups",
  total: "total_count",
});

async function at<T>(ms: number, read: () => Promise<T>): Promise<T> {
  clock = ms;
  try {
    return await read();
  } finally {
    clock = START;
  }
}

describe("a cloud that moves", () => {
  it("lists the same records twice at one instant", async () => {
    const lists = [
      incrementalList(taurus()),
      rdsList(rdsMysql()),
      dcsList(dcs()),
      projectFullList(taurus().projectId),
    ];
    for (const spec of lists) {
      const first = await at(START + 7 * MINUTE_MS, () => readAll(spec));
      expect(first.length).toBeGreaterThan(0);
      expect(await at(START + 7 * MINUTE_MS, () => readAll(spec))).toEqual(first);
    }
    expect(sim.truth(new Date(START + HOUR_MS))).toEqual(sim.truth(new Date(START + HOUR_MS)));
  });

  it("makes a new log backup every 5 minutes, listed once it ends", async () => {
    for (const spec of [incrementalList(taurus()), rdsList(rdsMysql(), [["backup_type", "incremental"]])]) {
      const [newest] = await readAll(spec);
      const end = offsetTime(newest.end_time ?? newest.begin_time) + (newest.end_time ? 0 : LOG_INTERVAL_MS);
      expect(end).toBeLessThanOrEqual(START);
      // The next one holds the 5 minutes after it: not listed a millisecond before it ends, listed once it has.
      const before = await at(end + LOG_INTERVAL_MS - 1, () => readAll(spec));
      expect(idOf(before[0])).toBe(idOf(newest));
      const after = await at(end + LOG_INTERVAL_MS, () => readAll(spec));
      expect(idOf(after[1])).toBe(idOf(newest));
      expect(offsetTime(after[0].begin_time)).toBe(end);
      expect(offsetTime(after[0].end_time)).toBe(end + LOG_INTERVAL_MS);
      expect(new Set(before.map(idOf)).has(idOf(after[0]))).toBe(false);
    }
  });

  it("finishes running backups: a full backup completes, a queued DCS backup runs, then succeeds", async () => {
    const running = truth.backups.filter((b) => b.status === "in_progress" || b.status === "pending");
    expect(new Set(running.map((b) => b.service))).toEqual(new Set(["taurusdb", "rds", "dcs"]));
    expect(running.some((b) => b.rawStatus === "waiting")).toBe(true);
    const later = new Map(sim.truth(new Date(START + 3 * HOUR_MS)).backups.map((b) => [b.id, b]));
    for (const backup of running) {
      const done = later.get(backup.id);
      expect(done?.status, backup.id).toBe("completed");
      expect(Date.parse(done?.endedAt ?? "")).toBeGreaterThan(START);
      expect(done?.sizeBytes).toBeGreaterThan(0);
    }
    // Through the API: the project-wide TaurusDB record of a running backup, then of it done.
    const building = running.find((b) => b.service === "taurusdb");
    if (!building) throw new Error("no running TaurusDB backup");
    const spec = projectFullList(building.projectId, [["backup_id", building.id]]);
    expect((await readAll(spec))[0]).toMatchObject({ status: "BUILDING", end_time: "", size: 0 });
    const [completed] = await at(START + 3 * HOUR_MS, () => readAll(spec));
    expect(completed.status).toMatch(/^(COMPLETED|AVAILABLE)$/);
    expect(offsetTime(completed.end_time)).toBeGreaterThan(START);
    // The queued DCS backup: waiting, then running, then done.
    const queued = running.find((b) => b.rawStatus === "waiting") as TruthBackup;
    const statusAt = async (ms: number) => {
      const records = await at(ms, () =>
        readAll(dcsList(truth.instances.find((i) => i.id === queued.instanceId) as TruthInstance)),
      );
      return records.find((record) => record.backup_id === queued.id)?.status;
    };
    expect(await statusAt(START)).toBe("waiting");
    expect(await statusAt(START + 20 * MINUTE_MS)).toBe("backuping");
    expect(await statusAt(START + 3 * HOUR_MS)).toBe("succeed");
  });

  it("drops a backup from the lists once it is older than the retention, as the cloud does", async () => {
    const rds = rdsMysql();
    const all = await readAll(rdsList(rds));
    const oldest = all.at(-1) as Json;
    const start = offsetTime(oldest.begin_time);
    expect(start).toBeLessThanOrEqual(START - 2 * DAY_MS + LOG_INTERVAL_MS);
    const expiry = start + 2 * DAY_MS;
    const listedAt = (ms: number) =>
      at(ms, () => readAll(rdsList(rds, [["backup_id", idOf(oldest)]]))).then((records) => records.length);
    expect(await listedAt(expiry)).toBe(1);
    expect(await listedAt(expiry + 1)).toBe(0);
    const afterwards = await at(expiry + 1, () => readAll(rdsList(rds)));
    expect(afterwards.map(idOf)).not.toContain(idOf(oldest));
    // DCS records turn `expired` at the instance's retention and stay listed for the account's days.
    const expired = truth.backups.find((b) => b.service === "dcs" && b.rawStatus === "expired");
    expect(expired).toBeDefined();
  });

  it("answers a later windowed list with exactly the backups that are new since", async () => {
    const cases: { spec: ListSpec; window: (from: number, to: number) => [string, string][]; start: string }[] = [
      {
        spec: incrementalList(taurus()),
        window: (from, to) => [
          ["begin_time", utcOffsetTime(from)],
          ["end_time", utcOffsetTime(to)],
        ],
        start: "begin_time",
      },
      {
        spec: rdsList(rdsMysql()),
        window: (from, to) => [
          ["begin_time", utcOffsetTime(from)],
          ["end_time", utcOffsetTime(to)],
        ],
        start: "begin_time",
      },
      {
        spec: projectFullList(taurus().projectId),
        window: (from, to) => [
          ["begin_time", utcOffsetTime(from)],
          ["end_time", utcOffsetTime(to)],
        ],
        start: "begin_time",
      },
      {
        spec: dcsList(dcs()),
        window: (from) => [["begin_time", new Date(from).toISOString().slice(0, 19).replace(/[-:T]/g, "")]],
        start: "created_at",
      },
    ];
    const later = START + DAY_MS + 30 * MINUTE_MS;
    for (const { spec, window, start } of cases) {
      const before = await readAll(spec);
      const newestStart = Math.max(...before.map((record) => offsetTime(record[start])));
      const after = await at(later, () => readAll(spec));
      const from = Math.floor(newestStart / 1000) * 1000 + 1000;
      const windowed = await at(later, () =>
        readAll({ ...spec, query: [...(spec.query ?? []), ...window(from, later)] }),
      );
      const seen = new Set(before.map(idOf));
      expect(windowed.length, spec.path).toBeGreaterThan(0);
      expect(windowed.map(idOf)).toEqual(after.filter((record) => !seen.has(idOf(record))).map(idOf));
    }
  });
});

describe("a cloud that stands still", () => {
  it("lists what it held at its start, whenever asked, and checks signatures against its running clock", async () => {
    let now = START;
    const still = await startSimulator({
      seed: "moving",
      instances: 40,
      days: 2,
      now: () => new Date(now),
      still: true,
    });
    try {
      const owner = still.truth().instances.find((i) => i.service === "taurusdb" && i.backups > 0);
      const spec = incrementalList(owner as TruthInstance);
      const read = () =>
        signedGet(still, spec.service, spec.projectId, spec.path, [["limit", "50"]]).then((response) => response.json);
      const first = await read();
      now = START + DAY_MS;
      expect(await read()).toEqual(first);
      expect(still.truth()).toEqual(still.truth(new Date(START)));
      expect(still.listedAt().getTime()).toBe(START);
      // A request dated at the start is now a day old: refused as expired.
      const stale = await signedGet(still, spec.service, spec.projectId, spec.path, [], new Date(START));
      expect(stale.status).toBe(401);
    } finally {
      await still.close();
    }
  });
});

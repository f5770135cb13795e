import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../inventory/model";
import { type Simulator, startSimulator, type Truth, type TruthBackup } from "./index";
import { signedGet } from "./request";

/** Paging, windows and filters of every list, checked against the simulator's ground truth. */

const NOW = new Date("2026-01-05T08:00:00Z");
type Json = Record<string, unknown>;

let sim: Simulator;
let truth: Truth;

beforeAll(async () => {
  sim = await startSimulator({ now: NOW, seed: "lists", instances: 40, days: 3 });
  truth = sim.truth();
});
afterAll(() => sim.close());

/** Reads every page; checks the total is stable and no record repeats. */
async function collect(
  target: Simulator,
  service: Service,
  projectId: string,
  path: string,
  options: { query?: [string, string][]; limit: number; items: string; total: string; id: string },
): Promise<Json[]> {
  const records: Json[] = [];
  let total: number | undefined;
  for (let offset = 0; total === undefined || offset < total; offset += options.limit) {
    const response = await signedGet(target, service, projectId, path, [
      ...(options.query ?? []),
      ["offset", String(offset)],
      ["limit", String(options.limit)],
    ]);
    if (response.status === 204) {
      expect(response.text).toBe("");
      return records;
    }
    expect(response.status).toBe(200);
    const body = response.json as Json;
    const pageTotal = Number(body[options.total]);
    if (total !== undefined) expect(pageTotal).toBe(total);
    total = pageTotal;
    const page = body[options.items] as Json[];
    expect(page.length).toBe(Math.min(options.limit, total - offset));
    records.push(...page);
  }
  const ids = records.map((record) => record[options.id]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(total);
  return records;
}

/** `2026-01-05T14:18:06+0800` → ms. */
function offsetTime(value: unknown): number {
  return Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
}

const byId = (backups: TruthBackup[]) => new Map(backups.map((backup) => [backup.id, backup]));
const ofService = (service: Service, projectId: string) =>
  truth.backups.filter((backup) => backup.service === service && backup.projectId === projectId);

describe("TaurusDB", () => {
  it("lists every full backup once across the project-wide and per-instance lists, agreeing with the truth", async () => {
    for (const { projectId } of sim.projects) {
      // Full and differential backups: both lists hold both kinds.
      const expected = byId(ofService("taurusdb", projectId).filter((backup) => backup.kind !== "incremental"));
      const projectWide = await collect(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, {
        limit: 17,
        items: "backups",
        total: "total_count",
        id: "id",
      });
      for (const record of projectWide) {
        const known = expected.get(String(record.id));
        expect(known, String(record.id)).toBeDefined();
        expect(record.status).toBe(known?.rawStatus);
        expect(record.type).toBe(known?.trigger);
        expect(Number(record.size) * 1048576).toBe(known?.sizeBytes);
        expect(offsetTime(record.begin_time)).toBe(Date.parse(known?.startedAt ?? ""));
        expect(record.end_time === "" ? null : offsetTime(record.end_time)).toBe(
          known?.endedAt ? Date.parse(known.endedAt) : null,
        );
      }
      const seen = new Set(projectWide.map((record) => String(record.id)));
      const instances = truth.instances.filter((i) => i.service === "taurusdb" && i.projectId === projectId);
      // A record that leaves its time zone out is read in its instance's, which the instance list sends.
      const listed = await collect(sim, "taurusdb", projectId, `/v3/${projectId}/instances`, {
        limit: 100,
        items: "instances",
        total: "total_count",
        id: "id",
      });
      const zones = new Map(listed.map((record) => [String(record.id), String(record.time_zone)]));
      for (const instance of instances) {
        const records = await collect(sim, "taurusdb", projectId, `/v3/${projectId}/instances/${instance.id}/backups`, {
          limit: 5,
          items: "backups",
          total: "total_count",
          id: "id",
        });
        for (const record of records) {
          const known = expected.get(String(record.id));
          expect(known).toBeDefined();
          expect(record.instance_id).toBe(instance.id);
          expect(record.size_unit).toBe("KB");
          expect("time_zone" in record && record.time_zone !== null).toBe(known?.optionalFields === "present");
          expect(Number(record.size) * 1024).toBe(known?.sizeBytes);
          expect(record.status).toBe(known?.rawStatus === "AVAILABLE" ? "COMPLETED" : known?.rawStatus);
          expect(record.backup_mode).toBe(known?.kind === "differential" ? "differential" : "completed");
          const zone = String(record.time_zone ?? zones.get(instance.id)).slice(3);
          expect(Date.parse(`${String(record.created).replace(" ", "T")}${zone}`)).toBe(
            Date.parse(known?.startedAt ?? ""),
          );
          // DELETING backups are listed only here.
          expect(seen.has(String(record.id))).toBe(known?.rawStatus !== "DELETING");
          seen.add(String(record.id));
        }
      }
      expect([...seen].sort()).toEqual([...expected.keys()].sort());
    }
  });

  it("lists incremental backups once, offsite ones only on request", async () => {
    const offsiteOwners = new Set(
      truth.backups
        .filter((backup) => backup.service === "taurusdb" && backup.offsite)
        .map((backup) => `${backup.projectId}/${backup.instanceId}`),
    );
    expect(offsiteOwners.size).toBeGreaterThan(0);
    for (const owner of offsiteOwners) {
      const [projectId, instanceId] = owner.split("/");
      const path = `/v3/${projectId}/instances/${instanceId}/incremental-backups`;
      const expected = truth.backups.filter((b) => b.instanceId === instanceId && b.kind === "incremental");
      const options = { limit: 50, items: "backups", total: "total_count", id: "id" };
      const local = await collect(sim, "taurusdb", projectId, path, options);
      const explicitLocal = await collect(sim, "taurusdb", projectId, path, {
        ...options,
        query: [["display_offsite_backup", "false"]],
      });
      const all = await collect(sim, "taurusdb", projectId, path, {
        ...options,
        query: [["display_offsite_backup", "true"]],
      });
      expect(local.every((record) => record.backup_type === "Log")).toBe(true);
      expect(explicitLocal.length).toBe(local.length);
      expect(all.some((record) => record.backup_type === "OffSiteLog")).toBe(true);
      expect(all.map((r) => r.id).sort()).toEqual(expected.map((b) => b.id).sort());
      expect(local.map((r) => r.id).sort()).toEqual(
        expected
          .filter((b) => !b.offsite)
          .map((b) => b.id)
          .sort(),
      );
      const known = byId(expected);
      for (const record of all) {
        expect(Number(record.size) * 1024).toBe(known.get(String(record.id))?.sizeBytes);
        expect(offsetTime(record.end_time)).toBe(Date.parse(known.get(String(record.id))?.endedAt ?? ""));
      }
    }
  });

  it("applies the time window inclusively and the filters of the project-wide list", async () => {
    const projectId = sim.projects[0].projectId;
    const fulls = ofService("taurusdb", projectId).filter(
      (b) => b.kind !== "incremental" && b.rawStatus !== "DELETING",
    );
    const sorted = fulls.map((b) => Date.parse(b.startedAt)).sort((a, b) => a - b);
    const from = sorted[Math.floor(sorted.length / 4)];
    const to = sorted[Math.floor(sorted.length / 2)];
    const format = (ms: number) => {
      const local = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
      return `${local}+0800`;
    };
    const window = await collect(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, {
      query: [
        ["begin_time", format(from)],
        ["end_time", format(to)],
      ],
      limit: 100,
      items: "backups",
      total: "total_count",
      id: "id",
    });
    const expected = fulls.filter((b) => Date.parse(b.startedAt) >= from && Date.parse(b.startedAt) <= to);
    expect(window.map((r) => r.id).sort()).toEqual(expected.map((b) => b.id).sort());

    const manual = fulls.filter((b) => b.trigger === "manual");
    expect(manual.length).toBeGreaterThan(0);
    const manualListed = await collect(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, {
      query: [["backup_type", "manual"]],
      limit: 100,
      items: "backups",
      total: "total_count",
      id: "id",
    });
    expect(manualListed.map((r) => r.id).sort()).toEqual(manual.map((b) => b.id).sort());

    const one = fulls[3];
    const count = async (backupId: string) =>
      (
        (await signedGet(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, [["backup_id", backupId]]))
          .json as Json
      ).total_count;
    expect(await count(one.id)).toBe(1);
    // Not listed here: a backup being deleted, an incremental backup, another project's backup, an unknown ID.
    const deleting = truth.backups.find((b) => b.service === "taurusdb" && b.rawStatus === "DELETING");
    const incremental = ofService("taurusdb", projectId).find((b) => b.kind === "incremental");
    const foreign = truth.backups.find(
      (b) => b.service === "taurusdb" && b.kind === "full" && b.projectId !== projectId,
    );
    for (const id of [deleting?.id, incremental?.id, foreign?.id, "0123abcd"]) expect(await count(String(id))).toBe(0);
    const byInstance = await collect(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, {
      query: [["instance_id", one.instanceId]],
      limit: 100,
      items: "backups",
      total: "total_count",
      id: "id",
    });
    expect(byInstance.map((r) => r.id).sort()).toEqual(
      fulls
        .filter((b) => b.instanceId === one.instanceId)
        .map((b) => b.id)
        .sort(),
    );
  });

  it("orders the per-instance list by name or begin time", async () => {
    const instance = truth.instances.find((i) => i.service === "taurusdb" && i.backups > 10);
    if (!instance) throw new Error("no TaurusDB instance with backups");
    const path = `/v3/${instance.projectId}/instances/${instance.id}/backups`;
    const names = async (query: [string, string][]) =>
      ((await signedGet(sim, "taurusdb", instance.projectId, path, query)).json as { backups: Json[] }).backups.map(
        (b) => String(b.name),
      );
    const byName = await names([["order_field", "name"]]);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));
    expect(
      await names([
        ["order_field", "name"],
        ["order_rule", "desc"],
      ]),
    ).toEqual([...byName].reverse());
    const newest = await names([]);
    expect(
      await names([
        ["order_field", "beginTime"],
        ["order_rule", "asc"],
      ]),
    ).toEqual([...newest].reverse());
    const filtered = await names([
      ["filter_field", "name"],
      ["filter_content", newest[0].slice(0, -5)],
    ]);
    expect(filtered).toContain(newest[0]);
    expect(filtered.every((name) => name.startsWith(newest[0].slice(0, -5)))).toBe(true);
  });

  it("shows a running full backup with an empty end_time", async () => {
    const running = truth.backups.find((b) => b.service === "taurusdb" && b.rawStatus === "BUILDING");
    if (!running) throw new Error("no running TaurusDB backup");
    const response = await signedGet(sim, "taurusdb", running.projectId, `/v3/${running.projectId}/backups`, [
      ["backup_id", running.id],
    ]);
    const [record] = (response.json as { backups: Json[] }).backups;
    expect(record).toMatchObject({ status: "BUILDING", end_time: "", take_up_time: 0, backup_level: "0" });
  });
});

describe("RDS", () => {
  it("lists every backup of every instance once, agreeing with the truth", async () => {
    for (const instance of truth.instances.filter((i) => i.service === "rds")) {
      // Its cross-region copies are listed apart, where they are stored.
      const expected = byId(truth.backups.filter((b) => b.instanceId === instance.id && !b.offsite));
      const records = await collect(sim, "rds", instance.projectId, `/v3/${instance.projectId}/backups`, {
        query: [["instance_id", instance.id]],
        limit: 100,
        items: "backups",
        total: "total_count",
        id: "id",
      });
      expect(records.length).toBe(expected.size);
      for (const record of records) {
        const known = expected.get(String(record.id));
        expect(known).toBeDefined();
        expect(Number(record.size) * 1024).toBe(known?.sizeBytes);
        expect(record.status).toBe(known?.rawStatus);
        expect(offsetTime(record.begin_time)).toBe(Date.parse(known?.startedAt ?? ""));
        // A running backup has no end_time at all.
        expect("end_time" in record).toBe(known?.rawStatus !== "BUILDING");
        // Optional fields: sent, null or left out, by turns (every third record).
        expect("databases" in record).toBe(known?.engine === "sqlserver" && known.optionalFields !== "absent");
        expect(record.datastore === undefined).toBe(known?.optionalFields === "absent");
      }
    }
  });

  it("lists the cross-region copies where they are stored, once, and names their instances there", async () => {
    const copied = truth.instances.filter((i) => i.offsiteTo !== null);
    expect(copied.length).toBeGreaterThan(0);
    for (const { projectId } of sim.projects) {
      const named = await collect(sim, "rds", projectId, "/v3/backups/offsite-backup-instance", {
        limit: 1,
        items: "offsite_backup_instances",
        total: "total_count",
        id: "id",
      });
      const storedHere = copied.filter((i) => i.offsiteTo === projectId);
      expect(named.map((record) => record.id).sort()).toEqual(storedHere.map((i) => i.id).sort());
      for (const record of named) {
        const instance = storedHere.find((i) => i.id === record.id);
        expect(record).toMatchObject({
          name: instance?.name,
          source_region: instance?.region,
          source_project_id: instance?.projectId,
          destination_project_id: projectId,
        });
      }
    }
    for (const instance of copied) {
      const expected = byId(truth.backups.filter((b) => b.instanceId === instance.id && b.offsite));
      const at = (projectId: string, query: [string, string][] = []) =>
        collect(sim, "rds", projectId, `/v3/${projectId}/offsite-backups`, {
          query: [["instance_id", instance.id], ...query],
          limit: 100,
          items: "backups",
          total: "total_count",
          id: "id",
        });
      const copies = await at(String(instance.offsiteTo));
      expect(copies.map((record) => record.id).sort()).toEqual([...expected.keys()].sort());
      for (const record of copies) {
        const known = expected.get(String(record.id));
        expect(known).toMatchObject({ projectId: instance.offsiteTo, status: "completed", offsite: true });
        expect(record.type).toBe(known?.kind === "incremental" ? "incremental" : "auto");
        expect(Number(record.size) * 1024).toBe(known?.sizeBytes);
      }
      expect(await at(instance.projectId)).toEqual([]);
      const full = await at(String(instance.offsiteTo), [["backup_type", "auto"]]);
      expect(full.length).toBe([...expected.values()].filter((b) => b.kind === "full").length);
    }
  });

  it("filters by type, ID and time window", async () => {
    const sqlServer = truth.instances.find((i) => i.service === "rds" && i.engine === "sqlserver" && i.backups > 0);
    if (!sqlServer) throw new Error("no SQL Server instance with backups");
    const all = truth.backups.filter((b) => b.instanceId === sqlServer.id);
    const path = `/v3/${sqlServer.projectId}/backups`;
    const list = (query: [string, string][]) =>
      collect(sim, "rds", sqlServer.projectId, path, {
        query: [["instance_id", sqlServer.id], ...query],
        limit: 100,
        items: "backups",
        total: "total_count",
        id: "id",
      });
    const fragments = await list([["backup_type", "fragment"]]);
    expect(fragments.length).toBe(all.filter((b) => b.kind === "differential").length);
    expect(fragments.length).toBeGreaterThan(0);
    const incremental = await list([["backup_type", "incremental"]]);
    expect(incremental.length).toBe(all.filter((b) => b.kind === "incremental").length);
    expect((await list([["backup_id", all[2].id]])).map((r) => r.id)).toEqual([all[2].id]);
    const otherInstance = truth.backups.find((b) => b.service === "rds" && b.instanceId !== sqlServer.id);
    expect(await list([["backup_id", String(otherInstance?.id)]])).toEqual([]);
    const from = Date.parse(all[10].startedAt);
    const to = Date.parse(all[3].startedAt);
    const format = (ms: number) => `${new Date(ms - 6 * 3_600_000).toISOString().slice(0, 19)}-0600`;
    const windowed = await list([
      ["begin_time", format(from)],
      ["end_time", format(to)],
    ]);
    expect(windowed.map((r) => r.id)).toEqual(all.slice(3, 11).map((b) => b.id));
  });
});

describe("DCS", () => {
  it("lists every backup record once, 204 without a body when there is none", async () => {
    let empty = 0;
    for (const instance of truth.instances.filter((i) => i.service === "dcs")) {
      const path = `/v2/${instance.projectId}/instances/${instance.id}/backups`;
      if (instance.backups === 0) {
        const response = await signedGet(sim, "dcs", instance.projectId, path);
        expect(response.status).toBe(204);
        expect(response.text).toBe("");
        expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
        empty++;
        continue;
      }
      const expected = byId(truth.backups.filter((b) => b.instanceId === instance.id));
      const records = await collect(sim, "dcs", instance.projectId, path, {
        limit: 3,
        items: "backup_record_response",
        total: "total_num",
        id: "backup_id",
      });
      expect(records.length).toBe(expected.size);
      for (const record of records) {
        const known = expected.get(String(record.backup_id));
        expect(record.size).toBe(known?.sizeBytes);
        expect(record.status).toBe(known?.rawStatus);
        expect(record.created_at).toBe(known?.startedAt);
        if (known?.endedAt) expect(record.updated_at).toBe(known.endedAt);
        if (known?.optionalFields === "present")
          expect(record.is_support_restore).toBe(known.rawStatus === "succeed" ? "TRUE" : "FALSE");
        else expect(record.is_support_restore ?? null).toBeNull();
      }
    }
    expect(empty).toBeGreaterThan(0);
  });

  it("defaults to 10 records a page and windows by UTC yyyyMMddHHmmss", async () => {
    const month = await startSimulator({ now: NOW, instances: 8, days: 30 });
    try {
      const monthTruth = month.truth();
      const instance = monthTruth.instances.find((i) => i.service === "dcs" && i.backups > 10);
      if (!instance) throw new Error("no DCS instance with more than 10 backups");
      const path = `/v2/${instance.projectId}/instances/${instance.id}/backups`;
      const first = (await signedGet(month, "dcs", instance.projectId, path)).json as Json;
      expect((first.backup_record_response as Json[]).length).toBe(10);
      expect(first.total_num).toBe(instance.backups);

      const all = monthTruth.backups.filter((b) => b.instanceId === instance.id);
      const compact = (iso: string) => iso.slice(0, 19).replace(/[-:T]/g, "");
      // Bounds are whole seconds; the window's end second is included with its milliseconds.
      const windowed = await collect(month, "dcs", instance.projectId, path, {
        query: [
          ["begin_time", compact(all[6].startedAt)],
          ["end_time", compact(all[2].startedAt)],
        ],
        limit: 1000,
        items: "backup_record_response",
        total: "total_num",
        id: "backup_id",
      });
      expect(windowed.map((r) => r.backup_id)).toEqual(all.slice(2, 7).map((b) => b.id));
      const empty = await signedGet(month, "dcs", instance.projectId, path, [
        ["begin_time", "20200101000000"],
        ["end_time", "20200102000000"],
      ]);
      expect(empty.status).toBe(204);
    } finally {
      await month.close();
    }
  });
});

describe("instance lists", () => {
  it("list every instance of each project once", async () => {
    for (const { projectId } of sim.projects) {
      const lists = {
        taurusdb: await collect(sim, "taurusdb", projectId, `/v3/${projectId}/instances`, {
          limit: 4,
          items: "instances",
          total: "total_count",
          id: "id",
        }),
        rds: await collect(sim, "rds", projectId, `/v3/${projectId}/instances`, {
          limit: 4,
          items: "instances",
          total: "total_count",
          id: "id",
        }),
        dcs: await collect(sim, "dcs", projectId, `/v2/${projectId}/instances`, {
          limit: 4,
          items: "instances",
          total: "instance_num",
          id: "instance_id",
        }),
      };
      const flexus = await collect(sim, "rds", projectId, `/v3/${projectId}/instances`, {
        query: [["group_type", "flexus"]],
        limit: 4,
        items: "instances",
        total: "total_count",
        id: "id",
      });
      for (const service of ["taurusdb", "rds", "dcs"] as const) {
        const expected = truth.instances.filter(
          (i) => i.service === service && i.projectId === projectId && !i.flexus,
        );
        const key = service === "dcs" ? "instance_id" : "id";
        expect(lists[service].map((i) => i[key]).sort()).toEqual(expected.map((i) => i.id).sort());
      }
      // Flexus RDS instances only with group_type=flexus, as ListInstances documents.
      const expectedFlexus = truth.instances.filter((i) => i.projectId === projectId && i.flexus);
      expect(flexus.map((i) => i.id).sort()).toEqual(expectedFlexus.map((i) => i.id).sort());
    }
    expect(truth.instances.some((i) => i.flexus)).toBe(true);
  });

  it("defaults to 10 DCS instances and 100 TaurusDB and RDS instances a page", async () => {
    const big = await startSimulator({
      now: NOW,
      instances: 600,
      projects: [{ region: "cn-north-4", projectId: "p1" }],
    });
    try {
      const count = (json: unknown) => ((json as Json).instances as Json[]).length;
      expect(count((await signedGet(big, "dcs", "p1", "/v2/p1/instances")).json)).toBe(10);
      expect(count((await signedGet(big, "taurusdb", "p1", "/v3/p1/instances")).json)).toBe(100);
      expect(count((await signedGet(big, "rds", "p1", "/v3/p1/instances")).json)).toBe(100);
    } finally {
      await big.close();
    }
  });
});

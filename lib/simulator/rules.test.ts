import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../inventory/model";
import { type Simulator, startSimulator, type TruthInstance } from "./index";
import { prepareGet, signedGet } from "./request";

/** Every documented request rule, broken once: the documented status, error code and body. */

const NOW = new Date("2026-01-05T08:00:00Z");
let sim: Simulator;
let p: string;
let taurus: TruthInstance;
let rds: TruthInstance;
let dcs: TruthInstance;
let foreignTaurus: TruthInstance;

beforeAll(async () => {
  sim = await startSimulator({ now: NOW, scale: "small", authLockout: false });
  p = sim.projects[0].projectId;
  const { instances } = sim.truth();
  const mine = (service: Service) => instances.find((i) => i.service === service && i.projectId === p && i.backups > 0);
  taurus = mine("taurusdb") as TruthInstance;
  rds = mine("rds") as TruthInstance;
  dcs = mine("dcs") as TruthInstance;
  foreignTaurus = instances.find((i) => i.service === "taurusdb" && i.projectId !== p) as TruthInstance;
});
afterAll(() => sim.close());

interface Case {
  name: string;
  service: Service;
  path: () => string;
  query: [string, string][];
  status: number;
  code: string;
}

const taurusFull = () => `/v3/${p}/backups`;
const taurusInstance = () => `/v3/${p}/instances/${taurus.id}/backups`;
const taurusIncremental = () => `/v3/${p}/instances/${taurus.id}/incremental-backups`;
const rdsBackups = () => `/v3/${p}/backups`;
const dcsBackups = () => `/v2/${p}/instances/${dcs.id}/backups`;
// The case table is built before the simulator starts: these stand for instance IDs, resolved at request time.
const RDS_ID = "{rds}";
const TAURUS_ID = "{taurus}";
const withRds = (query: [string, string][]): [string, string][] => [["instance_id", RDS_ID], ...query];
const BEGIN = "2026-01-03T00:00:00+0800";
const END = "2026-01-04T00:00:00+0800";

const cases: Case[] = [
  // TaurusDB instance list
  {
    name: "TaurusDB instances: limit 0",
    service: "taurusdb",
    path: () => `/v3/${p}/instances`,
    query: [["limit", "0"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "TaurusDB instances: limit 101",
    service: "taurusdb",
    path: () => `/v3/${p}/instances`,
    query: [["limit", "101"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "TaurusDB instances: offset -1",
    service: "taurusdb",
    path: () => `/v3/${p}/instances`,
    query: [["offset", "-1"]],
    status: 400,
    code: "DBS.200001",
  },
  // TaurusDB project-wide full backups
  {
    name: "full: limit 0",
    service: "taurusdb",
    path: taurusFull,
    query: [["limit", "0"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: limit 101",
    service: "taurusdb",
    path: taurusFull,
    query: [["limit", "101"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: limit not a number",
    service: "taurusdb",
    path: taurusFull,
    query: [["limit", "ten"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: offset negative",
    service: "taurusdb",
    path: taurusFull,
    query: [["offset", "-5"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: backup_type unknown",
    service: "taurusdb",
    path: taurusFull,
    query: [["backup_type", "incremental"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: begin_time alone",
    service: "taurusdb",
    path: taurusFull,
    query: [["begin_time", BEGIN]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: end_time alone",
    service: "taurusdb",
    path: taurusFull,
    query: [["end_time", END]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: time without offset",
    service: "taurusdb",
    path: taurusFull,
    query: [
      ["begin_time", "2026-01-03T00:00:00Z"],
      ["end_time", END],
    ],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: ISO time with colon offset",
    service: "taurusdb",
    path: taurusFull,
    query: [
      ["begin_time", "2026-01-03T00:00:00+08:00"],
      ["end_time", END],
    ],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: impossible date",
    service: "taurusdb",
    path: taurusFull,
    query: [
      ["begin_time", "2026-02-30T00:00:00+0800"],
      ["end_time", END],
    ],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: begin in the future",
    service: "taurusdb",
    path: taurusFull,
    query: [
      ["begin_time", "2026-01-05T17:00:00+0800"],
      ["end_time", "2026-01-05T18:00:00+0800"],
    ],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: end in the future",
    service: "taurusdb",
    path: taurusFull,
    query: [
      ["begin_time", BEGIN],
      ["end_time", "2026-01-06T00:00:00+0800"],
    ],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "full: end before begin",
    service: "taurusdb",
    path: taurusFull,
    query: [
      ["begin_time", END],
      ["end_time", BEGIN],
    ],
    status: 400,
    code: "DBS.200001",
  },
  // TaurusDB per-instance full backups
  {
    name: "instance: limit 0",
    service: "taurusdb",
    path: taurusInstance,
    query: [["limit", "0"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "instance: limit 101",
    service: "taurusdb",
    path: taurusInstance,
    query: [["limit", "101"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "instance: offset not a number",
    service: "taurusdb",
    path: taurusInstance,
    query: [["offset", "x"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "instance: order_field unknown",
    service: "taurusdb",
    path: taurusInstance,
    query: [["order_field", "size"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "instance: order_rule unknown",
    service: "taurusdb",
    path: taurusInstance,
    query: [["order_rule", "up"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "instance: filter_field unknown",
    service: "taurusdb",
    path: taurusInstance,
    query: [["filter_field", "status"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "instance: unknown instance",
    service: "taurusdb",
    path: () => `/v3/${p}/instances/ffffffffffffffffffffffffffffffffin07/backups`,
    query: [],
    status: 404,
    code: "DBS.200002",
  },
  {
    name: "instance: instance of another project",
    service: "taurusdb",
    path: () => `/v3/${p}/instances/${foreignTaurus.id}/backups`,
    query: [],
    status: 404,
    code: "DBS.200002",
  },
  {
    name: "instance: an RDS instance",
    service: "taurusdb",
    path: () => `/v3/${p}/instances/${rds.id}/backups`,
    query: [],
    status: 404,
    code: "DBS.200002",
  },
  // TaurusDB incremental backups
  {
    name: "incremental: limit 15",
    service: "taurusdb",
    path: taurusIncremental,
    query: [["limit", "15"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "incremental: limit 100",
    service: "taurusdb",
    path: taurusIncremental,
    query: [["limit", "100"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "incremental: limit 1",
    service: "taurusdb",
    path: taurusIncremental,
    query: [["limit", "1"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "incremental: begin_time alone",
    service: "taurusdb",
    path: taurusIncremental,
    query: [["begin_time", BEGIN]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "incremental: end_time alone",
    service: "taurusdb",
    path: taurusIncremental,
    query: [["end_time", END]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "incremental: bad time format",
    service: "taurusdb",
    path: taurusIncremental,
    query: [
      ["begin_time", "20260103000000"],
      ["end_time", END],
    ],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "incremental: end before begin",
    service: "taurusdb",
    path: taurusIncremental,
    query: [
      ["begin_time", END],
      ["end_time", BEGIN],
    ],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "incremental: display_offsite_backup not boolean",
    service: "taurusdb",
    path: taurusIncremental,
    query: [["display_offsite_backup", "yes"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "incremental: unknown instance",
    service: "taurusdb",
    path: () => `/v3/${p}/instances/nope/incremental-backups`,
    query: [],
    status: 404,
    code: "DBS.200002",
  },
  // RDS instance list
  {
    name: "RDS instances: limit 0",
    service: "rds",
    path: () => `/v3/${p}/instances`,
    query: [["limit", "0"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS instances: limit 101",
    service: "rds",
    path: () => `/v3/${p}/instances`,
    query: [["limit", "101"]],
    status: 400,
    code: "DBS.200001",
  },
  // RDS backups
  { name: "RDS: instance_id missing", service: "rds", path: rdsBackups, query: [], status: 400, code: "DBS.200001" },
  {
    name: "RDS: instance_id empty",
    service: "rds",
    path: rdsBackups,
    query: [["instance_id", ""]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS: unknown instance",
    service: "rds",
    path: rdsBackups,
    query: [["instance_id", "ffffffffffffffffffffffffffffffffin01"]],
    status: 404,
    code: "DBS.200002",
  },
  {
    name: "RDS: a TaurusDB instance",
    service: "rds",
    path: rdsBackups,
    query: [["instance_id", TAURUS_ID]],
    status: 404,
    code: "DBS.200002",
  },
  {
    name: "RDS: limit 0",
    service: "rds",
    path: rdsBackups,
    query: withRds([["limit", "0"]]),
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS: limit 101",
    service: "rds",
    path: rdsBackups,
    query: withRds([["limit", "101"]]),
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS: offset negative",
    service: "rds",
    path: rdsBackups,
    query: withRds([["offset", "-1"]]),
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS: backup_type unknown",
    service: "rds",
    path: rdsBackups,
    query: withRds([["backup_type", "differential"]]),
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS: begin_time alone",
    service: "rds",
    path: rdsBackups,
    query: withRds([["begin_time", BEGIN]]),
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS: end_time alone",
    service: "rds",
    path: rdsBackups,
    query: withRds([["end_time", END]]),
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS: bad time format",
    service: "rds",
    path: rdsBackups,
    query: withRds([
      ["begin_time", "2026-01-03"],
      ["end_time", END],
    ]),
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS: end before begin",
    service: "rds",
    path: rdsBackups,
    query: withRds([
      ["begin_time", END],
      ["end_time", BEGIN],
    ]),
    status: 400,
    code: "DBS.200001",
  },
  // DCS
  {
    name: "DCS instances: limit 0",
    service: "dcs",
    path: () => `/v2/${p}/instances`,
    query: [["limit", "0"]],
    status: 400,
    code: "111400063",
  },
  {
    name: "DCS instances: limit 1001",
    service: "dcs",
    path: () => `/v2/${p}/instances`,
    query: [["limit", "1001"]],
    status: 400,
    code: "111400063",
  },
  {
    name: "DCS backups: limit 0",
    service: "dcs",
    path: dcsBackups,
    query: [["limit", "0"]],
    status: 400,
    code: "111400063",
  },
  {
    name: "DCS backups: limit 1001",
    service: "dcs",
    path: dcsBackups,
    query: [["limit", "1001"]],
    status: 400,
    code: "111400063",
  },
  {
    name: "DCS backups: offset negative",
    service: "dcs",
    path: dcsBackups,
    query: [["offset", "-1"]],
    status: 400,
    code: "111400063",
  },
  {
    name: "DCS backups: begin_time not yyyyMMddHHmmss",
    service: "dcs",
    path: dcsBackups,
    query: [["begin_time", "2026-01-03T00:00:00Z"]],
    status: 400,
    code: "111400063",
  },
  {
    name: "DCS backups: impossible end_time",
    service: "dcs",
    path: dcsBackups,
    query: [["end_time", "20261345000000"]],
    status: 400,
    code: "111400063",
  },
  {
    name: "DCS backups: end before begin",
    service: "dcs",
    path: dcsBackups,
    query: [
      ["begin_time", "20260104000000"],
      ["end_time", "20260103000000"],
    ],
    status: 400,
    code: "111400063",
  },
  {
    name: "DCS backups: unknown instance",
    service: "dcs",
    path: () => `/v2/${p}/instances/00000000-0000-4000-8000-000000000000/backups`,
    query: [],
    status: 404,
    code: "111404022",
  },
  // Gateway
  {
    name: "no such API",
    service: "taurusdb",
    path: () => `/v3/${p}/clusters`,
    query: [],
    status: 404,
    code: "APIGW.0101",
  },
  {
    name: "RDS instances: a group_type other than flexus",
    service: "rds",
    path: () => `/v3/${p}/instances`,
    query: [["group_type", "serverless"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS cross-region instances: limit 101",
    service: "rds",
    path: () => "/v3/backups/offsite-backup-instance",
    query: [["limit", "101"]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS cross-region backups: no instance_id",
    service: "rds",
    path: () => `/v3/${p}/offsite-backups`,
    query: [],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "RDS cross-region backups: an instance that does not exist",
    service: "rds",
    path: () => `/v3/${p}/offsite-backups`,
    query: [["instance_id", "ffffffffffffffffffffffffffffffffin01"]],
    status: 404,
    code: "DBS.200002",
  },
  {
    name: "RDS cross-region backups: begin_time without end_time",
    service: "rds",
    path: () => `/v3/${p}/offsite-backups`,
    query: [withRds([["begin_time", BEGIN]])[0], ["begin_time", BEGIN]],
    status: 400,
    code: "DBS.200001",
  },
  {
    name: "DCS path on the RDS endpoint",
    service: "rds",
    path: () => `/v2/${p}/instances`,
    query: [],
    status: 404,
    code: "APIGW.0101",
  },
  {
    name: "TaurusDB path on the RDS endpoint",
    service: "rds",
    path: taurusIncremental,
    query: [],
    status: 404,
    code: "APIGW.0101",
  },
  {
    name: "TaurusDB instance list at a path ListGaussMySqlInstances does not have",
    service: "taurusdb",
    path: () => `/v3/${p}/mysql/instances`,
    query: [],
    status: 404,
    code: "APIGW.0101",
  },
  {
    name: "trailing slash",
    service: "dcs",
    path: () => `/v2/${p}/instances/`,
    query: [],
    status: 404,
    code: "APIGW.0101",
  },
];

function resolve(query: [string, string][]): [string, string][] {
  return query.map(([key, value]) => [key, value === RDS_ID ? rds.id : value === TAURUS_ID ? taurus.id : value]);
}

describe("documented request rules", () => {
  it.each(cases)("$name → $status $code", async ({ service, path, query, status, code }) => {
    const response = await signedGet(sim, service, p, path(), resolve(query));
    expect(response.status).toBe(status);
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    const body = response.json as Record<string, unknown>;
    expect(body.error_code).toBe(code);
    expect(typeof body.error_msg).toBe("string");
    if (code.startsWith("APIGW.")) expect(body.request_id).toBe(response.headers["x-request-id"]);
    else if (service === "dcs") expect(Object.keys(body).sort()).toEqual(["error_code", "error_ext_msg", "error_msg"]);
    else expect(Object.keys(body).sort()).toEqual(["error_code", "error_msg"]);
  });

  it("answers a method other than GET with APIGW.0101", async () => {
    const prepared = prepareGet(sim.endpoints.rds, `/v3/${p}/instances`, [], {
      projectId: p,
      ...sim.credentials,
      date: NOW,
    });
    const status = await new Promise<number>((done, fail) => {
      const req = request(prepared.url, { method: "DELETE", headers: prepared.headers }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.on("error", fail);
      req.end();
    });
    expect(status).toBe(404);
  });

  it("accepts the boundaries of each range", async () => {
    const ok = async (service: Service, path: string, query: [string, string][]) =>
      expect((await signedGet(sim, service, p, path, query)).status).toBe(200);
    await ok("taurusdb", taurusFull(), [["limit", "1"]]);
    await ok("taurusdb", taurusFull(), [
      ["limit", "100"],
      ["offset", "0"],
    ]);
    await ok("taurusdb", taurusInstance(), [["limit", "100"]]);
    for (const limit of ["10", "20", "50"]) await ok("taurusdb", taurusIncremental(), [["limit", limit]]);
    await ok("rds", rdsBackups(), resolve(withRds([["limit", "100"]])));
    await ok("rds", `/v3/${p}/instances`, [["limit", "1"]]);
    await ok("dcs", dcsBackups(), [["limit", "1000"]]);
    await ok("dcs", `/v2/${p}/instances`, [["limit", "1000"]]);
    // The full list's "earlier than now" rule is against the simulator clock.
    await ok("taurusdb", taurusFull(), [
      ["begin_time", "2026-01-05T15:00:00+0800"],
      ["end_time", "2026-01-05T16:00:00+0800"],
    ]);
  });
});

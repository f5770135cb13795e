import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../inventory/model";
import { readFixture } from "../sources/testing/fake-cloud";
import { type Simulator, startSimulator, type TruthBackup } from "./index";
import { signedGet } from "./request";

/**
 * The example responses of the five official API documents (copied verbatim into `lib/sources/fixtures`, see
 * docs/cloud-apis.md) against what the simulator emits: same keys, same JSON types, same string formats, record
 * for record of the same kind.
 */

type Json = Record<string, unknown>;

/** An example response, which is a JSON object whose list holds one record. */
function seedExample(file: string): Json {
  const parsed = readFixture(file);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${file} is not an object`);
  return parsed as Json;
}

/** Keys whose values are free text (names, IDs, versions): only their JSON type is compared. */
const FREE_TEXT = new Set([
  "id",
  "name",
  "instance_name",
  "instance_id",
  "description",
  "remark",
  "use_detail",
  "backup_name",
  "backup_id",
  "version",
]);

function stringFormat(value: string): string {
  const formats: [string, RegExp][] = [
    ["yyyy-mm-ddThh:mm:ss+hhmm", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/],
    ["yyyy-mm-dd hh:mm:ss", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/],
    ["ISO with ms and Z", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/],
    ["UTC+hh:mm", /^UTC[+-]\d{2}:\d{2}$/],
    ["decimal", /^\d+\.\d+$/],
    ["digits", /^\d+$/],
    ["TRUE/FALSE", /^(TRUE|FALSE)$/],
    ["upper case word", /^[A-Z]+$/],
    ["lower case word", /^[a-z]+$/],
  ];
  return formats.find(([, pattern]) => pattern.test(value))?.[0] ?? "text";
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Mismatches between an example value and an emitted one; `extras` are documented keys the example omits. */
function compareShape(example: unknown, actual: unknown, at: string, extras: string[]): string[] {
  const exampleType = jsonType(example);
  const actualType = jsonType(actual);
  const numeric = (type: string) => type === "integer" || type === "number";
  // A fractional example (a size in KB) allows whole values; an integer example requires integers.
  const typesMatch = exampleType === actualType || (exampleType === "number" && numeric(actualType));
  if (!typesMatch) return [`${at}: ${exampleType} in the example, ${actualType} emitted`];
  if (typeof example === "string" && typeof actual === "string") {
    const key = at.split(".").pop() ?? "";
    if (FREE_TEXT.has(key)) return [];
    const [want, got] = [stringFormat(example), stringFormat(actual)];
    return want === got ? [] : [`${at}: "${example}" (${want}) in the example, "${actual}" (${got}) emitted`];
  }
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length === 0 || actual.length === 0) return [];
    return compareShape(example[0], actual[0], `${at}[]`, extras);
  }
  if (exampleType === "object") {
    const expected = example as Json;
    const got = actual as Json;
    // The SQL Server example's "id " is a typo of the document for "id".
    const exampleKeys = Object.keys(expected).map((key) => key.trim());
    const problems: string[] = [];
    for (const key of Object.keys(expected))
      if (!(key.trim() in got)) problems.push(`${at}.${key.trim()}: missing`);
      else problems.push(...compareShape(expected[key], got[key.trim()], `${at}.${key.trim()}`, extras));
    for (const key of Object.keys(got))
      if (!exampleKeys.includes(key) && !extras.includes(key)) problems.push(`${at}.${key}: not in the example`);
    return problems;
  }
  return [];
}

/** Top-level: the same keys and types; the list compared through one emitted record of the example's kind. */
function compareResponse(example: Json, emitted: Json, listKey: string, record: Json, extras: string[]): string[] {
  const problems: string[] = [];
  expect(Object.keys(emitted).sort()).toEqual(Object.keys(example).sort());
  for (const key of Object.keys(example))
    if (key !== listKey) problems.push(...compareShape(example[key], emitted[key], key, []));
  const [exampleRecord] = example[listKey] as Json[];
  problems.push(...compareShape(exampleRecord, record, `${listKey}[]`, extras));
  return problems;
}

const NOW = new Date("2026-01-05T08:00:00Z");
let sim: Simulator;
let backups: TruthBackup[];

beforeAll(async () => {
  sim = await startSimulator({ now: NOW, instances: 80, days: 10 });
  backups = sim.truth().backups;
});
afterAll(() => sim.close());

function pick(filter: (backup: TruthBackup) => boolean, what: string): TruthBackup {
  // The examples send every field: compare with a record that does too.
  const found = backups.find((backup) => backup.optionalFields === "present" && filter(backup));
  if (!found) throw new Error(`the dataset has no ${what}`);
  return found;
}

async function emitted(service: Service, backup: TruthBackup, path: string, query: [string, string][]) {
  const response = await signedGet(sim, service, backup.projectId, path, query);
  expect(response.status).toBe(200);
  return response.json as Json;
}

function recordWithId(body: Json, listKey: string, idKey: string, id: string): Json {
  const record = (body[listKey] as Json[]).find((item) => item[idKey] === id);
  if (!record) throw new Error(`${id} not in the response`);
  return record;
}

describe("seed example responses", () => {
  it("TaurusDB project-wide full backups", async () => {
    const example = seedExample("taurusdb-full-backups.json");
    const backup = pick(
      (b) =>
        b.service === "taurusdb" && b.rawStatus === "COMPLETED" && b.trigger === "auto" && b.startedAt < "2026-01-04",
      "completed automated TaurusDB backup",
    );
    const body = await emitted("taurusdb", backup, `/v3/${backup.projectId}/backups`, [["backup_id", backup.id]]);
    const record = recordWithId(body, "backups", "id", backup.id);
    expect(compareResponse(example, body, "backups", record, ["description"])).toEqual([]);
    expect(record.datastore).toEqual({ type: "GaussDB(for MySQL)", version: "8.0" });
    expect(record.backup_level).toBe("2");
  });

  it("TaurusDB per-instance full backups (zh-cn document)", async () => {
    const example = seedExample("taurusdb-instance-backups.zh-cn.json");
    const backup = pick((b) => b.service === "taurusdb" && b.rawStatus === "COMPLETED", "completed TaurusDB backup");
    const body = await emitted(
      "taurusdb",
      backup,
      `/v3/${backup.projectId}/instances/${backup.instanceId}/backups`,
      [],
    );
    const record = recordWithId(body, "backups", "id", backup.id);
    // backup_mode is in the official model (BackupV3), not in the document's example.
    expect(compareResponse(example, body, "backups", record, ["backup_mode"])).toEqual([]);
    expect(typeof body.total_count).toBe("string");
    expect(record.size_unit).toBe("KB");
  });

  it("TaurusDB incremental backups", async () => {
    const example = seedExample("taurusdb-incremental-backups.json");
    const backup = pick(
      (b) => b.service === "taurusdb" && b.kind === "incremental" && !b.offsite,
      "incremental backup",
    );
    const body = await emitted(
      "taurusdb",
      backup,
      `/v3/${backup.projectId}/instances/${backup.instanceId}/incremental-backups`,
      [["limit", "50"]],
    );
    const record = recordWithId(body, "backups", "id", backup.id);
    expect(compareResponse(example, body, "backups", record, ["backup_type"])).toEqual([]);
  });

  it("RDS backups of MySQL, PostgreSQL and SQL Server", async () => {
    const [mysql, postgres, sqlServer] = ["mysql", "postgresql", "sqlserver"].map((engine) =>
      seedExample(`rds-backups-${engine}.json`),
    );
    const cases: [Json, TruthBackup][] = [
      [
        mysql,
        pick(
          (b) => b.engine === "mysql" && b.kind === "full" && b.trigger === "auto" && b.rawStatus === "COMPLETED",
          "MySQL automated full backup",
        ),
      ],
      [
        postgres,
        pick(
          (b) => b.engine === "postgresql" && b.kind === "incremental" && b.rawStatus === "COMPLETED",
          "PostgreSQL incremental backup",
        ),
      ],
      [
        sqlServer,
        pick(
          (b) => b.engine === "sqlserver" && b.trigger === "manual" && b.rawStatus === "COMPLETED",
          "SQL Server manual backup",
        ),
      ],
    ];
    for (const [example, backup] of cases) {
      const body = await emitted("rds", backup, `/v3/${backup.projectId}/backups`, [
        ["instance_id", backup.instanceId],
        ["backup_id", backup.id],
      ]);
      const record = recordWithId(body, "backups", "id", backup.id);
      expect(compareResponse(example, body, "backups", record, [])).toEqual([]);
      const exampleRecord = (example.backups as Json[])[0];
      expect(record.type).toBe(exampleRecord.type);
      expect((record.datastore as Json).type).toBe((exampleRecord.datastore as Json).type);
    }
  });

  it("DCS backup records", async () => {
    const example = seedExample("dcs-backup-records.json");
    const backup = pick(
      (b) => b.service === "dcs" && b.trigger === "manual" && b.rawStatus === "succeed",
      "succeeded manual DCS backup",
    );
    const body = await emitted("dcs", backup, `/v2/${backup.projectId}/instances/${backup.instanceId}/backups`, [
      ["limit", "1000"],
    ]);
    const record = recordWithId(body, "backup_record_response", "backup_id", backup.id);
    expect(compareResponse(example, body, "backup_record_response", record, [])).toEqual([]);
    expect(record.period).toEqual({});
    expect(record.error_code).toEqual({});
  });

  it("reports a mismatch (the comparison is not vacuous)", () => {
    const example = seedExample("dcs-backup-records.json");
    const record = (example.backup_record_response as Json[])[0];
    const altered = { ...record, size: "880232", created_at: "2019-05-10 08:31:16", extra: true };
    expect(compareShape(record, altered, "r", [])).toEqual([
      'r.created_at: "2019-05-10T08:31:16.166Z" (ISO with ms and Z) in the example, "2019-05-10 08:31:16" (yyyy-mm-dd hh:mm:ss) emitted',
      "r.size: integer in the example, string emitted",
      "r.extra: not in the example",
    ]);
  });
});

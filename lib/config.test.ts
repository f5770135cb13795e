import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

const DEMO = {
  credentials: { ak: "DEMOAK1234", sk: "demo-secret-key" },
  projects: [{ region: "cn-north-4", projectId: "p1" }],
  endpoints: { taurusdb: "http://127.0.0.1:1", rds: "http://127.0.0.1:2", dcs: "http://127.0.0.1:3" },
};

const sync = (env: Record<string, string>) => {
  const { syncIntervalSeconds, reconcileIntervalSeconds, historyDays, dataDir } = parseConfig(env, DEMO);
  return { syncIntervalSeconds, reconcileIntervalSeconds, historyDays, dataDir };
};

describe("the sync's configuration", () => {
  it("has the documented defaults", () => {
    expect(sync({})).toEqual({
      syncIntervalSeconds: 60,
      reconcileIntervalSeconds: 3600,
      historyDays: 400,
      dataDir: ".data",
    });
  });

  it("reads every variable within its range", () => {
    expect(
      sync({
        SYNC_INTERVAL_SECONDS: "10",
        RECONCILE_INTERVAL_SECONDS: "10",
        HISTORY_DAYS: "0",
        DATA_DIR: " /var/lib/backup-inventory ",
      }),
    ).toEqual({
      syncIntervalSeconds: 10,
      reconcileIntervalSeconds: 10,
      historyDays: 0,
      dataDir: "/var/lib/backup-inventory",
    });
    expect(
      sync({ SYNC_INTERVAL_SECONDS: "86400", RECONCILE_INTERVAL_SECONDS: "604800", HISTORY_DAYS: "3660" }),
    ).toEqual({ syncIntervalSeconds: 86_400, reconcileIntervalSeconds: 604_800, historyDays: 3660, dataDir: ".data" });
  });

  it("keeps the reconcile at least as far apart as the syncs, also by default", () => {
    expect(sync({ SYNC_INTERVAL_SECONDS: "7200" }).reconcileIntervalSeconds).toBe(7200);
    expect(() => parseConfig({ SYNC_INTERVAL_SECONDS: "120", RECONCILE_INTERVAL_SECONDS: "60" }, DEMO)).toThrow(
      /^RECONCILE_INTERVAL_SECONDS: must be at least SYNC_INTERVAL_SECONDS \(120\)$/,
    );
  });

  it("accepts CACHE_TTL_SECONDS as the old name of SYNC_INTERVAL_SECONDS", () => {
    expect(sync({ CACHE_TTL_SECONDS: "300" }).syncIntervalSeconds).toBe(300);
    expect(sync({ CACHE_TTL_SECONDS: "300", SYNC_INTERVAL_SECONDS: "300" }).syncIntervalSeconds).toBe(300);
    expect(() => parseConfig({ CACHE_TTL_SECONDS: "300", SYNC_INTERVAL_SECONDS: "60" }, DEMO)).toThrow(
      /^CACHE_TTL_SECONDS: is the old name of SYNC_INTERVAL_SECONDS and differs from it/,
    );
    expect(() => parseConfig({ CACHE_TTL_SECONDS: "0" }, DEMO)).toThrow(/^CACHE_TTL_SECONDS: must be at least 10$/);
  });

  it("stops on each bad value with one line naming the variable", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ SYNC_INTERVAL_SECONDS: "9" }, /^SYNC_INTERVAL_SECONDS: must be at least 10$/],
      [{ SYNC_INTERVAL_SECONDS: "86401" }, /^SYNC_INTERVAL_SECONDS: must be at most 86400$/],
      [{ SYNC_INTERVAL_SECONDS: "1m" }, /^SYNC_INTERVAL_SECONDS: must be a whole number of seconds$/],
      [{ RECONCILE_INTERVAL_SECONDS: "604801" }, /^RECONCILE_INTERVAL_SECONDS: must be at most 604800$/],
      [{ HISTORY_DAYS: "-1" }, /^HISTORY_DAYS: must be a whole number of days$/],
      [{ HISTORY_DAYS: "3661" }, /^HISTORY_DAYS: must be at most 3660$/],
    ];
    for (const [env, expected] of cases) expect(() => parseConfig(env, DEMO), JSON.stringify(env)).toThrow(expected);
  });
});

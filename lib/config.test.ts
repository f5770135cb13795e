import { describe, expect, it } from "vitest";
import { ConfigError, parseSettings } from "./config";

const PROJECT = "0483b6b16e954cb88930a360d2c4e663";
const OTHER_PROJECT = "9f3c2a1b0e8d4c7fa6b5e4d3c2b1a090";
const KEYS = { CLOUD_SDK_AK: "ABCDEFGH12345678", CLOUD_SDK_SK: "secret-key-0123456789" };

/** The one line start-up prints for an environment (without its "Configuration error: " prefix), or null. */
function problem(env: Record<string, string>): string | null {
  try {
    parseSettings(env);
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.message).not.toContain("\n");
    expect(error.message).not.toContain(KEYS.CLOUD_SDK_SK);
    return error.message;
  }
}

const cloud = (env: Record<string, string>) => problem({ ...KEYS, ...env });

describe("configuration messages", () => {
  it("accepts a well-formed cloud configuration", () => {
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4=${PROJECT}, ap-southeast-1 = ${OTHER_PROJECT}` })).toBeNull();
    expect(cloud({ CLOUD_REGION: "la-north-2", CLOUD_PROJECT_ID: PROJECT })).toBeNull();
    const settings = parseSettings({ ...KEYS, CLOUD_PROJECTS: `cn-north-4=${PROJECT},ap-southeast-1=${OTHER_PROJECT}` });
    expect(settings.mode === "cloud" && settings.cloud.projects).toEqual([
      { region: "cn-north-4", projectId: PROJECT },
      { region: "ap-southeast-1", projectId: OTHER_PROJECT },
    ]);
  });

  it("names an unknown region in CLOUD_PROJECTS and the nearest known one", () => {
    expect(cloud({ CLOUD_PROJECTS: `cn-north4=${PROJECT}` })).toBe(
      'CLOUD_PROJECTS: unknown region "cn-north4" (did you mean cn-north-4?)',
    );
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4=${PROJECT},mars-1=${OTHER_PROJECT}` })).toBe(
      'CLOUD_PROJECTS: unknown region "mars-1" (did you mean ae-ad-1?)',
    );
    expect(cloud({ CLOUD_PROJECTS: `AP-SOUTHEAST-1=${PROJECT}` })).toBe(
      'CLOUD_PROJECTS: unknown region "AP-SOUTHEAST-1" (did you mean ap-southeast-1?)',
    );
  });

  it("names an unknown CLOUD_REGION the same way", () => {
    expect(cloud({ CLOUD_REGION: "ap-southeast1", CLOUD_PROJECT_ID: PROJECT })).toBe(
      'CLOUD_REGION: unknown region "ap-southeast1" (did you mean ap-southeast-1?)',
    );
  });

  it("takes a region it does not know when every service has an endpoint override", () => {
    const overrides = {
      TAURUSDB_ENDPOINT: "http://127.0.0.1:1",
      RDS_ENDPOINT: "http://127.0.0.1:2",
      DCS_ENDPOINT: "http://127.0.0.1:3",
    };
    expect(cloud({ ...overrides, CLOUD_PROJECTS: `xx-newland-7=${PROJECT}` })).toBeNull();
    expect(cloud({ ...overrides, CLOUD_PROJECTS: `cn-north4=${PROJECT}` })).toMatch(/unknown region "cn-north4"/);
    expect(cloud({ RDS_ENDPOINT: "http://127.0.0.1:2", CLOUD_PROJECTS: `xx-newland-7=${PROJECT}` })).toMatch(
      /^CLOUD_PROJECTS: unknown region "xx-newland-7"/,
    );
    expect(
      cloud({ RDS_ENDPOINT: "http://127.0.0.1:2", BACKUP_SERVICES: "rds", CLOUD_PROJECTS: `xx-newland-7=${PROJECT}` }),
    ).toBeNull();
  });

  it("names the separator expected between pairs", () => {
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4=${PROJECT};ap-southeast-1=${OTHER_PROJECT}` })).toBe(
      `CLOUD_PROJECTS: separate the entries with "," (found ";" in "cn-north-4=${PROJECT};ap-southeast-1=${OTHER_PROJECT}")`,
    );
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4=${PROJECT} ap-southeast-1=${OTHER_PROJECT}` })).toMatch(
      /^CLOUD_PROJECTS: separate the entries with "," \(found " " in /,
    );
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4=${PROJECT}ap-southeast-1=${OTHER_PROJECT}` })).toMatch(
      /^CLOUD_PROJECTS: ".*" holds more than one "="; separate the pairs with ","$/,
    );
  });

  it("names the separator expected between a region and its project", () => {
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4:${PROJECT}` })).toBe(
      `CLOUD_PROJECTS: join the region and the project ID with "=" (found ":" in "cn-north-4:${PROJECT}")`,
    );
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4/${PROJECT}` })).toMatch(/with "=" \(found "\/" in /);
    expect(cloud({ CLOUD_PROJECTS: "cn-north-4" })).toBe('CLOUD_PROJECTS: "cn-north-4" is not a region=project_id pair');
    expect(cloud({ CLOUD_PROJECTS: `=${PROJECT}` })).toBe(`CLOUD_PROJECTS: "=${PROJECT}" is not a region=project_id pair`);
  });

  it("refuses a project ID that is not 32 hexadecimal characters", () => {
    const rule = "must be 32 hexadecimal characters (0-9, a-f), as the console lists it under My Credentials";
    expect(cloud({ CLOUD_PROJECTS: "cn-north-4=my-project" })).toBe(
      `CLOUD_PROJECTS: project ID "my-project" of cn-north-4 ${rule}`,
    );
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4=${PROJECT}0` })).toMatch(/project ID ".*" of cn-north-4 must be 32/);
    expect(cloud({ CLOUD_PROJECTS: `cn-north-4=${PROJECT.toUpperCase()}` })).toMatch(/must be 32 hexadecimal/);
    expect(cloud({ CLOUD_REGION: "cn-north-4", CLOUD_PROJECT_ID: PROJECT.slice(1) })).toBe(`CLOUD_PROJECT_ID: ${rule}`);
  });

  it("refuses keys and tokens with whitespace, without showing them", () => {
    const projects = { CLOUD_PROJECTS: `cn-north-4=${PROJECT}` };
    const whitespace = "contains whitespace (a space or line break copied with it?); set the value alone";
    expect(problem({ ...KEYS, ...projects, CLOUD_SDK_SK: `${KEYS.CLOUD_SDK_SK}\n` })).toBe(`CLOUD_SDK_SK: ${whitespace}`);
    expect(problem({ ...KEYS, ...projects, CLOUD_SDK_SK: "secret key 0123456789" })).toBe(
      `CLOUD_SDK_SK: ${whitespace}`,
    );
    expect(problem({ ...KEYS, ...projects, CLOUD_SDK_AK: ` ${KEYS.CLOUD_SDK_AK}` })).toBe(`CLOUD_SDK_AK: ${whitespace}`);
    expect(problem({ ...KEYS, ...projects, CLOUD_SDK_SECURITY_TOKEN: "token\twith tab" })).toBe(
      `CLOUD_SDK_SECURITY_TOKEN: ${whitespace}`,
    );
  });

  it("words DEMO_* problems like every other variable", () => {
    expect(problem({ DEMO_INSTANCES: "many" })).toBe('DEMO_INSTANCES: must be a whole number from 1 to 5000, not "many"');
    expect(problem({ DEMO_INSTANCES: "9000" })).toBe('DEMO_INSTANCES: must be a whole number from 1 to 5000, not "9000"');
    expect(problem({ DEMO_DAYS: "0" })).toBe('DEMO_DAYS: must be a whole number of days from 1 to 400, not "0"');
    expect(problem({ DEMO_LATENCY_MS: "1.5" })).toBe(
      'DEMO_LATENCY_MS: must be a whole number of milliseconds from 0 to 60000, not "1.5"',
    );
    expect(problem({ DEMO_DOWN: "mysql" })).toBe('DEMO_DOWN: "mysql" is not one of taurusdb, rds, dcs');
    expect(problem({ DEMO_DOWN: "rds;dcs" })).toBe('DEMO_DOWN: separate the entries with "," (found ";" in "rds;dcs")');
    expect(problem({ DEMO_SEED: "x".repeat(101) })).toBe("DEMO_SEED: must be at most 100 characters");
    expect(problem({ DEMO_SCALE: "huge" })).toBe("DEMO_SCALE: must be small, real or millions");
    expect(problem({ DEMO_STILL: "yes" })).toBe("DEMO_STILL: must be 1 or 0");
    const settings = parseSettings({ DEMO_INSTANCES: "20", DEMO_DOWN: "rds, DCS", DEMO_SEED: "s" });
    expect(settings.mode === "demo" && settings.demo).toEqual({
      seed: "s",
      instances: 20,
      days: 7,
      still: false,
      latencyMs: 0,
      down: ["rds", "dcs"],
    });
  });

  it("makes the demo the real account by default, and scales it with DEMO_SCALE, DEMO_INSTANCES and DEMO_DAYS", () => {
    const demo = (env: Record<string, string>) => {
      const settings = parseSettings(env);
      return settings.mode === "demo" ? settings.demo : undefined;
    };
    expect(demo({})).toMatchObject({ instances: 200, days: 7, still: false });
    expect(demo({ DEMO_SCALE: "small" })).toMatchObject({ instances: 40, days: 2 });
    expect(demo({ DEMO_SCALE: "Millions" })).toMatchObject({ instances: 1000, days: 30 });
    expect(demo({ DEMO_SCALE: "millions", DEMO_DAYS: "90" })).toMatchObject({ instances: 1000, days: 90 });
    expect(demo({ DEMO_SCALE: "small", DEMO_INSTANCES: "100", DEMO_STILL: "1" })).toMatchObject({
      instances: 100,
      days: 2,
      still: true,
    });
  });

  it("words the other numbers and lists the same way", () => {
    expect(problem({ CACHE_TTL_SECONDS: "1m" })).toBe(
      'CACHE_TTL_SECONDS: must be a whole number of seconds from 10 to 86400, not "1m"',
    );
    expect(problem({ CLOUD_TIMEOUT_MS: "50" })).toBe(
      'CLOUD_TIMEOUT_MS: must be a whole number of milliseconds from 100 to 120000, not "50"',
    );
    expect(problem({ BACKUP_SERVICES: "rds|dcs" })).toBe(
      'BACKUP_SERVICES: separate the entries with "," (found "|" in "rds|dcs")',
    );
    expect(problem({ BACKUP_SERVICES: "rds,redis" })).toBe('BACKUP_SERVICES: "redis" is not one of taurusdb, rds, dcs');
  });

  it("says which variables demo mode ignores, endpoint overrides included", () => {
    const settings = parseSettings({ TAURUSDB_ENDPOINT: "https://gaussdb.example.test", CLOUD_REGION: "cn-north-4" });
    expect(settings.notices).toEqual([
      "CLOUD_REGION, TAURUSDB_ENDPOINT are ignored: demo mode (CLOUD_SDK_AK and CLOUD_SDK_SK are unset) reads the built-in simulator on 127.0.0.1",
    ]);
    expect(parseSettings({ RDS_ENDPOINT: "not even a URL" }).notices).toEqual([
      "RDS_ENDPOINT is ignored: demo mode (CLOUD_SDK_AK and CLOUD_SDK_SK are unset) reads the built-in simulator on 127.0.0.1",
    ]);
    expect(parseSettings({}).notices).toEqual([]);
  });

  it("says that credentials make the DEMO_* variables ignored", () => {
    const settings = parseSettings({ ...KEYS, CLOUD_PROJECTS: `cn-north-4=${PROJECT}`, DEMO_INSTANCES: "20" });
    expect(settings.notices).toEqual([
      "DEMO_INSTANCES is ignored: credentials are set, so the dashboard reads the cloud, not the simulator",
    ]);
  });
});

describe("the sync's configuration", () => {
  const sync = (env: Record<string, string>) => {
    const { syncIntervalSeconds, reconcileIntervalSeconds, historyDays, dataDir } = parseSettings(env);
    return { syncIntervalSeconds, reconcileIntervalSeconds, historyDays, dataDir };
  };

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
    expect(problem({ SYNC_INTERVAL_SECONDS: "120", RECONCILE_INTERVAL_SECONDS: "60" })).toBe(
      'RECONCILE_INTERVAL_SECONDS: must be a whole number of seconds from 120 to 604800, not "60"',
    );
  });

  it("accepts CACHE_TTL_SECONDS as the old name of SYNC_INTERVAL_SECONDS", () => {
    expect(sync({ CACHE_TTL_SECONDS: "300" }).syncIntervalSeconds).toBe(300);
    expect(sync({ CACHE_TTL_SECONDS: "300", SYNC_INTERVAL_SECONDS: "300" }).syncIntervalSeconds).toBe(300);
    expect(problem({ CACHE_TTL_SECONDS: "300", SYNC_INTERVAL_SECONDS: "60" })).toMatch(
      /^CACHE_TTL_SECONDS: is the old name of SYNC_INTERVAL_SECONDS and differs from it/,
    );
    expect(problem({ CACHE_TTL_SECONDS: "0" })).toBe(
      'CACHE_TTL_SECONDS: must be a whole number of seconds from 10 to 86400, not "0"',
    );
  });

  it("stops on each bad value with one line naming the variable", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ SYNC_INTERVAL_SECONDS: "9" }, /^SYNC_INTERVAL_SECONDS: must be a whole number of seconds from 10 to 86400/],
      [{ SYNC_INTERVAL_SECONDS: "86401" }, /^SYNC_INTERVAL_SECONDS: must be a whole number of seconds from 10/],
      [{ SYNC_INTERVAL_SECONDS: "1m" }, /^SYNC_INTERVAL_SECONDS: must be a whole number of seconds/],
      [{ RECONCILE_INTERVAL_SECONDS: "604801" }, /^RECONCILE_INTERVAL_SECONDS: must be a whole number of seconds/],
      [{ HISTORY_DAYS: "-1" }, /^HISTORY_DAYS: must be a whole number of days from 0 to 3660/],
      [{ HISTORY_DAYS: "3661" }, /^HISTORY_DAYS: must be a whole number of days from 0 to 3660/],
    ];
    for (const [env, expected] of cases) expect(problem(env), JSON.stringify(env)).toMatch(expected);
  });
});

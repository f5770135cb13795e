import "server-only";
import { z } from "zod";
import { type PasswordHash, parsePasswordHash } from "./auth/password";
import { SERVICES, type Service } from "./inventory/model";
import { isKnownRegion, nearestRegion } from "./regions";
import { DEFAULT_SCALE, SCALE_NAMES, SCALES } from "./simulator/scale";
import { AddressList } from "./security/network";

/**
 * The environment (docs/configuration.md), parsed once. A bad value is a ConfigError whose message is one line
 * naming the variable and saying what is wrong; values of secrets never appear in it. Start-up checks it before
 * the server starts (`scripts/check-config.ts`), then again when it builds the runtime.
 */

export interface Credentials {
  ak: string;
  sk: string;
  securityToken?: string;
}

export interface ProjectRef {
  region: string;
  projectId: string;
}

/** What the dashboard talks to: the cloud (from the environment) or, in demo mode, the built-in simulator. */
export interface CloudTarget {
  credentials: Credentials;
  projects: ProjectRef[];
  /** Per service, a URL template that may contain `{region}`; empty for the official host. */
  endpoints: Record<Service, string>;
}

/** What the DEMO_* variables ask of the simulator. */
export interface DemoSettings {
  seed: string | undefined;
  /** The account's size: DEMO_SCALE's figures, or DEMO_INSTANCES and DEMO_DAYS where set. */
  instances: number;
  days: number;
  /** The simulated backups stay as they were at start-up (DEMO_STILL). */
  still: boolean;
  latencyMs: number;
  /** Services the simulator answers 503 for. */
  down: Service[];
}

interface CommonSettings {
  services: Service[];
  /** How often the background sync brings the kept inventory up to date (SYNC_INTERVAL_SECONDS). */
  syncIntervalSeconds: number;
  /** How often a complete listing finds backups that disappeared upstream (RECONCILE_INTERVAL_SECONDS). */
  reconcileIntervalSeconds: number;
  /** How long a backup that disappeared upstream is kept (HISTORY_DAYS). */
  historyDays: number;
  /** Where the embedded store keeps its files (DATA_DIR), as given; relative to the working directory. */
  dataDir: string;
  /** Per HTTP attempt of a cloud call, connection to last byte. */
  cloudTimeoutMs: number;
  /** The largest response body of a cloud call, bytes (CLOUD_MAX_BODY_MB). */
  cloudMaxBodyBytes: number;
  auth: AuthConfig;
  /** Variables that are set but have no effect in this mode, said once at start-up (one line each). */
  notices: string[];
}

/** The environment, checked: everything but the simulator that demo mode still has to start. */
export type Settings = CommonSettings &
  ({ mode: "demo"; demo: DemoSettings } | { mode: "cloud"; cloud: CloudTarget });

export interface AppConfig extends CommonSettings, CloudTarget {
  mode: "demo" | "cloud";
}

/** Who may use the dashboard (README, "Access control and security"). */
export type AuthConfig =
  | {
      mode: "none";
      /** Serve without access control on a non-loopback address, even with real credentials. */
      allowUnauthenticated: boolean;
    }
  | {
      mode: "basic";
      users: ReadonlyMap<string, PasswordHash>;
      /** Proxies whose X-Forwarded-For names the client, for the failed-login limit; none by default. */
      trustedProxies: AddressList | null;
    }
  | {
      mode: "proxy";
      /** Lower-cased header name. */
      userHeader: string;
      trustedProxies: AddressList;
    };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

const PROJECT_ID = /^[0-9a-f]{32}$/;
const PROJECT_ID_RULE = "must be 32 hexadecimal characters (0-9, a-f), as the console lists it under My Credentials";

/** TaurusDB's API host name differs by region (docs/cloud-apis.md). */
const TAURUSDB_HOST_PREFIX: Record<string, string> = {
  "tr-west-1": "gaussdbformysql",
  "ap-southeast-1": "gaussdbformysql",
  "ap-southeast-2": "gaussdbformysql",
  "cn-north-11": "gaussdbformysql",
  "me-east-1": "gaussdbformysql",
  "af-south-1": "gaussdb-mysql",
  "cn-east-5": "gaussdb-mysql",
  "la-north-2": "gaussdb-mysql",
};

/** The official endpoint of a service in a region. */
export function defaultEndpoint(service: Service, region: string): string {
  switch (service) {
    case "taurusdb":
      return `https://${TAURUSDB_HOST_PREFIX[region] ?? "gaussdb"}.${region}.myhuaweicloud.com`;
    case "rds":
      return region === "eu-west-101"
        ? "https://rds.eu-west-101.myhuaweicloud.eu"
        : `https://rds.${region}.myhuaweicloud.com`;
    case "dcs":
      return `https://dcs.${region}.myhuaweicloud.com`;
  }
}

/** The base URL for a service in a region: the override template, else the official host. */
export function endpointFor(config: Pick<AppConfig, "endpoints">, service: Service, region: string): string {
  const template = config.endpoints[service];
  return (template ? template.replaceAll("{region}", region) : defaultEndpoint(service, region)).replace(/\/+$/, "");
}

const ENDPOINT_VARIABLES: Record<Service, string> = {
  taurusdb: "TAURUSDB_ENDPOINT",
  rds: "RDS_ENDPOINT",
  dcs: "DCS_ENDPOINT",
};

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function check<T>(variable: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ConfigError(variable, parsed.error.issues[0]?.message ?? "invalid value");
  return parsed.data;
}

/** A whole number within bounds, or `fallback` when unset; `unit` names what it counts ("seconds"). */
function wholeNumber(
  env: Env,
  name: string,
  { min, max, fallback, unit }: { min: number; max: number; fallback: number; unit?: string },
): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max))
    throw new ConfigError(name, `must be a whole number ${unit ? `of ${unit} ` : ""}from ${min} to ${max}, not "${value}"`);
  return number;
}

/** `1`/`0` (or `true`/`false`), `fallback` when unset. */
function flag(env: Env, name: string, fallback: boolean): boolean {
  return check(
    name,
    z.enum(["0", "1", "true", "false"], "must be 1 or 0").transform((value) => value === "1" || value === "true"),
    read(env, name)?.toLowerCase() ?? (fallback ? "1" : "0"),
  );
}

/** Separators people use for lists instead of the comma. */
const OTHER_SEPARATORS = [";", "|", " ", "\t", "\n"];

/** The comma-separated entries of a list; another separator between them is named. */
function listEntries(name: string, value: string): string[] {
  const entries = value.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    const separator = OTHER_SEPARATORS.find((candidate) => entry.includes(candidate));
    if (separator)
      throw new ConfigError(name, `separate the entries with "," (found ${JSON.stringify(separator)} in "${entry}")`);
  }
  return entries.filter(Boolean);
}

/** A list of service names (BACKUP_SERVICES, DEMO_DOWN), each once. */
function serviceList(env: Env, name: string): Service[] | undefined {
  const value = read(env, name);
  if (!value) return undefined;
  const names = [...new Set(listEntries(name, value).map((entry) => entry.toLowerCase()))];
  for (const entry of names)
    if (!(SERVICES as readonly string[]).includes(entry))
      throw new ConfigError(name, `"${entry}" is not one of ${SERVICES.join(", ")}`);
  return names as Service[];
}

/** Keys and tokens hold no whitespace: a space or line break is a copy-and-paste slip that would fail every call. */
function credential(env: Env, name: "CLOUD_SDK_AK" | "CLOUD_SDK_SK" | "CLOUD_SDK_SECURITY_TOKEN"): string | undefined {
  const value = read(env, name);
  if (value !== undefined && /\s/.test(env[name] ?? ""))
    throw new ConfigError(name, "contains whitespace (a space or line break copied with it?); set the value alone");
  return value;
}

const accessKey = z.string().regex(/^[A-Za-z0-9]{8,128}$/, "must be 8 to 128 letters and digits");
const secretKey = z.string().min(8, "must be at least 8 characters").max(256, "must be at most 256 characters");

/**
 * A configured region: a known one, or any region name when every service asked for has an endpoint override
 * (then the region only labels the project, and a region newer than this list still works).
 */
function checkRegion(name: string, region: string, overridden: boolean): void {
  if (isKnownRegion(region) || (overridden && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))) return;
  throw new ConfigError(name, `unknown region "${region}" (did you mean ${nearestRegion(region)}?)`);
}

function checkProjectId(name: string, projectId: string, region?: string): void {
  if (!PROJECT_ID.test(projectId))
    throw new ConfigError(name, `project ID "${projectId}"${region ? ` of ${region}` : ""} ${PROJECT_ID_RULE}`);
}

/** One `region=project_id` entry of CLOUD_PROJECTS; a wrong joining character is named. */
function projectPair(entry: string, overridden: boolean): ProjectRef {
  const parts = entry.split("=");
  if (parts.length === 1) {
    const joiner = [":", "/", "@"].find((candidate) => entry.includes(candidate));
    throw new ConfigError(
      "CLOUD_PROJECTS",
      joiner
        ? `join the region and the project ID with "=" (found "${joiner}" in "${entry}")`
        : `"${entry}" is not a region=project_id pair`,
    );
  }
  if (parts.length > 2)
    throw new ConfigError("CLOUD_PROJECTS", `"${entry}" holds more than one "="; separate the pairs with ","`);
  const [region, projectId] = parts.map((part) => part.trim());
  if (!region || !projectId) throw new ConfigError("CLOUD_PROJECTS", `"${entry}" is not a region=project_id pair`);
  checkRegion("CLOUD_PROJECTS", region, overridden);
  checkProjectId("CLOUD_PROJECTS", projectId, region);
  return { region, projectId };
}

/** `overridden`: every service asked for has an endpoint override. */
function parseProjects(env: Env, overridden: boolean): ProjectRef[] {
  const list = read(env, "CLOUD_PROJECTS");
  const region = read(env, "CLOUD_REGION");
  const projectId = read(env, "CLOUD_PROJECT_ID");
  if (list) {
    if (region || projectId)
      throw new ConfigError(
        "CLOUD_PROJECTS",
        "set either CLOUD_PROJECTS or CLOUD_REGION with CLOUD_PROJECT_ID, not both",
      );
    // Spaces around "=" are harmless; elsewhere a space separates what should be two pairs.
    const projects = listEntries("CLOUD_PROJECTS", list.replace(/\s*=\s*/g, "=")).map((entry) =>
      projectPair(entry, overridden),
    );
    const seen = new Set<string>();
    for (const project of projects) {
      const key = `${project.region}=${project.projectId}`;
      if (seen.has(key)) throw new ConfigError("CLOUD_PROJECTS", `"${key}" is listed twice`);
      seen.add(key);
    }
    return projects;
  }
  if (!region) throw new ConfigError("CLOUD_REGION", "required (or CLOUD_PROJECTS) when credentials are set");
  checkRegion("CLOUD_REGION", region, overridden);
  if (!projectId) throw new ConfigError("CLOUD_PROJECT_ID", "required together with CLOUD_REGION");
  if (!PROJECT_ID.test(projectId)) throw new ConfigError("CLOUD_PROJECT_ID", PROJECT_ID_RULE);
  return [{ region, projectId }];
}

function parseEndpoint(env: Env, service: Service): string {
  const variable = ENDPOINT_VARIABLES[service];
  const value = read(env, variable);
  if (!value) return "";
  let url: URL;
  try {
    url = new URL(value.replaceAll("{region}", "region"));
  } catch {
    throw new ConfigError(variable, "is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ConfigError(variable, "must be an http(s) URL");
  if (url.search || url.hash || url.username || url.password)
    throw new ConfigError(variable, "must not contain a query, fragment or user info");
  return value;
}

const SYNC_INTERVAL = { min: 10, max: 86_400, fallback: 60, unit: "seconds" };

/** SYNC_INTERVAL_SECONDS, or CACHE_TTL_SECONDS, its old name; both set, they must agree. */
function parseSyncInterval(env: Env): number {
  const current = wholeNumber(env, "SYNC_INTERVAL_SECONDS", SYNC_INTERVAL);
  if (read(env, "CACHE_TTL_SECONDS") === undefined) return current;
  const old = wholeNumber(env, "CACHE_TTL_SECONDS", SYNC_INTERVAL);
  if (read(env, "SYNC_INTERVAL_SECONDS") !== undefined && old !== current)
    throw new ConfigError(
      "CACHE_TTL_SECONDS",
      `is the old name of SYNC_INTERVAL_SECONDS and differs from it (${old} and ${current}); set only SYNC_INTERVAL_SECONDS`,
    );
  return old;
}

type SyncSettings = Pick<CommonSettings, "syncIntervalSeconds" | "reconcileIntervalSeconds" | "historyDays" | "dataDir">;

/** The sync's schedule (README, "The kept inventory") and where the store lives. */
function parseSyncSettings(env: Env): SyncSettings {
  const syncIntervalSeconds = parseSyncInterval(env);
  return {
    syncIntervalSeconds,
    reconcileIntervalSeconds: wholeNumber(env, "RECONCILE_INTERVAL_SECONDS", {
      min: syncIntervalSeconds,
      max: 604_800,
      // An hour, unless the sync interval is longer: a reconcile is never more frequent than a sync.
      fallback: Math.max(3_600, syncIntervalSeconds),
      unit: "seconds",
    }),
    historyDays: wholeNumber(env, "HISTORY_DAYS", { min: 0, max: 3_660, fallback: 400, unit: "days" }),
    dataDir: read(env, "DATA_DIR") ?? ".data",
  };
}

const USER_NAME = /^[^\s:,]{1,64}$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;
/** Headers a client or Next.js itself sets; naming one as the user header would let anyone in. */
const RESERVED_HEADERS = new Set(["authorization", "cookie", "host", "x-forwarded-for", "x-dashboard-peer-address"]);

function parseUsers(value: string): Map<string, PasswordHash> {
  const users = new Map<string, PasswordHash>();
  for (const entry of value.split(",")) {
    const colon = entry.indexOf(":");
    const name = entry.slice(0, Math.max(colon, 0)).trim();
    if (colon < 0 || !USER_NAME.test(name))
      throw new ConfigError(
        "DASHBOARD_USERS",
        "expected name:hash pairs, comma separated (names without spaces or colons)",
      );
    if (users.has(name)) throw new ConfigError("DASHBOARD_USERS", `user "${name}" is listed twice`);
    try {
      users.set(name, parsePasswordHash(entry.slice(colon + 1).trim()));
    } catch (error) {
      throw new ConfigError(
        "DASHBOARD_USERS",
        `the hash of user "${name}" ${error instanceof Error ? error.message : "is invalid"} (make one with npm run hash-password)`,
      );
    }
  }
  return users;
}

function parseTrustedProxies(value: string): AddressList {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  let list: AddressList;
  try {
    list = new AddressList(entries);
  } catch (error) {
    throw new ConfigError("DASHBOARD_TRUSTED_PROXIES", error instanceof Error ? error.message : "invalid entry");
  }
  if (entries.length === 0) throw new ConfigError("DASHBOARD_TRUSTED_PROXIES", "lists no address");
  if (entries.some((entry) => /\/0+$/.test(entry)))
    throw new ConfigError("DASHBOARD_TRUSTED_PROXIES", "a /0 range would trust every address");
  return list;
}

/** The access rules (DASHBOARD_* variables); a variable that does not fit the chosen mode is an error. */
export function parseAuthConfig(env: Env): AuthConfig {
  const mode = check(
    "DASHBOARD_AUTH",
    z.enum(["none", "basic", "proxy"], "must be none, basic or proxy"),
    read(env, "DASHBOARD_AUTH")?.toLowerCase() ?? "none",
  );
  const users = read(env, "DASHBOARD_USERS");
  const userHeader = read(env, "DASHBOARD_PROXY_USER_HEADER");
  const proxies = read(env, "DASHBOARD_TRUSTED_PROXIES");
  const allowUnauthenticated = flag(env, "DASHBOARD_ALLOW_UNAUTHENTICATED", false);
  const unused = (variable: string, modes: string) =>
    new ConfigError(variable, `is set, but DASHBOARD_AUTH is ${mode}; it applies with DASHBOARD_AUTH=${modes}`);
  if (users && mode !== "basic") throw unused("DASHBOARD_USERS", "basic");
  if (userHeader && mode !== "proxy") throw unused("DASHBOARD_PROXY_USER_HEADER", "proxy");
  if (proxies && mode === "none") throw unused("DASHBOARD_TRUSTED_PROXIES", "proxy (or basic)");
  if (allowUnauthenticated && mode !== "none") throw unused("DASHBOARD_ALLOW_UNAUTHENTICATED", "none");
  switch (mode) {
    case "none":
      return { mode, allowUnauthenticated };
    case "basic":
      if (!users) throw new ConfigError("DASHBOARD_USERS", "required with DASHBOARD_AUTH=basic");
      return { mode, users: parseUsers(users), trustedProxies: proxies ? parseTrustedProxies(proxies) : null };
    case "proxy": {
      if (!proxies) throw new ConfigError("DASHBOARD_TRUSTED_PROXIES", "required with DASHBOARD_AUTH=proxy");
      const header = (userHeader ?? "X-Forwarded-User").toLowerCase();
      if (!HEADER_NAME.test(header) || RESERVED_HEADERS.has(header))
        throw new ConfigError("DASHBOARD_PROXY_USER_HEADER", "must be a header name such as X-Forwarded-User");
      return { mode, userHeader: header, trustedProxies: parseTrustedProxies(proxies) };
    }
  }
}

/** The DEMO_* variables, which shape the built-in simulator (README, "Configuration"). */
export const DEMO_VARIABLES = [
  "DEMO_SEED",
  "DEMO_SCALE",
  "DEMO_INSTANCES",
  "DEMO_DAYS",
  "DEMO_STILL",
  "DEMO_LATENCY_MS",
  "DEMO_DOWN",
] as const;

/** Variables that name the real cloud; demo mode does not read them. */
const CLOUD_VARIABLES = [
  "CLOUD_SDK_SECURITY_TOKEN",
  "CLOUD_PROJECTS",
  "CLOUD_REGION",
  "CLOUD_PROJECT_ID",
  ...Object.values(ENDPOINT_VARIABLES),
];

function parseDemoSettings(env: Env): DemoSettings {
  const seed = read(env, "DEMO_SEED");
  if (seed !== undefined && seed.length > 100) throw new ConfigError("DEMO_SEED", "must be at most 100 characters");
  const scale = check(
    "DEMO_SCALE",
    z.enum(SCALE_NAMES, `must be ${SCALE_NAMES.slice(0, -1).join(", ")} or ${SCALE_NAMES.at(-1)}`),
    read(env, "DEMO_SCALE")?.toLowerCase() ?? DEFAULT_SCALE,
  );
  return {
    seed,
    instances: wholeNumber(env, "DEMO_INSTANCES", { min: 1, max: 5000, fallback: SCALES[scale].instances }),
    days: wholeNumber(env, "DEMO_DAYS", { min: 1, max: 400, fallback: SCALES[scale].days, unit: "days" }),
    still: flag(env, "DEMO_STILL", false),
    latencyMs: wholeNumber(env, "DEMO_LATENCY_MS", { min: 0, max: 60_000, fallback: 0, unit: "milliseconds" }),
    down: serviceList(env, "DEMO_DOWN") ?? [],
  };
}

export function isDemoEnv(env: Env): boolean {
  return !read(env, "CLOUD_SDK_AK") && !read(env, "CLOUD_SDK_SK");
}

/** Those of `names` that are set, as one notice that they have no effect, or none. */
function ignored(env: Env, names: readonly string[], why: string): string[] {
  const set = names.filter((name) => read(env, name) !== undefined);
  return set.length === 0 ? [] : [`${set.join(", ")} ${set.length === 1 ? "is" : "are"} ignored: ${why}`];
}

/**
 * CLOUD_MAX_BODY_MB: the default keeps a hostile or broken upstream from holding the server's memory; it may only
 * be raised (a real answer never comes near it), and stays well under the longest string the runtime can hold.
 */
function cloudMaxBodyMb(env: Env): number {
  return wholeNumber(env, "CLOUD_MAX_BODY_MB", { min: 32, max: 256, fallback: 32, unit: "MiB" });
}

/** Checks the whole environment, without starting anything. */
export function parseSettings(env: Env): Settings {
  const auth = parseAuthConfig(env);
  const services = serviceList(env, "BACKUP_SERVICES") ?? [...SERVICES];
  const common = {
    services,
    ...parseSyncSettings(env),
    cloudTimeoutMs: wholeNumber(env, "CLOUD_TIMEOUT_MS", {
      min: 100,
      max: 120_000,
      fallback: 10_000,
      unit: "milliseconds",
    }),
    cloudMaxBodyBytes: cloudMaxBodyMb(env) * 2 ** 20,
    auth,
  };
  if (isDemoEnv(env))
    return {
      ...common,
      mode: "demo",
      demo: parseDemoSettings(env),
      notices: ignored(
        env,
        CLOUD_VARIABLES,
        "demo mode (CLOUD_SDK_AK and CLOUD_SDK_SK are unset) reads the built-in simulator on 127.0.0.1",
      ),
    };
  const ak = credential(env, "CLOUD_SDK_AK");
  const sk = credential(env, "CLOUD_SDK_SK");
  const securityToken = credential(env, "CLOUD_SDK_SECURITY_TOKEN");
  if (!ak) throw new ConfigError("CLOUD_SDK_AK", "required when CLOUD_SDK_SK is set");
  if (!sk) throw new ConfigError("CLOUD_SDK_SK", "required when CLOUD_SDK_AK is set");
  check("CLOUD_SDK_AK", accessKey, ak);
  check("CLOUD_SDK_SK", secretKey, sk);
  const endpoints = {
    taurusdb: parseEndpoint(env, "taurusdb"),
    rds: parseEndpoint(env, "rds"),
    dcs: parseEndpoint(env, "dcs"),
  };
  return {
    ...common,
    mode: "cloud",
    cloud: {
      credentials: { ak, sk, ...(securityToken ? { securityToken } : {}) },
      projects: parseProjects(
        env,
        services.every((service) => endpoints[service] !== ""),
      ),
      endpoints,
    },
    notices: ignored(env, DEMO_VARIABLES, "credentials are set, so the dashboard reads the cloud, not the simulator"),
  };
}

/** The configuration of checked settings; demo mode needs the simulator it started (`demo`). */
export function configFor(settings: Settings, demo?: CloudTarget): AppConfig {
  if (settings.mode === "cloud") {
    const { cloud, ...common } = settings;
    return { ...common, ...cloud };
  }
  if (!demo) throw new ConfigError("CLOUD_SDK_AK", "unset, and the demo simulator is not running");
  const { demo: _settings, ...common } = settings;
  return { ...common, ...demo };
}

import "server-only";
import { z } from "zod";
import { type PasswordHash, parsePasswordHash } from "./auth/password";
import { SERVICES, type Service } from "./inventory/model";
import { AddressList } from "./security/network";

/**
 * The environment of the contract, parsed once. A bad value is a ConfigError whose message is one line
 * naming the variable; values of secrets never appear in it.
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

export interface AppConfig {
  mode: "demo" | "cloud";
  credentials: Credentials;
  projects: ProjectRef[];
  /** Per service, a URL template that may contain `{region}`. */
  endpoints: Record<Service, string>;
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
  auth: AuthConfig;
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

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const PROJECT_ID = /^[0-9a-zA-Z_-]{1,64}$/;

/** TaurusDB's API host name differs by region (api-notes.md). */
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

const accessKey = z.string().regex(/^[A-Za-z0-9]{8,128}$/, "must be 8 to 128 letters and digits");
const secretKey = z.string().min(8, "must be at least 8 characters").max(256, "must be at most 256 characters");

function parseProjects(env: Env): ProjectRef[] {
  const list = read(env, "CLOUD_PROJECTS");
  const region = read(env, "CLOUD_REGION");
  const projectId = read(env, "CLOUD_PROJECT_ID");
  if (list) {
    if (region || projectId)
      throw new ConfigError(
        "CLOUD_PROJECTS",
        "set either CLOUD_PROJECTS or CLOUD_REGION with CLOUD_PROJECT_ID, not both",
      );
    const projects = list.split(",").map((pair) => {
      const [r, p, ...rest] = pair.trim().split("=");
      if (!r || !p || rest.length > 0 || !REGION.test(r) || !PROJECT_ID.test(p))
        throw new ConfigError("CLOUD_PROJECTS", `"${pair.trim()}" is not a region=project_id pair`);
      return { region: r, projectId: p };
    });
    const seen = new Set<string>();
    for (const project of projects) {
      const key = `${project.region}=${project.projectId}`;
      if (seen.has(key)) throw new ConfigError("CLOUD_PROJECTS", `"${key}" is listed twice`);
      seen.add(key);
    }
    return projects;
  }
  if (!region) throw new ConfigError("CLOUD_REGION", "required (or CLOUD_PROJECTS) when credentials are set");
  if (!REGION.test(region))
    throw new ConfigError("CLOUD_REGION", `"${region}" is not a region name such as cn-north-4`);
  if (!projectId) throw new ConfigError("CLOUD_PROJECT_ID", "required together with CLOUD_REGION");
  if (!PROJECT_ID.test(projectId)) throw new ConfigError("CLOUD_PROJECT_ID", "is not a project ID");
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

function parseServices(env: Env): Service[] {
  const value = read(env, "BACKUP_SERVICES");
  if (!value) return [...SERVICES];
  const names = [...new Set(value.split(",").map((name) => name.trim().toLowerCase()))];
  for (const name of names)
    if (!(SERVICES as readonly string[]).includes(name))
      throw new ConfigError("BACKUP_SERVICES", `"${name}" is not one of ${SERVICES.join(", ")}`);
  return names as Service[];
}

/** A whole number within `range`, or `range.fallback` when the variable is unset. */
function wholeNumber(
  env: Env,
  variable: string,
  range: { unit: string; min: number; minText?: string; max: number; fallback: number },
): number {
  const value = read(env, variable);
  if (value === undefined) return range.fallback;
  return check(
    variable,
    z
      .string()
      .regex(/^\d+$/, `must be a whole number of ${range.unit}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(range.min, `must be at least ${range.minText ?? range.min}`)
          .max(range.max, `must be at most ${range.max}`),
      ),
    value,
  );
}

const SYNC_INTERVAL = { unit: "seconds", min: 10, max: 86_400, fallback: 60 };

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

type SyncSettings = Pick<AppConfig, "syncIntervalSeconds" | "reconcileIntervalSeconds" | "historyDays" | "dataDir">;

/** The sync's schedule (README, "The kept inventory") and where the store lives. */
function parseSyncSettings(env: Env): SyncSettings {
  const syncIntervalSeconds = parseSyncInterval(env);
  return {
    syncIntervalSeconds,
    reconcileIntervalSeconds: wholeNumber(env, "RECONCILE_INTERVAL_SECONDS", {
      unit: "seconds",
      min: syncIntervalSeconds,
      minText: `SYNC_INTERVAL_SECONDS (${syncIntervalSeconds})`,
      max: 604_800,
      // An hour, unless the sync interval is longer: a reconcile is never more frequent than a sync.
      fallback: Math.max(3_600, syncIntervalSeconds),
    }),
    historyDays: wholeNumber(env, "HISTORY_DAYS", { unit: "days", min: 0, max: 3_660, fallback: 400 }),
    dataDir: read(env, "DATA_DIR") ?? ".data",
  };
}

function parseCloudTimeout(env: Env): number {
  const value = read(env, "CLOUD_TIMEOUT_MS");
  if (value === undefined) return 10_000;
  return check(
    "CLOUD_TIMEOUT_MS",
    z
      .string()
      .regex(/^\d+$/, "must be a whole number of milliseconds")
      .transform(Number)
      .pipe(z.number().min(100, "must be at least 100").max(120_000, "must be at most 120000")),
    value,
  );
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
  const allow = read(env, "DASHBOARD_ALLOW_UNAUTHENTICATED");
  const allowUnauthenticated = check(
    "DASHBOARD_ALLOW_UNAUTHENTICATED",
    z.enum(["0", "1", "true", "false"], "must be 1 or 0").transform((flag) => flag === "1" || flag === "true"),
    allow?.toLowerCase() ?? "0",
  );
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

/** The cloud the dashboard talks to when no credentials are configured: the built-in simulator. */
export interface DemoCloud {
  credentials: Credentials;
  projects: ProjectRef[];
  endpoints: Record<Service, string>;
}

export function isDemoEnv(env: Env): boolean {
  return !read(env, "CLOUD_SDK_AK") && !read(env, "CLOUD_SDK_SK");
}

/** Parses the environment; `demo` supplies credentials, projects and endpoints in demo mode. */
export function parseConfig(env: Env, demo?: DemoCloud): AppConfig {
  const auth = parseAuthConfig(env);
  const services = parseServices(env);
  const sync = parseSyncSettings(env);
  const cloudTimeoutMs = parseCloudTimeout(env);
  if (isDemoEnv(env)) {
    if (!demo) throw new ConfigError("CLOUD_SDK_AK", "unset, and the demo simulator is not running");
    return { mode: "demo", ...demo, services, ...sync, cloudTimeoutMs, auth };
  }
  const ak = read(env, "CLOUD_SDK_AK");
  const sk = read(env, "CLOUD_SDK_SK");
  if (!ak) throw new ConfigError("CLOUD_SDK_AK", "required when CLOUD_SDK_SK is set");
  if (!sk) throw new ConfigError("CLOUD_SDK_SK", "required when CLOUD_SDK_AK is set");
  check("CLOUD_SDK_AK", accessKey, ak);
  check("CLOUD_SDK_SK", secretKey, sk);
  const securityToken = read(env, "CLOUD_SDK_SECURITY_TOKEN");
  const endpoints = {
    taurusdb: parseEndpoint(env, "taurusdb"),
    rds: parseEndpoint(env, "rds"),
    dcs: parseEndpoint(env, "dcs"),
  };
  return {
    mode: "cloud",
    credentials: { ak, sk, ...(securityToken ? { securityToken } : {}) },
    projects: parseProjects(env),
    endpoints,
    services,
    ...sync,
    cloudTimeoutMs,
    auth,
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Rng } from "../simulator/random";

/**
 * Test support for what an attacker sends or answers:
 * - random and malformed query strings, deterministic for a seed, built from what breaks parsers: wrong types,
 *   huge and negative numbers, Unicode (combining, right-to-left, emoji, lone surrogates), injection strings,
 *   10 kB values, repeated and unknown parameters, broken percent-encoding;
 * - a hostile upstream: a plain-http endpoint that answers what it likes (a compromised, intercepted or broken
 *   cloud): huge totals, huge or endless bodies, bodies that trickle, odd error codes.
 */

export const INJECTIONS = [
  "' OR '1'='1' --",
  '"; DROP TABLE backups; --',
  "<script>alert(1)</script>",
  // a log-injection probe, meant literally
  "${jndi:ldap://127.0.0.1/x}",
  "{{7*7}}",
  "../../../../etc/passwd",
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "__proto__",
  "constructor",
  "http://evil.example/",
  "%00",
  "\u0000",
  "\r\nSet-Cookie: x=1",
  "$(id)",
  "`id`",
];

const UNICODE = [
  "\u202Egnp.exe",
  "e\u0301\u0301\u0301",
  "😀🔥💥",
  "ＦＵＬＬ",
  "\u200B\u200C\u200D",
  "Ω≈ç√∫",
  "中文字符",
  "\uFEFF",
  "𝕏",
];

const NUMBERS = [
  "0",
  "-1",
  "1.5",
  "1e309",
  "99999999999999999999999",
  "9007199254740993",
  "NaN",
  "Infinity",
  "-0",
  "0x10",
  " 1",
  "1 ",
  "+1",
  "１",
];

const INSTANTS = [
  "2026-11-20T00:00:00Z",
  "2026-11-20T00:00:00+08:00",
  "2026-11-20 00:00:00",
  "2026-13-40T25:61:61Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "yesterday",
  "1700000000",
];

/** Raw pieces that URLSearchParams would never produce: broken escapes, stray separators. */
const RAW = ["%", "%zz", "%E0%A4%A", "%ED%A0%80", "%C0%AF", "&&&", "==", "=", "&=&", "%26", "%3D", "+", "%2B", ";"];

function longText(rng: Rng): string {
  const unit = rng.pick(["a", "é", "😀", ",", "%", "x,"]);
  return unit.repeat(Math.ceil(10_240 / unit.length));
}

/** A value for a parameter: sometimes a valid one of `valid`, mostly something hostile. */
export function hostileValue(rng: Rng, valid: readonly string[]): string {
  switch (rng.int(0, 9)) {
    case 0:
    case 1:
      return valid.length > 0 ? rng.pick(valid) : "";
    case 2:
      return rng.pick(NUMBERS);
    case 3:
      return rng.pick(INJECTIONS);
    case 4:
      return rng.pick(UNICODE);
    case 5:
      return rng.pick(INSTANTS);
    case 6:
      return rng.chance(0.3) ? longText(rng) : "x".repeat(rng.int(190, 260));
    case 7:
      return Array.from({ length: rng.int(2, 300) }, () => rng.pick([...valid, "", " ", "bogus"])).join(",");
    case 8:
      return "";
    default:
      return String.fromCharCode(...Array.from({ length: rng.int(1, 12) }, () => rng.int(0, 0xffff)));
  }
}

/** Form-encodes any string; a lone surrogate becomes U+FFFD as a browser would send it (encodeURIComponent throws). */
function encode(text: string): string {
  return new URLSearchParams([["", text]]).toString().slice(1);
}

/**
 * A query string (without `?`) for a route whose parameters are `params` (name → valid values): known and
 * unknown names, repeated parameters, and raw fragments mixed in unencoded.
 */
export function hostileQuery(rng: Rng, params: Readonly<Record<string, readonly string[]>>): string {
  const names = Object.keys(params);
  const parts: string[] = [];
  for (let i = rng.int(0, 6); i > 0; i--) {
    const roll = rng.next();
    if (roll < 0.08) {
      parts.push(rng.pick(RAW));
      continue;
    }
    const name =
      roll < 0.75 && names.length > 0
        ? rng.pick(names)
        : rng.pick([...INJECTIONS, ...UNICODE, "endpoint", "host", "PAGE", "page[]", "", longText(rng)]);
    const value = hostileValue(rng, Object.hasOwn(params, name) ? params[name] : []);
    parts.push(rng.chance(0.1) ? `${name}=${value}` : `${encode(name)}=${encode(value)}`);
    // The same parameter again.
    if (rng.chance(0.1)) parts.push(`${encode(name)}=${encode(hostileValue(rng, []))}`);
  }
  return parts.join("&");
}

// ---- A hostile upstream ----

/** What the upstream does with one request. */
export type HostileAnswer = (response: ServerResponse, request: IncomingMessage) => void;

export interface HostileUpstream {
  /** `http://127.0.0.1:<port>`, for an endpoint variable. */
  url: string;
  /** Every request received, as `path?query`. */
  readonly requests: string[];
  /** Bytes written to every connection so far: what it managed to send before a client hung up. */
  bytesSent(): number;
  /** Chooses the answer to each request from here on. */
  route: (url: URL) => HostileAnswer;
  close(): Promise<void>;
}

/** An upstream on a free loopback port; `route` chooses the answer to each request (and can be replaced). */
export async function startHostileUpstream(route: (url: URL) => HostileAnswer): Promise<HostileUpstream> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    upstream.route(new URL(request.url ?? "/", "http://upstream"))(response, request);
  });
  server.on("connection", (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const upstream: HostileUpstream = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    bytesSent: () => [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0),
    route,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return upstream;
}

const CHUNK = Buffer.alloc(64 * 1024, " ");

/** Writes `bytes` bytes of `head` then filler, chunk by chunk as the client reads, until done or it hangs up. */
function stream(response: ServerResponse, head: string, bytes: number): void {
  response.write(head);
  let left = bytes - Buffer.byteLength(head);
  const pump = () => {
    while (left > 0 && !response.destroyed) {
      const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= chunk.length;
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

export const hostileAnswers = {
  json:
    (body: unknown, status = 200): HostileAnswer =>
    (response) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    },
  /**
   * A 200 JSON answer of `bytes` bytes (the start of a list, then blanks), streamed as the client reads it;
   * `declared`: also announced in Content-Length, else sent chunked.
   */
  hugeBody:
    (bytes: number, { declared = false } = {}): HostileAnswer =>
    (response) => {
      response.writeHead(200, {
        "Content-Type": "application/json",
        ...(declared ? { "Content-Length": String(bytes) } : {}),
      });
      stream(response, '{"instances": [', bytes);
    },
  /** A 200 whose body never ends: one byte every `everyMs`. */
  slowBody:
    (everyMs: number): HostileAnswer =>
    (response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      const timer = setInterval(() => response.write(" "), everyMs);
      response.on("close", () => clearInterval(timer));
      response.write("{");
    },
  /** An error answer in the gateway's shape, with whatever code it likes. */
  error:
    (status: number, code: string, message = "refused"): HostileAnswer =>
    (response) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error_code: code, error_msg: message }));
    },
};

/** DCS records as the official docs show them, for a hostile upstream that answers like DCS where it means to. */
export const DCS = {
  instance: (id: string) => ({
    instance_id: id,
    name: `redis-${id}`,
    engine: "Redis",
    engine_version: "6.0",
    status: "RUNNING",
  }),
  backup: (id: string, instanceId: string) => ({
    backup_id: id,
    backup_name: `backup-${id}`,
    instance_id: instanceId,
    size: 880232,
    backup_type: "manual",
    created_at: "2026-11-20T08:31:16.166Z",
    updated_at: "2026-11-20T08:32:30.546Z",
    status: "succeed",
    backup_format: "aof",
  }),
  /** `GET /v2/{project_id}/instances` */
  instanceList: (instances: unknown[], total = instances.length) => ({ instances, instance_num: total }),
  /** `GET /v2/{project_id}/instances/{instance_id}/backups` (ListBackupRecords) */
  backupList: (records: unknown[], total = records.length) => ({ backup_record_response: records, total_num: total }),
};

/** Answers like a healthy DCS of one instance per project (`inst-<project>`) with one backup each. */
export function saneDcs(url: URL): HostileAnswer {
  const match = /^\/v2\/([^/]+)\/instances(?:\/([^/]+)\/backups)?$/.exec(url.pathname);
  if (!match) return hostileAnswers.error(404, "APIGW.0101", "The API does not exist");
  const [, project, instance] = match;
  return hostileAnswers.json(
    instance
      ? DCS.backupList([DCS.backup(`backup-${instance}`, instance)])
      : DCS.instanceList([DCS.instance(`inst-${project}`)]),
  );
}

/** The two projects of startHostileDcs: `good` answers like DCS, `bad` whatever it is told. */
export const HOSTILE_PROJECTS = {
  good: { region: "cn-north-4", projectId: "0483b6b16e954cb88930a360d2c4e663" },
  bad: { region: "cn-east-3", projectId: "7b1d4ff0e3c34d0c9d3e6a2b5c8f1e90" },
} as const;

export interface HostileDcs extends HostileUpstream {
  /** What the calls of the `bad` project get from here on; saneDcs until told otherwise. */
  bad: (url: URL) => HostileAnswer;
  /** Requests received for the `bad` project so far. */
  badCalls(): number;
  /** The environment that points the app at it: DCS only, both projects, made-up keys (nothing checks them). */
  env: Record<string, string>;
}

/** A DCS endpoint of two projects (HOSTILE_PROJECTS) on one hostile upstream. */
export async function startHostileDcs(): Promise<HostileDcs> {
  const { good, bad } = HOSTILE_PROJECTS;
  const upstream = await startHostileUpstream((url) =>
    url.pathname.includes(bad.projectId) ? dcs.bad(url) : saneDcs(url),
  );
  const dcs: HostileDcs = Object.assign(upstream, {
    bad: saneDcs,
    badCalls: () => upstream.requests.filter((path) => path.includes(bad.projectId)).length,
    env: {
      CLOUD_SDK_AK: "HOSTILEUPSTREAMAK01",
      CLOUD_SDK_SK: "hostile-upstream-secret-key-01",
      CLOUD_PROJECTS: `${good.region}=${good.projectId},${bad.region}=${bad.projectId}`,
      DCS_ENDPOINT: upstream.url,
      BACKUP_SERVICES: "dcs",
    },
  });
  return dcs;
}

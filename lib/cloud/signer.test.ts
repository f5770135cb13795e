import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";
import { DefaultHttpClient } from "@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient";
import { HttpRequestBuilder } from "@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder";
import { seededRandom } from "../simulator/random";
import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  type QueryPairs,
  SDK_DATE_HEADER,
  signature,
  signRequest,
} from "./signer";

/**
 * The proof: our signer and the official SDK core sign the same requests byte for byte.
 * The SDK side goes the way its HcClient builds a request (HttpRequestBuilder, then the credentials'
 * processAuthRequest, which adds X-Project-Id / X-Security-Token and calls AKSKSigner.sign).
 *
 * Where the two differ by design, the generated cases stay out of the difference:
 * - the SDK signs header values untrimmed, ours trims (as the gateway does): values have no outer whitespace;
 * - the SDK takes the host from the legacy URL parser, which keeps a default port (`:443`), `new URL` drops it:
 *   origins carry no default port;
 * - with a Content-Type other than application/json the SDK signs `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`
 *   (a header and a payload hash we never send, as our calls are bodiless GETs): Content-Type is application/json;
 * - the SDK parses the endpoint with the legacy URL parser, which escapes some characters of a path
 *   (space, quotes, braces): paths hold only what a URL path may carry (our paths are already URL-safe).
 */

const AK = "HPUAEXAMPLEAK1234567";
const SK = "exampleSecretKey0123456789abcdefghijklmn";

interface Case {
  origin: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  projectId: string;
  securityToken?: string;
  date: Date;
}

const ORIGINS = [
  "https://rds.cn-north-4.myhuaweicloud.com",
  "https://gaussdb-mysql.cn-east-5.myhuaweicloud.com",
  "https://dcs.ap-southeast-1.myhuaweicloud.com",
  "https://rds.eu-west-101.myhuaweicloud.eu",
  "http://127.0.0.1:18080",
  "http://localhost:3000",
  "https://Example.COM:8443",
];

/** Fragments of query keys and values: the characters that encodings disagree on. */
const QUERY_PIECES = [
  "a",
  "Z9",
  "begin_time",
  "2024-01-01T00:00:00+0800",
  "+",
  " ",
  ":",
  "/",
  "%",
  "%20",
  "%2B",
  "?",
  "&",
  "=",
  "#",
  "!'()*",
  "~-._",
  "é",
  "数据库",
  "😀",
  "𝄞",
  "\u00a0",
  "[]",
  "@$,;",
  '"<>',
  "\\^`{|}",
  "\t",
];

const PATH_SEGMENTS = [
  "v3",
  "v2",
  "0483b6b16e954cb88930a360d2c4e663",
  "backups",
  "incremental-backups",
  "instances",
  "a%20b",
  "a%2Fb",
  "%25",
  "%E6%95%B0",
  "x:y",
  "user@host",
  "a=b,c;d",
  "a+b",
  "~tilde_.",
  "$!*",
];

const HEADER_NAMES = ["X-Custom", "x-lower", "X-Trace-ID", "Content-Type", "X-Request-Source", "x-a1", "X-B-c"];
const HEADER_VALUES = ["application/json", "1", "a b  c", "v=1; q=0.5", "x:y/z", "UPPER lower", "trace-0123"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function queryText(random: () => number): string {
  const count = Math.floor(random() * 4);
  let text = "";
  for (let i = 0; i < count; i++) text += pick(random, QUERY_PIECES);
  return text;
}

function generateCase(random: () => number): Case {
  const segments = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(random, PATH_SEGMENTS));
  const path = `/${segments.join("/")}${random() < 0.2 ? "/" : ""}`;

  const query: Array<[string, string]> = [];
  const pairs = Math.floor(random() * 7);
  for (let i = 0; i < pairs; i++) {
    const reuse = query.length > 0 && random() < 0.3;
    const key = reuse ? query[Math.floor(random() * query.length)][0] : queryText(random) || "k";
    query.push([key, random() < 0.15 ? "" : queryText(random)]);
  }

  const headers: Record<string, string> = {};
  const headerCount = Math.floor(random() * 3);
  for (let i = 0; i < headerCount; i++) {
    const name = pick(random, HEADER_NAMES);
    headers[name] = name === "Content-Type" ? "application/json" : pick(random, HEADER_VALUES);
  }

  return {
    origin: pick(random, ORIGINS),
    path,
    query,
    headers,
    projectId: random() < 0.9 ? "0483b6b16e954cb88930a360d2c4e663" : "05a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5",
    securityToken: random() < 0.4 ? `gQpjbi1ub3J0aC00${Math.floor(random() * 1e9)}+/=tok` : undefined,
    // Whole seconds between 2001 and 2033: X-Sdk-Date has no sub-second part.
    date: new Date(Math.floor(978_307_200 + random() * 1_000_000_000) * 1000),
  };
}

function generateCases(count: number, seed: number): Case[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => generateCase(random));
}

function ourAuthorization(c: Case): { url: string; authorization: string; headers: Record<string, string> } {
  const signed = signRequest({
    method: "GET",
    origin: c.origin,
    path: c.path,
    query: c.query,
    headers: {
      ...c.headers,
      "X-Project-Id": c.projectId,
      ...(c.securityToken ? { "X-Security-Token": c.securityToken } : {}),
    },
    ak: AK,
    sk: SK,
    date: c.date,
  });
  return { url: signed.url, authorization: signed.headers.Authorization, headers: signed.headers };
}

/** Repeated keys become arrays, as the SDK's generated clients pass them. */
function sdkQueryParams(query: QueryPairs): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

const sdkClient = (origin: string) => new HcClient(new DefaultHttpClient({}, [origin])).withEndpoints([origin]);

async function sdkAuthorization(c: Case): Promise<string> {
  const credentials = new BasicCredentials().withAk(AK).withSk(SK).withProjectId(c.projectId);
  if (c.securityToken) credentials.withSecurityToken(c.securityToken);
  const request = new HttpRequestBuilder()
    .withEndpoint(c.origin)
    .withUrl(c.path)
    .withMethod("GET")
    .withHeaders({ ...c.headers, [SDK_DATE_HEADER]: formatSdkDate(c.date) })
    .withQueryParams(sdkQueryParams(c.query))
    .build();
  const signed = await credentials.processAuthRequest(sdkClient(c.origin), request);
  const authorization: unknown = signed.headers?.Authorization;
  if (typeof authorization !== "string") throw new Error("the SDK produced no Authorization header");
  return authorization;
}

describe("signRequest against the official SDK core (AKSKSigner)", () => {
  const cases = generateCases(240, 20_241_122);

  it("the generated cases cover the hard inputs", () => {
    const values = cases.flatMap((c) => c.query.map(([, value]) => value));
    const keys = cases.flatMap((c) => c.query.map(([key]) => key));
    for (const needle of ["+", " ", ":", "/", "%", "😀", "数据库"])
      expect(values.some((v) => v.includes(needle))).toBe(true);
    expect(values).toContain("");
    expect(keys.some((k) => encodeURIComponent(k) !== k)).toBe(true);
    expect(cases.some((c) => new Set(c.query.map(([k]) => k)).size < c.query.length)).toBe(true);
    expect(cases.some((c) => c.path.includes("%20"))).toBe(true);
    expect(cases.some((c) => c.path.includes("%2F"))).toBe(true);
    expect(cases.some((c) => c.securityToken)).toBe(true);
    expect(cases.some((c) => "Content-Type" in c.headers)).toBe(true);
    expect(cases.some((c) => "X-Custom" in c.headers)).toBe(true);
    expect(cases.some((c) => c.query.length === 0)).toBe(true);
  });

  it("gives byte-identical Authorization headers for every case", async () => {
    const mismatches: string[] = [];
    for (const [index, c] of cases.entries()) {
      const ours = ourAuthorization(c).authorization;
      const theirs = await sdkAuthorization(c);
      if (ours !== theirs) mismatches.push(`case ${index}: ${JSON.stringify(c)}\n  ours   ${ours}\n  theirs ${theirs}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("the comparison is sensitive: a raw `+` and a space sign differently", async () => {
    const base: Case = {
      origin: "http://127.0.0.1:1",
      path: "/v3/p",
      query: [],
      headers: {},
      projectId: "p",
      date: new Date(0),
    };
    const plus = await sdkAuthorization({ ...base, query: [["t", "10:41+0800"]] });
    const space = await sdkAuthorization({ ...base, query: [["t", "10:41 0800"]] });
    expect(plus).not.toBe(space);
    expect(ourAuthorization({ ...base, query: [["t", "10:41+0800"]] }).authorization).toBe(plus);
  });

  it("agrees on a documented call", async () => {
    const c: Case = {
      origin: "https://rds.cn-north-4.myhuaweicloud.com",
      path: "/v3/0483b6b16e954cb88930a360d2c4e663/backups",
      query: [
        ["instance_id", "43e4feaab48f11e89039fa163ebaa7e4in01"],
        ["begin_time", "2018-08-06T10:41:14+0800"],
        ["end_time", "2018-08-16T10:41:14+0800"],
        ["offset", "0"],
        ["limit", "100"],
      ],
      headers: {},
      projectId: "0483b6b16e954cb88930a360d2c4e663",
      date: new Date("2024-03-01T08:09:10Z"),
    };
    expect(ourAuthorization(c).authorization).toBe(await sdkAuthorization(c));
  });
});

describe("the URL signRequest returns", () => {
  it("carries the query encoded exactly as in the canonical string", () => {
    for (const c of generateCases(120, 7)) {
      const { url } = ourAuthorization(c);
      const expectedQuery = canonicalQuery(c.query);
      expect(url).toBe(`${c.origin}${c.path}${expectedQuery ? `?${expectedQuery}` : ""}`);
    }
  });

  it("encodes + as %2B, space as %20 and : as %3A", () => {
    const { url } = signRequest({
      method: "GET",
      origin: "https://rds.cn-north-4.myhuaweicloud.com",
      path: "/v3/p/backups",
      query: [
        ["begin_time", "2018-08-06T10:41:14+0800"],
        ["name", "a b"],
      ],
      headers: {},
      ak: AK,
      sk: SK,
      date: new Date(0),
    });
    expect(url).toBe(
      "https://rds.cn-north-4.myhuaweicloud.com/v3/p/backups?begin_time=2018-08-06T10%3A41%3A14%2B0800&name=a%20b",
    );
    expect(new URL(url).searchParams.get("begin_time")).toBe("2018-08-06T10:41:14+0800");
  });

  it("has no `?` when there is no query, and keeps an empty value", () => {
    const base = { method: "GET", origin: "http://127.0.0.1:1", path: "/v2/p", headers: {}, ak: AK, sk: SK };
    expect(signRequest({ ...base, query: [], date: new Date(0) }).url).toBe("http://127.0.0.1:1/v2/p");
    expect(signRequest({ ...base, query: [["a", ""]], date: new Date(0) }).url).toBe("http://127.0.0.1:1/v2/p?a=");
  });
});

describe("canonical parts", () => {
  it("the canonical URI always ends in / and encodes each segment again", () => {
    expect(canonicalUri("/v3/p/backups")).toBe("/v3/p/backups/");
    expect(canonicalUri("/v3/p/backups/")).toBe("/v3/p/backups/");
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("/a%20b/c%2Fd")).toBe("/a%2520b/c%252Fd/");
    for (const c of generateCases(100, 99)) expect(canonicalUri(c.path).endsWith("/")).toBe(true);
  });

  it("sorts keys, then repeated keys by value", () => {
    expect(
      canonicalQuery([
        ["b", "2"],
        ["a", "z"],
        ["b", "1"],
        ["a", "y"],
      ]),
    ).toBe("a=y&a=z&b=1&b=2");
  });

  it("the signature can be recomputed from what a server receives", () => {
    const date = new Date("2026-11-22T16:30:00Z");
    const signed = signRequest({
      method: "GET",
      origin: "http://127.0.0.1:8080",
      path: "/v2/p/instances/i/backups",
      query: [["limit", "10"]],
      headers: { "X-Project-Id": "p" },
      ak: AK,
      sk: SK,
      date,
    });
    const parsed = parseAuthorization(signed.headers.Authorization);
    expect(parsed?.access).toBe(AK);
    const received = Object.fromEntries(
      (parsed?.signedHeaders ?? []).map((name) => {
        const key = Object.keys(signed.headers).find((header) => header.toLowerCase() === name);
        return [name, key ? signed.headers[key] : ""];
      }),
    );
    const url = new URL(signed.url);
    const { canonical } = canonicalRequest({
      method: "GET",
      path: url.pathname,
      query: [...url.searchParams],
      headers: received,
    });
    expect(signature(SK, signed.headers[SDK_DATE_HEADER], canonical)).toBe(parsed?.signature);
  });
});

describe("parseAuthorization", () => {
  it("round-trips what signRequest produces", () => {
    for (const c of generateCases(50, 3)) {
      const { authorization, headers } = ourAuthorization(c);
      const parsed = parseAuthorization(authorization);
      expect(parsed).toBeDefined();
      expect(parsed?.access).toBe(AK);
      expect(parsed?.signedHeaders).toEqual(
        Object.keys(headers)
          .filter((name) => name !== "Authorization")
          .map((name) => name.toLowerCase())
          .sort(),
      );
      expect(parsed?.signature).toMatch(/^[0-9a-f]{64}$/);
      expect(authorization).toBe(
        `SDK-HMAC-SHA256 Access=${parsed?.access}, SignedHeaders=${parsed?.signedHeaders.join(";")}, Signature=${parsed?.signature}`,
      );
    }
  });

  it("rejects other schemes and malformed values", () => {
    expect(parseAuthorization("Bearer abc")).toBeUndefined();
    expect(parseAuthorization("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host")).toBeUndefined();
    expect(parseAuthorization("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=XYZ")).toBeUndefined();
    expect(parseAuthorization("")).toBeUndefined();
  });
});

describe("X-Sdk-Date", () => {
  it("formats in UTC without separators or milliseconds", () => {
    expect(formatSdkDate(new Date("2026-11-22T08:05:09.999Z"))).toBe("20261122T080509Z");
    expect(formatSdkDate(new Date("2026-11-22T08:05:09.999+08:00"))).toBe("20261122T000509Z");
  });

  it("parses what it formats", () => {
    const random = seededRandom(11);
    for (let i = 0; i < 100; i++) {
      const date = new Date(Math.floor(random() * 4_000_000_000) * 1000);
      expect(parseSdkDate(formatSdkDate(date))?.getTime()).toBe(date.getTime());
    }
  });

  it("rejects malformed and impossible values", () => {
    for (const value of ["", "20261122T080509", "2026-11-22T08:05:09Z", "20261122T080509z", "20261122 080509Z"])
      expect(parseSdkDate(value)).toBeUndefined();
  });
});

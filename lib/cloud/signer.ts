import { createHash, createHmac } from "node:crypto";

/**
 * SDK-HMAC-SHA256, the request signature of the cloud's API gateway.
 * Pure functions, shared by the client (to sign) and the simulator (to verify).
 */

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
export const SDK_DATE_HEADER = "X-Sdk-Date";
const EMPTY_BODY_SHA256 = createHash("sha256").update("").digest("hex");

export type QueryPairs = ReadonlyArray<readonly [string, string]>;

/** Percent-encodes every byte except `A-Z a-z 0-9 - _ . ~` (RFC 3986 unreserved). */
export function encodeStrict(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Each segment of the path as sent, encoded again; a trailing `/` is always appended. */
export function canonicalUri(path: string): string {
  const encoded = path.split("/").map(encodeStrict).join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/** Keys sorted, repeated keys sorted by value, both strictly encoded. */
export function canonicalQuery(query: QueryPairs): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of query) {
    const values = byKey.get(key);
    if (values) values.push(value);
    else byKey.set(key, [value]);
  }
  return [...byKey.keys()]
    .sort()
    .flatMap((key) => (byKey.get(key) ?? []).sort().map((value) => `${encodeStrict(key)}=${encodeStrict(value)}`))
    .join("&");
}

/** `yyyyMMddTHHmmssZ` in UTC. */
export function formatSdkDate(date: Date): string {
  return `${date.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}

/** Parses `yyyyMMddTHHmmssZ`; undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface CanonicalInput {
  method: string;
  path: string;
  query: QueryPairs;
  /** The headers to sign, names in any case. */
  headers: Readonly<Record<string, string>>;
  body?: string;
}

export function canonicalRequest(input: CanonicalInput): { canonical: string; signedHeaders: string } {
  const names = Object.keys(input.headers)
    .map((name) => [name.toLowerCase(), input.headers[name].trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = names.map(([name]) => name).join(";");
  const canonicalHeaders = names.map(([name, value]) => `${name}:${value}\n`).join("");
  const bodyHash = input.body ? sha256Hex(input.body) : EMPTY_BODY_SHA256;
  const canonical = [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    canonicalHeaders,
    signedHeaders,
    bodyHash,
  ].join("\n");
  return { canonical, signedHeaders };
}

export function signature(sk: string, sdkDate: string, canonical: string): string {
  const stringToSign = `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
  return createHmac("sha256", sk).update(stringToSign).digest("hex");
}

export interface SignInput {
  method: string;
  /** scheme://host[:port] */
  origin: string;
  /** The path as it goes on the wire (already percent-encoded where needed). */
  path: string;
  query: QueryPairs;
  /** Extra headers to send and sign (e.g. X-Project-Id, X-Security-Token). */
  headers: Readonly<Record<string, string>>;
  ak: string;
  sk: string;
  date: Date;
}

export interface SignedRequest {
  /** The full URL; its query is encoded exactly as in the canonical string. */
  url: string;
  headers: Record<string, string>;
}

export function signRequest(input: SignInput): SignedRequest {
  const host = new URL(input.origin).host;
  const sdkDate = formatSdkDate(input.date);
  const headers: Record<string, string> = { ...input.headers, Host: host, [SDK_DATE_HEADER]: sdkDate };
  const { canonical, signedHeaders } = canonicalRequest({
    method: input.method,
    path: input.path,
    query: input.query,
    headers,
  });
  headers.Authorization = `${SIGNING_ALGORITHM} Access=${input.ak}, SignedHeaders=${signedHeaders}, Signature=${signature(input.sk, sdkDate, canonical)}`;
  const query = canonicalQuery(input.query);
  return { url: `${input.origin}${input.path}${query ? `?${query}` : ""}`, headers };
}

/** Parses an `Authorization` header of this scheme. */
export function parseAuthorization(
  value: string,
): { access: string; signedHeaders: string[]; signature: string } | undefined {
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(
    value.trim(),
  );
  if (!m) return undefined;
  return { access: m[1], signedHeaders: m[2].split(";"), signature: m[3] };
}

function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

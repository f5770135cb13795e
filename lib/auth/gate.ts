import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { type AuthConfig, ConfigError, parseAuthConfig } from "../config";
import { logError, logWarning } from "../security/log";
import { type AddressList, clientAddress } from "../security/network";
import { peerAddress } from "../security/peer";
import { parseBasicCredentials } from "./basic";
import { FailureLimiter } from "./failures";
import { decoyHash, type PasswordHash, verifyPassword } from "./password";

/**
 * The access check of every request but the health check (README, "Access control and security"): who the
 * user is, or the response that refuses the request.
 */

/** The signed-in user, as the proxy passes it on to pages and routes; a client's own value is always replaced. */
export const USER_HEADER = "x-dashboard-user";

export type GateDecision = { allowed: true; user: string | null } | { allowed: false; response: Response };

export interface GateOptions {
  /** Failed logins per user name and client address within the window before 429; default 10 per 5 minutes. */
  failureLimit?: number;
  failureWindowMs?: number;
  now?: () => number;
}

const REALM = 'Basic realm="Backup inventory", charset="UTF-8"';
/**
 * Verified credentials are remembered this long after their last use, so that only a login costs a password hash,
 * and a user who is signed in keeps going while someone guesses at their name from the same address.
 */
const VERIFIED_TTL_MS = 5 * 60_000;
const MAX_VERIFIED = 1_000;
const MAX_PROXY_USER_LENGTH = 256;

function refusal(status: 401 | 403 | 429 | 500, code: string, message: string, headers: HeadersInit = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export class AccessGate {
  readonly #auth: AuthConfig;
  readonly #now: () => number;
  readonly #failures: FailureLimiter;
  /** Keyed by an HMAC (per-process random key) of the Authorization header: no password is kept in memory. */
  readonly #verified = new Map<string, { user: string; expiresAt: number }>();
  readonly #cacheKey = randomBytes(32);
  readonly #decoy = decoyHash();

  constructor(auth: AuthConfig, options: GateOptions = {}) {
    this.#auth = auth;
    this.#now = options.now ?? Date.now;
    this.#failures = new FailureLimiter({
      limit: options.failureLimit ?? 10,
      windowMs: options.failureWindowMs ?? 5 * 60_000,
      maxKeys: 10_000,
      now: this.#now,
    });
  }

  async check(headers: Headers): Promise<GateDecision> {
    switch (this.#auth.mode) {
      case "none":
        return { allowed: true, user: null };
      case "basic":
        return this.#checkBasic(headers, this.#auth.users, this.#auth.trustedProxies);
      case "proxy":
        return this.#checkProxy(headers, this.#auth.userHeader, this.#auth.trustedProxies);
    }
  }

  async #checkBasic(
    headers: Headers,
    users: ReadonlyMap<string, PasswordHash>,
    trustedProxies: AddressList | null,
  ): Promise<GateDecision> {
    const authorization = headers.get("authorization");
    const credentials = parseBasicCredentials(authorization);
    if (!authorization || !credentials)
      return {
        allowed: false,
        response: refusal(401, "unauthorized", "Sign in to use the dashboard", { "WWW-Authenticate": REALM }),
      };
    const key = this.#digest(authorization);
    const now = this.#now();
    const known = this.#verified.get(key);
    // Credentials verified before pass, whatever others try meanwhile from the same address.
    if (known && known.expiresAt > now) {
      this.#remember(key, known.user, now);
      return { allowed: true, user: known.user };
    }
    const client = clientAddress(peerAddress(headers), headers.get("x-forwarded-for"), trustedProxies) ?? "unknown";
    // Per user name and address: guesses at one name lock out neither that user elsewhere nor the others behind
    // the same address (a NAT, a proxy). The name is kept as a digest, whatever its length.
    const attempt = `${client} ${this.#digest(credentials.user)}`;
    const retryAfter = this.#failures.retryAfterSeconds(attempt);
    if (retryAfter > 0)
      return {
        allowed: false,
        response: refusal(429, "too_many_failed_logins", `Too many failed sign-ins; try again in ${retryAfter} s`, {
          "Retry-After": String(retryAfter),
        }),
      };
    this.#failures.record(attempt);
    const stored = users.get(credentials.user);
    // An unknown user costs one hash too, so that the answer's timing does not tell which names exist.
    const matches = await verifyPassword(credentials.password, stored ?? this.#decoy);
    if (!stored || !matches) {
      logWarning(`Failed sign-in from ${client}`);
      return {
        allowed: false,
        response: refusal(401, "unauthorized", "Wrong user name or password", { "WWW-Authenticate": REALM }),
      };
    }
    this.#failures.forgive(attempt);
    this.#remember(key, credentials.user, now);
    return { allowed: true, user: credentials.user };
  }

  /** An HMAC under the per-process key: what the gate keeps instead of a header or a name. */
  #digest(text: string): string {
    return createHmac("sha256", this.#cacheKey).update(text).digest("base64");
  }

  /** Remembers verified credentials from `now` on; the map stays in order of last use, for eviction. */
  #remember(key: string, user: string, now: number): void {
    this.#verified.delete(key);
    this.#verified.set(key, { user, expiresAt: now + VERIFIED_TTL_MS });
    for (const [oldest, entry] of this.#verified) {
      if (this.#verified.size <= MAX_VERIFIED && entry.expiresAt > now) break;
      this.#verified.delete(oldest);
    }
  }

  #checkProxy(headers: Headers, userHeader: string, trustedProxies: AddressList): GateDecision {
    const peer = peerAddress(headers);
    if (!trustedProxies.includes(peer))
      return {
        allowed: false,
        response: refusal(403, "forbidden", "Requests must come through the authenticating proxy"),
      };
    const user = headers.get(userHeader)?.trim() ?? "";
    // eslint-disable-next-line no-control-regex -- control characters are what the check rejects
    if (!user || user.length > MAX_PROXY_USER_LENGTH || /[\u0000-\u001f\u007f]/.test(user))
      return { allowed: false, response: refusal(403, "forbidden", "The proxy did not name a user") };
    return { allowed: true, user };
  }
}

const slot = globalThis as typeof globalThis & { __dashboardAccessGate?: AccessGate | ConfigError };

/** The gate of this process, from the environment; a bad configuration refuses every request. */
export async function checkAccess(headers: Headers): Promise<GateDecision> {
  if (!slot.__dashboardAccessGate) {
    try {
      slot.__dashboardAccessGate = new AccessGate(parseAuthConfig(process.env));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      slot.__dashboardAccessGate = error;
    }
  }
  const gate = slot.__dashboardAccessGate;
  if (gate instanceof ConfigError) {
    logError("Refusing a request: the access configuration is invalid", gate);
    return { allowed: false, response: refusal(500, "configuration_error", gate.message) };
  }
  return gate.check(headers);
}

import "server-only";

/**
 * The server's log lines. Everything written goes through `redact`: credentials in headers (Authorization,
 * X-Security-Token), tokens, passwords and signatures, and the configured secret values themselves, wherever
 * they appear (an error message quoting a request, a stack, a URL).
 */

const REDACTED = "[redacted]";

const slot = globalThis as typeof globalThis & { __dashboardSecrets?: Set<string> };
slot.__dashboardSecrets ??= new Set<string>();
const secrets = slot.__dashboardSecrets;

/** Values that must never be logged (the AK, SK, security token); short values are ignored as too common. */
export function registerSecrets(...values: (string | undefined)[]): void {
  for (const value of values) if (value && value.length >= 6) secrets.add(value);
}

// An Authorization header's value runs to the end of its line or quoted string (it holds spaces and commas).
const AUTHORIZATION = /(\bauthorization\b["']?\s*[:=]\s*)(["']?)[^\r\n"']*/gi;
// Other credentials: the value is one token.
const CREDENTIAL_FIELDS =
  /(\b(?:x-security-token|security[_-]?token|access[_-]?token|token|password|passwd|secret(?:[_-]?key)?|sk|signature|access|credential|cookie)\b["']?\s*[:=]\s*)(["']?)[^\s"',;&}]+/gi;
const SCHEMES = /\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{6,}/gi;

export function redact(text: string): string {
  let result = text
    .replace(AUTHORIZATION, `$1$2${REDACTED}`)
    .replace(CREDENTIAL_FIELDS, `$1$2${REDACTED}`)
    .replace(SCHEMES, `$1 ${REDACTED}`);
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  return result;
}

/** An error as one redacted text: name, message and the chain of causes (and the stack when asked). */
export function describeError(error: unknown, withStack = false): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(withStack && depth === 0 && current.stack ? current.stack : `${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(typeof current === "string" ? current : typeof current);
      current = undefined;
    }
  }
  return redact(parts.join("\ncaused by: "));
}

export function logInfo(message: string): void {
  console.log(redact(message));
}

export function logWarning(message: string): void {
  console.warn(redact(message));
}

export function logError(message: string, error?: unknown): void {
  console.error(error === undefined ? redact(message) : `${redact(message)}: ${describeError(error, true)}`);
}

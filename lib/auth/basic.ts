import "server-only";

/** The credentials of an `Authorization: Basic` header (RFC 7617, UTF-8); null when absent or malformed. */
export function parseBasicCredentials(header: string | null): { user: string; password: string } | null {
  const match = header ? /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header) : null;
  if (!match || match[1].length > 4096) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(match[1], "base64"));
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

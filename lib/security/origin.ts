import "server-only";

/**
 * Whether a request that changes something (`POST /api/sync`) comes from this dashboard's own pages, or from no
 * web page at all (a script, curl), rather than from another site the user's browser happens to show: the
 * browser sends such a site's credentials (a Basic login, a proxy's cookie) along, so the access check alone
 * cannot tell. Browsers name the page's origin in `Origin` (and `Sec-Fetch-Site`); it must be this host, as the
 * request reached it or as the proxy in front says (`X-Forwarded-Host`, which a cross-site page cannot set).
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== "https:" && url.protocol !== "http:") return false;
    host = url.host;
  } catch {
    // Includes the opaque origin "null" (sandboxed frames, file: pages).
    return false;
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const own = forwarded || request.headers.get("host") || new URL(request.url).host;
  return host.toLowerCase() === own.toLowerCase();
}

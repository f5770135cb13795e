import { type NextRequest, NextResponse } from "next/server";
import { checkAccess, USER_HEADER } from "@/lib/auth/gate";
import { newNonce, pageSecurityPolicy } from "@/lib/security/headers";

/**
 * Runs before every page and route except the health check and static assets (Node.js runtime, the default
 * for Proxy in Next.js 16): the access check, then the per-request Content-Security-Policy. The other
 * security headers come from next.config.js for every response.
 */

export async function proxy(request: NextRequest): Promise<Response> {
  const decision = await checkAccess(request.headers);
  if (!decision.allowed) return decision.response;
  const policy = pageSecurityPolicy(newNonce(), process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.delete(USER_HEADER);
  if (decision.user) headers.set(USER_HEADER, decision.user);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static/|_next/image|favicon\\.ico$|api/health$).*)"],
};

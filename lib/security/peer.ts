import "server-only";
import { subscribe } from "node:diagnostics_channel";

/**
 * The TCP peer of each request, for the access rules. Next.js hands the proxy only the request headers, and its
 * `X-Forwarded-For` keeps whatever the client sent; so the start-up hook stamps the socket's remote address into a
 * header of its own, overwriting any value the client sent, as each request arrives.
 */

export const PEER_ADDRESS_HEADER = "x-dashboard-peer-address";

const slot = globalThis as typeof globalThis & { __dashboardPeerStamp?: boolean };

interface RequestStart {
  request: { headers: Record<string, string | string[] | undefined> };
  socket: { remoteAddress?: string };
}

function isRequestStart(message: unknown): message is RequestStart {
  return typeof message === "object" && message !== null && "request" in message && "socket" in message;
}

/** Installs the stamp for every HTTP server of this process (once). */
export function stampPeerAddresses(): void {
  if (slot.__dashboardPeerStamp) return;
  subscribe("http.server.request.start", (message) => {
    if (isRequestStart(message)) message.request.headers[PEER_ADDRESS_HEADER] = message.socket.remoteAddress ?? "";
  });
  slot.__dashboardPeerStamp = true;
}

/** The request's peer address; null unless the stamp is installed (else the header could be the client's). */
export function peerAddress(headers: Headers): string | null {
  return slot.__dashboardPeerStamp ? headers.get(PEER_ADDRESS_HEADER) || null : null;
}

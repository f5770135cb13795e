import "server-only";
import { Server } from "node:net";
import { type AppConfig, ConfigError } from "../config";
import { isLoopback } from "./network";

/**
 * Whether the dashboard may serve on the addresses it listens on (README, "Access control and security"):
 * with real credentials and no access control, only on loopback, unless DASHBOARD_ALLOW_UNAUTHENTICATED=1.
 * Demo mode shows simulated data only, so it may listen anywhere (Next.js's default is every interface).
 */

export interface Exposure {
  /** Stops start-up. */
  refusal: ConfigError | null;
  /** Logged at start-up. */
  warning: string | null;
}

export function checkExposure(config: Pick<AppConfig, "mode" | "auth">, addresses: readonly string[]): Exposure {
  const exposed = [...new Set(addresses.filter((address) => !isLoopback(address)))];
  if (config.auth.mode !== "none" || exposed.length === 0) return { refusal: null, warning: null };
  const where = exposed
    .map((address) => (address === "::" || address === "0.0.0.0" ? `${address} (every interface)` : address))
    .join(", ");
  if (config.auth.allowUnauthenticated)
    return { refusal: null, warning: `No access control on ${where}: DASHBOARD_ALLOW_UNAUTHENTICATED=1 allows it` };
  if (config.mode === "demo")
    return {
      refusal: null,
      warning: `No access control on ${where}: allowed in demo mode (simulated data); with real credentials it needs DASHBOARD_AUTH or a loopback address`,
    };
  return {
    refusal: new ConfigError(
      "DASHBOARD_AUTH",
      `is none, but the server listens on ${where} with real credentials; set DASHBOARD_AUTH=basic or proxy, listen on loopback only (next start -H 127.0.0.1), or set DASHBOARD_ALLOW_UNAUTHENTICATED=1`,
    ),
    warning: null,
  };
}

/**
 * The addresses this process's servers listen on. Next.js starts listening before it runs the start-up hook and
 * holds requests until the hook is done, so the hook sees the real address whichever way it was chosen
 * (`-H`, the default of every interface, `next dev`'s worker) and can stop the process before any request is served.
 */
export function listeningAddresses(): string[] {
  // Node keeps no public list of servers; `_getActiveHandles` has been there since Node 0.x and is only read here.
  const activeHandles: unknown = Reflect.get(process, "_getActiveHandles");
  if (typeof activeHandles !== "function") return [];
  const handles: unknown = activeHandles.call(process);
  if (!Array.isArray(handles)) return [];
  return handles.flatMap((handle) => {
    if (!(handle instanceof Server) || !handle.listening) return [];
    const address = handle.address();
    return address && typeof address === "object" ? [address.address] : [];
  });
}

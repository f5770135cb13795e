import "server-only";
import type { CloudTarget, DemoSettings } from "./config";
import { SERVICES } from "./inventory/model";
import { startSimulator } from "./simulator";

/**
 * Demo mode: with no credentials, the dashboard talks to the built-in simulator, started in this process on
 * loopback ports (127.0.0.1, free ports; the start-up line names them) with its own generated credentials. The
 * DEMO_* variables shape it; lib/config.ts checks them.
 */
export async function startDemoCloud(demo: DemoSettings): Promise<CloudTarget> {
  const simulator = await startSimulator({
    seed: demo.seed,
    instances: demo.instances,
    days: demo.days,
    still: demo.still,
    faults: Object.fromEntries(
      SERVICES.map((service) => [
        service,
        { latencyMs: demo.latencyMs, down: demo.down.includes(service) ? "unavailable" : false },
      ]),
    ),
  });
  return { credentials: simulator.credentials, projects: simulator.projects, endpoints: simulator.endpoints };
}

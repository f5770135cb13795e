import "server-only";
import { z } from "zod";
import { ConfigError, type DemoCloud } from "./config";
import { SERVICES } from "./inventory/model";
import { startSimulator } from "./simulator";

/**
 * Demo mode: with no credentials, the dashboard talks to the built-in simulator, started in this process on
 * loopback ports with its own generated credentials. The DEMO_* variables shape it (README).
 */

const demoEnvSchema = z.object({
  DEMO_SEED: z.string().max(100).optional(),
  DEMO_INSTANCES: z.coerce.number().int().min(1).max(5000).default(100),
  DEMO_DAYS: z.coerce.number().int().min(1).max(400).default(7),
  DEMO_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  DEMO_DOWN: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(SERVICES)))
    .default([]),
});

export async function startDemoCloud(env: Readonly<Record<string, string | undefined>>): Promise<DemoCloud> {
  const present = Object.fromEntries(
    Object.keys(demoEnvSchema.shape).flatMap((name) => (env[name]?.trim() ? [[name, env[name]?.trim()]] : [])),
  );
  const parsed = demoEnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? "DEMO"), issue?.message ?? "invalid value");
  }
  const demo = parsed.data;
  const simulator = await startSimulator({
    seed: demo.DEMO_SEED,
    instances: demo.DEMO_INSTANCES,
    days: demo.DEMO_DAYS,
    faults: Object.fromEntries(
      SERVICES.map((service) => [
        service,
        { latencyMs: demo.DEMO_LATENCY_MS, down: demo.DEMO_DOWN.includes(service) ? "unavailable" : false },
      ]),
    ),
  });
  return { credentials: simulator.credentials, projects: simulator.projects, endpoints: simulator.endpoints };
}

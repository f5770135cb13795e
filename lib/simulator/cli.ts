import "server-only";
import { SERVICES, type Service } from "../inventory/model";
import { HELP, parseCliArgs } from "./cli-args";
import type { Faults } from "./faults";
import { startSimulator } from "./index";

/** `npm run simulator -- [options]`: the simulated cloud on its own, until SIGINT/SIGTERM. */

function fail(message: string): never {
  process.stderr.write(`simulator: ${message} (see --help)\n`);
  process.exit(2);
}

async function main() {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (parsed === "help") {
    process.stdout.write(HELP);
    return;
  }
  const args = parsed;
  const base = args["port-base"];
  const ports: Record<Service, number> = {
    taurusdb: base ?? args["port-taurusdb"] ?? 0,
    rds: base === undefined ? (args["port-rds"] ?? 0) : base + 1,
    dcs: base === undefined ? (args["port-dcs"] ?? 0) : base + 2,
  };
  const faults = (service: Service): Faults => ({
    latencyMs: args["latency-ms"],
    jitterMs: args["jitter-ms"],
    errorRate: args["error-rate"],
    throttleRps: args["throttle-rps"] ?? 0,
    down: args.down.includes(service) ? args["down-mode"] : false,
  });
  const started = performance.now();
  const simulator = await startSimulator({
    seed: args.seed,
    scale: args.scale,
    instances: args.instances,
    days: args.days,
    still: args.still,
    ports,
    credentials: args.ak && args.sk ? { ak: args.ak, sk: args.sk } : undefined,
    faults: { taurusdb: faults("taurusdb"), rds: faults("rds"), dcs: faults("dcs") },
  }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
  const stats = simulator.stats();
  const lines = [
    `Cloud simulator: ${stats.instances} instances, ${stats.backups} backups since ${stats.windowStart} (ready in ${Math.round(performance.now() - started)} ms)${args.still ? ", standing still" : ", moving with the clock"}`,
    ...SERVICES.map(
      (service) =>
        `  ${service.padEnd(8)} ${simulator.endpoints[service]}  ${stats.byService[service].instances} instances, ${stats.byService[service].backups} backups`,
    ),
    "",
    "Point the dashboard at it with:",
    `CLOUD_SDK_AK=${simulator.credentials.ak}`,
    `CLOUD_SDK_SK=${simulator.credentials.sk}`,
    `CLOUD_PROJECTS=${simulator.projects.map((project) => `${project.region}=${project.projectId}`).join(",")}`,
    `TAURUSDB_ENDPOINT=${simulator.endpoints.taurusdb}`,
    `RDS_ENDPOINT=${simulator.endpoints.rds}`,
    `DCS_ENDPOINT=${simulator.endpoints.dcs}`,
    "",
    "Ctrl-C stops it.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const stop = () => {
    simulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main();

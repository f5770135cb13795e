import "server-only";
import { parseArgs } from "node:util";
import { z } from "zod";
import { SERVICES } from "../inventory/model";
import { DEFAULT_SCALE, SCALE_NAMES, SCALES } from "./scale";

/** The simulator's command line: help text and validation. */

export const HELP = `Usage: npm run simulator -- [options]

Runs the simulated cloud (TaurusDB, RDS, DCS) on 127.0.0.1 and prints the environment that points the
dashboard at it. The cloud moves with the clock: TaurusDB and RDS MySQL/PostgreSQL instances make a log backup
every 5 minutes, daily full backups run at each instance's backup window, and backups older than the retention
disappear from the lists.

Options:
  --port-taurusdb <n>   port of the TaurusDB API (default: a free port)
  --port-rds <n>        port of the RDS API (default: a free port)
  --port-dcs <n>        port of the DCS API (default: a free port)
  --port-base <n>       TaurusDB on n, RDS on n+1, DCS on n+2 (instead of the three above)
  --seed <text>         dataset seed (default: backup-inventory)
  --scale <name>        size of the account (default: ${DEFAULT_SCALE}):
${SCALE_NAMES.map((name) => `                          ${name.padEnd(9)} ${SCALES[name].instances} instances, ${SCALES[name].days} days kept: about ${SCALES[name].backups.toLocaleString("en-US")} backups`).join("\n")}
                        half of the instances TaurusDB, 30 % RDS, 20 % DCS
  --instances <n>       number of instances, 1 to 20000 (default: the scale's)
  --days <n>            retention of the backups in days, 1 to 400 (default: the scale's)
  --still               the backups stay as they were at start (nothing new, nothing expires)
  --latency-ms <n>      fixed delay of every answer, all services (default: 0)
  --jitter-ms <n>       random extra delay up to n ms (default: 0)
  --error-rate <x>      share of calls answered 500/502/503, 0 to 1 (default: 0)
  --throttle-rps <n>    answer 429 APIGW.0308 above n calls per second per service (default: no limit)
  --down <service>      taurusdb, rds or dcs answers every call 503 (repeatable)
  --down-mode <mode>    unavailable (503, default) or reset (connection reset)
  --ak <key>            access key to accept (default: generated)
  --sk <key>            secret key to accept (default: generated)
  -h, --help            this help
`;

const port = z.coerce.number().int().min(1).max(65535);
const argsSchema = z
  .object({
    "port-taurusdb": port.optional(),
    "port-rds": port.optional(),
    "port-dcs": port.optional(),
    "port-base": z.coerce.number().int().min(1).max(65533).optional(),
    seed: z.string().min(1).default("backup-inventory"),
    scale: z.enum(SCALE_NAMES).default(DEFAULT_SCALE),
    instances: z.coerce.number().int().min(1).max(20_000).optional(),
    days: z.coerce.number().int().min(1).max(400).optional(),
    still: z.boolean().default(false),
    "latency-ms": z.coerce.number().min(0).max(600_000).default(0),
    "jitter-ms": z.coerce.number().min(0).max(600_000).default(0),
    "error-rate": z.coerce.number().min(0).max(1).default(0),
    "throttle-rps": z.coerce.number().int().min(1).optional(),
    down: z.array(z.enum(SERVICES)).default([]),
    "down-mode": z.enum(["unavailable", "reset"]).default("unavailable"),
    ak: z
      .string()
      .regex(/^[A-Za-z0-9]{8,128}$/, "must be 8 to 128 letters and digits")
      .optional(),
    sk: z.string().min(8, "must be at least 8 characters").max(256).optional(),
  })
  .strict()
  .refine((args) => (args.ak === undefined) === (args.sk === undefined), { message: "--ak and --sk go together" })
  .refine(
    (args) =>
      args["port-base"] === undefined ||
      (args["port-taurusdb"] === undefined && args["port-rds"] === undefined && args["port-dcs"] === undefined),
    { message: "--port-base replaces --port-taurusdb/--port-rds/--port-dcs" },
  );

/** A bad command line; its message is one line. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

export type CliArgs = z.output<typeof argsSchema>;

/** Parses the command line; `help` when help was asked for. Throws CliError. */
export function parseCliArgs(argv: string[]): CliArgs | "help" {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        still: { type: "boolean" },
        down: { type: "string", multiple: true },
        ...Object.fromEntries(
          [
            "port-taurusdb",
            "port-rds",
            "port-dcs",
            "port-base",
            "seed",
            "scale",
            "instances",
            "days",
            "latency-ms",
            "jitter-ms",
            "error-rate",
            "throttle-rps",
            "down-mode",
            "ak",
            "sk",
          ].map((name) => [name, { type: "string" as const }]),
        ),
      },
    });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) return "help";
  if (parsed.positionals.length > 0) throw new CliError(`unexpected argument "${parsed.positionals[0]}"`);
  const { help: _help, ...values } = parsed.values;
  const result = argsSchema.safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CliError(issue.path.length > 0 ? `--${String(issue.path[0])}: ${issue.message}` : issue.message);
  }
  return result.data;
}

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CliError, HELP, parseCliArgs } from "./cli-args";
import { signedGet } from "./request";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

describe("simulator command line", () => {
  it("documents every option", () => {
    for (const option of [
      "--port-taurusdb",
      "--port-rds",
      "--port-dcs",
      "--port-base",
      "--seed",
      "--scale",
      "--instances",
      "--days",
      "--still",
      "--latency-ms",
      "--jitter-ms",
      "--error-rate",
      "--throttle-rps",
      "--down",
      "--ak",
      "--sk",
    ])
      expect(HELP).toContain(option);
    expect(parseCliArgs(["--help"])).toBe("help");
  });

  it("parses valid options with defaults", () => {
    const defaults = parseCliArgs([]);
    expect(defaults).toMatchObject({ seed: "backup-inventory", scale: "real", still: false, down: [] });
    expect(defaults).not.toHaveProperty("instances");
    expect(defaults).not.toHaveProperty("days");
    expect(parseCliArgs(["--scale", "millions", "--days", "60", "--still"])).toMatchObject({
      scale: "millions",
      days: 60,
      still: true,
    });
    expect(
      parseCliArgs([
        "--port-base",
        "47000",
        "--instances",
        "1000",
        "--days",
        "30",
        "--error-rate",
        "0.1",
        "--down",
        "rds",
        "--down",
        "dcs",
        "--ak",
        "AKEXAMPLE1234",
        "--sk",
        "secret-key-example",
      ]),
    ).toMatchObject({ "port-base": 47000, instances: 1000, days: 30, "error-rate": 0.1, down: ["rds", "dcs"] });
  });

  it.each([
    [["--instances", "many"], "--instances"],
    [["--days", "0"], "--days"],
    [["--days", "401"], "--days"],
    [["--scale", "huge"], "--scale"],
    [["--error-rate", "2"], "--error-rate"],
    [["--port-rds", "70000"], "--port-rds"],
    [["--down", "s3"], "--down"],
    [["--ak", "AKEXAMPLE1234"], "--ak and --sk"],
    [["--port-base", "47000", "--port-dcs", "47005"], "--port-base"],
    [["--bogus"], "bogus"],
    [["extra"], "extra"],
  ])("rejects %j with one line naming the problem", (argv, mentioned) => {
    try {
      parseCliArgs(argv);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as Error).message).toContain(mentioned);
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("prints the endpoints and environment, serves them, and stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/simulator/cli.ts", "--instances", "20", "--seed", "cli"],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes("Ctrl-C stops it.")) resolve(text);
        });
        child.on("exit", () => reject(new Error(`exited early: ${text}`)));
      });
      const env = Object.fromEntries(
        output
          .split("\n")
          .filter((line) => /^[A-Z_]+=/.test(line))
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
      expect(Object.keys(env).sort()).toEqual(
        ["CLOUD_PROJECTS", "CLOUD_SDK_AK", "CLOUD_SDK_SK", "DCS_ENDPOINT", "RDS_ENDPOINT", "TAURUSDB_ENDPOINT"].sort(),
      );
      const [region, projectId] = env.CLOUD_PROJECTS.split(",")[0].split("=");
      expect(region).toBe("cn-north-4");
      const target = {
        endpoints: { taurusdb: env.TAURUSDB_ENDPOINT, rds: env.RDS_ENDPOINT, dcs: env.DCS_ENDPOINT },
        credentials: { ak: env.CLOUD_SDK_AK, sk: env.CLOUD_SDK_SK },
        now: () => new Date(),
      };
      expect((await signedGet(target, "rds", projectId, `/v3/${projectId}/instances`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});

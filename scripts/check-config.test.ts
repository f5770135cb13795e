import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * `npm start` and `npm run dev` check the environment before Next.js starts: Next.js prints "Ready" as soon as
 * it listens, so a bad variable must stop start-up before that line (and then it is never printed).
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const KEYS = { CLOUD_SDK_AK: "ABCDEFGH12345678", CLOUD_SDK_SK: "secret-key-0123456789" };

/** Runs a command to its end (stopped after 20 s: were a check to pass, `next start` would serve). */
async function run(command: string, args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, CLOUD_SDK_AK: "", CLOUD_SDK_SK: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGTERM"), 20_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

const npmStart = (env: Record<string, string>) => run("npm", ["start", "--", "-p", "0", "-H", "127.0.0.1"], ROOT, env);

/** The check alone, in a directory holding `files` (`.env*`), as npm runs it. */
async function checkConfig(phase: string, files: Record<string, string>) {
  const cwd = mkdtempSync(path.join(tmpdir(), "check-config-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, name), text);
    const tsx = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
    const script = path.join(ROOT, "scripts/check-config.ts");
    // Vitest sets NODE_ENV=test, which would make Next.js's loader read .env.test instead.
    return await run(process.execPath, ["--conditions=react-server", "--import", tsx, script, phase], cwd, {
      NODE_ENV: "",
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe("start-up with a bad configuration", () => {
  it("prints the one error line and never Ready", async () => {
    const { code, output } = await npmStart({ ...KEYS, CLOUD_PROJECTS: "cn-north4=0483b6b16e954cb88930a360d2c4e663" });
    expect(code).toBe(1);
    expect(output.split("\n").filter((line) => line.startsWith("Configuration error"))).toEqual([
      'Configuration error: CLOUD_PROJECTS: unknown region "cn-north4" (did you mean cn-north-4?)',
    ]);
    expect(output).not.toMatch(/Ready/);
    expect(output).not.toContain(KEYS.CLOUD_SDK_SK);
  });

  it("does the same for a DEMO_* value", async () => {
    const { code, output } = await npmStart({ DEMO_INSTANCES: "lots" });
    expect(code).toBe(1);
    expect(output).toContain('Configuration error: DEMO_INSTANCES: must be a whole number from 1 to 5000, not "lots"');
    expect(output).not.toMatch(/Ready/);
  });

  it("reads the .env files Next.js will read for the phase", async () => {
    const files = { ".env.production": "DEMO_DAYS=0\n", ".env.development.local": "DEMO_DOWN=mysql\n" };
    expect(await checkConfig("production", files)).toEqual({
      code: 1,
      output: 'Configuration error: DEMO_DAYS: must be a whole number of days from 1 to 400, not "0"\n',
    });
    expect(await checkConfig("development", files)).toEqual({
      code: 1,
      output: 'Configuration error: DEMO_DOWN: "mysql" is not one of taurusdb, rds, dcs\n',
    });
    expect(await checkConfig("production", { ".env": "DEMO_DAYS=3\n" })).toEqual({ code: 0, output: "" });
  });

  it("is the first step of both npm run dev and npm start", () => {
    const { scripts } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(scripts.dev).toBe("npm run --silent check-config -- development && next dev");
    expect(scripts.start).toBe("npm run --silent check-config -- production && next start");
  });
});

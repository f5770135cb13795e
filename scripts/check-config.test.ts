import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * `npm start` and `npm run dev` check the environment before Next.js starts: Next.js prints "Ready" as soon as
 * it listens, so a bad variable must stop start-up before that line (and then it is never printed).
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const KEYS = { CLOUD_SDK_AK: "ABCDEFGH12345678", CLOUD_SDK_SK: "secret-key-0123456789" };

async function npmStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn("npm", ["start", "--", "-p", "0", "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, CLOUD_SDK_AK: "", CLOUD_SDK_SK: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // Were the check to pass, `next start` would serve: stop it rather than wait.
  const timer = setTimeout(() => child.kill("SIGTERM"), 20_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  return { code, output };
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

  it("is the first step of both npm run dev and npm start", () => {
    const { scripts } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(scripts.dev).toBe("npm run --silent check-config && next dev");
    expect(scripts.start).toBe("npm run --silent check-config && next start");
  });
});

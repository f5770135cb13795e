import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type AuthConfig, parseAuthConfig } from "../config";
import { getRuntime } from "../runtime";
import { startUp } from "../startup";
import { checkExposure, listeningAddresses } from "./exposure";

afterEach(() => {
  vi.restoreAllMocks();
});

const none: AuthConfig = { mode: "none", allowUnauthenticated: false };

describe("checkExposure", () => {
  it("allows loopback without access control, in both modes", () => {
    for (const mode of ["cloud", "demo"] as const)
      expect(checkExposure({ mode, auth: none }, ["127.0.0.1", "::1"])).toEqual({ refusal: null, warning: null });
  });

  it("refuses real data on another address without access control, naming DASHBOARD_AUTH", () => {
    for (const address of ["::", "0.0.0.0", "192.168.1.20"]) {
      const { refusal } = checkExposure({ mode: "cloud", auth: none }, ["127.0.0.1", address]);
      expect(refusal?.variable).toBe("DASHBOARD_AUTH");
      expect(refusal?.message).toContain(address);
      expect(refusal?.message).not.toContain("\n");
    }
  });

  it("only warns with the explicit opt-out, or in demo mode", () => {
    const optedOut = checkExposure({ mode: "cloud", auth: { mode: "none", allowUnauthenticated: true } }, ["::"]);
    expect(optedOut.refusal).toBeNull();
    expect(optedOut.warning).toContain("DASHBOARD_ALLOW_UNAUTHENTICATED=1");
    const demo = checkExposure({ mode: "demo", auth: none }, ["0.0.0.0"]);
    expect(demo.refusal).toBeNull();
    expect(demo.warning).toContain("demo mode");
  });

  it("allows any address with access control", () => {
    const proxy = parseAuthConfig({ DASHBOARD_AUTH: "proxy", DASHBOARD_TRUSTED_PROXIES: "10.0.0.1" });
    expect(checkExposure({ mode: "cloud", auth: proxy }, ["::"])).toEqual({ refusal: null, warning: null });
  });
});

it("finds the addresses this process listens on", async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    expect(listeningAddresses()).toContain("127.0.0.1");
  } finally {
    server.close();
  }
});

describe("start-up with real credentials and no access control", () => {
  it("stops with one line naming DASHBOARD_AUTH on a non-loopback address, and serves on loopback", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "exposure-test-"));
    // A cloud that refuses connections: the sync that start-up starts reaches nothing outside this machine.
    const nowhere = "http://127.0.0.1:1";
    Object.assign(process.env, {
      CLOUD_SDK_AK: "EXPOSURETESTAK1",
      CLOUD_SDK_SK: "exposure-test-secret-key",
      CLOUD_REGION: "cn-north-4",
      CLOUD_PROJECT_ID: "0483b6b16e954cb88930a360d2c4e663",
      TAURUSDB_ENDPOINT: nowhere,
      RDS_ENDPOINT: nowhere,
      DCS_ENDPOINT: nowhere,
      DATA_DIR: dataDir,
    });
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    await expect(startUp(["0.0.0.0"])).rejects.toThrow("exit 1");
    expect(errors.mock.calls).toHaveLength(1);
    expect(errors.mock.calls[0][0]).toMatch(
      /^Configuration error: DASHBOARD_AUTH: is none, but the server listens on 0\.0\.0\.0/,
    );
    expect(errors.mock.calls[0][0]).not.toContain("exposure-test-secret-key");
    exit.mockClear();
    await startUp(["127.0.0.1"]);
    expect(exit).not.toHaveBeenCalled();
    const { store, sync } = await (await getRuntime()).inventory();
    await sync.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });
});

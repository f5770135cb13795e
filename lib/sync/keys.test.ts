import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudClient } from "../cloud/client";
import type { CloudGetter, CloudRequest } from "../cloud/types";
import { SERVICES, type Service } from "../inventory/model";
import { type Simulator, startSimulator } from "../simulator";
import { KeyCheck } from "./keys";
import { FakeClock } from "./testing/fake-clock";

const HOLD_MS = 3_600_000;

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ seed: "key-check", instances: 12, days: 1 });
});

afterAll(() => simulator.close());

const INSTANCE_LISTS: Record<Service, (projectId: string) => string> = {
  taurusdb: (projectId) => `/v3/${projectId}/instances`,
  rds: (projectId) => `/v3/${projectId}/instances`,
  dcs: (projectId) => `/v2/${projectId}/instances`,
};

/** The first call of a source: its instance list. */
function instanceList(service: Service, projectId: string): CloudRequest {
  return {
    endpoint: simulator.endpoints[service],
    path: INSTANCE_LISTS[service](projectId),
    query: { offset: 0, limit: 10 },
    projectId,
  };
}

/** The first call of every source. */
function firstCalls(): CloudRequest[] {
  return simulator.projects.flatMap((project) => SERVICES.map((service) => instanceList(service, project.projectId)));
}

const totalCalls = () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0);

function client(sk: string): CloudClient {
  return new CloudClient({ credentials: { ak: simulator.credentials.ak, sk }, timeoutMs: 5_000 });
}

describe("the key check", () => {
  it("lets refused keys fail two calls without locking the key, then fail every call until the hold ends", async () => {
    const clock = new FakeClock(Date.now());
    const keys = new KeyCheck(client("not-the-secret-key-0123456789"), { projects: 4, clock, holdMs: HOLD_MS });
    simulator.resetCalls();
    const outcomes = await Promise.allSettled(firstCalls().map((request) => keys.get(request)));
    expect(outcomes.every((outcome) => outcome.status === "rejected")).toBe(true);
    for (const outcome of outcomes)
      expect(outcome.status === "rejected" && outcome.reason).toMatchObject({
        httpStatus: 401,
        errorCode: "APIGW.0301",
      });
    await expect.poll(totalCalls).toBe(2);

    // Within the hold, nothing reaches the cloud.
    clock.advance(HOLD_MS - 1);
    await expect(keys.get(firstCalls()[0])).rejects.toMatchObject({ httpStatus: 401 });
    expect(totalCalls()).toBe(2);

    // The gateway locks a key after more than 5 failures in a row: the right secret still works.
    const good = await client(simulator.credentials.sk).get(firstCalls()[0]);
    expect(good.status).toBe(200);

    clock.advance(1);
    simulator.resetCalls();
    await Promise.allSettled(firstCalls().map((request) => keys.get(request)));
    await expect.poll(totalCalls).toBe(2);
  });

  it("sends one call first, then the others together, once the keys work", async () => {
    const upstream = client(simulator.credentials.sk);
    let inFlight = 0;
    const concurrency: number[] = [];
    const counting: CloudGetter = {
      get: async (request) => {
        concurrency.push(++inFlight);
        try {
          return await upstream.get(request);
        } finally {
          inFlight--;
        }
      },
    };
    const keys = new KeyCheck(counting, { projects: 4, clock: new FakeClock(Date.now()), holdMs: HOLD_MS });
    const responses = await Promise.all(firstCalls().map((request) => keys.get(request)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(concurrency[0]).toBe(1);
    expect(Math.max(...concurrency)).toBe(firstCalls().length - 1);
  });

  it("keeps a project that refuses the keys apart from the others", async () => {
    const keys = new KeyCheck(client(simulator.credentials.sk), {
      projects: 2,
      clock: new FakeClock(Date.now()),
      holdMs: HOLD_MS,
    });
    const known = simulator.projects[0].projectId;
    const foreign = "0123456789abcdef0123456789abcdef";
    expect((await keys.get(instanceList("rds", known))).status).toBe(200);
    simulator.resetCalls();
    await expect(keys.get(instanceList("rds", foreign))).rejects.toMatchObject({ httpStatus: 401 });
    // The refusing project's other calls fail without reaching the cloud; another project's still work.
    await expect(keys.get(instanceList("dcs", foreign))).rejects.toMatchObject({ httpStatus: 401 });
    expect((await keys.get(instanceList("dcs", known))).status).toBe(200);
    await expect.poll(totalCalls).toBe(2);
  });
});

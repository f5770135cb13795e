import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";
import type { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "../cloud/signer";
import type { Service } from "../inventory/model";
import { type Simulator, startSimulator } from "./index";
import { prepareGet, type RawResponse, send, signedGet } from "./request";

const NOW = new Date("2026-01-05T08:00:00Z");

function expectError(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.json).toMatchObject({ error_code: code, error_msg: expect.any(String) });
  expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
}

describe("gateway authentication (signer of lib/cloud)", () => {
  let sim: Simulator;
  let projectId: string;
  let taurusId: string;
  let otherTaurusId: string;

  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, scale: "small", authLockout: false });
    projectId = sim.projects[0].projectId;
    const taurus = sim.truth().instances.filter((i) => i.service === "taurusdb" && i.projectId === projectId);
    taurusId = taurus[0].id;
    otherTaurusId = taurus[1].id;
  });
  afterAll(() => sim.close());

  const prepare = (
    path: string,
    query: [string, string][],
    overrides: { sk?: string; ak?: string; date?: Date } = {},
  ) =>
    prepareGet(sim.endpoints.taurusdb, path, query, {
      projectId,
      ak: overrides.ak ?? sim.credentials.ak,
      sk: overrides.sk ?? sim.credentials.sk,
      date: overrides.date ?? NOW,
    });

  it("accepts a correctly signed request and identifies it", async () => {
    const response = await signedGet(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, [["limit", "5"]]);
    expect(response.status).toBe(200);
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("rejects a tampered path", async () => {
    const prepared = prepare(`/v3/${projectId}/instances/${taurusId}/backups`, []);
    prepared.url = prepared.url.replace(taurusId, otherTaurusId);
    expectError(await send(prepared), 401, "APIGW.0301");
  });

  it("rejects a tampered query", async () => {
    const prepared = prepare(`/v3/${projectId}/backups`, [["limit", "10"]]);
    prepared.url = prepared.url.replace("limit=10", "limit=11");
    expectError(await send(prepared), 401, "APIGW.0301");
  });

  it("rejects a tampered signed header", async () => {
    const signed = signRequest({
      method: "GET",
      origin: sim.endpoints.taurusdb,
      path: `/v3/${projectId}/backups`,
      query: [],
      headers: { "X-Project-Id": projectId, "X-Language": "en-us" },
      ak: sim.credentials.ak,
      sk: sim.credentials.sk,
      date: NOW,
    });
    expect((await send(signed)).status).toBe(200);
    expectError(await send({ ...signed, headers: { ...signed.headers, "X-Language": "zh-cn" } }), 401, "APIGW.0301");
  });

  it("rejects a wrong secret key and an unknown access key", async () => {
    expectError(await send(prepare(`/v3/${projectId}/backups`, [], { sk: "wrong-secret-key" })), 401, "APIGW.0301");
    expectError(await send(prepare(`/v3/${projectId}/backups`, [], { ak: "UNKNOWNAK0000000" })), 401, "APIGW.0301");
  });

  it("rejects a missing, garbled or undated signature", async () => {
    const prepared = prepare(`/v3/${projectId}/backups`, []);
    const { Authorization: _authorization, ...unsigned } = prepared.headers;
    expectError(await send({ ...prepared, headers: unsigned }), 401, "APIGW.0301");
    expectError(
      await send({ ...prepared, headers: { ...prepared.headers, Authorization: "SDK-HMAC-SHA256 garbage" } }),
      401,
      "APIGW.0301",
    );
    const { "X-Sdk-Date": _date, ...undated } = prepared.headers;
    expectError(await send({ ...prepared, headers: undated }), 401, "APIGW.0301");
  });

  it("rejects a date more than 15 minutes off the simulator clock with APIGW.0303", async () => {
    const late = new Date(NOW.getTime() + 16 * 60_000);
    const early = new Date(NOW.getTime() - 16 * 60_000);
    expectError(await send(prepare(`/v3/${projectId}/backups`, [], { date: late })), 401, "APIGW.0303");
    expectError(await send(prepare(`/v3/${projectId}/backups`, [], { date: early })), 401, "APIGW.0303");
    const within = new Date(NOW.getTime() - 14 * 60_000);
    expect((await send(prepare(`/v3/${projectId}/backups`, [], { date: within }))).status).toBe(200);
  });

  it("reads a raw + in the query as a space, as the real gateway does", async () => {
    const window: [string, string][] = [
      ["begin_time", "2026-01-04T10:00:00+0800"],
      ["end_time", "2026-01-05T10:00:00+0800"],
    ];
    const encoded = prepare(`/v3/${projectId}/backups`, window);
    expect(encoded.url).toContain("%2B0800");
    expect((await send(encoded)).status).toBe(200);
    // Signed with "+" but sent raw: the gateway sees a space, so the signature no longer matches.
    expectError(await send({ ...encoded, url: encoded.url.replaceAll("%2B", "+") }), 401, "APIGW.0301");
    // Signed with the space the gateway will see: authenticated, then refused by the service's format rule.
    const spaced = prepare(
      `/v3/${projectId}/backups`,
      window.map(([key, value]) => [key, value.replace("+", " ")]),
    );
    expectError(await send({ ...spaced, url: spaced.url.replaceAll("%20", "+") }), 400, "DBS.200001");
  });

  it("rejects a project of another account or one that differs from X-Project-Id", async () => {
    const stranger = "0123456789abcdef0123456789abcdef";
    expectError(await signedGet(sim, "taurusdb", stranger, `/v3/${stranger}/backups`), 401, "APIGW.0301");
    expectError(
      await signedGet(sim, "taurusdb", sim.projects[1].projectId, `/v3/${projectId}/backups`),
      401,
      "APIGW.0301",
    );
  });
});

describe("gateway lockout", () => {
  it("locks an access key for 5 minutes after more than 5 consecutive failures", async () => {
    let clock = NOW.getTime();
    const sim = await startSimulator({ now: () => new Date(clock), instances: 10 });
    try {
      const projectId = sim.projects[0].projectId;
      const path = `/v3/${projectId}/instances`;
      const bad = () =>
        send(prepareGet(sim.endpoints.rds, path, [], { projectId, ak: sim.credentials.ak, sk: "not-the-key" }));
      for (let i = 0; i < 6; i++) expectError(await bad(), 401, "APIGW.0301");
      const locked = await signedGet(sim, "rds", projectId, path);
      expectError(locked, 401, "APIGW.0301");
      expect((locked.json as { error_msg: string }).error_msg).toContain("locked");
      clock += 5 * 60_000 + 1000;
      expect((await signedGet(sim, "rds", projectId, path)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it("resets the count of failures on a success", async () => {
    const sim = await startSimulator({ now: NOW, instances: 10 });
    try {
      const projectId = sim.projects[0].projectId;
      const path = `/v3/${projectId}/instances`;
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 4; i++)
          expect(
            (
              await send(
                prepareGet(sim.endpoints.rds, path, [], {
                  projectId,
                  ak: sim.credentials.ak,
                  sk: "nope-nope",
                  date: NOW,
                }),
              )
            ).status,
          ).toBe(401);
        expect((await signedGet(sim, "rds", projectId, path)).status).toBe(200);
      }
    } finally {
      await sim.close();
    }
  });
});

describe("the official SDK core, with its own HTTP client", () => {
  // The SDK dates its signature with the real clock, so this simulator runs on the real clock.
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scale: "small" });
  });
  afterAll(() => sim.close());

  const client = (service: Service): HcClient =>
    new ClientBuilder((hc: HcClient) => hc)
      .withEndpoint(sim.endpoints[service])
      .withCredential(
        new BasicCredentials()
          .withAk(sim.credentials.ak)
          .withSk(sim.credentials.sk)
          .withProjectId(sim.projects[0].projectId),
      )
      .build();

  const get = (hc: HcClient, url: string, queryParams: Record<string, string | number>) =>
    hc.sendRequest<{ httpStatusCode?: number } & Record<string, unknown>>({
      method: "GET",
      url,
      contentType: "application/json",
      queryParams,
      pathParams: {},
      headers: {},
    });

  it("is accepted on every service, time-window query included", async () => {
    const taurus = await get(client("taurusdb"), "/v3/{project_id}/backups", {
      limit: 10,
      begin_time: "2020-01-01T00:00:00+0800",
      end_time: "2021-01-01T00:00:00+0800",
    });
    expect(taurus.httpStatusCode).toBe(200);
    expect(taurus.total_count).toBe(0);
    const rds = await get(client("rds"), "/v3/{project_id}/instances", { offset: 0, limit: 100 });
    expect(rds.httpStatusCode).toBe(200);
    const dcs = await get(client("dcs"), "/v2/{project_id}/instances", { limit: 1000 });
    expect(dcs.httpStatusCode).toBe(200);
    expect(sim.calls().rds.operations.ListInstances).toBeGreaterThanOrEqual(1);
  });
});

import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";
import type { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";
import type { ProjectRef } from "../lib/config";
import type { Service } from "../lib/inventory/model";
import type { Simulator } from "../lib/simulator";

/**
 * The peer: what a user's own script on the official SDK core does to list every instance and backup — one
 * call after another, each list read page by page with the APIs' default page size (no `limit` sent), through
 * the SDK's own HTTP client and signer. It reads the same lists as the app (bounds.ts), so both end with the
 * same backups.
 */

type Body = Record<string, unknown>;

function client(simulator: Simulator, service: Service, project: ProjectRef): HcClient {
  return new ClientBuilder((hc: HcClient) => hc)
    .withEndpoint(simulator.endpoints[service])
    .withCredential(
      new BasicCredentials()
        .withAk(simulator.credentials.ak)
        .withSk(simulator.credentials.sk)
        .withProjectId(project.projectId),
    )
    .build();
}

function records(body: Body, field: string): Body[] {
  const value = body[field];
  return Array.isArray(value) ? (value as Body[]) : [];
}

/** Every record of a list, page after page; a short or empty page, or the announced total, ends it. */
async function readList(
  hc: HcClient,
  url: string,
  query: Record<string, string | number | boolean>,
  fields: { records: string; total: string },
): Promise<Body[]> {
  const all: Body[] = [];
  for (let offset = 0; ; ) {
    const body = await hc.sendRequest<Body>({
      method: "GET",
      url,
      contentType: "application/json",
      queryParams: { ...query, offset },
      pathParams: {},
      headers: {},
    });
    const page = records(body, fields.records);
    all.push(...page);
    offset += page.length;
    if (page.length === 0 || offset >= Number(body[fields.total] ?? 0)) return all;
  }
}

export interface PeerResult {
  ms: number;
  /** Distinct backups read (a TaurusDB full backup is in two lists). */
  backups: number;
}

export async function runPeer(simulator: Simulator): Promise<PeerResult> {
  const started = performance.now();
  const ids = new Set<string>();
  const keep = (service: Service, list: Body[], idField: string) => {
    for (const record of list) ids.add(`${service}:${String(record[idField])}`);
  };
  for (const project of simulator.projects) {
    const p = project.projectId;
    const taurus = client(simulator, "taurusdb", project);
    const taurusInstances = await readList(taurus, `/v3/${p}/instances`, {}, countedBy("instances"));
    keep("taurusdb", await readList(taurus, `/v3/${p}/backups`, {}, countedBy("backups")), "id");
    for (const instance of taurusInstances) {
      const id = String(instance.id);
      keep("taurusdb", await readList(taurus, `/v3/${p}/instances/${id}/backups`, {}, countedBy("backups")), "id");
      keep(
        "taurusdb",
        await readList(
          taurus,
          `/v3/${p}/instances/${id}/incremental-backups`,
          { display_offsite_backup: true },
          countedBy("backups"),
        ),
        "id",
      );
    }

    const rds = client(simulator, "rds", project);
    const rdsInstances = [
      ...(await readList(rds, `/v3/${p}/instances`, {}, countedBy("instances"))),
      ...(await readList(rds, `/v3/${p}/instances`, { group_type: "flexus" }, countedBy("instances"))),
    ];
    for (const instance of rdsInstances)
      keep(
        "rds",
        await readList(rds, `/v3/${p}/backups`, { instance_id: String(instance.id) }, countedBy("backups")),
        "id",
      );
    const copied = await readList(rds, "/v3/backups/offsite-backup-instance", {}, countedBy("offsite_backup_instances"));
    for (const instance of copied)
      keep(
        "rds",
        await readList(rds, `/v3/${p}/offsite-backups`, { instance_id: String(instance.id) }, countedBy("backups")),
        "id",
      );

    const dcs = client(simulator, "dcs", project);
    const dcsInstances = await readList(dcs, `/v2/${p}/instances`, {}, { records: "instances", total: "instance_num" });
    for (const instance of dcsInstances)
      keep(
        "dcs",
        await readList(
          dcs,
          `/v2/${p}/instances/${String(instance.instance_id)}/backups`,
          {},
          {
            records: "backup_record_response",
            total: "total_num",
          },
        ),
        "backup_id",
      );
  }
  return { ms: performance.now() - started, backups: ids.size };
}

/** A list whose page announces its size in `total_count`. */
function countedBy(records: string) {
  return { records, total: "total_count" };
}

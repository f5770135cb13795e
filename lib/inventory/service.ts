import "server-only";
import { getRuntime } from "../runtime";
import { backupsCsvStream } from "./csv";
import { readInventory } from "./frame";
import type { BackupPage, InstanceList, InventoryFrame } from "./model";
import type { BackupQuery } from "./query";

/** The backup list, its export and the instance list, read from the kept inventory (lib/store). */

export async function loadBackupPage(query: BackupQuery): Promise<BackupPage> {
  const { refresh, ...rest } = query;
  const { store, frame } = await readInventory(query, refresh);
  return { ...(await store.queryBackups(rest)), ...frame };
}

/** A CSV export ready to stream: its rows come from the store batch by batch, never all at once. */
export interface BackupExport {
  body: ReadableStream<Uint8Array>;
  frame: InventoryFrame;
}

export async function exportBackups(query: BackupQuery): Promise<BackupExport> {
  const { refresh, page: _page, pageSize: _pageSize, ...rest } = query;
  const { store, frame } = await readInventory(query, refresh);
  return { body: backupsCsvStream(store.exportBackups(rest), { history: rest.presence !== "current" }), frame };
}

export async function loadInstances(refresh: boolean): Promise<InstanceList> {
  const { store, frame } = await readInventory({}, refresh);
  return { items: await store.instances(), ...frame };
}

export async function appMode(): Promise<"demo" | "cloud"> {
  return (await getRuntime()).config.mode;
}

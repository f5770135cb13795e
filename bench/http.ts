import type { BackupPage } from "../lib/inventory/model";

/** HTTP calls of the benchmarks to the app, timed from the request to the body's last byte. */

export interface Timed<T> {
  ms: number;
  status: number;
  body: T;
}

export async function timedJson<T>(url: string): Promise<Timed<T>> {
  const started = performance.now();
  const response = await fetch(url);
  const body = (await response.json()) as T;
  return { ms: performance.now() - started, status: response.status, body };
}

/** `GET /api/backups`; anything but 200 fails the scenario with the API's own message. */
export async function backupPage(baseUrl: string, search: string): Promise<Timed<BackupPage>> {
  const result = await timedJson<BackupPage>(`${baseUrl}/api/backups${search ? `?${search}` : ""}`);
  if (result.status !== 200)
    throw new Error(
      `GET /api/backups?${search} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`,
    );
  return result;
}

/** Every backup of the cached inventory, as `service:id` keys, through the API's pages. */
export async function allBackupKeys(baseUrl: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let page = 1; ; page++) {
    const { body } = await backupPage(baseUrl, `pageSize=1000&page=${page}`);
    for (const item of body.items) keys.add(`${item.service}:${item.id}`);
    if (page * body.pageSize >= body.total) return keys;
  }
}

import { describe, expect, it } from "vitest";
import { backupOf, endOf, handleOf, intervalOf, Series, type SeriesKind, slotStart } from "./backups";
import { DAY_MS, generateDataset, HOUR_MS, type SimInstance } from "./dataset";
import {
  arrayList,
  type BackupList,
  instanceList,
  LISTS,
  mergeLists,
  pageOf,
  ProjectFullLists,
  windowList,
} from "./listing";

/** The computed lists against brute force: every slot and day enumerated, each backup asked whether it is listed. */

const NOW = Date.parse("2026-01-05T08:00:00Z");
const dataset = generateDataset({ seed: "listing", instances: 60, days: 3, anchor: new Date(NOW) });

const all = (list: BackupList) => pageOf(list, 0, list.length);

/** Every backup of a dense series listed at `now`: ended, not expired. */
function bruteDense(instance: SimInstance, series: SeriesKind, now: number): number[] {
  const interval = intervalOf(instance, series);
  if (interval === 0) return [];
  const found: number[] = [];
  const first = Math.floor((now - instance.keepDays * DAY_MS) / interval) - 1;
  for (let k = Math.floor(now / interval) + 1; k >= first; k--) {
    const backup = backupOf(dataset, handleOf(instance.index, series, k));
    if (!backup) continue;
    if (slotStart(instance, series, k) + interval <= now && backup.start >= now - instance.keepDays * DAY_MS)
      found.push(backup.handle);
  }
  return found;
}

const rds = dataset.instances.filter((i) => i.service === "rds");

describe("lists at an instant", () => {
  it("compute the cross-region log copies, failed logs left out, as enumerating every slot finds them", () => {
    const copying = rds.filter((i) => i.service === "rds" && i.offsiteTo !== null && i.offsiteLogs);
    expect(copying.length).toBeGreaterThan(0);
    for (const instance of copying)
      for (const now of [NOW, NOW + 7 * HOUR_MS + 123_000]) {
        const listed = all(instanceList(dataset, instance, { sparse: [], dense: [Series.offsiteLogCopy] }, now));
        const expected = bruteDense(instance, Series.offsiteLogCopy, now);
        expect(listed).toEqual(expected);
        // Copies of every log but the failed ones.
        const logs = bruteDense(instance, Series.log, now);
        const failed = logs.filter((handle) => backupOf(dataset, handle)?.outcome === "FAILED");
        expect(failed.length).toBeGreaterThan(0);
        expect(listed.length).toBe(logs.length - failed.length);
      }
  });

  it("merge sparse and dense series newest first, and window them by start", () => {
    for (const instance of rds.slice(0, 8)) {
      const list = instanceList(dataset, instance, LISTS.rdsBackups, NOW);
      const handles = all(list);
      const backups = handles.map((handle) => backupOf(dataset, handle));
      const starts = backups.map((backup) => backup?.start ?? Number.NaN);
      expect(starts).toEqual([...starts].sort((a, b) => b - a));
      expect(new Set(handles).size).toBe(handles.length);
      // Daily and manual backups are listed from their start, log backups once they end.
      for (const backup of backups) {
        if (!backup) throw new Error("a listed backup does not exist");
        expect(backup.start).toBeLessThanOrEqual(NOW);
        if (backup.series === Series.log) expect(endOf(backup)).toBeLessThanOrEqual(NOW);
      }
      const from = NOW - DAY_MS - 17 * 60_000;
      const to = NOW - 3 * HOUR_MS;
      expect(all(instanceList(dataset, instance, LISTS.rdsBackups, NOW, { from, to }))).toEqual(
        handles.filter((_, i) => starts[i] >= from && starts[i] <= to),
      );
    }
    const a = arrayList(Float64Array.of(1, 2, 3), Float64Array.of(30, 20, 10));
    const b = arrayList(Float64Array.of(4, 5), Float64Array.of(25, 20));
    const merged = mergeLists(a, b);
    expect(all(merged)).toEqual([1, 4, 2, 5, 3]);
    expect(all(windowList(merged, 15, 25))).toEqual([4, 2, 5]);
  });

  it("give the project-wide full-backup list as every instance's full backups, at any instant of a day", () => {
    const lists = new ProjectFullLists(dataset);
    for (const { projectId } of dataset.projects)
      for (const now of [NOW, NOW + 11 * HOUR_MS, NOW + 2 * DAY_MS + 1]) {
        const expected = dataset.instances
          .filter((i) => i.service === "taurusdb" && i.project.projectId === projectId)
          .flatMap((i) => all(instanceList(dataset, i, { sparse: [Series.daily, Series.manual], dense: [] }, now)));
        expect(all(lists.at(projectId, now)).sort()).toEqual(expected.sort());
      }
  });
});

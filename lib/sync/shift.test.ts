import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatOffsetTime, isoFromOffsetTime } from "../sources/time";
import type { TruthInstance } from "../simulator";
import { startBed, type SyncBed } from "./testing/bed";
import type { ListPage, RawRecord } from "./testing/changing-cloud";

/**
 * A list that changes while the sync reads it. TaurusDB's incremental list (50 a page, newest first) of one
 * instance runs to two pages; between its first page and its second, backups are deleted or added upstream, so
 * the second page starts at another record than the first page's end: offset paging skips or repeats records.
 */

const HOUR_MS = 3_600_000;
const PAGE = 50;

let bed: SyncBed;
let instance: TruthInstance;
let listPath: string;
/** The backup deleted upstream by the first test. */
let deleted: RawRecord | null = null;

const isCompleteListing = (page: ListPage) => page.path === listPath && page.query.begin_time === undefined;

async function currentIds(): Promise<string[]> {
  return (await bed.store.instanceBackups(instance.id)).map((backup) => backup.id).sort();
}

beforeAll(async () => {
  bed = await startBed();
  const { instances, backups } = bed.simulator.truth();
  const incremental = (candidate: TruthInstance) =>
    backups.filter((b) => b.instanceId === candidate.id && b.kind === "incremental").length;
  const found = instances.find((candidate) => candidate.service === "taurusdb" && incremental(candidate) > PAGE);
  if (!found) throw new Error("no TaurusDB instance with two pages of incremental backups");
  instance = found;
  listPath = `/v3/${instance.projectId}/instances/${instance.id}/incremental-backups`;
  bed.scheduler.start();
  await bed.settled();
});

afterAll(() => bed.close());

describe("a list that shifts while it is read", () => {
  it("a backup deleted mid-listing skips its neighbour on the next page, which is not taken for gone", async () => {
    let skipped: RawRecord | null = null;
    let secondPageStart: unknown = null;
    bed.cloud.edit = (records, page) => {
      if (page.path !== listPath) return records;
      if (isCompleteListing(page) && page.offset === 0 && !deleted) {
        // Served whole; right after, the tenth backup is deleted.
        deleted = records[10];
        skipped = records[PAGE];
        return records;
      }
      const after = records.filter((record) => record.id !== deleted?.id);
      if (isCompleteListing(page) && page.offset === PAGE) secondPageStart = after[PAGE]?.id;
      return after;
    };
    const before = await currentIds();
    const mark = bed.logs.length;
    await bed.advance(HOUR_MS);
    // The shift happened: the second page began one record later than the first page ended.
    expect(skipped).not.toBeNull();
    expect(secondPageStart).not.toBe((skipped as RawRecord | null)?.id);
    // Nothing was taken for gone: the skipped backup is still current, and so is the deleted one (listed on page 1).
    expect(await currentIds()).toEqual(before);
    const reconciled = bed.logs.slice(mark).find((line) => line.includes(`taurusdb ${instance.region} project`));
    expect(reconciled).toMatch(/ 0 gone, /);

    // At the next reconcile the deleted backup is missing from every page, and gone.
    await bed.advance(HOUR_MS);
    expect(await currentIds()).toEqual(before.filter((id) => id !== deleted?.id));
  });

  it("backups added mid-listing repeat records on the next page and push others past it: one row each, none lost", async () => {
    const added: RawRecord[] = [];
    let adding = false;
    bed.cloud.edit = (listed, page) => {
      if (page.path !== listPath) return listed;
      const records = listed.filter((record) => record.id !== deleted?.id);
      if (isCompleteListing(page) && page.offset === 0 && added.length === 0) {
        // Enough new backups that the last records of the list move past its last page as first announced, all
        // begun a minute ago, as the cloud's clock says.
        const head = records[0];
        const count = PAGE - (records.length % PAGE) + 1;
        const begin = formatOffsetTime(new Date(bed.clock.now() - 60_000));
        const end = formatOffsetTime(new Date(bed.clock.now()));
        for (let index = 0; index < count; index++)
          added.push({ ...head, id: `${String(head.id)}-new-${index}`, begin_time: begin, end_time: end });
        adding = true;
        return records;
      }
      if (!adding) return records;
      const from = typeof page.query.begin_time === "string" ? isoFromOffsetTime(page.query.begin_time) : undefined;
      const addedStart = isoFromOffsetTime(String(added[0].begin_time)) ?? "";
      return from === undefined || from <= addedStart ? [...added, ...records] : records;
    };
    const before = await currentIds();
    await bed.advance(HOUR_MS);
    // The reconcile read its first page before they came: nothing lost, nothing doubled, nothing gone.
    expect(await currentIds()).toEqual(before);
    const states = await bed.store.sourceStates();
    const source = states.find((s) => s.service === "taurusdb" && s.projectId === instance.projectId);
    const truth = bed.simulator.truth().backups;
    // The simulator's backups of the source but the one deleted.
    expect(source?.backups).toBe(
      truth.filter((b) => b.service === "taurusdb" && b.projectId === instance.projectId).length - 1,
    );
    // The next cycle's window holds them.
    await bed.advance(60_000);
    expect(await currentIds()).toEqual([...before, ...added.map((record) => String(record.id))].sort());
  });
});

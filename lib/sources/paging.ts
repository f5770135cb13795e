import "server-only";
import type { z } from "zod";
import { CloudApiError } from "../cloud/errors";
import type { CloudResponse, QueryValue } from "../cloud/types";
import type { SourceCalls } from "./calls";
import type { SkippedRecord } from "./types";

/** A page as the envelope schema of a list reads it: the total it announces and its raw records. */
export interface Envelope {
  total: number;
  records: unknown[];
}

export interface ListSpec<R> {
  /** Names the list in errors and skipped records, e.g. `RDS backup list of instance X`. */
  label: string;
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** The largest `limit` the API accepts. */
  pageSize: number;
  /** The most records the list can hold (LIST_MAXIMA): its pages are bounded by it. */
  maxRecords: number;
  envelope: z.ZodType<Envelope>;
  record: z.ZodType<R>;
  /** The raw field holding a record's ID, to name a record that fails validation. */
  idKey: string;
  /**
   * What waits for this list's calls, which ranks them for a slot (CALL_PRIORITY): `instances` for an instance
   * list (every per-instance list waits for it), `long` for a list that usually runs to many pages (its other
   * pages wait for its first); an ordinary list otherwise.
   */
  role?: "instances" | "long";
}

/** The longest automated-backup retention of TaurusDB and RDS, days. */
const RETENTION_DAYS = 732;
/** A log backup every 5 minutes, or sooner when changes pile up: counted twice over. */
const LOG_BACKUPS_PER_DAY = 2 * 288;
/** Full backups an instance can keep: one a day for the longest retention, and manual ones kept on top. */
const FULL_BACKUPS_OF_INSTANCE = 20_000;

/**
 * The most records a list can hold, by what it lists; a list's pages are bounded by them (maximum / page size).
 * Far beyond what a real account reaches, so that only an upstream whose totals cannot be true runs into them.
 */
export const LIST_MAXIMA = {
  /** Instances of one service in one project. */
  instances: 10_000,
  /** Full (and differential) backups of one instance. */
  backups: FULL_BACKUPS_OF_INSTANCE,
  /** Every backup of one instance, log backups included. */
  logBackups: RETENTION_DAYS * LOG_BACKUPS_PER_DAY + FULL_BACKUPS_OF_INSTANCE,
  /** Full backups of every instance of a project (TaurusDB's project-wide list). */
  projectBackups: 1_000_000,
} as const;

/**
 * The order in which calls queued for an endpoint's concurrency bound get a slot: calls that others wait for go
 * first, so that the chain of dependent round trips (instance list → a list's first page → its other pages) is
 * never held up behind calls that nothing waits for. With first come, first served, the first page of the one
 * instance that did not fit the first wave of first pages waited a round trip, and its other pages another.
 */
export const CALL_PRIORITY = {
  instanceList: 3,
  longListFirstPage: 2,
  firstPage: 1,
  laterPage: 0,
} as const;

function priorityOf(spec: Pick<ListSpec<unknown>, "role">, offset: number): number {
  if (spec.role === "instances") return CALL_PRIORITY.instanceList;
  if (offset > 0) return CALL_PRIORITY.laterPage;
  return spec.role === "long" ? CALL_PRIORITY.longListFirstPage : CALL_PRIORITY.firstPage;
}

export interface Listing<R> {
  items: R[];
  skipped: SkippedRecord[];
}

/** One issue list as a single line: `path: message; path: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/** A page that cannot be read as it is fails the whole source, with a message saying which page and why. */
function invalidPage(
  spec: Pick<ListSpec<unknown>, "label" | "path">,
  response: Page<unknown>["response"],
  offset: number,
  problem: string,
): CloudApiError {
  return new CloudApiError({
    httpStatus: response.status,
    errorCode: "invalid_response",
    errorMsg: `${spec.label} (offset ${offset}): ${problem}`,
    requestId: response.requestId,
    path: spec.path,
    attempts: response.attempts,
    retryable: false,
  });
}

/**
 * The page's envelope, if it is the documented one and within the list's bounds: no more records than asked,
 * and a total the list can hold (so that no loop or array is ever sized from an impossible total).
 */
function readEnvelope(
  spec: Pick<ListSpec<unknown>, "label" | "path" | "envelope" | "pageSize" | "maxRecords">,
  response: CloudResponse,
  offset: number,
): Envelope {
  const parsed = spec.envelope.safeParse(response.body);
  if (!parsed.success)
    throw invalidPage(spec, response, offset, `unexpected response: ${describeIssues(parsed.error)}`);
  const { total, records } = parsed.data;
  if (records.length > spec.pageSize)
    throw invalidPage(spec, response, offset, `${records.length} records where at most ${spec.pageSize} were asked`);
  if (total > spec.maxRecords)
    throw invalidPage(
      spec,
      response,
      offset,
      `the list announces ${total} records, more than the ${spec.maxRecords} it can hold: its totals are inconsistent`,
    );
  return parsed.data;
}

function recordId(record: unknown, idKey: string): string | undefined {
  if (typeof record !== "object" || record === null || !Object.hasOwn(record, idKey)) return undefined;
  const id: unknown = Reflect.get(record, idKey);
  return typeof id === "string" && id.trim() ? id.trim() : undefined;
}

/**
 * Validates records one by one. The record schemas require only what a row needs and read every other field as
 * null when it is absent or unreadable, so a record that fails is one without it: it is skipped, named, and
 * never takes the others with it.
 */
export function readRecords<R>(
  spec: Pick<ListSpec<R>, "label" | "record" | "idKey">,
  records: readonly unknown[],
  firstIndex: number,
): Listing<R> {
  const items: R[] = [];
  const skipped: SkippedRecord[] = [];
  records.forEach((record, index) => {
    const parsed = spec.record.safeParse(record);
    if (parsed.success) items.push(parsed.data);
    else
      skipped.push({
        list: spec.label,
        id: recordId(record, spec.idKey) ?? `index ${firstIndex + index}`,
        reason: describeIssues(parsed.error),
      });
  });
  return { items, skipped };
}

/** A page as read: where it starts, the total the list announces, how many records it held, and those records. */
export interface Page<R> extends Listing<R> {
  offset: number;
  total: number;
  size: number;
  /** The answer it came in, to name in an error. */
  response: Pick<CloudResponse, "status" | "requestId" | "attempts">;
}

async function fetchPage<R>(calls: SourceCalls, spec: ListSpec<R>, offset: number): Promise<Page<R>> {
  const response = await calls.get(
    spec.path,
    { ...spec.query, offset, limit: spec.pageSize },
    priorityOf(spec, offset),
  );
  const envelope = readEnvelope(spec, response, offset);
  const { status, requestId, attempts } = response;
  const page = { offset, total: envelope.total, size: envelope.records.length };
  // A short page ends the list; it must end where its own total says, or the totals cannot be trusted.
  if (page.size < spec.pageSize && page.offset + page.size < page.total)
    throw invalidPage(
      spec,
      response,
      offset,
      `${page.size} records where ${spec.pageSize} were asked, yet the list announces ${page.total}: ` +
        "its totals are inconsistent",
    );
  return { ...page, response: { status, requestId, attempts }, ...readRecords(spec, envelope.records, offset) };
}

export function firstPage<R>(calls: SourceCalls, spec: ListSpec<R>): Promise<Page<R>> {
  return fetchPage(calls, spec, 0);
}

/** Whether a page is its list's last: short (checked consistent by fetchPage), or reaching its own total. */
function isLastPage(page: Page<unknown>, pageSize: number): boolean {
  return page.size < pageSize || page.offset + page.size >= page.total;
}

/** How many more calls the rest of a list takes after its first page, as far as the first page tells. */
export function remainingCalls(first: Page<unknown>, pageSize: number): number {
  return isLastPage(first, pageSize) ? 0 : Math.ceil(first.total / pageSize) - 1;
}

/**
 * The first page's records and those of every other page. The pages up to the total announced are requested at
 * once (the client bounds concurrency); should the last of them still be full and a page announce more (the list
 * grew while it was read), the pages up to the new total follow. Totals are bounded by the list's maximum, so
 * are the pages. Every page after the one that ends the list must be empty.
 */
export async function restOfList<R>(calls: SourceCalls, spec: ListSpec<R>, first: Page<R>): Promise<Listing<R>> {
  const pages = [first];
  let last: Page<R> = first;
  let announced = first.total;
  while (!isLastPage(last, spec.pageSize)) {
    const offsets: number[] = [];
    // Not empty: a page that is not the last is full and short of a total that `announced` is at least.
    for (let offset = last.offset + spec.pageSize; offset < announced; offset += spec.pageSize) offsets.push(offset);
    const batch = await Promise.all(offsets.map((offset) => fetchPage(calls, spec, offset)));
    for (const page of batch) {
      if (isLastPage(last, spec.pageSize)) {
        if (page.size > 0)
          throw invalidPage(
            spec,
            page.response,
            page.offset,
            `${page.size} records after the list ended at offset ${last.offset + last.size}: its totals are inconsistent`,
          );
        continue;
      }
      pages.push(page);
      last = page;
      announced = Math.max(announced, page.total);
    }
  }
  return concatListings(pages);
}

/** Every page of a list: the first one tells the total, then all the others are requested at once. */
export async function listAll<R>(calls: SourceCalls, spec: ListSpec<R>): Promise<Listing<R>> {
  return restOfList(calls, spec, await firstPage(calls, spec));
}

export function mapListing<R, T>(listing: Listing<R>, normalise: (record: R) => T): Listing<T> {
  return { items: listing.items.map(normalise), skipped: listing.skipped };
}

export function concatListings<R>(listings: readonly Listing<R>[]): Listing<R> {
  return { items: listings.flatMap((l) => l.items), skipped: listings.flatMap((l) => l.skipped) };
}

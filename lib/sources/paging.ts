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

/** A page whose envelope is not the documented one fails the whole source, with a message saying where. */
function readEnvelope(
  spec: Pick<ListSpec<unknown>, "label" | "path" | "envelope">,
  response: CloudResponse,
  offset: number,
): Envelope {
  const parsed = spec.envelope.safeParse(response.body);
  if (parsed.success) return parsed.data;
  throw new CloudApiError({
    httpStatus: response.status,
    errorCode: "invalid_response",
    errorMsg: `${spec.label} (offset ${offset}): unexpected response: ${describeIssues(parsed.error)}`,
    requestId: response.requestId,
    path: spec.path,
    attempts: response.attempts,
    retryable: false,
  });
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

/** A page as read: the total the list announces, how many records it held, and those records. */
export interface Page<R> extends Listing<R> {
  total: number;
  size: number;
}

async function fetchPage<R>(calls: SourceCalls, spec: ListSpec<R>, offset: number): Promise<Page<R>> {
  const response = await calls.get(
    spec.path,
    { ...spec.query, offset, limit: spec.pageSize },
    priorityOf(spec, offset),
  );
  const envelope = readEnvelope(spec, response, offset);
  return { total: envelope.total, size: envelope.records.length, ...readRecords(spec, envelope.records, offset) };
}

export function firstPage<R>(calls: SourceCalls, spec: ListSpec<R>): Promise<Page<R>> {
  return fetchPage(calls, spec, 0);
}

/**
 * Should the API serve fewer records than asked while more remain, its actual page size is the step, so that
 * no record is skipped.
 */
function stepAfter(first: Page<unknown>, pageSize: number): number {
  return first.size > 0 && first.size < Math.min(pageSize, first.total) ? first.size : pageSize;
}

/** How many more calls the rest of a list takes after its first page. */
export function remainingCalls(first: Page<unknown>, pageSize: number): number {
  return Math.max(0, Math.ceil(first.total / stepAfter(first, pageSize)) - 1);
}

/** The first page's records and those of every other page, all requested at once (the client bounds concurrency). */
export async function restOfList<R>(calls: SourceCalls, spec: ListSpec<R>, first: Page<R>): Promise<Listing<R>> {
  const step = stepAfter(first, spec.pageSize);
  const offsets: number[] = [];
  for (let offset = step; offset < first.total; offset += step) offsets.push(offset);
  const rest = await Promise.all(offsets.map((offset) => fetchPage(calls, spec, offset)));
  return concatListings([first, ...rest]);
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

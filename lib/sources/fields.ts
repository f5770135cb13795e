import { z } from "zod";
import type { Envelope } from "./paging";
import { isoFromOffsetTime, isoFromUtcTime } from "./time";

/**
 * zod building blocks for the fields the backup APIs share (docs/cloud-apis.md). Real answers carry JSON `null`
 * and leave optional fields out, so a record schema requires only what a row cannot exist without (its ID, its
 * instance, its start time, its status, and the size where the service always sends it); every other field goes
 * through `optional`, which reads it as null when it is absent, null or unreadable (a wrong type, a bad format),
 * never failing the record.
 */

/** An optional field: absent, null or unreadable, it is null. */
export function optional<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .catch(null)
    .transform((value): z.output<T> | null => value ?? null);
}

/** An ID; surrounding blanks are dropped (an RDS doc example has `"...in03 "`), an empty one is refused. */
export const idText = z.string().trim().min(1, "must not be empty");

/** A status as sent: required, not empty. */
export const statusText = z.string().min(1, "must not be empty");

/** Optional text; empty means absent. */
export const optionalText = optional(z.string()).transform((value) => value || null);

function timeField(parse: (value: string) => string | undefined, format: string) {
  return z.string().transform((value, ctx) => {
    const iso = parse(value);
    if (iso === undefined) {
      ctx.addIssue(`expected a time as ${format}, got "${value}"`);
      return z.NEVER;
    }
    return iso;
  });
}

const OFFSET_FORMAT = "yyyy-mm-ddThh:mm:ss±hhmm";
const UTC_FORMAT = "ISO 8601 UTC or yyyy-mm-dd hh:mm:ss";

/** TaurusDB/RDS `begin_time` → ISO UTC. */
export const offsetTime = timeField(isoFromOffsetTime, OFFSET_FORMAT);
/** TaurusDB/RDS `end_time` → ISO UTC; null when absent or unreadable (a running backup sends none, or ""). */
export const optionalOffsetTime = optional(offsetTime);
/** DCS `created_at` → ISO UTC (both documented formats). */
export const utcTime = timeField(isoFromUtcTime, UTC_FORMAT);
/** DCS `updated_at`, `execution_at` → ISO UTC, or null. */
export const optionalUtcTime = optional(utcTime);

/** A non-negative count; `asString` also accepts it as a string of digits, where the API documents a String. */
export function count(options: { asString: boolean }) {
  const integer = z.number().int().nonnegative();
  return options.asString
    ? z.union([
        integer,
        z
          .string()
          .regex(/^\d{1,15}$/, "expected a whole number")
          .transform(Number),
      ])
    : integer;
}

/** A non-negative size; `asString` also accepts a decimal string such as "74464.0" where a String is documented. */
export function size(options: { asString: boolean }) {
  const number = z.number().nonnegative();
  return options.asString
    ? z.union([
        number,
        z
          .string()
          .regex(/^\d{1,15}(\.\d+)?$/, "expected a decimal number")
          .transform(Number),
      ])
    : number;
}

/** A backup's `datastore`: either part may be missing; the service's casing is kept. */
export const optionalDatastore = optional(z.object({ type: optionalText, version: optionalText }));

/** The record array of a page: items stay `unknown` here and are validated one by one. */
const recordArray = z.array(z.unknown());

/**
 * A list page's envelope, read as `{ total, records }`: its records under `recordsKey` (validated later, one by
 * one) and the list's total under `totalKey`, a count (`totalAsString`: also as a string of digits).
 */
export function pageEnvelope(recordsKey: string, totalKey: string, { totalAsString = false } = {}): z.ZodType<Envelope> {
  const shape: Record<string, z.ZodType> = { [recordsKey]: recordArray, [totalKey]: count({ asString: totalAsString }) };
  return z.object(shape).transform((page) => ({
    // Checked by the shape's two schemas just above; computed keys lose their types.
    total: page[totalKey] as number,
    records: page[recordsKey] as unknown[],
  }));
}

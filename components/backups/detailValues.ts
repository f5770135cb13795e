import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { JsonValue } from "@/lib/inventory/model";
import { formatCount, formatDuration, formatPercent } from "../format";
import { engineLabel } from "../labels";

/**
 * How the detail panel shows a value of a backup's `details` (docs/api.md): coded values in words of the page's
 * language, times as times, the engine as a name, progress in percent. Pure: the panel renders what this says.
 */
export type DetailDisplay =
  | { kind: "none" }
  | { kind: "text"; text: string }
  | { kind: "time"; iso: string }
  | { kind: "json"; value: JsonValue };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const NUMBER = /^\d+(\.\d+)?$/;

type LabelMessages = Messages["labels"];

function isEmpty(value: JsonValue): boolean {
  if (value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/** A datastore `{ type, version }` as "MySQL 8.0"; a type no label names as sent ("GaussDB(for MySQL) 8.0"). */
function engineText(datastore: { [key: string]: JsonValue }): string | null {
  const { type, version } = datastore;
  if (typeof type !== "string") return null;
  const label = engineLabel(type.toLowerCase());
  const name = label === type.toLowerCase() ? type : label;
  return typeof version === "string" && version ? `${name} ${version}` : name;
}

/** A coded value of `key` in words, when the messages name it. */
function codedValue(messages: LabelMessages, key: string, value: string): string | null {
  const codes = Object.hasOwn(messages.detailValue, key)
    ? (messages.detailValue[key as keyof LabelMessages["detailValue"]] as Readonly<Record<string, string>>)
    : null;
  return codes && Object.hasOwn(codes, value) ? codes[value] : null;
}

function scalarText(value: string | number | boolean, locale: Locale, messages: LabelMessages): string {
  if (typeof value === "boolean") return value ? messages.yes : messages.no;
  if (typeof value === "number") return formatCount(value, locale);
  return value;
}

export function detailDisplay(key: string, value: JsonValue, locale: Locale, messages: LabelMessages): DetailDisplay {
  if (isEmpty(value)) return { kind: "none" };
  const text = (shown: string): DetailDisplay => ({ kind: "text", text: shown });
  if (key === "progress" && (typeof value === "number" || (typeof value === "string" && NUMBER.test(value))))
    return text(formatPercent(Number(value), locale));
  // TaurusDB's take_up_time is in minutes.
  if (key === "takeUpTime" && typeof value === "number")
    return text(formatDuration(value * 60, locale, messages.duration));
  if (typeof value === "boolean") return text(scalarText(value, locale, messages));
  if (typeof value === "number") return text(scalarText(value, locale, messages));
  if (typeof value === "string") {
    // DCS's is_support_restore is the string TRUE or FALSE.
    if (value === "TRUE" || value === "FALSE") return text(value === "TRUE" ? messages.yes : messages.no);
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return { kind: "time", iso: value };
    return text(codedValue(messages, key, value) ?? value);
  }
  if (Array.isArray(value)) {
    const items = value.filter((item): item is string | number | boolean => item !== null && typeof item !== "object");
    if (items.length === value.length) return text(items.map((item) => scalarText(item, locale, messages)).join(", "));
    return { kind: "json", value };
  }
  const engine = key === "datastore" && value !== null ? engineText(value) : null;
  return engine ? text(engine) : { kind: "json", value };
}
